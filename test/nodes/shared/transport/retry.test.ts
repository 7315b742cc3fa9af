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
	/** VTEX declared the wait (Retry-After): only the time budget bounds it, not Max Attempts. */
	declared?: boolean;
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
			declared: true,
		},
	],
	[
		'429 without Retry-After (a growing backoff)',
		{
			failure: { kind: 'status', status: 429 },
			safe: 'retry',
			unsafe: 'retry',
			waitMs: 1_000,
			mayHaveApplied: false,
		},
	],
	[
		'503 with Retry-After 5 (a declared outage)',
		{
			failure: { kind: 'status', status: 503, retryAfterMs: 5_000 },
			safe: 'retry',
			unsafe: 'notRepeated',
			waitMs: 5_000,
			mayHaveApplied: true,
			declared: true,
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
		// Max Attempts stops guessed waits; a declared one goes on within Max Retry Wait.
		const gaveUp = budget === 'waitSpent' || (budget === 'lastAttempt' && !row.declared);
		const expected = meaning === 'retry' && gaveUp ? 'gaveUp' : meaning;
		const outage = row.declared && row.failure.kind === 'status' && row.failure.status !== 429;
		switch (expected) {
			case 'retry':
				expect(decision).toEqual({
					retry: true,
					waitMs: row.waitMs,
					why: row.declared
						? expect.stringMatching(/as Retry-After asks \(attempt \d\)$/)
						: expect.stringMatching(/\(attempt 2 of 5\)$/),
					rateLimited: row.failure.kind === 'status' && row.failure.status === 429,
					mayHaveApplied: row.mayHaveApplied,
					...(outage ? { accountPauseMs: row.waitMs } : {}),
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
				expect(decision).toEqual({ retry: false, why: '', mayHaveApplied: row.mayHaveApplied });
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
			why: 'VTEX rate limit (429), waiting 1.0 s as Retry-After asks (attempt 2)',
		});
		expect(
			decideRetry({
				failure: { kind: 'status', status: 429 },
				safeToRepeat: true,
				attempt: 1,
				waitedMs: 0,
				settings: { ...SETTINGS, maxRetryWaitMs: 120_000 },
				random: top,
			}),
		).toMatchObject({
			waitMs: 1_000,
			why: 'VTEX rate limit (429), waiting 1.0 s (no Retry-After: backing off) (attempt 2 of 5)',
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

describe('waits VTEX did not declare, and outages it did', () => {
	const question = (failure: AttemptFailure, attempt: number, waitedMs = 0): RetryQuestion => ({
		failure,
		safeToRepeat: true,
		attempt,
		waitedMs,
		settings: { ...SETTINGS, maxAttempts: 20, maxRetryWaitMs: 600_000 },
		random: top,
	});

	it('backs off a 429 without Retry-After from the base, doubling, never past the minute VTEX advises', () => {
		const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(
			(attempt) =>
				(decideRetry(question({ kind: 'status', status: 429 }, attempt)) as { waitMs: number })
					.waitMs,
		);
		expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
	});

	it('retries a 429 without Retry-After past Max Attempts, within Max Retry Wait: VTEX applied nothing', () => {
		const refused: AttemptFailure = { kind: 'status', status: 429 };
		// The sixth 429 in a row, 31 s waited of the shipped 180 s: the pace slows meanwhile, so wait on.
		expect(
			decideRetry({ ...question(refused, 6, 31_000), settings: SETTINGS_OUTAGE }),
		).toMatchObject({ retry: true, waitMs: 32_000, rateLimited: true });
		// The time budget ends it.
		expect(
			decideRetry({ ...question(refused, 8, 155_000), settings: SETTINGS_OUTAGE }),
		).toMatchObject({ retry: false, why: expect.stringMatching(/^Gave up after 8 attempt/) });
		// A 503 without Retry-After stops at Max Attempts, with time left.
		expect(
			decideRetry({
				...question({ kind: 'status', status: 503 }, 5, 15_000),
				settings: SETTINGS_OUTAGE,
			}),
		).toMatchObject({ retry: false, why: expect.stringMatching(/^Gave up after 5 attempt/) });
	});

	it('waits out a declared outage past Max Attempts, within Max Retry Wait, and pauses the account', () => {
		const outage: AttemptFailure = { kind: 'status', status: 503, retryAfterMs: 5_000 };
		// 25 s of 503 + Retry-After: 5 is six attempts, more than Max Attempts of 5.
		const decision = decideRetry({ ...question(outage, 6, 25_000), settings: SETTINGS_OUTAGE });
		expect(decision).toMatchObject({ retry: true, waitMs: 5_000, accountPauseMs: 5_000 });
		// The time budget still ends it.
		expect(
			decideRetry({ ...question(outage, 7, 176_000), settings: SETTINGS_OUTAGE }),
		).toMatchObject({ retry: false, why: expect.stringMatching(/^Gave up after 7 attempt/) });
		// A Retry-After of 0 is no declaration: Max Attempts bounds it.
		expect(
			decideRetry({
				...question({ kind: 'status', status: 503, retryAfterMs: 0 }, 5),
				settings: SETTINGS_OUTAGE,
			}),
		).toMatchObject({ retry: false });
		// A 429's Retry-After is that request's own wait: the account is not paused.
		expect(
			decideRetry(question({ kind: 'status', status: 429, retryAfterMs: 1_000 }, 1)),
		).not.toHaveProperty('accountPauseMs');
	});
});

/** The shipped budget: five attempts, three minutes of waiting. */
const SETTINGS_OUTAGE: RetryQuestion['settings'] = {
	...SETTINGS,
	maxAttempts: 5,
	maxRetryWaitMs: 180_000,
};

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
