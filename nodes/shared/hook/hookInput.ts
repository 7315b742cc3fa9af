import { nonAsciiAt, oneLineProblem } from '../characters';
import { LIMITS } from '../limits';
import { listSchema, tooLong, urlSchema } from '../validation';
import { shown } from '../values';
import { z } from '../zod';

/**
 * The rules of the hook's own fields (URL and Headers), checked before anything is sent. VTEX
 * stores the URL and headers and sends them with every notification, so each is checked as the
 * very text VTEX will send: nothing is cleaned and then sent raw.
 */

const issue = (ctx: z.RefinementCtx, message: string) => {
	ctx.addIssue({ code: z.ZodIssueCode.custom, message });
	return z.NEVER;
};

/**
 * The URL VTEX notifies: https only, as VTEX requires ("Only https scheme is accepted"); see
 * `urlSchema` for the loopback exception and the one-line rule. Required: empty is refused
 * before this step, so the URL is always there.
 */
export const hookUrlSchema = urlSchema(LIMITS.url, {
	httpsOnly: true,
	required: 'the URL VTEX notifies',
}).transform((url) => url as string);

/** A header name as HTTP allows it (a token, RFC 9110 section 5.1); spaces around it are dropped. */
const headerNameSchema = z.any().transform((value, ctx): string => {
	if (typeof value !== 'string') return issue(ctx, 'must be text, such as X-Api-Key');
	const control = oneLineProblem(value);
	if (control) return issue(ctx, `${control}: ${shown(value)}`);
	const name = value.trim();
	if (name === '') return issue(ctx, 'is required (a header name, such as X-Api-Key)');
	if (name.length > LIMITS.hookHeaderName) return issue(ctx, tooLong(name, LIMITS.hookHeaderName));
	if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
		return issue(
			ctx,
			`may contain only letters, digits and - _ . (a header name); got ${shown(name)}`,
		);
	return name;
});

/**
 * A header value, sent as given. Header values are often secrets, so an error says where the
 * problem is, never the value. Visible ASCII and spaces only: a CR or LF would start another
 * header, and RFC 9110 (section 5.5) leaves other characters' meaning to each receiver.
 */
const headerValueSchema = z.any().transform((value, ctx): string => {
	// A header row whose Value was never typed has no value: an empty one.
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') return issue(ctx, 'must be text');
	if (value.length > LIMITS.hookHeaderValue)
		return issue(ctx, tooLong(value, LIMITS.hookHeaderValue));
	const problem = oneLineProblem(value);
	if (problem) return issue(ctx, `${problem} (the value is not shown: it may be a secret)`);
	const other = nonAsciiAt(value);
	if (other >= 0) {
		return issue(
			ctx,
			`holds a character other than visible ASCII at position ${other + 1} (the value is not shown: it may be a secret); HTTP header values carry ASCII`,
		);
	}
	return value;
});

const headerSchema = z.object(
	{ name: headerNameSchema, value: headerValueSchema },
	{ invalid_type_error: 'must be an object with name and value' },
);

/** The Headers rows: at most LIMITS.hookHeaders, each name once, all within LIMITS.hookHeadersTotal. */
export const hookHeadersSchema = listSchema(headerSchema, {
	max: LIMITS.hookHeaders,
	noun: 'header',
	example: '[{ "name": "X-Api-Key", "value": "…" }]',
}).superRefine((rows, ctx) => {
	// A list refused above (too long) is not checked further; a row refused above is still here
	// (as nothing): only checked rows count.
	if (!Array.isArray(rows)) return;
	const headers = rows.filter(
		(row): row is { name: string; value: string } =>
			typeof row?.name === 'string' && typeof row.value === 'string',
	);
	const seen = new Set<string>();
	for (const [index, header] of rows.entries()) {
		if (!headers.includes(header)) continue;
		const key = header.name.toLowerCase();
		if (seen.has(key)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: [index, 'name'],
				message: `${shown(header.name)} is given twice: HTTP header names ignore case, so VTEX would keep only one`,
			});
		}
		seen.add(key);
	}
	const total = headers.reduce((sum, header) => sum + header.name.length + header.value.length, 0);
	if (total > LIMITS.hookHeadersTotal) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: `hold ${total.toLocaleString('en-US')} characters of names and values; at most ${LIMITS.hookHeadersTotal.toLocaleString('en-US')} are accepted, or receivers refuse the notifications (HTTP 431)`,
		});
	}
});

/** The hook's own fields: `{url, headers}`. */
export const hookTargetSchema = z.object({ url: hookUrlSchema, headers: hookHeadersSchema });
