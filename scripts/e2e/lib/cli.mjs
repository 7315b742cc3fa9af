// The n8n CLI of the leg: its environment, a fresh n8n home with this package installed,
// imports, headless runs, activation.

import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { baseEnv } from './env.mjs';
import { installCommunityPackage } from './package.mjs';
import { getFreePort, run, tail } from './process.mjs';
import { N8N_BIN, N8N_MAJOR, N8N_PKG_DIR, NODE_BIN } from './runtime.mjs';

/**
 * An n8n home of the harness: its folders, this package installed, and the environment its n8n
 * commands run with.
 * @typedef {{userFolder:string, packageDir:string, tmpDir:string, env:Record<string,string>}} N8nInstance
 */

/**
 * What `n8n execute` gave: see executeWorkflow.
 * @typedef {{ok:boolean, why:string, code:number|null, signal:string|null, run:any, error:any,
 *   lastNode:string|undefined, nodeOutput(name:string, outputIndex?:number, runIndex?:number):any[]|undefined,
 *   lastNodeOutput():any[]|undefined, nodeError(name:string):any, stdout:string, stderr:string, ms:number}} ExecuteResult
 */

/**
 * Creates a fresh n8n home (N8N_USER_FOLDER outside the repository, so that the repo's
 * node_modules can never leak into module resolution) with this package installed.
 * @param {{tarball?:string, userFolder?:string, env?:Record<string,string>}} [opts]
 * @returns {Promise<N8nInstance>}
 */
export async function createInstance({ tarball, userFolder, env = {} } = {}) {
	userFolder ??= await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-'));
	await fsp.mkdir(path.join(userFolder, '.n8n'), { recursive: true });
	let packageDir;
	if (tarball) packageDir = await installCommunityPackage(userFolder, tarball);
	return { userFolder, packageDir, env, tmpDir: path.join(userFolder, 'e2e-tmp') };
}

/** Deletes the instance's user folder. */
export async function destroyInstance(inst) {
	await fsp.rm(inst.userFolder, { recursive: true, force: true });
}

const EXIT_PATCH = path.join(
	path.dirname(fileURLToPath(import.meta.url)),
	'..',
	'dispose-on-exit.cjs',
);

/**
 * n8n 2.40.7's CLI commands call process.exit() with the isolated-vm expression engine still
 * alive, and on Node 24 about half of the `n8n execute` runs whose workflow evaluates an
 * expression then die with SIGSEGV after printing their result. dispose-on-exit.cjs makes
 * process.exit dispose the engine first, as n8n's own exitSuccessFully() does.
 * E2E_NO_EXIT_PATCH=1 turns it off.
 */
function exitPatchEnv() {
	if (process.env.E2E_NO_EXIT_PATCH) return {};
	return {
		NODE_OPTIONS: `--require ${JSON.stringify(EXIT_PATCH)}`,
		E2E_N8N_PACKAGE_DIR: N8N_PKG_DIR,
	};
}

/**
 * Runs `n8n <args…>` for the instance. Each CLI call gets its own free task-broker port,
 * so it may run while `n8n start` is up.
 * @param {N8nInstance} inst
 * @param {string[]} args
 * @param {{env?:Record<string,string>, timeoutMs?:number, allowFailure?:boolean}} [opts]
 */
export async function n8n(
	inst,
	args,
	{ env = {}, timeoutMs = 5 * 60_000, allowFailure = false } = {},
) {
	const brokerPort = await getFreePort();
	return await run(NODE_BIN, [N8N_BIN, ...args], {
		cwd: inst.userFolder,
		env: baseEnv(inst.userFolder, {
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...exitPatchEnv(),
			...inst.env,
			...env,
		}),
		timeoutMs,
		allowFailure,
	});
}

async function writeTmpJson(inst, name, value) {
	await fsp.mkdir(inst.tmpDir, { recursive: true });
	const file = path.join(
		inst.tmpDir,
		`${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`,
	);
	await fsp.writeFile(file, JSON.stringify(value, null, 2));
	return file;
}

function newId() {
	// n8n ids: 16 alphanumerics.
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let s = '';
	for (let i = 0; i < 16; i++) s += chars[Math.floor(Math.random() * chars.length)];
	return s;
}

/**
 * Imports credentials (plain `data` objects; n8n encrypts them on import).
 * @param {Array<{id?:string, name:string, type:string, data:object}>|object} creds
 * @returns {Promise<Array<{id:string,name:string,type:string}>>}
 */
export async function importCredentials(inst, creds) {
	const list = (Array.isArray(creds) ? creds : [creds]).map((c) => ({ ...c, id: c.id ?? newId() }));
	const file = await writeTmpJson(inst, 'credentials.json', list);
	await n8n(inst, ['import:credentials', `--input=${file}`]);
	return list.map(({ id, name, type }) => ({ id, name, type }));
}

/**
 * Imports a credential of type vtexOrderProcessingApi.
 * @param {{baseUrl:string, accountName?:string, environment?:string, appKey?:string, appToken?:string, id?:string, name?:string}} o
 */
export async function importVtexCredential(inst, o) {
	const [cred] = await importCredentials(inst, {
		id: o.id,
		name: o.name ?? 'VTEX e2e',
		type: 'vtexOrderProcessingApi',
		data: {
			accountName: o.accountName ?? 'e2estore',
			environment: o.environment ?? 'vtexcommercestable',
			baseUrl: o.baseUrl ?? '',
			appKey: o.appKey ?? 'vtexappkey-e2estore-TEST',
			appToken: o.appToken ?? 'e2e-secret-token',
		},
	});
	return cred;
}

/**
 * Imports one or more workflows (objects with nodes and connections, or a path to a JSON
 * file holding one or an array). Missing ids are generated. Imported workflows are inactive.
 * @returns {Promise<Array<{id:string,name:string}>>}
 */
export async function importWorkflows(inst, workflows) {
	if (typeof workflows === 'string') workflows = JSON.parse(await fsp.readFile(workflows, 'utf8'));
	const list = (Array.isArray(workflows) ? workflows : [workflows]).map((w) => ({
		settings: {},
		...w,
		id: w.id ?? newId(),
	}));
	const file = await writeTmpJson(inst, 'workflows.json', list);
	const res = await n8n(inst, ['import:workflow', `--input=${file}`]);
	if (/Skipped workflow/.test(res.stdout + res.stderr)) {
		throw new Error(`n8n skipped a workflow on import:\n${res.stdout}\n${res.stderr}`);
	}
	return list.map(({ id, name }) => ({ id, name }));
}

/** Imports one workflow and returns its id. */
export async function importWorkflow(inst, workflow) {
	const [w] = await importWorkflows(inst, workflow);
	return w.id;
}

/** Extracts the execution JSON that `n8n execute` prints (a top-level `{` … `}` block). */
export function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start === -1) return undefined;
	for (let end = lines.length - 1; end > start; end--) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {}
	}
	return undefined;
}

/**
 * Runs a workflow headless: `n8n execute --id <id> --rawOutput`.
 * @returns {Promise<ExecuteResult>} where ExecuteResult = {
 *   ok: boolean,                 // exit code 0 and no resultData.error
 *   why: string,                 // failure summary (exit code, error, output tails) for messages
 *   code: number|null, signal: string|null,
 *   run: object|undefined,       // the IRun n8n printed (data.resultData.runData …)
 *   error: object|undefined,     // resultData.error when the run failed
 *   lastNode: string|undefined,
 *   nodeOutput(name, outputIndex=0, runIndex=0): object[]|undefined  // items' json
 *   lastNodeOutput(): object[]|undefined,
 *   nodeError(name): object|undefined,
 *   stdout, stderr, ms }
 */
/**
 * @param {N8nInstance} inst
 * @param {string} id
 * @param {{env?:Record<string,string>, timeoutMs?:number}} [opts]
 */
export async function executeWorkflow(inst, id, { env, timeoutMs = 5 * 60_000 } = {}) {
	// n8n prints the run through its logger at level info: anything lower hides it.
	const res = await n8n(inst, ['execute', `--id=${id}`, '--rawOutput'], {
		env: { N8N_LOG_LEVEL: 'info', ...env },
		timeoutMs,
		allowFailure: true,
	});
	const runData = parseExecuteOutput(res.stdout);
	const resultData = runData?.data?.resultData;
	const nodeRuns = resultData?.runData ?? {};
	const nodeOutput = (name, outputIndex = 0, runIndex = 0) =>
		nodeRuns[name]?.[runIndex]?.data?.main?.[outputIndex]?.map((i) => i.json);
	// n8n's CLI can die with SIGSEGV while exiting, after it printed the whole run (see
	// dispose-on-exit.cjs; seen on both lines, rarely on 1.x): the run itself is what is judged, so
	// a complete execution whose status is success counts, with the crash left in `signal`.
	const crashedAfterTheRun =
		res.signal === 'SIGSEGV' && runData?.status === 'success' && !!runData?.stoppedAt;
	const ok = (res.code === 0 || crashedAfterTheRun) && !!runData && !resultData?.error;
	return {
		ok,
		/** A one-paragraph reason for assertion messages. */
		why: ok
			? 'ok'
			: `exit ${res.code ?? res.signal}; ${runData ? `error: ${JSON.stringify(resultData?.error)?.slice(0, 2000)}` : 'no execution JSON in stdout'}\n--- stdout (tail) ---\n${tail(res.stdout, 3000)}\n--- stderr (tail) ---\n${tail(res.stderr, 3000)}`,
		code: res.code,
		signal: res.signal,
		run: runData,
		error: resultData?.error,
		lastNode: resultData?.lastNodeExecuted,
		nodeOutput,
		lastNodeOutput: () =>
			resultData?.lastNodeExecuted ? nodeOutput(resultData.lastNodeExecuted) : undefined,
		nodeError: (name) => nodeRuns[name]?.[0]?.error,
		stdout: res.stdout,
		stderr: res.stderr,
		ms: res.ms,
	};
}

/**
 * Activates a workflow the way the leg's CLI does it; do it before startN8n(). n8n 2.x publishes
 * (`publish:workflow`); n8n 1.x has no publishing and sets the workflow active
 * (`update:workflow --active=true`).
 */
export async function publishWorkflow(inst, id) {
	const args =
		N8N_MAJOR >= 2
			? ['publish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=true'];
	await n8n(inst, args);
}
