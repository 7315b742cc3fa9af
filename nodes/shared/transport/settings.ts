import type { IDataObject } from 'n8n-workflow';

/** How hard the transport tries before it reports a failure. */
export interface RequestSettings {
	/** Attempts per request, the first one included. */
	maxAttempts: number;
	/** Upper bound on the time one request may spend waiting between attempts. */
	maxRetryWaitMs: number;
	/**
	 * The longest backoff after a 429 without Retry-After: the minute VTEX's feed guide advises
	 * waiting is where the growing backoff stops, not where it starts.
	 */
	defaultRetryAfterMs: number;
	/** First backoff step after a 5xx, a connection reset or a 429 without Retry-After; doubles each attempt, with jitter. */
	backoffBaseMs: number;
	/** Time allowed for one HTTP exchange. */
	timeoutMs: number;
	/**
	 * The most requests of one node run in flight at once. Below it, the number in flight follows
	 * the account's pace times the latency VTEX answers with.
	 */
	concurrency: number;
	/** Budget shared by every request made with one credential (VTEX publishes 6,000 a minute). */
	requestsPerMinute: number;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
	maxAttempts: 5,
	maxRetryWaitMs: 180_000,
	defaultRetryAfterMs: 60_000,
	backoffBaseMs: 1_000,
	timeoutMs: 30_000,
	concurrency: 50,
	requestsPerMinute: 6_000,
};

/** Reads the user's "Request Options" collection (seconds in the UI, milliseconds here). */
export function requestSettingsFromOptions(options: IDataObject | undefined): RequestSettings {
	const settings = { ...DEFAULT_REQUEST_SETTINGS };
	if (!options) return settings;
	const positive = (value: unknown) =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0;
	if (positive(options.maxAttempts))
		settings.maxAttempts = Math.max(1, Math.floor(options.maxAttempts as number));
	if (positive(options.maxRetryWaitSeconds))
		settings.maxRetryWaitMs = (options.maxRetryWaitSeconds as number) * 1000;
	if (positive(options.defaultRetryAfterSeconds))
		settings.defaultRetryAfterMs = (options.defaultRetryAfterSeconds as number) * 1000;
	if (positive(options.backoffBaseSeconds))
		settings.backoffBaseMs = (options.backoffBaseSeconds as number) * 1000;
	if (positive(options.timeoutSeconds) && (options.timeoutSeconds as number) > 0)
		settings.timeoutMs = (options.timeoutSeconds as number) * 1000;
	if (positive(options.concurrency))
		settings.concurrency = Math.max(1, Math.floor(options.concurrency as number));
	if (positive(options.requestsPerMinute) && (options.requestsPerMinute as number) > 0)
		settings.requestsPerMinute = options.requestsPerMinute as number;
	return settings;
}
