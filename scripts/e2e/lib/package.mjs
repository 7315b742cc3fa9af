// This repository as n8n gets it: `npm pack`, then installed as n8n's community-package
// installer does.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

import { ensureN8n } from './install.mjs';
import { npmCommand, readJson, run } from './process.mjs';
import { CACHE_DIR, PACKAGE_N8N, PACKAGE_NAME, REPO_DIR } from './runtime.mjs';

/**
 * `npm pack` of this repository (expects `npm run build` to have run), into a folder of this
 * process's own, so that runs sharing one cache never replace each other's tarball.
 * @returns {Promise<string>} absolute path of the .tgz
 */
export async function packPackage({
	destDir = path.join(CACHE_DIR, 'pack', String(process.pid)),
} = {}) {
	for (const f of [...(PACKAGE_N8N?.nodes ?? []), ...(PACKAGE_N8N?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(REPO_DIR, f))) {
			throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
		}
	}
	await fsp.rm(destDir, { recursive: true, force: true });
	await fsp.mkdir(destDir, { recursive: true });
	const { stdout } = await run(
		npmCommand(),
		['pack', '--json', '--ignore-scripts', '--pack-destination', destDir],
		{
			cwd: REPO_DIR,
		},
	);
	const [info] = JSON.parse(stdout);
	return path.join(destDir, info.filename);
}

/**
 * Installs a packed tarball the way n8n's CommunityPackagesService.downloadPackage() does
 * (1.x and 2.x alike): extract to <nodes>/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, `npm install` its remaining dependencies shallowly with
 * scripts off, and record it in <nodes>/package.json.
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
	const ledger = readJson(ledgerFile) ?? {
		name: 'installed-nodes',
		private: true,
		dependencies: {},
	};
	ledger.dependencies = { ...(ledger.dependencies ?? {}), [PACKAGE_NAME]: kept.version };
	await fsp.writeFile(ledgerFile, JSON.stringify(ledger, null, 2));
	return pkgDir;
}

/**
 * One-call setup shared by the test files: the leg's Node + n8n in the cache, and a packed
 * tarball of this repository (reused from E2E_TARBALL when run-e2e.mjs already packed).
 * @returns {Promise<{tarball:string, runtime:Awaited<ReturnType<typeof ensureN8n>>}>}
 */
export async function prepare() {
	const runtime = await ensureN8n();
	let tarball = process.env.E2E_TARBALL;
	if (!tarball || !fs.existsSync(tarball)) tarball = await packPackage();
	return { tarball, runtime };
}
