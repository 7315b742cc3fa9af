/**
 * When a failed exchange may be tried again, and how long to wait first.
 *
 * - 429: VTEX refused the request before doing anything, so every request may be repeated,
 *   writes included, after `Retry-After` (seconds or an HTTP date; RFC 6585, reference section 2).
 * - 502, 503, 504, timeouts and connection resets: the request may or may not have been applied,
 *   so only requests marked `idempotent` are repeated, with exponential backoff and full jitter.
 * - Connection refused or a failed DNS lookup: nothing reached VTEX, so any request is repeated.
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

export function isRetryableServerStatus(status: number): boolean {
	return RETRYABLE_SERVER_STATUSES.has(status);
}

export type NetworkFailure = 'notSent' | 'ambiguous' | 'other';

export function classifyNetworkCode(code: string | undefined): NetworkFailure {
	if (code === undefined) return 'other';
	if (NOT_SENT_NETWORK_CODES.has(code)) return 'notSent';
	if (AMBIGUOUS_NETWORK_CODES.has(code)) return 'ambiguous';
	return 'other';
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
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
	const ceiling = baseMs * 2 ** Math.max(0, attempt - 1);
	const floor = baseMs / 2;
	return Math.round(floor + random() * Math.max(0, ceiling - floor));
}
