// Types for the exports of the real-n8n harness (scripts/e2e/n8n.mjs, plain JavaScript) that
// `npm run bench:n8n` and `npm run bench:n8n-limits` use.
declare module '*/e2e/n8n.mjs' {
	export interface N8nInstance {
		userFolder: string;
		packageDir?: string;
		env: Record<string, string>;
		tmpDir: string;
	}
	export interface ExecuteResult {
		ok: boolean;
		why: string;
		code: number | null;
		signal: string | null;
		run:
			| { data?: { resultData?: { runData?: Record<string, TaskData[]>; error?: unknown } } }
			| undefined;
		error: unknown;
		/** The items' json of a node's output, when n8n printed the run. */
		nodeOutput(
			name: string,
			outputIndex?: number,
			runIndex?: number,
		): Array<Record<string, unknown>> | undefined;
		stdout: string;
		stderr: string;
		ms: number;
	}
	export interface TaskData {
		startTime: number;
		executionTime: number;
		error?: { message?: string };
		data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
	}
	export const N8N_VERSION: string;
	export const CACHE_DIR: string;
	export const REPO_DIR: string;
	export function headCommit(): string;
	export function ensureN8n(): Promise<{
		nodeVersion: string;
		n8nVersion: string;
		cached: boolean;
	}>;
	export function packPackage(options?: { destDir?: string }): Promise<string>;
	export function createInstance(options?: {
		tarball?: string;
		userFolder?: string;
		env?: Record<string, string>;
	}): Promise<N8nInstance>;
	export function destroyInstance(instance: N8nInstance): Promise<void>;
	export function importVtexCredential(
		instance: N8nInstance,
		options: {
			baseUrl: string;
			accountName?: string;
			appKey?: string;
			appToken?: string;
			name?: string;
		},
	): Promise<{ id: string; name: string; type: string }>;
	export function importWorkflow(instance: N8nInstance, workflow: object): Promise<string>;
	export function importWorkflows(
		instance: N8nInstance,
		workflows: object[],
	): Promise<Array<{ id: string; name: string }>>;
	export function publishWorkflow(instance: N8nInstance, id: string): Promise<void>;
	export interface N8nProcess {
		pid: number;
		output(): string;
		stop(): Promise<void>;
		/** kill -9 of the process group: a crash. */
		kill(): Promise<void>;
	}
	export function startN8n(
		instance: N8nInstance,
		options?: {
			port?: number;
			env?: Record<string, string>;
			readyTimeoutMs?: number;
			webhooks?: Array<{ path: string; method?: string }>;
		},
	): Promise<N8nProcess & { port: number; baseUrl: string }>;
	export function startWorker(
		instance: N8nInstance,
		options?: { env?: Record<string, string>; concurrency?: number; readyTimeoutMs?: number },
	): Promise<N8nProcess>;
	export interface Service {
		host: string;
		port: number;
		stop(): Promise<void>;
	}
	export function ensureQueueServices(): Promise<void>;
	export function startRedis(): Promise<Service>;
	export function queueModeEnv(
		redis: Service,
		postgres: Service & { database: string; user: string; password: string },
		encryptionKey: string,
	): Record<string, string>;
	export function startPostgres(): Promise<
		Service & { database: string; user: string; password: string }
	>;
	export function ownerSession(server: { baseUrl: string }): Promise<{
		get(path: string): Promise<unknown>;
		post(path: string, body: unknown): Promise<unknown>;
	}>;
	export function log(...parts: unknown[]): void;
	export function executeWorkflow(
		instance: N8nInstance,
		id: string,
		options?: { env?: Record<string, string>; timeoutMs?: number },
	): Promise<ExecuteResult>;
}
