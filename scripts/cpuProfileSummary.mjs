#!/usr/bin/env node
/**
 * Sums the self time of a V8 CPU profile (Node's --cpu-prof, or `npm run bench:n8n -- --cpu-prof
 * DIR`) per function and per file or package, so two runs can be compared without DevTools.
 *
 *   node scripts/cpuProfileSummary.mjs PROFILE.cpuprofile [--top 40] [--from MS --to MS]
 *
 * --from/--to keep the samples between those milliseconds after the profile's start (say, the
 * node's own run). Idle time ("(idle)") is left out of the shares; "(program)" is V8 and Node's
 * native work outside JavaScript, "(garbage collector)" the collector on the main thread.
 */
import fs from 'node:fs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
	const index = argv.indexOf(`--${name}`);
	return index >= 0 ? Number(argv[index + 1]) : fallback;
};
const file = argv.find((arg) => arg.endsWith('.cpuprofile'));
if (!file) {
	console.error('usage: cpuProfileSummary.mjs PROFILE.cpuprofile [--top N] [--from MS --to MS]');
	process.exit(2);
}
const top = option('top', 40);
const from = option('from', 0);
const to = option('to', Number.POSITIVE_INFINITY);

const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

/** Where a function lives: a package under node_modules, or the file's path. */
function placeOf(url) {
	if (!url) return '(native)';
	const path = url.replace(/^file:\/\//, '');
	const modules = path.lastIndexOf('node_modules/');
	if (modules >= 0) {
		const rest = path.slice(modules + 'node_modules/'.length).split('/');
		const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
		if (name === 'n8n-nodes-vtex-order-processing') return `${name}/${rest.slice(1).join('/')}`;
		return name;
	}
	if (path.startsWith('node:')) return 'node (built-in)';
	return path;
}

const selfByFunction = new Map();
const selfByPlace = new Map();
let elapsed = 0;
let total = 0;
let idle = 0;
for (let index = 0; index < profile.samples.length; index++) {
	const delta = profile.timeDeltas[index] ?? 0;
	elapsed += delta;
	if (elapsed / 1000 < from || elapsed / 1000 > to) continue;
	const node = byId.get(profile.samples[index]);
	const { functionName, url, lineNumber } = node.callFrame;
	if (functionName === '(idle)') {
		idle += delta;
		continue;
	}
	total += delta;
	const place = placeOf(url);
	const key = `${functionName || '(anonymous)'}  ${place}:${lineNumber + 1}`;
	selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
	selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + delta);
}

const ms = (micros) => (micros / 1000).toFixed(1).padStart(9);
const share = (micros) => `${((100 * micros) / total).toFixed(1).padStart(5)} %`;
console.log(
	`${file}\nbusy ${ms(total)} ms, idle ${ms(idle)} ms over ${((elapsed - 0) / 1e6).toFixed(1)} s of profile` +
		(from || to !== Number.POSITIVE_INFINITY ? ` (window ${from}–${to} ms)` : ''),
);
const print = (title, map) => {
	console.log(`\n${title}`);
	for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
		console.log(`${ms(micros)} ms ${share(micros)}  ${key}`);
};
print('Self time per file or package', selfByPlace);
print('Self time per function', selfByFunction);
