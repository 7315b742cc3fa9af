/**
 * Reads VTEX's answer from the stream n8n's request helper hands over (`encoding: 'stream'`),
 * bounded in size and decoded with the charset VTEX declares. n8n's helper on both lines (1.x and
 * 2.x) sets axios's `maxContentLength` to Infinity and offers no option to lower it, so the
 * transport asks for the stream and reads it itself: a 400 MB answer, or a 400 KB gzip body that
 * inflates to 400 MB, is never held whole.
 */

/**
 * The most bytes of a successful answer read, compressed or inflated: 16 MiB. The largest answer
 * this package asks VTEX for is one order (Get order: tens of kilobytes, a few hundred for an
 * order of hundreds of items); a feed read holds at most 10 small events, a notes page 100 notes of
 * at most 2,000 characters. 16 MiB is also n8n's default payload limit (N8N_PAYLOAD_SIZE_MAX), so
 * a larger item could not reach the editor anyway. An answer beyond it is not VTEX's.
 */
export const ANSWER_BYTES_CAP = 16 * 1024 * 1024;

/**
 * The most bytes of a refusal (4xx, 5xx) read: 1 MiB. An error needs VTEX's code and message; a
 * refusal may echo what was posted (an invoice of hundreds of items is tens of kilobytes), and its
 * JSON must stay whole to be read. The rest is dropped, not refused: the refusal is reported.
 */
export const REFUSAL_BYTES_CAP = 1024 * 1024;

/** The answer as text, or why it could not be read. */
export type AnswerText =
	| { text: string; problem?: undefined }
	| { problem: string; text?: undefined };

/** What n8n's helper returns for `encoding: 'stream'`: axios's (inflated) response stream. */
interface AnswerStream {
	on(event: string, listener: (value?: unknown) => void): unknown;
	off(event: string, listener: (value?: unknown) => void): unknown;
	destroy(error?: Error): void;
	/** Set by a zlib stream: the compressed bytes it took in. */
	bytesWritten?: number;
}

/**
 * Reads the whole answer of a 2xx (up to ANSWER_BYTES_CAP) or the head of a refusal (up to
 * REFUSAL_BYTES_CAP). `abort` (Timeout, the user stopping the run) ends the read at once. Read
 * with the stream's events rather than an async iterator: that costs less per answer.
 */
export async function readAnswerText(
	body: unknown,
	headers: Record<string, unknown>,
	success: boolean,
	abort: AbortSignal,
): Promise<AnswerText> {
	if (!isStream(body)) return { text: plainText(body) };
	const cap = success ? ANSWER_BYTES_CAP : REFUSAL_BYTES_CAP;
	const declared = Number(headerValue(headers, 'content-length'));
	if (success && declared > cap) {
		body.destroy();
		return { problem: tooLarge(`announces ${sizeOf(declared)}`) };
	}
	const stream: AnswerStream = body;
	return await new Promise<AnswerText>((resolve, reject) => {
		const chunks: Uint8Array[] = [];
		let length = 0;
		const listeners: Record<string, (value?: unknown) => void> = {
			data: (value) => {
				const chunk = value as Uint8Array;
				const room = cap - length;
				if (chunk.length <= room && (stream.bytesWritten ?? 0) <= cap) {
					chunks.push(chunk);
					length += chunk.length;
					return;
				}
				// Past the cap: the socket is not read further.
				stream.destroy();
				if (!success) {
					chunks.push(chunk.subarray(0, Math.max(0, room)));
					length += Math.max(0, room);
					return settle(() => resolve(decode(concat(chunks, length), headers, success)));
				}
				settle(() => resolve({ problem: tooLarge(`went on past ${sizeOf(cap)}`) }));
			},
			end: () => settle(() => resolve(decode(concat(chunks, length), headers, success))),
			error: (error) => settle(() => reject(error)),
			// Closed before its end without an error of its own: the answer was cut.
			close: () =>
				settle(() =>
					reject(
						Object.assign(new Error("The connection closed before VTEX's answer ended"), {
							code: 'ECONNRESET',
						}),
					),
				),
		};
		const onAbort = () => {
			stream.destroy();
			settle(() => reject(abort.reason));
		};
		let settled = false;
		function settle(finish: () => void): void {
			if (settled) return;
			settled = true;
			for (const [event, listener] of Object.entries(listeners)) stream.off(event, listener);
			abort.removeEventListener('abort', onAbort);
			finish();
		}
		if (abort.aborted) return onAbort();
		abort.addEventListener('abort', onAbort, { once: true });
		for (const [event, listener] of Object.entries(listeners)) stream.on(event, listener);
	});
}

function tooLarge(what: string): string {
	return `VTEX's answer ${what}, more than the ${sizeOf(ANSWER_BYTES_CAP)} any VTEX answer to this request stays under; it was not read further`;
}

function sizeOf(bytes: number): string {
	return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

/** The charset the Content-Type names; JSON without one is UTF-8 (RFC 8259, section 8.1). */
function charsetOf(headers: Record<string, unknown>): string {
	const contentType = String(headerValue(headers, 'content-type') ?? '');
	const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
	return match ? match[1].toLowerCase() : 'utf-8';
}

/**
 * Bytes to text in the declared charset (TextDecoder knows every WHATWG encoding: ISO-8859-1,
 * windows-1252, UTF-16...). A successful answer in a charset nobody knows, or with bytes that are
 * not valid in it, is refused rather than read with replacement characters; a refusal's text is
 * only shown, so it is decoded leniently.
 */
function decode(bytes: Uint8Array, headers: Record<string, unknown>, success: boolean): AnswerText {
	const charset = charsetOf(headers);
	let decoder: InstanceType<typeof TextDecoder>;
	try {
		decoder = decoderFor(charset, success);
	} catch {
		if (!success) return { text: new TextDecoder().decode(bytes) };
		return {
			problem: `VTEX's answer declares the charset "${charset.slice(0, 40)}", which cannot be decoded`,
		};
	}
	try {
		return { text: decoder.decode(bytes) };
	} catch {
		return {
			problem: `VTEX's answer is not valid ${charset.slice(0, 40)} text, as its Content-Type declares`,
		};
	}
}

/** Decoders are reusable (each `decode` call without `stream` is whole): one per charset and mode. */
const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decoderFor(charset: string, fatal: boolean): InstanceType<typeof TextDecoder> {
	const key = `${fatal ? 'fatal' : 'lenient'} ${charset}`;
	let decoder = decoders.get(key);
	if (!decoder) {
		decoder = new TextDecoder(charset, { fatal });
		// Only charsets TextDecoder knows reach here, so the map stays small.
		decoders.set(key, decoder);
	}
	return decoder;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
	if (chunks.length === 1) return chunks[0];
	const whole = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		whole.set(chunk, offset);
		offset += chunk.length;
	}
	return whole;
}

function isStream(body: unknown): body is AnswerStream {
	return (
		!!body &&
		typeof body === 'object' &&
		typeof (body as Partial<AnswerStream>).on === 'function' &&
		typeof (body as Partial<AnswerStream>).destroy === 'function'
	);
}

/** A body n8n already read (a test double, n8n's evaluation mocks): the same text the stream would carry. */
function plainText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return JSON.stringify(body);
}

export function headerValue(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}
