// Two worlds, two rule sets:
// - the shipped package (nodes/, credentials/, package.json) is linted with exactly the
//   configuration n8n's package scanner builds (imported from @n8n/scan-community-package,
//   so the rules can never drift from what n8n runs);
// - everything else (tests, the sandbox, scripts) gets typescript-eslint's recommended rules,
//   and the plain JavaScript files (.mjs/.cjs/.js scripts and configs) ESLint's recommended rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

const SHIPPED = ['nodes/**/*.ts', 'nodes/**/*.json', 'credentials/**/*.ts', 'package.json'];
const scanConfig = (await buildScanConfig()).map((entry) =>
	entry.files ? entry : { ...entry, files: SHIPPED },
);

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.e2e-cache/**', 'coverage/**', 'package-lock.json'] },
	...scanConfig.map((entry) => ({
		...entry,
		files: entry.files.map((glob) => glob),
		ignores: [...(entry.ignores ?? []), 'test/**', 'scripts/**', 'workflows-examples/**'],
	})),
	...tseslint.configs.recommended.map((entry) => ({
		...entry,
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
	})),
	{
		files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
		ignores: ['nodes/**', 'credentials/**'],
		...js.configs.recommended,
		languageOptions: {
			globals: { ...globals.node },
		},
		rules: {
			...js.configs.recommended.rules,
			// `catch {}` is how these scripts say "a failure here changes nothing" (best-effort kills, probes).
			'no-empty': ['error', { allowEmptyCatch: true }],
			// `const { dropped, ...kept } = x` is how they leave keys out of an object.
			'no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
	{
		// CommonJS: configs and the preload the e2e harness gives n8n.
		files: ['**/*.js', '**/*.cjs'],
		ignores: ['nodes/**', 'credentials/**'],
		languageOptions: { sourceType: 'commonjs' },
	},
];
