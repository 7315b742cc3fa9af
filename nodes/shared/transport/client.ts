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

import { NodeOperationError } from 'n8n-workflow';

import type { VaryingLimit } from '../concurrency';
import { cancelSignalOf } from '../concurrency';
import type { ExpectedAnswer, RawAnswer } from './answerCheck';
import { acceptAnswer, headerOf } from './answerCheck';
import { resolveBaseUrl } from './baseUrl';
import type { ErrorContext, VtexResponse } from './errors';
import { getVtexDetails, vtexApiError, vtexNetworkError, withVtexDetails } from './errors';
import {
	CREDENTIAL_TYPE,
	describeFailure,
	exchange,
	networkCodeOf,
	withOwnAbortSignal,
} from './exchange';
import type { AccountPace, Pacer } from './rateGate';
import { accountPaceFor, nodePacerFor, PACING_SHARE } from './rateGate';
import type { AttemptFailure } from './retry';
import { decideRetry, parseRetryAfterMs } from './retry';
import { inFlightLimit, RetryWaits } from './inFlight';
import { Secrets } from './secrets';
import type { RequestSettings } from './settings';

export { CREDENTIAL_TYPE };

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
	/** What VTEX's 2xx answer must be; anything else is reported, never taken as a success. */
	answer: ExpectedAnswer;
	/**
	 * Values this request sends as credentials besides the App Key and App Token (the hook's
	 * secret header, every hook header value): kept out of errors and of the answer like them.
	 */
	secrets?: string[];
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

	/** This client's requests now waiting to be tried again: each keeps its item's slot meanwhile. */
	private readonly retryWaits = new RetryWaits();

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
		const { settings } = this;
		const secrets = this.secrets.with(request.secrets);
		const baseUrl = this.baseUrlOf(credentials, request.itemIndex);
		const account = this.accountPace(credentials);
		// Set when the user stops the execution: waits end, and no further request is sent.
		const cancel = cancelSignalOf(this.ctx);
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			// The answer is read from the stream by the transport itself, bounded (answerBody.ts).
			encoding: 'stream',
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
			let response: RawAnswer | undefined;
			let networkError: unknown;
			try {
				response = await exchange(
					this.requester,
					options,
					this.loadedCredential,
					settings.timeoutMs,
					cancel,
				);
				account.answered(sentAt, response.statusCode === 429);
			} catch (error) {
				networkError = error;
			}
			if (response) {
				const status = response.statusCode;
				if (status >= 200 && status < 300) {
					const answer = acceptAnswer(() => this.ctx.getNode(), response, request, secrets);
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
				await this.retryWaits.wait(decision.waitMs, cancel);
				continue;
			}
			// n8n's getNode copies the node: read only when an error needs it.
			const node = this.ctx.getNode();
			const error = response
				? vtexApiError(node, { ...response, body: response.body.text }, request, secrets)
				: vtexNetworkError(
						node,
						failure.kind === 'network' ? (failure.code ?? 'ERROR') : 'ERROR',
						request,
						describeFailure(networkError),
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

	/** The account's base URL; an unusable credential stops the item, naming the field. */
	private baseUrlOf(credentials: ICredentialDataDecryptedObject, itemIndex?: number): string {
		try {
			return resolveBaseUrl(credentials);
		} catch (error) {
			// Only a CredentialFieldError comes from here: its message names the field.
			throw new NodeOperationError(this.ctx.getNode(), (error as Error).message, { itemIndex });
		}
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

	/** The in-flight limit for `mapWithConcurrency` (see `inFlight.ts`), at most `most`. */
	inFlightLimit(most: number): VaryingLimit {
		const ownPerSecond = (this.settings.requestsPerMinute / 60) * PACING_SHARE;
		return inFlightLimit(most, ownPerSecond, () => this.account, this.retryWaits);
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
