import type { RequestSettings } from './settings';

/**
 * When a failed exchange is tried again, and how long to wait first: one pure function, so the
 * rule is read (and tested) in one place and the client only sends, asks and waits.
 *
 * - 429: VTEX refused the request before doing anything, so every request may be repeated,
 *   writes included, after `Retry-After` (seconds or an HTTP date, RFC 9110 section 10.2.3); without
 *   one, after an exponential backoff with jitter, capped at the minute VTEX advises.
 * - 502, 503, 504, timeouts and connection resets: the request may or may not have been applied,
 *   so only requests that are safe to repeat are repeated, with exponential backoff and jitter. A
 *   5xx with `Retry-After` is a declared outage (RFC 9110 section 15.6.4): the whole account waits.
 * - A wait VTEX declared (`Retry-After`) and any 429 are bounded by the request's time budget (Max
 *   Retry Wait) only: VTEX said when to come back, or refused before doing anything because of the
 *   pace, which slows down meanwhile; there is nothing to give up on before that budget. The
 *   backoff after a 5xx or a broken connection is also bounded by Max Attempts.
 * - Connection refused or a failed DNS lookup: nothing reached VTEX, so any request is repeated.
 * - Anything else (4xx, other 5xx, an unknown network failure) is VTEX's or the network's final word.
 */

const RETRYABLE_SERVER_STATUSES = new Set([502, 503, 504]);
/** The connection broke after the request may have reached VTEX: the outcome is unknown. */
const AMBIGUOUS_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** The request never left: nothing can have been applied, so any request may be sent again. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH']);

export type NetworkFailure = 'notSent' | 'ambiguous' | 'other';

export function classifyNetworkCode(code: string | undefined): NetworkFailure {
	if (code === undefined) return 'other';
	if (NOT_SENT_NETWORK_CODES.has(code)) return 'notSent';
	if (AMBIGUOUS_NETWORK_CODES.has(code)) return 'ambiguous';
	return 'other';
}

/** What one attempt ended with, when it was not a success. */
export type AttemptFailure =
	| { kind: 'status'; status: number; retryAfterMs?: number }
	| { kind: 'network'; code: string | undefined };

export interface RetryQuestion {
	failure: AttemptFailure;
	/** Sending the request twice has the same effect as once. */
	safeToRepeat: boolean;
	/** The attempt that just failed, 1 for the first. */
	attempt: number;
	/** Time this request already spent waiting between attempts. */
	waitedMs: number;
	settings: Pick<
		RequestSettings,
		'maxAttempts' | 'maxRetryWaitMs' | 'defaultRetryAfterMs' | 'backoffBaseMs'
	>;
	/** A number in [0, 1) for the backoff's jitter. */
	random?: () => number;
}

export type RetryDecision =
	| {
			retry: true;
			waitMs: number;
			/** For the log: why and how long, e.g. "VTEX answered 503; retrying in 1.2 s". */
			why: string;
			/** A 429: the account's pace learns from it. */
			rateLimited: boolean;
			/** The failed attempt may have been applied by VTEX (a 5xx or a broken connection). */
			mayHaveApplied: boolean;
			/** A declared outage: every request of the account waits this long. */
			accountPauseMs?: number;
	  }
	| {
			retry: false;
			/** A sentence for the error's description, or '' when the failure is simply final. */
			why: string;
			/** The failure left VTEX's state unknown (the request may have been applied). */
			mayHaveApplied: boolean;
	  };

const NOT_REPEATED =
	'The request was not repeated: it is not safe to send twice, and VTEX may have applied it. Read the order to check before sending it again.';

export function decideRetry(question: RetryQuestion): RetryDecision {
	const { failure, safeToRepeat, attempt, waitedMs, settings } = question;
	let waitMs: number;
	let why: string;
	let rateLimited = false;
	let ambiguous = false;
	const declaredMs = failure.kind === 'status' ? failure.retryAfterMs : undefined;

	if (failure.kind === 'status') {
		if (failure.status === 429) {
			waitMs =
				declaredMs ??
				Math.min(
					backoffMs(attempt, settings.backoffBaseMs, question.random),
					settings.defaultRetryAfterMs,
				);
			why = `VTEX rate limit (429), waiting ${seconds(waitMs)}${declaredMs === undefined ? ' (no Retry-After: backing off)' : ' as Retry-After asks'}`;
			rateLimited = true;
		} else if (RETRYABLE_SERVER_STATUSES.has(failure.status)) {
			ambiguous = true;
			if (!safeToRepeat) return { retry: false, why: NOT_REPEATED, mayHaveApplied: true };
			waitMs = declaredMs ?? backoffMs(attempt, settings.backoffBaseMs, question.random);
			why = `VTEX answered ${failure.status}; retrying in ${seconds(waitMs)}${declaredMs === undefined ? '' : ' as Retry-After asks'}`;
		} else {
			return { retry: false, why: '', mayHaveApplied: false };
		}
	} else {
		const kind = classifyNetworkCode(failure.code);
		if (kind === 'other') return { retry: false, why: '', mayHaveApplied: true };
		ambiguous = kind === 'ambiguous';
		if (ambiguous && !safeToRepeat)
			return { retry: false, why: NOT_REPEATED, mayHaveApplied: true };
		waitMs = backoffMs(attempt, settings.backoffBaseMs, question.random);
		why = `connection failed (${failure.code}); retrying in ${seconds(waitMs)}`;
	}

	// A positive Retry-After is VTEX's word, and a 429 a refusal VTEX did nothing for (the pace
	// learns from it): only the time budget bounds their waits. A zero Retry-After could loop.
	const declared = declaredMs !== undefined && declaredMs > 0;
	const withinAttempts = declared || rateLimited || attempt < settings.maxAttempts;
	if (withinAttempts && waitedMs + waitMs <= settings.maxRetryWaitMs) {
		const outage = declared && !rateLimited;
		return {
			retry: true,
			waitMs,
			why: `${why} (attempt ${attempt + 1}${declared ? '' : ` of ${settings.maxAttempts}`})`,
			rateLimited,
			mayHaveApplied: ambiguous,
			...(outage ? { accountPauseMs: waitMs } : {}),
		};
	}
	return {
		retry: false,
		why: `Gave up after ${attempt} attempt(s) and ${seconds(waitedMs)} of waiting (Max Attempts ${settings.maxAttempts}, Max Retry Wait ${seconds(settings.maxRetryWaitMs)}).`,
		mayHaveApplied: ambiguous,
	};
}

/** Parses a Retry-After header: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a random wait in [base/2, base * 2^(attempt-1)]. */
export function backoffMs(
	attempt: number,
	baseMs: number,
	random: () => number = Math.random,
): number {
	const ceiling = baseMs * 2 ** Math.max(0, attempt - 1);
	const floor = baseMs / 2;
	return Math.round(floor + random() * Math.max(0, ceiling - floor));
}

export function seconds(ms: number): string {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
