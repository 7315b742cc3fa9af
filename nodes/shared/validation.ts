import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cutAtCharacter, oneLineProblem, textProblem } from './characters';
import { isBlank, shown } from './values';
import { z } from './zod';

/**
 * Field labels as the user sees them in the node, keyed by the schema's property names, or a
 * function that names a whole path (`labelsFrom` in fields.ts builds one from the node's
 * properties). A path such as `items.1.quantity` reads "Items › item 2 › Quantity".
 */
export type FieldLabels = Record<string, string>;
export type Labeller = (path: Array<string | number>) => string;

export function describePath(path: Array<string | number>, labels: FieldLabels): string {
	if (path.length === 0) return 'Input';
	return path
		.map((segment) =>
			typeof segment === 'number' ? `item ${segment + 1}` : (labels[segment] ?? segment),
		)
		.join(' › ');
}

/** The most problems one error lists, and the longest one problem may be: the rest is counted. */
const MAX_PROBLEMS = 10;
const MAX_PROBLEM_LENGTH = 500;

function capped(text: string): string {
	return text.length <= MAX_PROBLEM_LENGTH ? text : `${cutAtCharacter(text, MAX_PROBLEM_LENGTH)}…`;
}

/**
 * Validates one item's input before any request is made. The error names the field in the
 * words of the node's UI and says what was expected; every problem found is listed (the first
 * ten, the rest counted), each cut to a readable length.
 */
export function validateInput<Schema extends z.ZodTypeAny>(
	node: INode,
	schema: Schema,
	input: unknown,
	labels: FieldLabels | Labeller,
	itemIndex: number,
): z.output<Schema> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const name =
		typeof labels === 'function'
			? labels
			: (path: Array<string | number>) => describePath(path, labels);
	const issues = result.error.issues;
	const problems = issues
		.slice(0, MAX_PROBLEMS)
		.map((issue) => capped(`"${name(issue.path)}": ${issue.message}`));
	const more = issues.length > MAX_PROBLEMS ? `\n- and ${issues.length - MAX_PROBLEMS} more` : '';
	throw new NodeOperationError(node, `Invalid ${problems[0]}`, {
		itemIndex,
		description:
			problems.length > 1
				? `Every problem found:\n- ${problems.join('\n- ')}${more}`
				: 'Nothing was sent to VTEX. Correct the field and run again.',
	});
}

/**
 * Builds a schema once per key (a time zone, a money format) and reuses it, at module level:
 * building a zod schema costs more than checking one item against it, and a batch checks
 * thousands of items.
 */
export function schemaPerKey<Key extends string, Schema>(
	build: (key: Key) => Schema,
): (key: Key) => Schema {
	const built = new Map<Key, Schema>();
	return (key) => {
		let schema = built.get(key);
		if (schema === undefined) {
			schema = build(key);
			built.set(key, schema);
		}
		return schema;
	};
}

/** The same kind of error for a rule checked outside a schema. */
export function invalidField(
	node: INode,
	label: string,
	message: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(node, capped(`Invalid "${label}": ${message}`), {
		itemIndex,
		description: 'Nothing was sent to VTEX. Correct the field and run again.',
	});
}

const issue = (ctx: z.RefinementCtx, message: string) => {
	ctx.addIssue({ code: z.ZodIssueCode.custom, message });
	return z.NEVER;
};

/** The numeric rules live with the one number reader (numbers.ts). */
export { positiveNumberSchema, wholeNumberSchema } from './numbers';

export const booleanSchema = z.boolean({ invalid_type_error: 'must be true or false' });

/** Text beyond its limit; `byVtex` when the limit is VTEX's own. */
export function tooLong(text: string, max: number, byVtex = false): string {
	const length = text.length.toLocaleString('en-US');
	const most = max.toLocaleString('en-US');
	return byVtex
		? `is ${length} characters long; VTEX accepts at most ${most}`
		: `is ${length} characters long; at most ${most} are accepted`;
}

interface TextOptions {
	/** Every free-text field has a limit (nodes/shared/limits.ts). */
	max: number;
	/** The limit is VTEX's own, and the error says so. */
	byVtex?: boolean;
	/** What to write, named in the "is required" message. */
	example?: string;
	/** A one-line value (a URL): no control character at all, not even at its ends. */
	oneLine?: boolean;
}

function readText(
	value: unknown,
	options: TextOptions,
	required: boolean,
	ctx: z.RefinementCtx,
): string | undefined {
	if (isBlank(value)) {
		if (!required) return undefined;
		return issue(ctx, `is required${options.example ? ` (${options.example})` : ''}`);
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string')
		return issue(ctx, `must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
	const text = value.trim();
	if (text.length > options.max) return issue(ctx, tooLong(text, options.max, options.byVtex));
	const problem = (options.oneLine ? oneLineProblem : textProblem)(value);
	if (problem) return issue(ctx, `${problem}: ${shown(value)}`);
	return text;
}

/**
 * The one text rule. Optional text, trimmed; numbers are taken as their digits (an ERP's SKU
 * 101). Empty gives undefined, so the field is left out of the request. Text VTEX could not store
 * as written (half of an emoji, a NUL; `textProblem` in characters.ts) is refused, naming the
 * field.
 */
export function textSchema(options: TextOptions) {
	return z.any().transform((value, ctx) => readText(value, options, false, ctx));
}

/** As `textSchema`, but empty text is refused: the one required-text rule (SKU IDs included). */
export function requiredTextSchema(options: TextOptions) {
	return z.any().transform((value, ctx) => readText(value, options, true, ctx) as string);
}

interface UrlOptions {
	max: number;
	/**
	 * VTEX calls the URL itself and accepts only https (the orders hook). Plain http is let
	 * through for a loopback host only: VTEX cannot reach one, so only a local stand-in of VTEX
	 * (the sandbox) is ever given such a URL.
	 */
	httpsOnly?: boolean;
	required?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `text` is not an absolute http(s) address as `options` wants it, or undefined. */
function urlProblem(text: string, options: UrlOptions): string | undefined {
	if (/\s/.test(text)) return `holds a space: write it as %20 (${shown(text)})`;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return `must be a full URL, such as https://erp.example.com/vtex/orders; got ${shown(text)}`;
	}
	// The text itself must read scheme://host: a URL parser also takes "https:host" or
	// "https:///host", which a receiver may read otherwise.
	const http = url.protocol === 'http:' && /^http:\/\/[^/?#\\]/i.test(text);
	const https = url.protocol === 'https:' && /^https:\/\/[^/?#\\]/i.test(text);
	if (options.httpsOnly && !https && !(http && LOOPBACK_HOSTS.has(url.hostname))) {
		return `must start with https:// (VTEX accepts only HTTPS URLs); got ${shown(text)}`;
	}
	if (!http && !https)
		return `must be an address starting with http:// or https://; got ${shown(text)}`;
	if (!url.hostname) return `has no host; got ${shown(text)}`;
	return undefined;
}

/**
 * An optional http(s) address of at most `max` characters; empty gives undefined. Checked as
 * the very text that is sent: a control character anywhere is refused (a URL parser would drop a
 * tab or a line break, so the address checked would not be the one sent), and so is a space.
 */
export function urlSchema(max: number, options: Omit<UrlOptions, 'max'> = {}) {
	const rules = { ...options, max };
	const text = options.required
		? requiredTextSchema({ max, oneLine: true, example: options.required })
		: textSchema({ max, oneLine: true });
	return text.transform((value, ctx) => {
		if (value === undefined) return undefined;
		const problem = urlProblem(value, rules);
		return problem ? issue(ctx, problem) : value;
	});
}

/**
 * A list of at most `max` entries (and at least `min`), each checked by `item`; `example`
 * shows the expected shape when the value is not a list at all. The length is checked before
 * any entry, so 100,000 entries cost one comparison, not 100,000 checks.
 */
export function listSchema<Item extends z.ZodTypeAny>(
	item: Item,
	options: { max: number; min?: number; example: string; noun: string },
) {
	const min = options.min ?? 0;
	return z
		.any()
		.transform((value, ctx): unknown[] => {
			const list: unknown = value ?? [];
			if (!Array.isArray(list))
				return issue(ctx, `must be a list of ${options.noun}s such as ${options.example}`);
			if (list.length > options.max) {
				return issue(
					ctx,
					`holds ${list.length.toLocaleString('en-US')} ${options.noun}s; at most ${options.max.toLocaleString('en-US')} are accepted`,
				);
			}
			if (list.length < min)
				return issue(
					ctx,
					`must hold at least ${min === 1 ? `one ${options.noun}` : `${min} ${options.noun}s`}`,
				);
			return list;
		})
		.pipe(z.array(item));
}
