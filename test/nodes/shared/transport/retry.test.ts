import type { AttemptFailure, RetryQuestion } from '../../../../nodes/shared/transport/retry';
import {
	backoffMs,
	decideRetry,
	parseRetryAfterMs,
} from '../../../../nodes/shared/transport/retry';

/** Backoff from 1 s, doubling; jitter fixed at its top so waits are exact. */
const SETTINGS: RetryQuestion['settings'] = {
	maxAttempts: 5,
	maxRetryWaitMs: 10_000,
	defaultRetryAfterMs: 60_000,
	backoffBaseMs: 1_000,
};
const top = () => 0.999999;

type Budget = 'fresh' | 'lastAttempt' | 'waitSpent';
const BUDGETS: Record<Budget, Pick<RetryQuestion, 'attempt' | 'waitedMs'>> = {
	// First attempt failed, nothing waited yet.
	fresh: { attempt: 1, waitedMs: 0 },
	// Max Attempts reached.
	lastAttempt: { attempt: 5, waitedMs: 0 },
	// The next wait would pass Max Retry Wait.
	waitSpent: { attempt: 2, waitedMs: 9_500 },
};

/** What each failure means, whoever the request: `retry` (and the first wait) or `final`. */
interface Row {
	failure: AttemptFailure;
	safe: 'retry' | 'final' | 'notRepeated';
	unsafe: 'retry' | 'final' | 'notRepeated';
	/** The wait on a fresh budget, when retried. */
	waitMs?: number;
	mayHaveApplied: boolean;
}

const ROWS: Array<[string, Row]> = [
	[
		'429 with Retry-After 2',
		{
			failure: { kind: 'status', status: 429, retryAfterMs: 2_000 },
			safe: 'retry',
			unsafe: 'retry',
			waitMs: 2_000,
			mayHaveApplied: false,
		},
	],
	[
		'429 without Retry-After (VTEX advises a minute)',
		{
			failure: { kind: 'status', status: 429 },
			safe: 'final',
			unsafe: 'final',
			mayHaveApplied: false,
		},
	],
	[
		'502',
		{
			failure: { kind: 'status', status: 502 },
			safe: 'retry',
			unsafe: 'notRepeated',
			waitMs: 1_000,
			mayHaveApplied: true,
		},
	],
	[
		'503',
		{
			failure: { kind: 'status', status: 503 },
			safe: 'retry',
			unsafe: 'notRepeated',
			waitMs: 1_000,
			mayHaveApplied: true,
		},
	],
	[
		'504',
		{
			failure: { kind: 'status', status: 504 },
			safe: 'retry',
			unsafe: 'notRepeated',
			waitMs: 1_000,
			mayHaveApplied: true,
		},
	],
	[
		'500',
		{
			failure: { kind: 'status', status: 500 },
			safe: 'final',
			unsafe: 'final',
			mayHaveApplied: false,
		},
	],
	[
		'400',
		{
			failure: { kind: 'status', status: 400 },
			safe: 'final',
			unsafe: 'final',
			mayHaveApplied: false,
		},
	],
	[
		'401',
		{
			failure: { kind: 'status', status: 401 },
			safe: 'final',
			unsafe: 'final',
			mayHaveApplied: false,
		},
	],
	[
		'404',
		{
			failure: { kind: 'status', status: 404 },
			safe: 'final',
			unsafe: 'final',
			mayHaveApplied: false,
		},
	],
	[
		'connection reset',
		{
			failure: { kind: 'network', code: 'ECONNRESET' },
			safe: 'retry',
			unsafe: 'notRepeated',
			waitMs: 1_000,
			mayHaveApplied: true,
		},
	],
	[
		'timeout',
		{
			failure: { kind: 'network', code: 'ETIMEDOUT' },
			safe: 'retry',
			unsafe: 'notRepeated',
			waitMs: 1_000,
			mayHaveApplied: true,
		},
	],
	[
		'connection refused (never sent)',
		{
			failure: { kind: 'network', code: 'ECONNREFUSED' },
			safe: 'retry',
			unsafe: 'retry',
			waitMs: 1_000,
			mayHaveApplied: false,
		},
	],
	[
		'host not found (never sent)',
		{
			failure: { kind: 'network', code: 'ENOTFOUND' },
			safe: 'retry',
			unsafe: 'retry',
			waitMs: 1_000,
			mayHaveApplied: false,
		},
	],
	[
		'unknown network failure',
		{
			failure: { kind: 'network', code: undefined },
			safe: 'final',
			unsafe: 'final',
			mayHaveApplied: true,
		},
	],
];

const CASES = ROWS.flatMap(([name, row]) =>
	(['safe', 'unsafe'] as const).flatMap((safety) =>
		(Object.keys(BUDGETS) as Budget[]).map((budget) => ({ name, row, safety, budget })),
	),
);

describe('decideRetry: status or network failure × safe to repeat × budget', () => {
	it.each(CASES)('$name, $safety, $budget budget', ({ row, safety, budget }) => {
		const decision = decideRetry({
			failure: row.failure,
			safeToRepeat: safety === 'safe',
			...BUDGETS[budget],
			settings: SETTINGS,
			random: top,
		});
		const meaning = row[safety];
		// A 429 without Retry-After waits a minute: more than this Max Retry Wait of 10 s allows.
		const expected = meaning === 'retry' && budget !== 'fresh' ? 'gaveUp' : meaning;
		switch (expected) {
			case 'retry':
				expect(decision).toEqual({
					retry: true,
					waitMs: row.waitMs,
					why: expect.stringMatching(/\(attempt 2 of 5\)$/),
					rateLimited: row.failure.kind === 'status' && row.failure.status === 429,
					mayHaveApplied: row.mayHaveApplied,
				});
				break;
			case 'gaveUp':
				expect(decision).toEqual({
					retry: false,
					why: expect.stringMatching(/^Gave up after \d attempt\(s\)/),
					mayHaveApplied: row.mayHaveApplied,
				});
				break;
			case 'notRepeated':
				expect(decision).toEqual({
					retry: false,
					why: expect.stringMatching(/^The request was not repeated: it is not safe to send twice/),
					mayHaveApplied: true,
				});
				break;
			case 'final':
				if (row.failure.kind === 'status' && row.failure.status === 429) {
					expect(decision).toMatchObject({
						retry: false,
						why: expect.stringMatching(/^Gave up after/),
					});
				} else {
					expect(decision).toEqual({ retry: false, why: '', mayHaveApplied: row.mayHaveApplied });
				}
				break;
		}
	});

	it('says why and how long in the retry message', () => {
		expect(
			decideRetry({
				failure: { kind: 'status', status: 429, retryAfterMs: 1_000 },
				safeToRepeat: false,
				attempt: 1,
				waitedMs: 0,
				settings: SETTINGS,
			}),
		).toMatchObject({
			why: 'VTEX rate limit (429), waiting 1.0 s as Retry-After asks (attempt 2 of 5)',
		});
		expect(
			decideRetry({
				failure: { kind: 'status', status: 429 },
				safeToRepeat: true,
				attempt: 1,
				waitedMs: 0,
				settings: { ...SETTINGS, maxRetryWaitMs: 120_000 },
			}),
		).toMatchObject({
			waitMs: 60_000,
			why: 'VTEX rate limit (429), waiting 60 s (no Retry-After; VTEX advises one minute) (attempt 2 of 5)',
		});
		expect(
			decideRetry({
				failure: { kind: 'status', status: 503 },
				safeToRepeat: true,
				attempt: 3,
				waitedMs: 0,
				settings: SETTINGS,
				random: top,
			}),
		).toMatchObject({
			waitMs: 4_000,
			why: 'VTEX answered 503; retrying in 4.0 s (attempt 4 of 5)',
		});
	});
});

describe('backoff and Retry-After', () => {
	it('backs off exponentially with jitter between half the base and the doubled ceiling', () => {
		expect(backoffMs(1, 1000, () => 0)).toBe(500);
		expect(backoffMs(1, 1000, top)).toBe(1000);
		expect(backoffMs(4, 1000, top)).toBe(8000);
	});

	it('reads Retry-After as seconds or an HTTP date', () => {
		expect(parseRetryAfterMs('2')).toBe(2000);
		expect(parseRetryAfterMs(['1.5'])).toBe(1500);
		expect(
			parseRetryAfterMs(
				'Wed, 21 Oct 2026 07:28:10 GMT',
				Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'),
			),
		).toBe(10_000);
		expect(parseRetryAfterMs('soon')).toBeUndefined();
		expect(parseRetryAfterMs(undefined)).toBeUndefined();
	});
});
