import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { testJsonataExpression } from '../../../shared/feed/feedApi';
import { LIMITS } from '../../../shared/limits';
import { orderIdField, orderIdSchema, readOrder } from '../../../shared/orders';
import { requiredTextSchema, tooLong } from '../../../shared/validation';
import { z } from '../../../shared/zod';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'JSONata Expression',
		name: 'expression',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. status = "ready-for-handling"',
		description: 'The FromOrders feed filter to test',
	},
	{
		displayName: 'Document Source',
		name: 'documentSource',
		type: 'options',
		options: [
			{
				name: 'JSON Document',
				value: 'json',
				description: 'A JSON document given in the Document field',
			},
			{
				name: 'Order',
				value: 'order',
				description: 'An order read from VTEX (Get order), as the feed filter sees it',
			},
		],
		default: 'order',
		description: 'What the expression is evaluated against',
	},
	{ ...orderIdField, displayOptions: { show: { documentSource: ['order'] } } },
	{
		displayName: 'Document',
		name: 'document',
		type: 'json',
		default: '',
		placeholder: '{ "status": "ready-for-handling", "items": [] }',
		required: true,
		description: 'The JSON document, e.g. an order',
		displayOptions: { show: { documentSource: ['json'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['feed'], operation: ['testExpression'] } },
	properties,
);

const expressionSchema = requiredTextSchema({
	max: LIMITS.jsonataExpression,
	example: 'a JSONata expression, such as status = "ready-for-handling"',
});

const documentSchema = z.any().transform((value, ctx): string => {
	const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
	const problem =
		text.length > LIMITS.jsonDocument
			? tooLong(text, LIMITS.jsonDocument)
			: isJson(text)
				? undefined
				: 'must be a JSON document, e.g. {"status": "ready-for-handling"}';
	if (!problem) return text;
	ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
	return z.NEVER;
});

const inputSchema = z.discriminatedUnion('documentSource', [
	z.object({
		documentSource: z.literal('order'),
		expression: expressionSchema,
		orderId: orderIdSchema,
	}),
	z.object({
		documentSource: z.literal('json'),
		expression: expressionSchema,
		document: documentSchema,
	}),
]);

export const itemInput = fieldInput({ properties, schema: inputSchema });

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Test a JSONata expression: POST /api/orders/expressions/jsonata
 * (developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/expressions/jsonata), with `Document` sent as a JSON string, as VTEX asks. With "Order" the document is the
 * order read from VTEX.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const text =
		input.documentSource === 'order'
			? JSON.stringify(await readOrder(client, input.orderId, itemIndex))
			: input.document;
	const result = await testJsonataExpression(client, input.expression, text, itemIndex);
	return {
		expression: input.expression,
		result,
		...(input.documentSource === 'order' ? { orderId: input.orderId } : {}),
	};
}
