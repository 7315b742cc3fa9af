import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { labelsFrom, readFields } from '../../shared/fields';
import { executionNode } from '../../shared/parameterReads';
import type { Labeller } from '../../shared/validation';
import { validateInput } from '../../shared/validation';
import type { z } from '../../shared/zod';

/**
 * How an operation's input is read: the router reads and checks one item's input before the
 * operation runs, so every operation receives input already validated, and an invalid field
 * fails the item with an error that names it (validateInput), before anything is sent.
 */
export interface OperationInput<Input> {
	/** Reads and checks one item's input; throws a NodeOperationError naming the field. */
	read(ctx: IExecuteFunctions, itemIndex: number): Input;
}

/** What a schema may depend on besides the fields: a money format or the time zone, read from them. */
export interface SchemaContext {
	ctx: IExecuteFunctions;
	node: INode;
	values: Record<string, unknown>;
	itemIndex: number;
}

/** The labels errors give the fields, for rules an operation checks after the schema. */
export type FieldInput<Input> = OperationInput<Input> & { labels: Labeller };

/**
 * An operation's fields and their rules, declared once: the fields are the operation's n8n
 * properties (a field hidden by its display conditions counts as its default), the rules a zod
 * schema over them, or a schema chosen from the fields read (keyed by a money format, say).
 * Errors name the field in the words of the node's UI.
 */
export function fieldInput<Schema extends z.ZodTypeAny>(spec: {
	properties: INodeProperties[];
	schema: Schema | ((context: SchemaContext) => Schema);
}): FieldInput<z.output<Schema>> {
	const { properties, schema } = spec;
	const labels = labelsFrom(properties);
	return {
		labels,
		read(ctx, itemIndex) {
			const node = executionNode(ctx);
			const values = readFields(ctx, itemIndex, properties);
			const chosen =
				typeof schema === 'function' ? schema({ ctx, node, values, itemIndex }) : schema;
			return validateInput(node, chosen, values, labels, itemIndex);
		},
	};
}

/** The type of the input an operation's `input` gives it. */
export type InputOf<Reader> = Reader extends OperationInput<infer Input> ? Input : never;

/**
 * Several inputs read in order, as one: the first that is invalid fails the item (an operation
 * whose fields have two sets of rules, or whose input is a shared one plus its own fields).
 */
export function inputsInOrder<Parts extends Record<string, OperationInput<unknown>>>(
	parts: Parts,
): OperationInput<{ [Name in keyof Parts]: InputOf<Parts[Name]> }> {
	return {
		read(ctx, itemIndex) {
			const input: Record<string, unknown> = {};
			for (const [name, part] of Object.entries(parts)) input[name] = part.read(ctx, itemIndex);
			return input as { [Name in keyof Parts]: InputOf<Parts[Name]> };
		},
	};
}

/** An input read by a function an operation shares with others (an invoice, a change, an Order ID). */
export function inputReadBy<Input>(
	read: (ctx: IExecuteFunctions, itemIndex: number) => Input,
): OperationInput<Input> {
	return { read };
}
