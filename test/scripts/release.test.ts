/** `npm run release`'s text changes: the next version, the changelog, the README's supported n8n versions. */
import {
	addSupportedRelease,
	nextVersion,
	releaseChangelog,
	repositoryWebUrl,
	UNRELEASED_HINT,
} from '../../scripts/release/changelog';

const REPO = 'https://github.com/owner/n8n-nodes-x';

describe('nextVersion', () => {
	it.each([
		['0.1.0', 'patch', '0.1.1'],
		['0.1.3', 'minor', '0.2.0'],
		['0.4.2', 'major', '1.0.0'],
		['0.1.0', '0.3.0', '0.3.0'],
	])('%s with %s gives %s', (current, request, expected) => {
		expect(nextVersion(current, request)).toBe(expected);
	});

	it('refuses a version that is not greater, and one that is not x.y.z', () => {
		expect(() => nextVersion('0.2.0', '0.1.9')).toThrow('not greater');
		expect(() => nextVersion('0.2.0', '0.2.0')).toThrow('not greater');
		expect(() => nextVersion('0.2.0', 'next')).toThrow('not a version');
	});
});

describe('releaseChangelog', () => {
	const changelog = [
		'# Changelog',
		'',
		'## [Unreleased]',
		'',
		UNRELEASED_HINT,
		'',
		'### Fixed',
		'',
		'- Invoice: a fix.',
		'',
		'## [0.1.0] - 2026-12-01',
		'',
		'### Added',
		'',
		'- Everything.',
		'',
		`[Unreleased]: ${REPO}/compare/v0.1.0...HEAD`,
		`[0.1.0]: ${REPO}/releases/tag/v0.1.0`,
		'',
	].join('\n');

	it('moves Unreleased under the new version, leaves an empty Unreleased and updates the links', () => {
		expect(releaseChangelog(changelog, '0.1.1', '2026-12-24', REPO)).toBe(
			[
				'# Changelog',
				'',
				'## [Unreleased]',
				'',
				UNRELEASED_HINT,
				'',
				'## [0.1.1] - 2026-12-24',
				'',
				'### Fixed',
				'',
				'- Invoice: a fix.',
				'',
				'## [0.1.0] - 2026-12-01',
				'',
				'### Added',
				'',
				'- Everything.',
				'',
				`[Unreleased]: ${REPO}/compare/v0.1.1...HEAD`,
				`[0.1.1]: ${REPO}/compare/v0.1.0...v0.1.1`,
				`[0.1.0]: ${REPO}/releases/tag/v0.1.0`,
				'',
			].join('\n'),
		);
	});

	it('refuses to release when Unreleased holds only the hint', () => {
		const released = releaseChangelog(changelog, '0.1.1', '2026-12-24', REPO);
		expect(() => releaseChangelog(released, '0.1.2', '2026-12-25', REPO)).toThrow(
			'Unreleased section is empty',
		);
	});
});

describe('addSupportedRelease', () => {
	const readme = [
		'## Install',
		'<!-- section:supported-n8n -->',
		'| Release | n8n versions |',
		'|---|---|',
		'| 0.1.0 | 1.x from 1.123, 2.x from 2.40 |',
		'<!-- /section:supported-n8n -->',
		'',
	].join('\n');

	it("adds the release on top with the latest release's range, once", () => {
		const updated = addSupportedRelease(readme, '0.2.0');
		expect(updated).toContain(
			'|---|---|\n| 0.2.0 | 1.x from 1.123, 2.x from 2.40 |\n| 0.1.0 | 1.x from 1.123, 2.x from 2.40 |\n',
		);
		expect(addSupportedRelease(updated, '0.2.0')).toBe(updated);
	});

	it('refuses a README without the section', () => {
		expect(() => addSupportedRelease('# README\n', '0.2.0')).toThrow('section');
	});
});

it('repositoryWebUrl reads the git URL of package.json', () => {
	expect(repositoryWebUrl({ url: `git+${REPO}.git` })).toBe(REPO);
	expect(repositoryWebUrl(REPO)).toBe(REPO);
});
