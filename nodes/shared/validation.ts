import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

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

/** Throws the same kind of error for a rule checked outside a schema. */
export function invalidField(node: INode, label: string, message: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, `Invalid "${label}": ${message}`, {
		itemIndex,
		description: 'Nothing was sent to VTEX. Correct the field and run again.',
	});
}
