import type { Route } from '../http';
import type { Sandbox } from '../server';
import type { SandboxState } from '../state';
import { feedRoutes } from './feed';
import { omsRoutes } from './oms';
import { vtexIdRoutes } from './vtexid';

/** A family of VTEX endpoints: given the shared state, its routes. One module per family. */
export type Family = (state: SandboxState, sandbox: Sandbox) => Route[];

export const allFamilies: Family[] = [vtexIdRoutes, omsRoutes, feedRoutes];
