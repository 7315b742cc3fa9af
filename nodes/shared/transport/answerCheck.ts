import type { INode, NodeApiError } from 'n8n-workflow';

import type { AnswerText } from './answerBody';
import { headerValue } from './answerBody';
import type { ErrorContext, VtexResponse } from './errors';
import { looksLikeHtml, vtexApiError, withVtexDetails, getVtexDetails } from './errors';
import type { Secrets } from './secrets';

/**
 * What a successful (2xx) answer to a request must be, declared once on the request. An answer
 * of another shape is not what VTEX answers: a proxy's or a maintenance page, a storefront, a
 * gateway that lost the body. It never becomes a success; the error says what came back, and a
 * write that converges (`converge.ts`) reads VTEX's state to find out whether it was applied.
 */
export type ExpectedAnswer =
	/** VTEX documents no body (204, or 200 without one): any answer but an HTML page is taken. */
	| 'nothing'
	/** Any answer but an HTML page; the caller checks it with rules of its own (the feed's events). */
	| 'checkedByCaller'
	/** A JSON object. */
	| 'object'
	/** A JSON object, or no body at all (VTEX answers some reads either way). */
	| 'objectOrNothing'
	/** A JSON list. */
	| 'list'
	/** A JSON list, or an object that holds the list (a page with its paging). */
	| 'listOrObject'
	/** A JSON number, or its text (VTEX's change-seller window). */
	| 'number'
	/** true or false, or their text (VTEX's JSONata test). */
	| 'boolean'
	/** A JSON object in which each named field holds a value: a receipt, an order. */
	| { objectWith: readonly string[] };

/** The answer VTEX sent, as text, with what n8n's helper told of it. */
export interface RawAnswer extends Omit<VtexResponse, 'body'> {
	body: AnswerText;
}

/** How much of an unexpected answer an error shows (cut, secrets removed). */
const SHOWN_CHARACTERS = 200;

const NOT_TAKEN = 'This is not an answer VTEX gives to this request; nothing was taken as done.';

/**
 * A 2xx answer, parsed and checked against what the request expects, with every secret removed.
 * Throws a NodeApiError that says what came back otherwise.
 */
export function acceptAnswer(
	/** n8n's getNode copies the node: called only when an error needs it. */
	node: () => INode,
	raw: RawAnswer,
	request: ErrorContext & { answer: ExpectedAnswer },
	secrets: Secrets,
): VtexResponse {
	const fail = (message: string, description: string) =>
		unexpected(
			vtexApiError(node(), { ...raw, body: undefined }, request, secrets, { message, description }),
		);
	const { text, problem } = raw.body;
	if (text === undefined) throw fail(`${request.action} failed: ${problem}`, NOT_TAKEN);
	const contentType = String(headerValue(raw.headers, 'content-type') ?? '');
	if (contentType.includes('text/html') || looksLikeHtml(text)) {
		throw fail(
			`${request.action} failed: VTEX answered with an HTML page instead of JSON`,
			`An HTML body. VTEX does this when the app key lacks a License Manager resource${request.permission ? ` (this endpoint needs "${request.permission}")` : ''}, or when the base URL points at a storefront instead of the API. A proxy or a maintenance page answers so too. Nothing was taken as done.`,
		);
	}
	const value = parsed(text);
	const wrong = mismatch(value, request.answer);
	if (wrong) {
		throw fail(
			`${request.action} failed: VTEX answered HTTP ${raw.statusCode} with ${wrong}`,
			`${NOT_TAKEN} It came back as: ${text.trim() === '' ? '(nothing)' : secrets.redactAndCut(text.trim(), SHOWN_CHARACTERS)}`,
		);
	}
	const body = secrets.mayAppearIn(text) ? secrets.redactValue(value) : value;
	return { statusCode: raw.statusCode, headers: raw.headers, body };
}

/** The JSON value, `undefined` for no body, the text itself when it is not JSON. */
function parsed(text: string): unknown {
	try {
		// JSON.parse skips surrounding whitespace itself: no copy of the text on the usual path.
		return JSON.parse(text) as unknown;
	} catch {
		return /\S/.test(text) ? text : undefined;
	}
}

/** Why the value is not what is expected, in words; undefined when it is. */
function mismatch(value: unknown, expected: ExpectedAnswer): string | undefined {
	const isObject = !!value && typeof value === 'object' && !Array.isArray(value);
	const got = describe(value);
	switch (expected) {
		case 'nothing':
		case 'checkedByCaller':
			return undefined;
		case 'object':
			return isObject ? undefined : `${got} where an object was expected`;
		case 'objectOrNothing':
			return isObject || value === undefined ? undefined : `${got} where an object was expected`;
		case 'list':
			return Array.isArray(value) ? undefined : `${got} where a list was expected`;
		case 'listOrObject':
			return Array.isArray(value) || isObject ? undefined : `${got} where a list was expected`;
		case 'number':
			return typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))
				? undefined
				: `${got} where a number was expected`;
		case 'boolean':
			return typeof value === 'boolean' || value === 'true' || value === 'false'
				? undefined
				: `${got} where true or false was expected`;
		default: {
			const fields = expected.objectWith;
			if (!isObject) return `${got} where an object with ${fields.join(', ')} was expected`;
			const missing = fields.filter((field) => isEmpty((value as Record<string, unknown>)[field]));
			return missing.length === 0
				? undefined
				: `an object without ${missing.join(', ')}, which VTEX's answer always holds`;
		}
	}
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function describe(value: unknown): string {
	if (value === undefined) return 'an empty body';
	if (value === null) return 'null';
	if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
	if (typeof value === 'string') return 'text that is not JSON';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value} (${String(value).slice(0, 40)})`;
}

/**
 * Marks the error as a 2xx answer that was not understood: the request may have been applied,
 * as after a lost answer, so converging writes read VTEX's state before reporting a failure.
 */
function unexpected(error: NodeApiError): NodeApiError {
	return withVtexDetails(error, { ...getVtexDetails(error), answerNotUnderstood: true });
}

/** A header of the answer, whatever its case. */
export function headerOf(response: Pick<RawAnswer, 'headers'>, name: string): unknown {
	return headerValue(response.headers, name);
}
