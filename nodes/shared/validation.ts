import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
	return text.length <= MAX_PROBLEM_LENGTH ? text : `${text.slice(0, MAX_PROBLEM_LENGTH)}…`;
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

/**
 * The one quantity rule: a whole number from `min` to `max`, given as a number or as digits
 * ("2" from a CSV column or an expression). 1.5, "2.0", -1 and "two" are refused.
 */
export function wholeNumberSchema(min: number, max: number = Number.MAX_SAFE_INTEGER) {
	return z.any().transform((value, ctx): number => {
		if (isBlank(value)) return issue(ctx, 'is required');
		const text = typeof value === 'string' ? value.trim() : value;
		const number =
			typeof text === 'number'
				? text
				: typeof text === 'string' && /^-?\d+$/.test(text)
					? Number(text)
					: NaN;
		if (!Number.isSafeInteger(number) || number < min || number > max) {
			const range =
				max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
			return issue(ctx, `must be a whole number ${range}, got ${shown(value)}`);
		}
		return number;
	});
}

/** An optional number greater than 0 (a unit multiplier); empty gives undefined. */
export function positiveNumberSchema() {
	return z.any().transform((value, ctx): number | undefined => {
		if (isBlank(value)) return undefined;
		const number = typeof value === 'string' ? Number(value.trim()) : value;
		if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) {
			return issue(ctx, `must be a number greater than 0, got ${shown(value)}`);
		}
		return number;
	});
}

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
	return text;
}

/**
 * Optional text, trimmed; numbers are taken as their digits (an ERP's SKU 101). Empty gives
 * undefined, so the field is left out of the request.
 */
export function textSchema(options: TextOptions) {
	return z.any().transform((value, ctx) => readText(value, options, false, ctx));
}

/** As `textSchema`, but empty text is refused: the one required-text rule (SKU IDs included). */
export function requiredTextSchema(options: TextOptions) {
	return z.any().transform((value, ctx) => readText(value, options, true, ctx) as string);
}

/** An optional http(s) address of at most `max` characters; empty gives undefined. */
export function urlSchema(max: number) {
	return textSchema({ max }).refine(
		(value) => value === undefined || /^https?:\/\/[^\s]+$/i.test(value),
		{
			message: 'must be an address starting with http:// or https://',
		},
	);
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
