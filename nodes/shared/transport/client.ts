import type {
	IAdditionalCredentialOptions,
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

import { cancelSignalOf } from '../concurrency';
import { sleepUnlessAborted } from '../sleep';
import { resolveBaseUrl } from './baseUrl';
import type { ErrorContext, VtexResponse } from './errors';
import {
	getVtexDetails,
	looksLikeHtml,
	vtexApiError,
	vtexNetworkError,
	withVtexDetails,
} from './errors';
import type { AccountPace, Pacer } from './rateGate';
import { accountPaceFor, nodePacerFor, PACING_SHARE } from './rateGate';
import type { AttemptFailure } from './retry';
import { decideRetry, parseRetryAfterMs, seconds } from './retry';
import { Secrets } from './secrets';
import type { RequestSettings } from './settings';

/** Why a request's Timeout clock is stopped: the exchange ended. */
const EXCHANGE_ENDED = new Error('The exchange with VTEX ended');

/** Requests in flight before the account's latency is known: enough for 100 a second at 150 ms. */
const BEFORE_FIRST_ANSWER_IN_FLIGHT = 16;

export const CREDENTIAL_TYPE = 'vtexOrderProcessingApi';

/** Every context a node runs VTEX requests in: operations, triggers, and a webhook trigger's registration and requests. */
export type VtexContext =
	| IExecuteFunctions
	| ITriggerFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

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
 * n8n's proxy settings apply. The client sends, asks `decideRetry` what a failure means, and waits.
 */
export class VtexClient {
	private credentialsLoading?: Promise<ICredentialDataDecryptedObject>;

	/**
	 * The credential as loaded once for this run, handed to n8n's request helper with every
	 * request. Without it the helper loads and decrypts the credential again for each request (a
	 * database read and a decryption in real n8n, about a millisecond of CPU per request).
	 */
	private loadedCredential?: IAdditionalCredentialOptions;

	private secrets = new Secrets([]);

	private account?: AccountPace;

	/** The context n8n's request helper is called on; see `withOwnAbortSignal`. */
	private readonly requester: VtexContext;

	constructor(
		private readonly ctx: VtexContext,
		readonly settings: RequestSettings,
	) {
		this.requester = withOwnAbortSignal(ctx);
	}

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
		const { settings, secrets } = this;
		const account = this.accountPace(credentials);
		// Set when the user stops the execution: waits end, and no further request is sent.
		const cancel = cancelSignalOf(this.ctx);
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${resolveBaseUrl(credentials)}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// VTEX's API answers where it is asked. Followed, a 301 or 302 turns a write into a GET of
			// another address that then seems to succeed; not following also spares the redirect
			// wrapper's work on every request (n8n's HTTP Request node follows none on writes either).
			disableFollowRedirect: true,
			timeout: settings.timeoutMs,
		};
		let waitedMs = 0;
		/** When the last attempt VTEX may have applied (or served) ended; its answer never came. */
		let earlierAttemptMayHaveAppliedAt: number | undefined;

		for (let attempt = 1; ; attempt++) {
			await this.ownPacer(account)?.acquire(cancel);
			const sentAt = await account.acquire(settings.requestsPerMinute, cancel);
			let failure: AttemptFailure;
			let response: VtexResponse | undefined;
			let networkError: unknown;
			try {
				response = await this.exchange(options, cancel);
				account.answered(sentAt, response.statusCode === 429);
			} catch (error) {
				networkError = error;
			}
			if (response) {
				const status = response.statusCode;
				if (status >= 200 && status < 300) {
					const answer = this.checkSuccessBody(response, request);
					if (earlierAttemptMayHaveAppliedAt !== undefined)
						answer.earlierAttemptMayHaveAppliedAt = earlierAttemptMayHaveAppliedAt;
					return answer;
				}
				failure = {
					kind: 'status',
					status,
					retryAfterMs: parseRetryAfterMs(headerOf(response, 'retry-after')),
				};
			} else {
				failure = { kind: 'network', code: networkCodeOf(networkError) };
			}

			const decision = decideRetry({
				failure,
				safeToRepeat: request.idempotent,
				attempt,
				waitedMs,
				settings,
			});
			if (decision.retry) {
				this.progress(`${request.action}: ${decision.why}`);
				if (decision.mayHaveApplied) earlierAttemptMayHaveAppliedAt = Date.now();
				waitedMs += decision.waitMs;
				if (decision.accountPauseMs) account.pause(decision.accountPauseMs);
				// This request waits out its Retry-After; the account's pace learned from the 429.
				await sleepUnlessAborted(decision.waitMs, cancel);
				continue;
			}
			// n8n's getNode copies the node: read only when an error needs it.
			const node = this.ctx.getNode();
			const error = response
				? vtexApiError(node, response, request, secrets)
				: vtexNetworkError(
						node,
						failure.kind === 'network' ? (failure.code ?? 'ERROR') : 'ERROR',
						request,
						describe(networkError),
						secrets,
						decision.why,
					);
			if (response && decision.why)
				error.description = secrets.redactAndCut(
					`${error.description ?? ''} ${decision.why}`.trim(),
					1_500,
				);
			throw withVtexDetails(error, {
				...getVtexDetails(error),
				earlierAttemptMayHaveApplied: earlierAttemptMayHaveAppliedAt !== undefined,
			});
		}
	}

	/**
	 * One exchange, bounded as a whole by Timeout: from sending to the answer's last byte. (n8n's
	 * `timeout` option only bounds the time the socket stays idle, so a server that trickles its
	 * answer would hold the request for ever.) At Timeout the request is aborted, the socket closed.
	 */
	private async exchange(
		options: IHttpRequestOptions,
		cancel: AbortSignal | undefined,
	): Promise<VtexResponse> {
		const abort = new AbortController();
		const onCancel = () => abort.abort(cancel?.reason);
		cancel?.addEventListener('abort', onCancel, { once: true });
		const timeoutMs = this.settings.timeoutMs;
		// Per request only what it needs: the error object (and its stack) is made when Timeout passes.
		let timedOut: Error | undefined;
		const clock = new AbortController();
		const deadline = sleepUnlessAborted(timeoutMs, clock.signal).then(
			() => {
				timedOut = Object.assign(
					new Error(`VTEX sent no complete answer within the Timeout of ${seconds(timeoutMs)}`),
					{
						code: 'ETIMEDOUT',
					},
				);
				abort.abort(timedOut);
				throw timedOut;
			},
			// The exchange ended first and stopped the clock.
			() => undefined as never,
		);
		try {
			return (await Promise.race([
				this.requester.helpers.httpRequestWithAuthentication.call(
					this.requester,
					CREDENTIAL_TYPE,
					{ ...options, abortSignal: abort.signal },
					this.loadedCredential,
				),
				deadline,
			])) as VtexResponse;
		} catch (error) {
			throw timedOut ?? error;
		} finally {
			// One shared Error as the reason: aborting then builds no DOMException (nor its stack) per request.
			clock.abort(EXCHANGE_ENDED);
			cancel?.removeEventListener('abort', onCancel);
		}
	}

	/** VTEX's login page answers 200 with HTML when a permission is missing: that is a failure. */
	private checkSuccessBody(response: VtexResponse, request: VtexRequest): VtexResponse {
		const contentType = String(headerOf(response, 'content-type') ?? '');
		const body = response.body;
		const html =
			contentType.includes('text/html') || (typeof body === 'string' && looksLikeHtml(body));
		if (html) {
			throw vtexApiError(
				this.ctx.getNode(),
				{ ...response, body: undefined },
				request,
				this.secrets,
				{
					message: `${request.action} failed: VTEX answered with an HTML page instead of JSON`,
					description: `HTTP ${response.statusCode} with a text/html body. VTEX does this when the app key lacks a License Manager resource${request.permission ? ` (this endpoint needs "${request.permission}")` : ''}, or when the base URL points at a storefront instead of the API.`,
				},
			);
		}
		if (body === '' || body === undefined || body === null) return { ...response, body: undefined };
		return response;
	}

	private accountPace(credentials: ICredentialDataDecryptedObject): AccountPace {
		this.account ??= accountPaceFor(resolveBaseUrl(credentials).toLowerCase());
		return this.account;
	}

	/**
	 * The node's own pacer when its Requests per Minute is below what another caller of the account
	 * asks for: then the node waits for its own pace first, and only its requests are slowed.
	 */
	private ownPacer(account: AccountPace): Pacer | undefined {
		const { requestsPerMinute } = this.settings;
		if ((requestsPerMinute / 60) * PACING_SHARE >= account.ceilingPerSecond()) return undefined;
		const workflow = this.ctx.getWorkflow();
		const node = this.ctx.getNode();
		return nodePacerFor(`${workflow.id ?? ''}/${node.id ?? node.name}`, requestsPerMinute);
	}

	/**
	 * How many requests this client should have in flight to keep its pace, from the account's
	 * observed latency (undefined before the first answer), at most `cap`.
	 */
	inFlightTarget(cap: number): number {
		const ownPerSecond = (this.settings.requestsPerMinute / 60) * PACING_SHARE;
		const target = this.account?.inFlightFor(ownPerSecond) ?? BEFORE_FIRST_ANSWER_IN_FLIGHT;
		return Math.max(1, Math.min(cap, target));
	}

	/** Loads the credential once: items that start together wait for the same read. A failed read is tried again by the next request. */
	private async loadCredentials(): Promise<ICredentialDataDecryptedObject> {
		this.credentialsLoading ??= this.readCredentials().catch((error: unknown) => {
			this.credentialsLoading = undefined;
			throw error;
		});
		return await this.credentialsLoading;
	}

	private async readCredentials(): Promise<ICredentialDataDecryptedObject> {
		const credentials = await this.ctx.getCredentials(CREDENTIAL_TYPE);
		const chosen = this.ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		this.loadedCredential = {
			credentialsDecrypted: {
				id: chosen?.id ?? '',
				name: chosen?.name ?? '',
				type: CREDENTIAL_TYPE,
				data: credentials,
			},
		};
		this.secrets = new Secrets([
			String(credentials.appKey ?? ''),
			String(credentials.appToken ?? ''),
		]);
		return credentials;
	}

	/**
	 * Long waits are worth telling: the log always, the editor's console in manual runs.
	 * Operations that wait on VTEX (an asynchronous order change) report through here too.
	 */
	progress(message: string): void {
		const text = this.secrets.redactAndCut(message, 1_000);
		this.ctx.logger.info(text);
		if ('sendMessageToUI' in this.ctx && typeof this.ctx.sendMessageToUI === 'function') {
			this.ctx.sendMessageToUI(text);
		}
	}
}

/**
 * n8n gives the requests of a node's run the execution's cancel signal, in place of any signal the
 * node passes (n8n-core looks for `getExecutionCancelSignal` on the context it is called with). The
 * transport passes its own signal, which follows the execution's and also ends the exchange at
 * Timeout; so n8n's helper is called on a view of the context that does not offer that method.
 * Everything else reads through to the context itself.
 */
function withOwnAbortSignal(ctx: VtexContext): VtexContext {
	return new Proxy(ctx, {
		has: (target, key) => key !== 'getExecutionCancelSignal' && Reflect.has(target, key),
	});
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
	if (chain.some((candidate) => /timeout of \d+ms exceeded/i.test(String(candidate.message ?? ''))))
		return 'ETIMEDOUT';
	const coded = chain.find(
		(candidate) => typeof candidate.code === 'string' && /^[A-Z][A-Z_]+$/.test(candidate.code),
	);
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
