import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { cancelSignalOf } from '../concurrency';
import { resolveBaseUrl } from './baseUrl';
import type { ErrorContext, VtexResponse } from './errors';
import { looksLikeHtml, redact, vtexApiError, vtexNetworkError } from './errors';
import { RateGate, rateGateFor } from './rateGate';
import { backoffMs, classifyNetworkCode, isRetryableServerStatus, parseRetryAfterMs } from './retry';
import type { RequestSettings } from './settings';

export const CREDENTIAL_TYPE = 'vtexOrderProcessingApi';

/** Every context a node runs VTEX requests in: operations, triggers, and a webhook trigger's registration and requests. */
export type VtexContext = IExecuteFunctions | ITriggerFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

export interface VtexRequest extends ErrorContext {
	method: IHttpRequestMethods;
	/** Path below the account's base URL, already URL-encoded, e.g. `/api/oms/pvt/orders/1001-01`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/**
	 * True when sending the request twice has the same effect as once (reads, the feed, an invoice
	 * keyed by its number, a tracking update). Only such requests are repeated after a 5xx or a
	 * broken connection; every request is repeated after a 429, which VTEX never applies.
	 */
	idempotent: boolean;
}

/**
 * The only place this package talks HTTP. Every request goes through n8n's
 * `httpRequestWithAuthentication`, so the credential's `authenticate` adds VTEX's headers and
 * n8n's proxy settings apply.
 */
export class VtexClient {
	private credentials?: ICredentialDataDecryptedObject;

	private gate?: RateGate;

	constructor(
		private readonly ctx: VtexContext,
		readonly settings: RequestSettings,
	) {}

	/** The credential's account name, which some endpoints also want as a query parameter. */
	async accountName(): Promise<string> {
		return String((await this.loadCredentials()).accountName ?? '').trim();
	}

	async request<T = unknown>(request: VtexRequest): Promise<T> {
		const response = await this.send(request);
		return response.body as T;
	}

	/** Sends a request, retrying what may be retried, and returns VTEX's 2xx answer. */
	async send(request: VtexRequest): Promise<VtexResponse> {
		const credentials = await this.loadCredentials();
		const secrets = [String(credentials.appToken ?? '')];
		const node = this.ctx.getNode();
		const { settings } = this;
		const gate = this.rateGate(credentials);
		// Set when the user stops the execution: waits end, and no further request is sent.
		const signal = cancelSignalOf(this.ctx);
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${resolveBaseUrl(credentials)}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: settings.timeoutMs,
		};
		let waitedMs = 0;

		for (let attempt = 1; ; attempt++) {
			await gate.acquire(settings.requestsPerMinute, signal);
			let response: VtexResponse;
			try {
				response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					CREDENTIAL_TYPE,
					{ ...options },
				)) as VtexResponse;
			} catch (error) {
				const code = networkCodeOf(error);
				const failure = classifyNetworkCode(code);
				if (code === undefined || failure === 'other') {
					throw vtexNetworkError(node, code ?? 'ERROR', request, describe(error), secrets);
				}
				const repeatable = failure === 'notSent' || request.idempotent;
				const wait = backoffMs(attempt, settings.backoffBaseMs);
				if (repeatable && attempt < settings.maxAttempts && waitedMs + wait <= settings.maxRetryWaitMs) {
					this.progress(`${request.action}: connection failed (${code}); retrying in ${seconds(wait)} (attempt ${attempt + 1} of ${settings.maxAttempts})`);
					waitedMs += wait;
					await sleep(wait, signal);
					continue;
				}
				const why = repeatable
					? `Gave up after ${attempt} attempt(s).`
					: 'The request was not repeated: it is not safe to send twice, and VTEX may have applied it. Read the order to check before sending it again.';
				throw vtexNetworkError(node, code, request, why, secrets);
			}

			const status = response.statusCode;
			if (status >= 200 && status < 300) {
				return this.checkSuccessBody(response, request, secrets);
			}

			let wait: number | undefined;
			let reason = '';
			if (status === 429) {
				const retryAfter = parseRetryAfterMs(headerOf(response, 'retry-after'));
				wait = retryAfter ?? settings.defaultRetryAfterMs;
				reason = `VTEX rate limit (429), waiting ${seconds(wait)}${retryAfter === undefined ? ' (no Retry-After; VTEX advises one minute)' : ' as Retry-After asks'}`;
			} else if (isRetryableServerStatus(status) && request.idempotent) {
				wait = backoffMs(attempt, settings.backoffBaseMs);
				reason = `VTEX answered ${status}; retrying in ${seconds(wait)}`;
			}

			if (wait !== undefined && attempt < settings.maxAttempts && waitedMs + wait <= settings.maxRetryWaitMs) {
				this.progress(`${request.action}: ${reason} (attempt ${attempt + 1} of ${settings.maxAttempts})`);
				waitedMs += wait;
				// A 429 holds every request for this account, this one included, until Retry-After has
				// passed: they wait it out together in the gate instead of each finding out on its own.
				if (status === 429) gate.rateLimited(wait);
				else await sleep(wait, signal);
				continue;
			}

			const notRepeated =
				isRetryableServerStatus(status) && !request.idempotent
					? ' The request was not repeated: it is not safe to send twice, and VTEX may have applied it. Read the order to check before sending it again.'
					: '';
			const gaveUp =
				wait !== undefined
					? ` Gave up after ${attempt} attempt(s) and ${seconds(waitedMs)} of waiting (Max Attempts ${settings.maxAttempts}, Max Retry Wait ${seconds(settings.maxRetryWaitMs)}).`
					: '';
			const error = vtexApiError(node, response, request, secrets);
			if (notRepeated || gaveUp) error.description = `${error.description ?? ''}${notRepeated}${gaveUp}`.trim();
			throw error;
		}
	}

	/** VTEX's login page answers 200 with HTML when a permission is missing: that is a failure. */
	private checkSuccessBody(response: VtexResponse, request: VtexRequest, secrets: string[]): VtexResponse {
		const contentType = String(headerOf(response, 'content-type') ?? '');
		const body = response.body;
		const html = contentType.includes('text/html') || (typeof body === 'string' && looksLikeHtml(body));
		if (html) {
			throw vtexApiError(this.ctx.getNode(), { ...response, body: undefined }, request, secrets, {
				message: `${request.action} failed: VTEX answered with an HTML page instead of JSON`,
				description: `HTTP ${response.statusCode} with a text/html body. VTEX does this when the app key lacks a License Manager resource${request.permission ? ` (this endpoint needs "${request.permission}")` : ''}, or when the base URL points at a storefront instead of the API.`,
			});
		}
		if (body === '' || body === undefined || body === null) return { ...response, body: undefined };
		return response;
	}

	private rateGate(credentials: ICredentialDataDecryptedObject): RateGate {
		this.gate ??= rateGateFor(resolveBaseUrl(credentials).toLowerCase());
		return this.gate;
	}

	private async loadCredentials(): Promise<ICredentialDataDecryptedObject> {
		this.credentials ??= await this.ctx.getCredentials(CREDENTIAL_TYPE);
		return this.credentials;
	}

	/**
	 * Long waits are worth telling: the log always, the editor's console in manual runs.
	 * Operations that wait on VTEX (an asynchronous order change) report through here too.
	 */
	progress(message: string): void {
		const text = redact(message, [String(this.credentials?.appToken ?? '')]);
		this.ctx.logger.info(text);
		if ('sendMessageToUI' in this.ctx && typeof this.ctx.sendMessageToUI === 'function') {
			this.ctx.sendMessageToUI(text);
		}
	}
}

function headerOf(response: VtexResponse, name: string): unknown {
	const headers = response.headers ?? {};
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

/**
 * The network error code (ECONNRESET, ETIMEDOUT, ...) wherever n8n and axios put it. Axios reports
 * its own timeout as ECONNABORTED with "timeout of 500ms exceeded": that is a timeout.
 */
function networkCodeOf(error: unknown): string | undefined {
	const chain: Array<{ code?: unknown; cause?: unknown; message?: unknown }> = [];
	for (let current: unknown = error; chain.length < 5 && current && typeof current === 'object'; ) {
		const candidate = current as { code?: unknown; cause?: unknown; message?: unknown };
		chain.push(candidate);
		current = candidate.cause;
	}
	if (chain.some((candidate) => /timeout of \d+ms exceeded/i.test(String(candidate.message ?? '')))) return 'ETIMEDOUT';
	const coded = chain.find((candidate) => typeof candidate.code === 'string' && /^[A-Z][A-Z_]+$/.test(candidate.code));
	return coded?.code as string | undefined;
}

/** The error's message, and n8n's description when it adds one (an SSRF block says why there). */
function describe(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const description = (error as { description?: unknown }).description;
	return typeof description === 'string' && description && description !== error.message
		? `${error.message}: ${description}`
		: error.message;
}

function seconds(ms: number): string {
	return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
