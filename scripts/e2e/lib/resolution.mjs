// How the package's bare require()s resolve when n8n loads it.

import path from 'node:path';

import { run, withNodeOnPath } from './process.mjs';
import { N8N_DIR, N8N_PKG_DIR, NODE_BIN } from './runtime.mjs';

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
	const { stdout } = await run(
		NODE_BIN,
		['-e', script, inst.packageDir, path.join(N8N_PKG_DIR, 'dist'), N8N_DIR],
		{
			env: withNodeOnPath({ PATH: process.env.PATH }),
		},
	);
	return JSON.parse(stdout.trim().split('\n').pop());
}

/**
 * Names the built package takes from `n8n-workflow` at run time (tsc writes them as
 * `n8n_workflow_1.<name>`) that the leg's own n8n-workflow does not export: each would be
 * `undefined` inside n8n (on 1.x, `isSubMinuteCron` was one: "undefined is not a function").
 * @returns {Promise<{version:string, used:string[], missing:string[]}>}
 */
export async function missingWorkflowExports(inst) {
	const script = `
		const fs = require('fs');
		const path = require('path');
		const [pkgDir, n8nPkgDir] = process.argv.slice(1);
		const resolved = require.resolve('n8n-workflow', { paths: [n8nPkgDir] });
		const workflow = require(resolved);
		let dir = path.dirname(resolved);
		while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
		const used = new Set();
		(function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (p.endsWith('.js')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\\bn8n_workflow_\\d+\\.(\\w+)/g)) used.add(m[1]); } })(path.join(pkgDir, 'dist'));
		const names = [...used].sort();
		console.log(JSON.stringify({ version: require(path.join(dir, 'package.json')).version, used: names, missing: names.filter((n) => workflow[n] === undefined) }));`;
	const { stdout } = await run(NODE_BIN, ['-e', script, inst.packageDir, N8N_PKG_DIR], {
		env: withNodeOnPath({ PATH: process.env.PATH }),
	});
	return JSON.parse(stdout.trim().split('\n').pop());
}
