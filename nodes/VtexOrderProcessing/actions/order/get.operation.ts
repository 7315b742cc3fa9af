import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { orderIdField } from '../common.descriptions';
import type { OperationRun } from '../types';
import { orderIdSchema, readOrder } from '../../../shared/orders';
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

const inputSchema = z.object({ orderId: orderIdSchema, simplify: z.boolean() });

/** Get order: GET /api/oms/pvt/orders/{orderId} (VTEX_API_REFERENCE.md section 4.1). */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		inputSchema,
		{
			orderId: this.getNodeParameter('orderId', itemIndex),
			simplify: this.getNodeParameter('simplify', itemIndex, false),
		},
		{ orderId: 'Order ID', simplify: 'Simplify' },
		itemIndex,
	);
	const order = await readOrder(client, input.orderId, itemIndex);
	return input.simplify ? simplifyOrder(order) : order;
}
