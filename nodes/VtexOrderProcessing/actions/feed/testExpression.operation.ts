import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { testJsonataExpression } from '../../../shared/feed/feedApi';
import { validateInput } from '../../../shared/validation';
import { orderIdField } from '../common.descriptions';
import { orderIdSchema, readOrder } from '../../../shared/orders';
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
		default: '{}',
		required: true,
		description: 'The JSON document, e.g. an order',
		displayOptions: { show: { documentSource: ['json'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['feed'], operation: ['testExpression'] } }, properties);

const expressionSchema = z.string({ invalid_type_error: 'must be text' }).trim().min(1, 'is required');

const inputSchema = z.discriminatedUnion('documentSource', [
	z.object({ documentSource: z.literal('order'), expression: expressionSchema, orderId: orderIdSchema }),
	z.object({
		documentSource: z.literal('json'),
		expression: expressionSchema,
		document: z.string().refine(isJson, 'must be a JSON document, e.g. {"status": "ready-for-handling"}'),
	}),
]);

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Test a JSONata expression: POST /api/orders/expressions/jsonata (VTEX_API_REFERENCE.md section
 * 4.11.4), with `Document` sent as a JSON string, as VTEX asks. With "Order" the document is the
 * order read from VTEX.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const source = this.getNodeParameter('documentSource', itemIndex, 'order');
	const document = this.getNodeParameter('document', itemIndex, '{}');
	const input = validateInput(
		this.getNode(),
		inputSchema,
		{
			documentSource: source,
			expression: this.getNodeParameter('expression', itemIndex, ''),
			orderId: this.getNodeParameter('orderId', itemIndex, ''),
			document: typeof document === 'string' ? document : JSON.stringify(document),
		},
		{ documentSource: 'Document Source', expression: 'JSONata Expression', orderId: 'Order ID', document: 'Document' },
		itemIndex,
	);
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
