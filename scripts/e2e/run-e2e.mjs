#!/usr/bin/env node
// Runs this package inside real n8n (see scripts/e2e/n8n.mjs for the harness).
//
//   node scripts/e2e/run-e2e.mjs [--n8n <version>|all] [--queue] [--setup-only] [--keep] [--verbose] [test files…]
//
// Legs: every n8n line the package supports, one after the other (default `all`: n8n 2.40.7 on
// Node 24, then n8n 1.123.81 on Node 22); `--n8n 2.40.7` or `--n8n 1.123.81` runs one. Per leg:
// 1. its Node + n8n into the cache (E2E_CACHE_DIR, default <repo>/.e2e-cache); skipped
//    when the cache is valid.
// 2. `npm pack` of this repository (run `npm run build` first), once for all legs, or the
//    tarball in E2E_TARBALL when set.
// 3. The e2e test files, with node's test runner, one file at a time. Default:
//    scripts/e2e/smoke.mjs and every scripts/e2e/tests/**/*.test.mjs.
// `--queue` runs scripts/e2e/queue/queue.test.mjs instead (queue mode: Redis, PostgreSQL, one
// main, one worker), on n8n 2.40.7 unless --n8n says otherwise.
// Exit code: non-zero when any leg failed (a test or its setup).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CACHE_DIR, DEFAULT_N8N_VERSION, LEGS, ensureN8n, log, packPackage } from './n8n.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
	const i = args.indexOf(name);
	if (i === -1) return false;
	args.splice(i, 1);
	return true;
};
const option = (name) => {
	const i = args.indexOf(name);
	if (i === -1) return undefined;
	const [, value] = args.splice(i, 2);
	if (!value) throw new Error(`${name} needs a value`);
	return value;
};
const setupOnly = flag('--setup-only');
const queue = flag('--queue');
const legOption = option('--n8n');
const keep = flag('--keep');
const verbose = flag('--verbose');

function defaultTestFiles() {
	if (queue) return [path.join(HERE, 'queue', 'queue.test.mjs')];
	const files = [path.join(HERE, 'smoke.mjs')];
	const testsDir = path.join(HERE, 'tests');
	const walk = (dir) => {
		if (!fs.existsSync(dir)) return;
		for (const e of fs
			.readdirSync(dir, { withFileTypes: true })
			.sort((a, b) => a.name.localeCompare(b.name))) {
			const p = path.join(dir, e.name);
			if (e.isDirectory()) walk(p);
			else if (e.name.endsWith('.test.mjs')) files.push(p);
		}
	};
	walk(testsDir);
	return files;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function legsToRun() {
	if (legOption === undefined) return queue ? [DEFAULT_N8N_VERSION] : Object.keys(LEGS);
	if (legOption === 'all') return Object.keys(LEGS);
	if (!LEGS[legOption])
		throw new Error(`--n8n ${legOption}: the legs are ${Object.keys(LEGS).join(', ')} (or all)`);
	return [legOption];
}

/** Several legs: pack once, then this script again per leg, each with its E2E_N8N_VERSION. */
async function runLegs(legs) {
	const t0 = Date.now();
	const tarball = process.env.E2E_TARBALL
		? path.resolve(process.env.E2E_TARBALL)
		: await packPackage();
	const results = [];
	for (const leg of legs) {
		log(`=== leg: n8n ${leg} on Node ${LEGS[leg].nodeMajor} ===`);
		const t = Date.now();
		const passThrough = [
			setupOnly && '--setup-only',
			queue && '--queue',
			keep && '--keep',
			verbose && '--verbose',
		].filter(Boolean);
		const child = spawn(
			process.execPath,
			[fileURLToPath(import.meta.url), '--n8n', leg, ...passThrough, ...args],
			{
				stdio: 'inherit',
				env: { ...process.env, E2E_N8N_VERSION: leg, E2E_TARBALL: tarball },
			},
		);
		const code = await new Promise((resolve) =>
			child.on('close', (c, s) => resolve(c ?? (s ? 1 : 0))),
		);
		results.push({ leg, code, ms: Date.now() - t });
	}
	for (const { leg, code, ms } of results)
		log(`leg n8n ${leg}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(ms)}`);
	log(`all legs: ${seconds(Date.now() - t0)}`);
	return results.every(({ code }) => code === 0) ? 0 : 1;
}

async function main() {
	const legs = legsToRun();
	if (legs.length > 1 || (process.env.E2E_N8N_VERSION ?? DEFAULT_N8N_VERSION) !== legs[0])
		return await runLegs(legs);
	const t0 = Date.now();
	log(`cache: ${CACHE_DIR}`);
	const runtime = await ensureN8n();
	const tSetup = Date.now() - t0;
	const parts = Object.entries(runtime.timings)
		.filter(([, ms]) => ms > 0)
		.map(([k, ms]) => `${k} ${seconds(ms)}`);
	log(
		`runtime: Node ${runtime.nodeVersion}, n8n ${runtime.n8nVersion} — ${runtime.cached ? 'cached' : 'installed'} in ${seconds(tSetup)}${parts.length ? ` (${parts.join(', ')})` : ''}`,
	);
	const t1 = Date.now();
	let tarball = process.env.E2E_TARBALL;
	if (tarball) {
		tarball = path.resolve(tarball);
		if (!fs.existsSync(tarball)) throw new Error(`E2E_TARBALL=${tarball} does not exist`);
		log(`using E2E_TARBALL=${tarball} (not packing)`);
	} else {
		tarball = await packPackage();
		log(
			`packed ${path.relative(process.cwd(), tarball) || tarball} in ${seconds(Date.now() - t1)}`,
		);
	}
	if (setupOnly) return 0;

	const files = args.length ? args.map((f) => path.resolve(f)) : defaultTestFiles();
	log(
		`running ${files.length} e2e file(s): ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`,
	);
	const t2 = Date.now();
	const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
		stdio: 'inherit',
		env: {
			...process.env,
			E2E_TARBALL: tarball,
			...(keep ? { E2E_KEEP: '1' } : {}),
			...(verbose ? { E2E_VERBOSE: '1' } : {}),
		},
	});
	const code = await new Promise((resolve) =>
		child.on('close', (c, s) => resolve(c ?? (s ? 1 : 0))),
	);
	log(`e2e tests took ${seconds(Date.now() - t2)}; total ${seconds(Date.now() - t0)}`);
	return code;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error?.stack ?? error);
		process.exit(1);
	},
);
