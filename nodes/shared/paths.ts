import { isControl, textProblem } from './characters';
import { shown } from './values';

/**
 * One rule for every value placed in a URL path (order IDs, invoice numbers, change request IDs).
 * `encodeURIComponent` leaves dots alone, and HTTP clients and proxies collapse the segments "."
 * and "..": an invoice number ".." would send Update Tracking's PATCH to
 * /api/oms/pvt/orders/{orderId}/ instead of the invoice. A value is refused when it, or what it
 * decodes to (a proxy may decode "%2e" once, or "%252e" twice), is only dots, or holds a slash
 * or backslash that would split the path.
 */

const DECODE_ROUNDS = 3;

/** Why `value` cannot be one path segment, or undefined when it can. */
export function pathSegmentProblem(value: string): string | undefined {
	if (value === '') return 'is empty; it goes into the request path';
	// Half of a character cannot be encoded into a URL at all (encodeURIComponent throws).
	const broken = textProblem(value);
	if (broken) return `${shown(value)} ${broken}`;
	let decoded = value;
	for (let round = 0; round <= DECODE_ROUNDS; round++) {
		if (/^\.+$/.test(decoded)) {
			return `${shown(value)} cannot be sent: a value of only dots (or their %2e encoding) would make the request reach another VTEX endpoint`;
		}
		if (/[/\\]/.test(decoded)) {
			return `${shown(value)} holds "/" or "\\" (perhaps encoded as %2f or %5c), which would split the request path`;
		}
		if (hasControlCharacter(decoded)) return `${shown(value)} holds a control character`;
		const next = safeDecode(decoded);
		if (next === decoded) break;
		decoded = next;
	}
	return undefined;
}

/** Any control character (characters.ts), tab and line breaks included. */
function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		if (isControl(text.charCodeAt(index))) return true;
	}
	return false;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/**
 * The value encoded as one path segment. Inputs are checked before any request (the schemas use
 * `pathSegmentProblem`); this throws for a value that slipped past, so no request is ever sent
 * to a path the value would change.
 */
export function pathSegment(value: string, label: string): string {
	const problem = pathSegmentProblem(value);
	if (problem) throw new Error(`Nothing was sent: "${label}" ${problem}`);
	return encodeURIComponent(value);
}
