/**
 * The limit shapes the benchmark runs. None of them is the sandbox's limiter, and the pace was
 * built from RFC 9438 and HTTP, not from these: each shape is a test, not a target.
 */
import type { Limiter } from './limiters';
import { fixedWindow, seeded, slidingWindow, tokenBucket, withNoise, withOutage } from './limiters';
import type { RealShape } from './realtime';
import type { ProcessPlan } from './run';

export interface Shape {
	name: string;
	durationMs: number;
	limiter(start: () => number): Limiter;
	processes?: ProcessPlan[];
	/** When the limit rose, for the time back to 0.8 of it. */
	raisedAt?: number;
	/** When one process stopped, for the survivors' share. */
	stopAt?: number;
	/** VTEX's mean answer time in this shape (the default is 120 ms). */
	latencyMs?: number;
	/** A shape checked against the targets (the others are told as they are). */
	target?: { share?: number; backWithinSeconds?: number };
}

const steps =
	(...parts: Array<[number, number]>) =>
	(at: number): number => {
		let limit = parts[0][1];
		for (const [from, perSecond] of parts) if (at >= from) limit = perSecond;
		return limit;
	};

/**
 * A steady 40/s whose every request is answered 503 + Retry-After: 5 between `fromMs` and `toMs`
 * (ms after the start): an outage VTEX declares.
 */
export const declaredOutage =
	(fromMs: number, toMs: number) =>
	(start: () => number): Limiter =>
		withOutage(
			slidingWindow(() => 40, 'seconds', start),
			fromMs,
			toMs,
			503,
			5,
			start,
		);

export function shapes(seed: number): Shape[] {
	// Each noisy shape draws from a source of its own, so its run does not depend on the others.
	const random = (salt: number) => seeded(seed * 1_000 + salt);
	return [
		{
			name: 'steady 40/s, 429 + Retry-After: 1',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 40, 'seconds', start),
			target: { share: 0.85 },
		},
		{
			name: 'steady 40/s, Retry-After as an HTTP date',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 40, 'date', start),
			target: { share: 0.85 },
		},
		{
			name: 'steady 40/s, no Retry-After',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 40, 'none', start),
			target: { share: 0.85 },
		},
		{
			name: 'steady 7/s, Retry-After: 1',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 7, 'seconds', start),
			target: { share: 0.85 },
		},
		{
			name: 'token bucket, burst 300, refill 25/s',
			durationMs: 60_000,
			limiter: () => tokenBucket(300, 25, 'seconds'),
			target: { share: 0.85 },
		},
		{
			name: 'token bucket, burst 50, refill 60/s, no Retry-After',
			durationMs: 60_000,
			limiter: () => tokenBucket(50, 60, 'none'),
			target: { share: 0.85 },
		},
		...[0.01, 0.03, 0.1].map(
			(noise): Shape => ({
				name: `80/s plus ${noise * 100} % random 429s`,
				durationMs: 60_000,
				limiter: (start) =>
					withNoise(
						slidingWindow(() => 80, 'seconds', start),
						noise,
						random(noise * 100),
					),
				target: { share: noise <= 0.03 ? 0.85 : undefined },
			}),
		),
		{
			name: '30/s plus 5 % random 429s',
			durationMs: 60_000,
			limiter: (start) =>
				withNoise(
					slidingWindow(() => 30, 'seconds', start),
					0.05,
					random(5),
				),
		},
		{
			name: '60/s → 15/s for 20 s → 60/s',
			durationMs: 60_000,
			limiter: (start) =>
				slidingWindow(steps([0, 60], [20_000, 15], [40_000, 60]), 'seconds', start),
			raisedAt: 40_000,
			target: { backWithinSeconds: 10 },
		},
		{
			name: '60/s → 5/s for 20 s → 60/s',
			durationMs: 60_000,
			limiter: (start) =>
				slidingWindow(steps([0, 60], [20_000, 5], [40_000, 60]), 'seconds', start),
			raisedAt: 40_000,
			target: { backWithinSeconds: 10 },
		},
		{
			name: '20/s → 70/s at 30 s',
			durationMs: 50_000,
			limiter: (start) => slidingWindow(steps([0, 20], [30_000, 70]), 'seconds', start),
			raisedAt: 30_000,
			target: { backWithinSeconds: 10 },
		},
		{
			name: '40/s, 503 + Retry-After: 5 for 15 s',
			durationMs: 60_000,
			limiter: declaredOutage(20_000, 35_000),
		},
		{
			name: '40/s, 503 + Retry-After: 5 for 25 s',
			durationMs: 70_000,
			limiter: declaredOutage(20_000, 45_000),
		},
		{
			name: 'fixed window 40 per second',
			durationMs: 60_000,
			limiter: (start) => fixedWindow(40, 1_000, 'seconds', start),
			target: { share: 0.85 },
		},
		{
			name: 'fixed window 2,400 per minute',
			durationMs: 120_000,
			limiter: (start) => fixedWindow(2_400, 60_000, 'seconds', start),
		},
		{
			name: 'sliding window 50/s, no Retry-After',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 50, 'none', start),
			target: { share: 0.85 },
		},
		...[2, 3, 5].map(
			(count): Shape => ({
				name: `${count} processes share 50/s, one stops at 30 s`,
				durationMs: 60_000,
				limiter: (start) => slidingWindow(() => 50, 'seconds', start),
				processes: Array.from({ length: count }, (_, index) =>
					index === 0 ? { stopAt: 30_000 } : {},
				),
				stopAt: 30_000,
				target: { share: 0.85 },
			}),
		),
		{
			name: '3 processes share 50/s, one joins at 20 s',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 50, 'seconds', start),
			processes: [{}, {}, { startAt: 20_000 }],
			target: { share: 0.85 },
		},
		// Shapes added after the law was written, as a check on it (no target: told as they are).
		{
			name: '80/s plus 5 % random 429s',
			durationMs: 60_000,
			limiter: (start) =>
				withNoise(
					slidingWindow(() => 80, 'seconds', start),
					0.05,
					random(105),
				),
		},
		{
			name: 'token bucket, burst 100, refill 30/s, plus 2 % random 429s',
			durationMs: 60_000,
			limiter: () => withNoise(tokenBucket(100, 30, 'seconds'), 0.02, random(102)),
		},
		{
			name: '3 % random 429s, 60/s → 20/s at 30 s',
			durationMs: 60_000,
			limiter: (start) =>
				withNoise(slidingWindow(steps([0, 60], [30_000, 20]), 'seconds', start), 0.03, random(103)),
		},
		{
			name: '4 processes share 50/s',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 50, 'seconds', start),
			processes: [{}, {}, {}, {}],
		},
		// Shapes added after the pace took the accepted rate as its floor, as a check on that law.
		{
			name: 'steady 90/s, near the published ceiling',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 90, 'seconds', start),
		},
		{
			name: 'steady 3/s',
			durationMs: 60_000,
			limiter: (start) => slidingWindow(() => 3, 'seconds', start),
		},
		{
			name: 'steady 40/s, answers take 400 ms',
			durationMs: 60_000,
			latencyMs: 400,
			limiter: (start) => slidingWindow(() => 40, 'seconds', start),
		},
		{
			name: 'limit swinging 40/s ↔ 20/s every 10 s',
			durationMs: 60_000,
			limiter: (start) =>
				slidingWindow((at) => (Math.floor(at / 10_000) % 2 === 0 ? 40 : 20), 'seconds', start),
		},
		{
			name: 'fixed window 1,200 per minute, no Retry-After',
			durationMs: 120_000,
			limiter: (start) => fixedWindow(1_200, 60_000, 'none', start),
		},
		{
			name: '60/s plus 3 % random 429s asking Retry-After: 10',
			durationMs: 60_000,
			limiter: (start) =>
				withNoise(
					slidingWindow(() => 60, 'seconds', start),
					0.03,
					random(203),
					'10',
				),
		},
		{
			name: '3 processes share 50/s plus 3 % random 429s',
			durationMs: 60_000,
			limiter: (start) =>
				withNoise(
					slidingWindow(() => 50, 'seconds', start),
					0.03,
					random(204),
				),
			processes: [{}, {}, {}],
		},
		{
			name: '2 processes share a token bucket, burst 200, refill 40/s',
			durationMs: 60_000,
			limiter: () => tokenBucket(200, 40, 'seconds'),
			processes: [{}, {}],
		},
	];
}

/** Shapes run in real time, over loopback HTTP, each n8n process an OS process of its own. */
export function realShapes(): RealShape[] {
	return [
		{
			name: 'steady 40/s, 429 + Retry-After: 1, one process',
			durationMs: 30_000,
			processes: 1,
			limiter: (start) => slidingWindow(() => 40, 'seconds', start),
		},
		{
			name: '40/s, 503 + Retry-After: 5 from 10 s to 25 s',
			durationMs: 40_000,
			processes: 1,
			limiter: declaredOutage(10_000, 25_000),
		},
		{
			name: '3 processes share 50/s, one killed (SIGKILL) at 20 s',
			durationMs: 40_000,
			processes: 3,
			limiter: (start) => slidingWindow(() => 50, 'seconds', start),
			killAt: 20_000,
		},
	];
}
