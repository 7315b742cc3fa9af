import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

/**
 * Field labels as the user sees them in the node, keyed by the schema's property names.
 * A path such as `items.1.quantity` reads "Items › item 2 › Quantity".
 */
export type FieldLabels = Record<string, string>;

export function describePath(path: Array<string | number>, labels: FieldLabels): string {
	if (path.length === 0) return 'Input';
	return path
		.map((segment) => (typeof segment === 'number' ? `item ${segment + 1}` : (labels[segment] ?? segment)))
		.join(' › ');
}

/**
 * Validates one item's input before any request is made. The error names the field in the
 * words of the node's UI and says what was expected; every problem found is listed.
 */
export function validateInput<Schema extends z.ZodTypeAny>(
	node: INode,
	schema: Schema,
	input: unknown,
	labels: FieldLabels,
	itemIndex: number,
): z.output<Schema> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const problems = result.error.issues.map(
		(issue) => `"${describePath(issue.path, labels)}": ${issue.message}`,
	);
	throw new NodeOperationError(node, `Invalid ${problems[0]}`, {
		itemIndex,
		description:
			problems.length > 1
				? `Every problem found:\n- ${problems.join('\n- ')}`
				: 'Nothing was sent to VTEX. Correct the field and run again.',
	});
}

/**
 * Builds a schema once per key (a time zone, a money format) and reuses it: building a zod schema
 * costs more than checking one item against it, and a batch checks thousands of items.
 */
export function schemaPerKey<Key extends string, Schema>(build: (key: Key) => Schema): (key: Key) => Schema {
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

/** Throws the same kind of error for a rule checked outside a schema. */
export function invalidField(node: INode, label: string, message: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, `Invalid "${label}": ${message}`, {
		itemIndex,
		description: 'Nothing was sent to VTEX. Correct the field and run again.',
	});
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A whole number of at least `min`, given as a number or as digits ("2" from a CSV column or an
 * expression). 1.5, -1 and "two" are refused.
 */
export function wholeNumberSchema(min: number) {
	return z.any().transform((value, ctx): number => {
		if (isEmpty(value)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is required' });
			return z.NEVER;
		}
		const text = typeof value === 'string' ? value.trim() : value;
		const number =
			typeof text === 'number' ? text : typeof text === 'string' && /^-?\d+$/.test(text) ? Number(text) : NaN;
		if (!Number.isSafeInteger(number) || number < min) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be a whole number of at least ${min}, got ${JSON.stringify(value)}`,
			});
			return z.NEVER;
		}
		return number;
	});
}

interface TextOptions {
	maxLength?: number;
	/** What to write, named in the "is required" message. */
	example?: string;
}

/** The message for text beyond its limit; `byVtex` when the limit is VTEX's own. */
export function tooLong(text: string, max: number, byVtex = false): string {
	const length = text.length.toLocaleString('en-US');
	const most = max.toLocaleString('en-US');
	return byVtex
		? `is ${length} characters long; VTEX accepts at most ${most}`
		: `is ${length} characters long; at most ${most} are accepted`;
}

function readText(value: unknown, options: TextOptions, required: boolean, ctx: z.RefinementCtx): string | undefined {
	if (isEmpty(value)) {
		if (!required) return undefined;
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is required${options.example ? ` (${options.example})` : ''}` });
		return z.NEVER;
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be text, got ${typeof value}` });
		return z.NEVER;
	}
	const text = String(value).trim();
	if (options.maxLength !== undefined && text.length > options.maxLength) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: `is ${text.length.toLocaleString('en-US')} characters long; VTEX accepts at most ${options.maxLength.toLocaleString('en-US')}`,
		});
		return z.NEVER;
	}
	return text;
}

/**
 * Optional text, trimmed; numbers are taken as their digits (an ERP's SKU 101). Empty gives
 * undefined, so the field is left out of the request.
 */
export function textSchema(options: TextOptions = {}) {
	return z.any().transform((value, ctx) => readText(value, options, false, ctx));
}

/** As `textSchema`, but empty text is refused. */
export function requiredTextSchema(options: TextOptions = {}) {
	return z.any().transform((value, ctx) => readText(value, options, true, ctx) as string);
}

/** An optional http(s) address; empty gives undefined. */
export function urlSchema() {
	return textSchema().refine((value) => value === undefined || /^https?:\/\/[^\s]+$/i.test(value), {
		message: 'must be an address starting with http:// or https://',
	});
}
