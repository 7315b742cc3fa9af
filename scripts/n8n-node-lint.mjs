// `npm run lint:n8n-node`: n8n's own tool, `n8n-node lint` (@n8n/node-cli), on the shipped source.
//
// In strict mode (package.json "n8n.strict": true, which verification needs) `n8n-node lint`
// refuses to run unless eslint.config.mjs is byte for byte its template, which lints every .ts
// file of the folder with the node rules. This repository's eslint.config.mjs also lints the
// tests, the sandbox and the scripts with rules of their own, so the tool runs in a copy of what
// is published instead: package.json, tsconfig.json, nodes/ and credentials/, with the tool's
// own template as eslint.config.mjs (read from the installed @n8n/node-cli, so it cannot drift)
// and this repository's node_modules linked in. Nothing in the repository is changed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = process.cwd();
const SHIPPED = ['package.json', 'tsconfig.json', 'nodes', 'credentials'];
const TEMPLATE = path.join(
	root,
	'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-node-lint-'));
let status = 1;
try {
	for (const entry of SHIPPED) {
		fs.cpSync(path.join(root, entry), path.join(work, entry), { recursive: true });
	}
	fs.copyFileSync(TEMPLATE, path.join(work, 'eslint.config.mjs'));
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
	const result = spawnSync(path.join(root, 'node_modules/.bin/n8n-node'), ['lint'], {
		cwd: work,
		stdio: 'inherit',
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	status = result.status ?? 1;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
console.log(
	`n8n-node lint (strict, template config) on ${SHIPPED.join(', ')}: ${status === 0 ? 'passed' : 'FAILED'}`,
);
process.exit(status);
