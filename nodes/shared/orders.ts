import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { VtexClient } from './transport';
import { pathSegment } from './paths';
import { validateInput } from './validation';

/** OMS order IDs look like 1172452900788-01, v964735bdev-01 or seq501456 (section 4.1). */
export const orderIdSchema = z
	.string({
		required_error: 'is required (the VTEX order ID, such as 1172452900788-01)',
		invalid_type_error: 'must be text, such as 1172452900788-01',
	})
	.trim()
	.min(1, 'is required (the VTEX order ID, such as 1172452900788-01)')
	.max(100, 'is longer than any VTEX order ID')
	.regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "-" and "_" (such as 1172452900788-01)');

const orderIdOnly = z.object({ orderId: orderIdSchema });

/** The item's Order ID, checked before anything is sent (for operations with no other field). */
export function readOrderId(ctx: IExecuteFunctions, itemIndex: number): string {
	return validateInput(
		ctx.getNode(),
		orderIdOnly,
		{ orderId: ctx.getNodeParameter('orderId', itemIndex) },
		{ orderId: 'Order ID' },
		itemIndex,
	).orderId;
}

export function orderPath(orderId: string, suffix = ''): string {
	return `/api/oms/pvt/orders/${pathSegment(orderId, 'Order ID')}${suffix}`;
}

/** Get order (section 4.1). A read: safe to repeat. */
export async function readOrder(client: VtexClient, orderId: string, itemIndex: number): Promise<IDataObject> {
	return await client.request<IDataObject>({
		method: 'GET',
		path: orderPath(orderId),
		idempotent: true,
		action: `Get order ${orderId}`,
		permission: 'View order',
		notFoundHint: `VTEX has no order "${orderId}" in this account (orders older than two years are not served). Check the ID and that the credential is the seller account's.`,
		itemIndex,
	});
}
