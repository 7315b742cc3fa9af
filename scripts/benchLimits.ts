/**
 * The account's pace against limit shapes it was not built on, in virtual time: the shipped
 * transport (VtexClient, AccountPace, decideRetry) with its timers and clock faked, so a minute of
 * traffic takes seconds and every run is the same. Prints one row per shape.
 *
 *   npm run bench:limits            all shapes, virtual time
 *   npm run bench:limits -- --real  also a few shapes in real time, over loopback HTTP, with OS processes
 */
import FakeTimers from '@sinonjs/fake-timers';

import type { Figures } from './bench/limits/run';
import { figuresOf, runPlan } from './bench/limits/run';
import { seeded } from './bench/limits/limiters';
import { runReal } from './bench/limits/realtime';
import { realShapes, shapes } from './bench/limits/shapes';

const LATENCY_MS = 120;

function cell(value: number | undefined, digits = 2): string {
	if (value === undefined) return '';
	if (!Number.isFinite(value)) return 'never';
	return value.toFixed(digits);
}

async function main(): Promise<void> {
	const only = process.argv
		.find((argument) => argument.startsWith('--only='))
		?.slice(7)
		?.split(',');
	const rows: string[] = [
		"| shape | share of the limit used | 429s | 5xx met | failed items | back to 0.8 of a raised limit (s) | fairness (Jain) | survivors' share after a stop | target |",
		'|---|---|---|---|---|---|---|---|---|',
	];
	const seed = Number(
		process.argv.find((argument) => argument.startsWith('--seed='))?.slice(7) ?? 7,
	);
	for (const shape of shapes(seed)) {
		if (process.argv.includes('--real-only')) break;
		if (only && !only.some((part) => shape.name.includes(part))) continue;
		const clock = FakeTimers.install({
			toFake: [
				'setTimeout',
				'clearTimeout',
				'setInterval',
				'clearInterval',
				'Date',
				'setImmediate',
				'clearImmediate',
			],
			now: Date.UTC(2026, 0, 1),
		});
		const realRandom = Math.random;
		Math.random = seeded(seed + 4);
		let start = 0;
		const plan = {
			limiter: shape.limiter(() => start),
			durationMs: shape.durationMs,
			processes: shape.processes ?? [{}],
			latencyMs: shape.latencyMs ?? LATENCY_MS,
			random: seeded(seed - 4),
			onStart: (at: number) => (start = at),
		};
		let figures: Figures;
		try {
			const running = runPlan(plan);
			let settled = false;
			void running.finally(() => (settled = true));
			while (!settled) await clock.tickAsync(20);
			figures = figuresOf(plan, await running, { raisedAt: shape.raisedAt, stopAt: shape.stopAt });
		} finally {
			Math.random = realRandom;
			clock.uninstall();
		}
		const met: string[] = [];
		if (shape.target?.share !== undefined)
			met.push(figures.share >= shape.target.share ? 'met' : `MISSED (≥ ${shape.target.share})`);
		if (shape.target?.backWithinSeconds !== undefined)
			met.push(
				(figures.backToRaised ?? Infinity) <= shape.target.backWithinSeconds
					? 'met'
					: `MISSED (≤ ${shape.target.backWithinSeconds} s)`,
			);
		if (figures.failedItems > 0) met.push('FAILED ITEMS');
		const row = `| ${shape.name} | ${cell(figures.share)} | ${figures.refused429} | ${figures.refused5xx} | ${figures.failedItems} | ${cell(figures.backToRaised, 1)} | ${cell(figures.fairness)} | ${cell(figures.survivorsShare)} | ${met.join(', ') || '-'} |`;
		rows.push(row);
		console.log(row);
	}
	console.log(`\n${rows.join('\n')}`);
	if (!process.argv.some((argument) => argument.startsWith('--real'))) return;
	const real = [
		"| shape (real time, loopback HTTP, OS processes) | share of the limit used | 429s | 5xx met | failed items | fairness (Jain) | survivors' share after the kill |",
		'|---|---|---|---|---|---|---|',
	];
	for (const shape of realShapes()) {
		if (only && !only.some((part) => shape.name.includes(part))) continue;
		const figures = await runReal(shape);
		const row = `| ${shape.name} | ${cell(figures.share)} | ${figures.refused429} | ${figures.refused5xx} | ${figures.failedItems} | ${cell(figures.fairness)} | ${cell(figures.survivorsShare)} |`;
		real.push(row);
		console.log(row);
	}
	console.log(`\n${real.join('\n')}`);
}

void main();
