// `npm run check:tarball`: what `npm publish` would upload, checked before it does. Build first.
//
// The tarball may hold only package.json, README.md, LICENSE and dist/; in dist/ only what the
// build makes from a source of today's tree: a .js for each .ts of nodes/ and credentials/ (tests
// excluded), the .json codex files and the icons. Anything else (tests, the sandbox, scripts,
// source maps, declaration files, a compiled module whose source was deleted) fails the check.
// Prints every offending path and the tarball's size.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const TOP_LEVEL = new Set(['package.json', 'README.md', 'LICENSE']);
const SOURCE_DIRS = ['nodes', 'credentials'];

const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
	cwd: root,
	encoding: 'utf8',
});
if (packed.status !== 0) {
	console.error(packed.stdout, packed.stderr);
	process.exit(1);
}
const [tarball] = JSON.parse(packed.stdout);
const files = tarball.files.map((file) => file.path);

/** The dist/ path the build makes from a source file, or undefined when it makes none. */
function builtFrom(source) {
	if (/\.test\.ts$|\.d\.ts$/.test(source)) return undefined;
	if (source.endsWith('.ts')) return `dist/${source.slice(0, -3)}.js`;
	if (/\.(json|svg|png)$/.test(source)) return `dist/${source}`;
	return undefined;
}

function walk(dir) {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = `${dir}/${entry.name}`;
		return entry.isDirectory() ? walk(relative) : [relative];
	});
}

const expectedInDist = new Set(SOURCE_DIRS.flatMap(walk).map(builtFrom).filter(Boolean));
const unexpected = files.filter((file) => !TOP_LEVEL.has(file) && !expectedInDist.has(file));
const missingTopLevel = [...TOP_LEVEL].filter((file) => !files.includes(file));
const missingBuilt = [...expectedInDist].filter((file) => !files.includes(file));

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(
	`tarball ${tarball.filename}: ${tarball.entryCount} files, ${kB(tarball.size)} packed, ${kB(tarball.unpackedSize)} unpacked`,
);
const problems = [
	...unexpected.map((file) => `not allowed in the tarball: ${file}`),
	...missingTopLevel.map((file) => `missing from the tarball: ${file}`),
	...missingBuilt.map((file) => `missing from the tarball (run npm run build?): ${file}`),
];
for (const problem of problems) console.error(problem);
console.log(
	problems.length === 0 ? 'tarball check: passed' : `tarball check: FAILED (${problems.length})`,
);
process.exit(problems.length === 0 ? 0 : 1);
