/**
 * Keeps the credential's App Key and App Token out of every text that leaves the transport: error
 * messages and descriptions, the fields of an error item, the log. Any text copied from VTEX's
 * answer goes through here, because an answer may echo what was sent (a proxy's error page, a
 * gateway that prints the request's headers).
 *
 * The order matters: secrets are removed first and the text is cut afterwards, so a cut can never
 * leave the head of a secret behind. A text that already arrives cut (the server cut it) may still
 * end in the first characters of a secret, or hold a long piece of one: those are removed too.
 */

import { cutAtCharacter } from '../characters';

/** A piece of a secret this long, found anywhere in a text, is taken for an echo of the secret. */
const FRAGMENT_LENGTH = 12;
/** At a text's end, where a cut falls, even a shorter head of a secret is removed. */
const EDGE_FRAGMENT_LENGTH = 4;
/** Shorter values are never searched for: they would match ordinary words. */
const SHORTEST_SECRET = 4;
const MASK = '***';

/**
 * The values to hide: the credential's App Key and App Token, and what a request adds of its own
 * (the hook's secret header and every header value the user has VTEX send).
 */
export class Secrets {
	private readonly values: string[];

	constructor(values: Array<string | undefined>) {
		this.values = [
			...new Set(
				values
					.map((value) => (value ?? '').trim())
					.filter((value) => value.length >= SHORTEST_SECRET),
			),
		]
			// The longest first, so a secret that holds another is masked whole.
			.sort((a, b) => b.length - a.length);
	}

	/** These secrets and the request's own (`extra`); the same object when it adds none. */
	with(extra: ReadonlyArray<string | undefined> | undefined): Secrets {
		if (!extra || extra.length === 0) return this;
		return new Secrets([...this.values, ...extra]);
	}

	/**
	 * Whether an answer's raw text may hold a secret: as sent, as JSON writes it, or behind a
	 * `\u` escape. One native search per secret: the happy path costs next to nothing.
	 */
	mayAppearIn(text: string): boolean {
		if (this.values.length === 0 || text === '') return false;
		if (text.includes('\\u')) return true;
		return this.values.some(
			(secret) => text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1)),
		);
	}

	/**
	 * A parsed answer with every secret, and every long piece of one, removed from its texts (keys
	 * included). Unlike `redact`, a text's ending is left alone: an answer's texts are whole, and a
	 * value ending in a secret's first letters is ordinary data.
	 */
	redactValue(value: unknown): unknown {
		if (typeof value === 'string') return this.redactWhole(value);
		if (Array.isArray(value)) return value.map((entry) => this.redactValue(entry));
		if (value && typeof value === 'object')
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [
					this.redactWhole(key),
					this.redactValue(entry),
				]),
			);
		return value;
	}

	private redactWhole(text: string): string {
		let result = text;
		for (const secret of this.values) {
			if (result.includes(secret)) result = result.split(secret).join(MASK);
			result = maskFragments(result, secret);
		}
		return result;
	}

	/** The text without any secret, nor a long piece of one, nor the head of one at its end. */
	redact(text: string): string {
		if (this.values.length === 0 || text === '') return text;
		let result = text;
		for (const secret of this.values) {
			if (result.includes(secret)) result = result.split(secret).join(MASK);
			result = maskFragments(result, secret);
			result = maskHeadAtEnd(result, secret, EDGE_FRAGMENT_LENGTH);
		}
		return result;
	}

	/**
	 * At most `maxLength` characters of the text, secrets removed first. The cut keeps whole
	 * characters and says that it cut.
	 */
	redactAndCut(text: string, maxLength: number): string {
		// Only the part that can be kept is searched (a body may be megabytes), with room for a
		// secret that straddles the cut.
		const longest = this.values[0]?.length ?? 0;
		const searched = maxLength + longest + 1;
		const redacted = this.redact(text.length > searched ? text.slice(0, searched) : text);
		if (redacted.length <= maxLength) return redacted;
		let cut = cutAtCharacter(redacted, Math.max(0, maxLength - 1));
		// Never half of a character that takes two UTF-16 units.
		if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
		// The head of a secret cannot be here (the secrets were masked whole) unless the text came
		// in cut: then even one character of it goes.
		for (const secret of this.values) cut = maskHeadAtEnd(cut, secret, 1);
		return `${cut}…`;
	}
}

/** Masks every run of the text that is a piece of `secret` of at least FRAGMENT_LENGTH characters. */
function maskFragments(text: string, secret: string): string {
	if (secret.length <= FRAGMENT_LENGTH) return text;
	let result = text;
	for (let offset = 0; offset + FRAGMENT_LENGTH <= secret.length; offset++) {
		const window = secret.slice(offset, offset + FRAGMENT_LENGTH);
		for (let at = result.indexOf(window); at >= 0; at = result.indexOf(window, at + MASK.length)) {
			// Grow the match both ways as far as the text goes on following the secret.
			let start = at;
			let secretStart = offset;
			while (start > 0 && secretStart > 0 && result[start - 1] === secret[secretStart - 1]) {
				start--;
				secretStart--;
			}
			let end = at + FRAGMENT_LENGTH;
			let secretEnd = offset + FRAGMENT_LENGTH;
			while (
				end < result.length &&
				secretEnd < secret.length &&
				result[end] === secret[secretEnd]
			) {
				end++;
				secretEnd++;
			}
			result = `${result.slice(0, start)}${MASK}${result.slice(end)}`;
			at = start;
		}
	}
	return result;
}

/** Masks the longest head of `secret` (at least `shortest` characters) the text ends with. */
function maskHeadAtEnd(text: string, secret: string, shortest: number): string {
	for (let length = Math.min(secret.length - 1, text.length); length >= shortest; length--) {
		if (text.endsWith(secret.slice(0, length)))
			return `${text.slice(0, text.length - length)}${MASK}`;
	}
	return text;
}
