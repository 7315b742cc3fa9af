import type { IAdditionalCredentialOptions, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { sleepUnlessAborted } from '../sleep';
import { readAnswerText } from './answerBody';
import type { RawAnswer } from './answerCheck';
import type { VtexContext } from './client';
import { seconds } from './retry';

/** Why a request's Timeout clock is stopped: the exchange ended. */
const EXCHANGE_ENDED = new Error('The exchange with VTEX ended');

export const CREDENTIAL_TYPE = 'vtexOrderProcessingApi';

/** What n8n's helper returns with `returnFullResponse`. */
interface FullResponse {
	statusCode: number;
	headers?: IDataObject;
	body: unknown;
}

/**
 * One HTTP exchange through n8n's `httpRequestWithAuthentication`, bounded as a whole by
 * Timeout: from sending to the answer's last byte. (n8n's `timeout` option only bounds the time
 * the socket stays idle, so a server that trickles its answer would hold the request for ever.)
 * At Timeout, or when `cancel` fires, the request is aborted and the socket closed. The answer is
 * read from n8n's stream by `readAnswerText`, bounded in size.
 */
export async function exchange(
	requester: VtexContext,
	options: IHttpRequestOptions,
	credential: IAdditionalCredentialOptions | undefined,
	timeoutMs: number,
	cancel: AbortSignal | undefined,
): Promise<RawAnswer> {
	const abort = new AbortController();
	const onCancel = () => abort.abort(cancel?.reason);
	cancel?.addEventListener('abort', onCancel, { once: true });
	// Per request only what it needs: the error object (and its stack) is made when Timeout passes.
	let timedOut: Error | undefined;
	const clock = new AbortController();
	const deadline = sleepUnlessAborted(timeoutMs, clock.signal).then(
		() => {
			timedOut = Object.assign(
				new Error(`VTEX sent no complete answer within the Timeout of ${seconds(timeoutMs)}`),
				{ code: 'ETIMEDOUT' },
			);
			abort.abort(timedOut);
			throw timedOut;
		},
		// The exchange ended first and stopped the clock.
		() => undefined as never,
	);
	const answer = async (): Promise<RawAnswer> => {
		const response = (await requester.helpers.httpRequestWithAuthentication.call(
			requester,
			CREDENTIAL_TYPE,
			{ ...options, abortSignal: abort.signal },
			credential,
		)) as FullResponse;
		const headers = response.headers ?? {};
		const success = response.statusCode >= 200 && response.statusCode < 300;
		const body = await readAnswerText(response.body, headers, success, abort.signal);
		return { statusCode: response.statusCode, headers, body };
	};
	try {
		return await Promise.race([answer(), deadline]);
	} catch (error) {
		throw timedOut ?? error;
	} finally {
		// One shared Error as the reason: aborting then builds no DOMException (nor its stack) per request.
		clock.abort(EXCHANGE_ENDED);
		cancel?.removeEventListener('abort', onCancel);
	}
}

/**
 * n8n gives the requests of a node's run the execution's cancel signal, in place of any signal the
 * node passes (n8n-core looks for `getExecutionCancelSignal` on the context it is called with). The
 * transport passes its own signal, which follows the execution's and also ends the exchange at
 * Timeout; so n8n's helper is called on a view of the context that does not offer that method.
 * Everything else reads through to the context itself.
 */
export function withOwnAbortSignal(ctx: VtexContext): VtexContext {
	return new Proxy(ctx, {
		has: (target, key) => key !== 'getExecutionCancelSignal' && Reflect.has(target, key),
	});
}

/**
 * The network error code (ECONNRESET, ETIMEDOUT, ...) wherever n8n and axios put it. Axios reports
 * its own timeout as ECONNABORTED with "timeout of 500ms exceeded": that is a timeout.
 */
export function networkCodeOf(error: unknown): string | undefined {
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
export function describeFailure(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const description = (error as { description?: unknown }).description;
	return typeof description === 'string' && description && description !== error.message
		? `${error.message}: ${description}`
		: error.message;
}
