/**
 * Rules about the characters of a text, shared by every field: what VTEX could not store as
 * written, what may not appear in a URL or an HTTP header, and where a text may be cut.
 */

/** Where a text holds half of a character (a lone UTF-16 surrogate), or -1. */
function loneSurrogateAt(text: string): number {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0xd800 || code > 0xdfff) continue;
		const next = text.charCodeAt(index + 1);
		if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index++;
		else return index;
	}
	return -1;
}

/** The name of a control character, as an error shows it (the character itself would not show). */
function controlName(code: number): string {
	const names: Record<number, string> = {
		0x00: 'NUL',
		0x09: 'tab',
		0x0a: 'line feed (LF)',
		0x0d: 'carriage return (CR)',
		0x7f: 'DEL',
	};
	const hex = code.toString(16).toUpperCase().padStart(4, '0');
	return `${names[code] ?? 'control character'} U+${hex}`;
}

/** C0 controls, DEL and C1 controls, by code point (a regex of control characters trips n8n's lint). */
export function isControl(code: number): boolean {
	return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** Tab, line feed and carriage return: the controls a multi-line text (a note, an XML) holds. */
const LINE_CONTROLS = new Set([0x09, 0x0a, 0x0d]);

/**
 * Why a text cannot be sent to VTEX as written, or undefined. Every text field applies it:
 * - half of a character (a lone UTF-16 surrogate, such as an emoji cut in two by a substring):
 *   JSON carries it as `\ud83d`, and VTEX stores a broken character;
 * - a control character other than tab, line feed and carriage return (NUL, ESC…): no name,
 *   number or note holds one; it comes from a binary read or a broken export.
 */
export function textProblem(text: string): string | undefined {
	const lone = loneSurrogateAt(text);
	if (lone >= 0) {
		return `holds half of a character at position ${lone + 1} (a lone UTF-16 surrogate, as when an emoji is cut in two); VTEX would store a broken character`;
	}
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (isControl(code) && !LINE_CONTROLS.has(code))
			return `holds a ${controlName(code)} at position ${index + 1}`;
	}
	return undefined;
}

/**
 * Why a one-line value (a URL, a header name or value) cannot be sent as written, or undefined:
 * the text rule, and no control character at all. A CR or LF in a header would start another
 * header (header injection); a URL parser silently drops tabs and line breaks, so the address
 * checked would not be the one sent. The very string given is checked, never a cleaned copy.
 */
export function oneLineProblem(text: string): string | undefined {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (isControl(code)) return `holds a ${controlName(code)} at position ${index + 1}`;
	}
	return textProblem(text);
}

/** Where a text first holds anything but visible ASCII and the space (what HTTP header values carry), or -1. */
export function nonAsciiAt(text: string): number {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code > 0x7e) return index;
	}
	return -1;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `max` UTF-16 units of `text`, ending between two characters as people see them: an
 * emoji with its skin tone, joiners or flag pair is kept whole or left out, never cut in two.
 * Whether a character ends at a position depends only on the characters up to the next one, so
 * only `max` units and the next character are segmented, however long the text.
 */
export function cutAtCharacter(text: string, max: number): string {
	if (text.length <= max) return text;
	let end = 0;
	for (const { index, segment } of graphemes.segment(text.slice(0, max + 2))) {
		if (index + segment.length > max) break;
		end = index + segment.length;
	}
	return text.slice(0, end);
}
