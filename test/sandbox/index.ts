export { Sandbox, startSandbox } from './server';
export type { SandboxOptions } from './server';
export type { FaultRule, RateLimit } from './faults';
export type { Order, InvoicePackage } from './model';
export { DEFAULT_ACCOUNT, DEFAULT_KEYS } from './auth';
