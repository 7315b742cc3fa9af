// Runs the lint stage of n8n's own community-package scanner locally, on both legs n8n lints
// after its provenance check: the source tree (SOURCE_FILE_PATTERNS) and the unpacked
// `npm pack` tarball (compiled .js and the published package.json). Build first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = process.cwd();
if (!existsSync(path.join(root, 'dist'))) {
	console.error('dist/ is missing: run `npm run build` before `npm run scan`.');
	process.exit(1);
}

function run(cmd, args, cwd) {
	const result = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		console.error(result.stdout, result.stderr);
		throw new Error(`${cmd} ${args.join(' ')} failed`);
	}
	return result.stdout;
}

const work = mkdtempSync(path.join(tmpdir(), 'vtex-scan-'));
let failed = false;
try {
	const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	report('source tree', source);

	const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
	const unpacked = path.join(work, 'package');
	mkdirSync(unpacked);
	run(
		'tar',
		['-xzf', path.join(work, packed[0].filename), '-C', unpacked, '--strip-components=1'],
		work,
	);
	const tarball = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
	report(`tarball ${packed[0].filename} (${packed[0].entryCount} files)`, tarball);
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

function report(leg, result) {
	if (result.passed) {
		console.log(`scan ${leg}: passed${result.message ? ` (${result.message})` : ''}`);
		return;
	}
	failed = true;
	console.error(`scan ${leg}: FAILED - ${result.message}`);
	if (result.details) console.error(result.details);
}
