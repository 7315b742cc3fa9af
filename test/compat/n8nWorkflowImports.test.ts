import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

/**
 * The package runs on n8n 1.x and 2.x, and n8n hands it the n8n-workflow of its own line. So node
 * code may take from `n8n-workflow`, at run time, only names both lines export. Each name below
 * was checked in n8n-workflow 1.120.31 (what n8n 1.123.81 ships) and is checked here against the
 * installed 2.x; type-only imports vanish at build and are not listed. A new name goes here once
 * it is checked in 1.x: `npm run test:e2e` (its 1.x leg) fails on any name the 1.x package lacks.
 * `isSubMinuteCron` is the one that broke the feed trigger on 1.x: it is 2.x only.
 */
const EXPORTED_BY_BOTH_LINES = [
	'NodeApiError',
	'NodeConnectionTypes',
	'NodeOperationError',
	'sleep',
	'toCronExpression',
	'updateDisplayOptions',
];
const NOT_IN_1X = ['isSubMinuteCron'];

/**
 * The one file that reads n8n-workflow as a whole, to take a name only one line exports when it is
 * there: 1.x's `sleepWithAbort` (its `sleep` ignores an abort signal; 2.x's honours it and 2.x no
 * longer exports `sleepWithAbort`). It may use nothing else from the module.
 */
const FEATURE_DETECTION = {
	file: join('nodes', 'shared', 'sleep.ts'),
	names: ['sleep', 'sleepWithAbort'],
};

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** Names a file takes from n8n-workflow at run time: value imports, minus `import type` and `type X` specifiers. */
function runtimeImportsOf(source: string): string[] {
	const names: string[] = [];
	for (const match of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'n8n-workflow'/g)) {
		if (match[1]) continue;
		for (const specifier of match[2].split(',')) {
			const name = specifier
				.trim()
				.split(/\s+as\s+/)[0]
				.trim();
			if (name && !name.startsWith('type ')) names.push(name);
		}
	}
	return names;
}

const files = [...sourceFiles(join(ROOT, 'nodes')), ...sourceFiles(join(ROOT, 'credentials'))];

describe('imports from n8n-workflow work on n8n 1.x and 2.x', () => {
	it('finds the node code and its n8n-workflow imports', () => {
		expect(files.length).toBeGreaterThan(20);
		expect(
			runtimeImportsOf(
				"import type { A } from 'n8n-workflow';\nimport { B, type C, D as E } from 'n8n-workflow';",
			),
		).toEqual(['B', 'D']);
	});

	it.each(files.map((file) => [relative(ROOT, file)]))(
		'%s takes from n8n-workflow only what both lines export',
		(file) => {
			const source = readFileSync(join(ROOT, file), 'utf8');
			expect(source).not.toMatch(/require\('n8n-workflow'\)/);
			const namespace = /import\s+\*\s+as\s+(\w+)\s+from\s+'n8n-workflow'/.exec(source);
			if (file === FEATURE_DETECTION.file) {
				expect(namespace).not.toBeNull();
				const used = [...source.matchAll(new RegExp(`\\b${namespace![1]}\\b[^.;]*\\.(\\w+)`, 'g'))];
				expect([...new Set(used.map((match) => match[1]))].sort()).toEqual(FEATURE_DETECTION.names);
			} else {
				expect(namespace).toBeNull();
			}
			const unknown = runtimeImportsOf(source).filter(
				(name) => !EXPORTED_BY_BOTH_LINES.includes(name),
			);
			expect(unknown).toEqual([]);
		},
	);

	it('every allowed name is exported by the installed n8n-workflow 2.x', () => {
		const workflow = jest.requireActual<Record<string, unknown>>('n8n-workflow');
		expect(EXPORTED_BY_BOTH_LINES.filter((name) => workflow[name] === undefined)).toEqual([]);
		expect(NOT_IN_1X.filter((name) => EXPORTED_BY_BOTH_LINES.includes(name))).toEqual([]);
	});
});
