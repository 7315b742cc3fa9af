import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField, orderIdSchema, readOrder } from '../../../shared/orders';
import { booleanSchema } from '../../../shared/validation';
import { z } from '../../../shared/zod';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { simplifyOrder } from './simplifyOrder';

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description:
			'Whether to return only what an ERP needs (ID, status, totals in cents and decimal, items, shipping, invoices) instead of the full order',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

const inputSchema = z.object({ orderId: orderIdSchema, simplify: booleanSchema });
export const itemInput = fieldInput({ properties, schema: inputSchema });

/** Get order: GET /api/oms/pvt/orders/{orderId} (developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-). */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const order = await readOrder(client, input.orderId, itemIndex);
	return input.simplify ? simplifyOrder(order) : order;
}
