/**
 * `npm run release -- <patch|minor|major|x.y.z>`: prepares a release on a clean working tree.
 * Bumps package.json and package-lock.json, moves CHANGELOG.md's Unreleased section under the new
 * version with today's date, adds the version to the README's supported n8n versions, commits
 * "Release x.y.z" and tags it vx.y.z. It pushes nothing: pushing the tag starts the publish
 * workflow (.github/workflows/publish.yml). `--dry-run` prints the new version and changelog only.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
	addSupportedRelease,
	nextVersion,
	releaseChangelog,
	repositoryWebUrl,
} from './release/changelog';

const root = path.resolve(__dirname, '..');
const git = (...args: string[]) =>
	execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

function main(): void {
	const args = process.argv.slice(2);
	const dryRun = args.includes('--dry-run');
	const request = args.find((arg) => !arg.startsWith('--'));
	if (!request) throw new Error('Usage: npm run release -- <patch|minor|major|x.y.z> [--dry-run]');

	const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const version = nextVersion(packageJson.version, request);
	const date = new Date().toISOString().slice(0, 10);
	const changelogFile = path.join(root, 'CHANGELOG.md');
	const readmeFile = path.join(root, 'README.md');
	const changelog = releaseChangelog(
		fs.readFileSync(changelogFile, 'utf8'),
		version,
		date,
		repositoryWebUrl(packageJson.repository),
	);
	const readme = addSupportedRelease(fs.readFileSync(readmeFile, 'utf8'), version);
	if (dryRun) {
		console.log(
			`Would release ${packageJson.version} → ${version} (tag v${version}). CHANGELOG.md would read:\n\n${changelog}`,
		);
		return;
	}

	if (git('status', '--porcelain'))
		throw new Error('The working tree has changes: commit or stash them first');
	if (git('tag', '--list', `v${version}`)) throw new Error(`The tag v${version} exists already`);
	fs.writeFileSync(changelogFile, changelog);
	fs.writeFileSync(readmeFile, readme);
	execFileSync('npm', ['version', version, '--no-git-tag-version', '--ignore-scripts'], {
		cwd: root,
		stdio: 'inherit',
	});
	git('add', 'package.json', 'package-lock.json', 'CHANGELOG.md', 'README.md');
	git('commit', '--quiet', '-m', `Release ${version}`);
	git('tag', '--annotate', `v${version}`, '--message', `v${version}`);
	console.log(
		`Committed "Release ${version}" and tagged v${version}. Check it (git show), then push both:\n` +
			`  git push origin HEAD v${version}\n` +
			'The tag starts .github/workflows/publish.yml, which checks everything and publishes with provenance.',
	);
}

try {
	main();
} catch (error) {
	console.error(`release: ${(error as Error).message}`);
	process.exit(1);
}
