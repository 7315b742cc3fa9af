// Types for the exports of the real-n8n harness (scripts/e2e/n8n.mjs, plain JavaScript) that
// `npm run bench:n8n` uses.
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
	export function executeWorkflow(
		instance: N8nInstance,
		id: string,
		options?: { env?: Record<string, string>; timeoutMs?: number },
	): Promise<ExecuteResult>;
}
