import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { Secrets } from './secrets';

/** What VTEX answered, reduced to what an error needs. Never holds request headers. */
export interface VtexResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/**
	 * Set on a 2xx answer that came after a retry whose earlier attempt VTEX may have applied (a
	 * 5xx, a reset, a timeout): when that attempt ended. A feed read then may have handed out
	 * events nobody received; they come back a visibility timeout later.
	 */
	earlierAttemptMayHaveAppliedAt?: number;
}

/** Facts about the request that turn a bare status into advice. */
export interface ErrorContext {
	/** Short name of what was attempted, e.g. "Invoice order 1001-01". */
	action: string;
	/** License Manager resource the endpoint needs, named in 403 hints. */
	permission?: string;
	/** Advice for a 404 on this endpoint (the feed: no configuration). */
	notFoundHint?: string;
	/** Advice for other statuses this endpoint documents, e.g. 400 when VTEX refuses to cancel. */
	statusHints?: Partial<Record<number, string>>;
	/** Advice for the error codes of this endpoint's family (Change v2's CHK and SalesOrderSystem codes). */
	codeHints?: Readonly<Record<string, string>>;
	itemIndex?: number;
}

/** Advice for the VTEX error codes any endpoint may send; families add theirs through the context. */
const COMMON_CODE_HINTS: Readonly<Record<string, string>> = {
	OMS003:
		'The order is not in the status this action needs. Start Handling works only on orders in "ready-for-handling"; read the order to see its status.',
	OMS007:
		'VTEX does not know this order ID in this account. Check the ID, and that the credential points at the seller account that fulfils the order.',
	'1': 'VTEX refused the App Key / App Token. Check the credential.',
};

/** Advice for a VTEX error code: the endpoint family's own hints first, then the common ones. */
export function hintForCode(
	code: string | undefined,
	familyHints?: Readonly<Record<string, string>>,
): string | undefined {
	if (code === undefined) return undefined;
	return familyHints?.[code] ?? COMMON_CODE_HINTS[code];
}

/** VTEX's error code and message from any of the bodies it uses. */
export function extractVtexError(body: unknown): { code?: string; message?: string } {
	if (body === null || body === undefined) return {};
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{')) {
			try {
				return extractVtexError(JSON.parse(text));
			} catch {
				return { message: text };
			}
		}
		return text && !looksLikeHtml(text) ? { message: text } : {};
	}
	if (typeof body !== 'object') return { message: String(body) };
	const data = body as IDataObject;
	// OMS: { error: { code, message, exception } } (developers.vtex.com/docs/api-reference/orders-api, "Errors")
	if (data.error && typeof data.error === 'object') {
		const inner = data.error as IDataObject;
		return { code: stringOrUndefined(inner.code), message: stringOrUndefined(inner.message) };
	}
	// Problem details (RFC 9457): { type, title, status, detail, traceId }, as newer VTEX APIs answer
	if (data.title !== undefined || data.detail !== undefined) {
		const code = stringOrUndefined(data.code) ?? stringOrUndefined(data.errorCode);
		const parts = [stringOrUndefined(data.title), stringOrUndefined(data.detail)].filter(Boolean);
		return { code, message: parts.join(': ') || undefined };
	}
	// Checkout / order-system style: { code, message } or { Code, Message }
	const code = stringOrUndefined(data.code ?? data.Code ?? data.errorCode);
	const message = stringOrUndefined(data.message ?? data.Message ?? data.error);
	return { code, message };
}

export function looksLikeHtml(text: string): boolean {
	return /^\s*<(!doctype|html|head|body)/i.test(text);
}

function stringOrUndefined(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return String(value);
}

function adviceFor(
	status: number,
	code: string | undefined,
	context: ErrorContext,
): string | undefined {
	const byCode = hintForCode(code, context.codeHints);
	if (byCode && code !== '1') return byCode;
	const byStatus = context.statusHints?.[status];
	if (byStatus) return byStatus;
	switch (status) {
		case 401:
			return 'VTEX refused the App Key / App Token. Check both values in the credential, and that the key belongs to this account.';
		case 403:
			return context.permission
				? `The app key's role lacks the License Manager resource "${context.permission}". Add it to the key's role in VTEX Admin > Account settings > Roles.`
				: "The app key's role lacks the License Manager resource this endpoint needs.";
		case 404:
			return (
				context.notFoundHint ?? 'VTEX found nothing at this address: check the ID and the account.'
			);
		case 429:
			return 'VTEX kept answering "too many requests". Lower Concurrency or Requests per Minute, or raise Max Retry Wait.';
		case 502:
		case 503:
		case 504:
			return 'VTEX is unavailable or overloaded right now; try again later.';
		default:
			return byCode;
	}
}

/**
 * The most characters of an answer's text an error carries: VTEX's message in the error's message,
 * the whole description, VTEX's message and code as separate fields. An answer may be megabytes.
 */
export const TEXT_LIMITS = {
	message: 300,
	description: 1_000,
	vtexMessage: 500,
	vtexCode: 80,
} as const;

/** An error for a non-2xx answer (or a 2xx that is not what VTEX documents). */
export function vtexApiError(
	node: INode,
	response: VtexResponse,
	context: ErrorContext,
	secrets: Secrets,
	override?: { message?: string; description?: string },
): NodeApiError {
	const extracted = extractVtexError(response.body);
	// Everything taken from the answer is cleaned of secrets before it is cut or used.
	const code =
		extracted.code === undefined
			? undefined
			: secrets.redactAndCut(extracted.code, TEXT_LIMITS.vtexCode);
	const vtexMessage =
		extracted.message === undefined
			? undefined
			: secrets.redactAndCut(extracted.message, TEXT_LIMITS.vtexMessage);
	const status = response.statusCode;
	const summary =
		override?.message ??
		`${context.action} failed: ${vtexMessage === undefined ? `HTTP ${status}` : cutText(vtexMessage, TEXT_LIMITS.message)}`;
	const advice = override?.description ?? adviceFor(status, code, context);
	const description = [code ? `VTEX error ${code} (HTTP ${status}).` : `HTTP ${status}.`, advice]
		.filter(Boolean)
		.join(' ');
	const errorResponse: JsonObject = {
		httpCode: String(status),
		vtexCode: code ?? null,
		vtexMessage: vtexMessage ?? null,
	};
	const error = new NodeApiError(node, errorResponse, {
		message: secrets.redactAndCut(summary, TEXT_LIMITS.message + 200),
		description: secrets.redactAndCut(description, TEXT_LIMITS.description),
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
	return withVtexDetails(error, { code, status });
}

/** A text already cleaned of secrets, cut to `maxLength` characters. */
function cutText(text: string, maxLength: number): string {
	return NO_SECRETS.redactAndCut(text, maxLength);
}

const NO_SECRETS = new Secrets([]);

const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection to VTEX was reset before an answer came',
	ECONNABORTED: 'the connection to VTEX was aborted before an answer came',
	ETIMEDOUT: 'VTEX did not answer in time',
	ECONNREFUSED:
		'nothing accepted the connection at the Base URL: a wrong host or port, a sandbox or proxy that is not running, or a firewall',
	ENOTFOUND: 'the VTEX host name does not resolve (check Account Name, Environment and Base URL)',
	EAI_AGAIN: 'the VTEX host name could not be looked up',
	EHOSTUNREACH: 'the VTEX host is unreachable',
};

/** An error for an exchange that got no HTTP answer (reset, timeout, refused). */
export function vtexNetworkError(
	node: INode,
	networkCode: string,
	context: ErrorContext,
	detail: string,
	secrets: Secrets,
	why?: string,
): NodeApiError {
	// The code goes in the description: n8n replaces a message that names a Node.js error code
	// with its own generic sentence.
	const error = new NodeApiError(node, { networkCode, vtexCode: null } as JsonObject, {
		// Without a known code, the cause itself is the message (an SSRF block, a proxy refusal).
		message: secrets.redactAndCut(
			`${context.action} failed: ${NETWORK_WORDS[networkCode] ?? (networkCode === 'ERROR' ? detail : 'no answer from VTEX')}`,
			TEXT_LIMITS.message + 200,
		),
		description: secrets.redactAndCut(
			[`${networkCode}. ${detail}`, why].filter(Boolean).join(' '),
			TEXT_LIMITS.description,
		),
		itemIndex: context.itemIndex,
	});
	return withVtexDetails(error, { code: networkCode });
}

/** VTEX's code and status, kept on the error so operations and continue-on-fail items can read them. */
export interface VtexErrorDetails {
	code?: string;
	status?: number;
	/**
	 * True when an earlier attempt of this request may have been applied by VTEX although its answer
	 * was lost (a 5xx or a broken connection before a repeat): a refusal now may only mean "already
	 * done". Operations that are safe to repeat read the state to tell.
	 */
	earlierAttemptMayHaveApplied?: boolean;
	/**
	 * True when VTEX answered 2xx with something that is not its answer to this request (an HTML
	 * page, an empty body where a receipt belongs): the request may have been applied, or not.
	 */
	answerNotUnderstood?: boolean;
}

export function withVtexDetails<T extends Error>(error: T, details: VtexErrorDetails): T {
	Object.defineProperty(error, 'vtex', {
		value: details,
		enumerable: false,
		configurable: true,
		writable: true,
	});
	return error;
}

export function getVtexDetails(error: unknown): VtexErrorDetails {
	if (error && typeof error === 'object' && 'vtex' in error) {
		return (error as { vtex: VtexErrorDetails }).vtex;
	}
	return {};
}
