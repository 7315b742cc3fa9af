/**
 * What `npm run release` changes in the text files, as pure functions: the next version, the
 * changelog (Keep a Changelog: the Unreleased section becomes the new version's), and the README's
 * table of the n8n versions each release supports.
 */

export type Bump = 'patch' | 'minor' | 'major';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

function parse(version: string): [number, number, number] {
	const match = SEMVER.exec(version);
	if (!match) throw new Error(`"${version}" is not a version of the form 1.2.3`);
	return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The version after `current`: a bump, or an explicit version that must be greater. */
export function nextVersion(current: string, request: string): string {
	const [major, minor, patch] = parse(current);
	if (request === 'major') return `${major + 1}.0.0`;
	if (request === 'minor') return `${major}.${minor + 1}.0`;
	if (request === 'patch') return `${major}.${minor}.${patch + 1}`;
	const wanted = parse(request);
	const greater = wanted[0] - major || wanted[1] - minor || wanted[2] - patch;
	if (greater <= 0)
		throw new Error(`${request} is not greater than the current version ${current}`);
	return request;
}

const UNRELEASED = '## [Unreleased]';
/** What an empty Unreleased section holds: a reminder of the subsections, not content. */
export const UNRELEASED_HINT =
	'<!-- Add each change under ### Added, ### Changed, ### Deprecated, ### Removed, ### Fixed or ### Security. A breaking change (see README → Releasing) starts with **Breaking:**. -->';

/**
 * Moves the Unreleased section's content under `## [version] - date`, leaves an empty Unreleased
 * section, and updates the compare links at the end. Refuses when Unreleased holds nothing.
 */
export function releaseChangelog(
	changelog: string,
	version: string,
	date: string,
	repositoryUrl: string,
): string {
	const start = changelog.indexOf(UNRELEASED);
	if (start === -1) throw new Error(`CHANGELOG.md has no "${UNRELEASED}" section`);
	const bodyStart = start + UNRELEASED.length;
	const nextHeading = changelog.indexOf('\n## ', bodyStart);
	const linksStart = changelog.search(/\n\[Unreleased\]: /);
	const bodyEnd =
		nextHeading !== -1 ? nextHeading : linksStart !== -1 ? linksStart : changelog.length;
	const body = changelog.slice(bodyStart, bodyEnd).replace(UNRELEASED_HINT, '').trim();
	if (!body)
		throw new Error(
			'CHANGELOG.md: the Unreleased section is empty: say what this release changes first',
		);

	const previous = /\n## \[(\d+\.\d+\.\d+)\]/.exec(changelog.slice(bodyEnd))?.[1];
	const released = `${UNRELEASED}\n\n${UNRELEASED_HINT}\n\n## [${version}] - ${date}\n\n${body}\n`;
	let text = changelog.slice(0, start) + released + changelog.slice(bodyEnd).replace(/^\n+/, '\n');

	const links = [
		`[Unreleased]: ${repositoryUrl}/compare/v${version}...HEAD`,
		previous
			? `[${version}]: ${repositoryUrl}/compare/v${previous}...v${version}`
			: `[${version}]: ${repositoryUrl}/releases/tag/v${version}`,
	];
	text = text.replace(/\n\[Unreleased\]: .*/, `\n${links.join('\n')}`);
	if (!text.includes(links[0])) text = `${text.trimEnd()}\n\n${links.join('\n')}\n`;
	return text;
}

const SUPPORTED_START = '<!-- section:supported-n8n -->';
const SUPPORTED_END = '<!-- /section:supported-n8n -->';

/**
 * Adds the new release's row to the README's "Release | n8n versions" table, with the range of the
 * latest release (the range changes only when someone edits it: the compatibility tests decide it).
 */
export function addSupportedRelease(readme: string, version: string): string {
	const start = readme.indexOf(SUPPORTED_START);
	const end = readme.indexOf(SUPPORTED_END);
	if (start === -1 || end === -1)
		throw new Error(`README.md has no ${SUPPORTED_START} … ${SUPPORTED_END} section`);
	const section = readme.slice(start, end);
	const rows = section.split('\n').filter((line) => /^\| \d+\.\d+\.\d+ \|/.test(line));
	if (rows.length === 0)
		throw new Error('README.md: the supported n8n versions table has no release row');
	if (rows.some((row) => row.startsWith(`| ${version} |`))) return readme;
	const newRow = rows[0].replace(/^\| \d+\.\d+\.\d+ \|/, `| ${version} |`);
	return (
		readme.slice(0, start) + section.replace(rows[0], `${newRow}\n${rows[0]}`) + readme.slice(end)
	);
}

/** https://github.com/owner/repo from package.json's repository field (string or object, git+…/.git). */
export function repositoryWebUrl(repository: string | { url: string }): string {
	const url = typeof repository === 'string' ? repository : repository.url;
	return url.replace(/^git\+/, '').replace(/\.git$/, '');
}
