import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from './limits';
import { readItemParameter } from './parameterReads';
import { pathSegment } from './paths';
import type { VtexClient } from './transport';
import { getVtexDetails } from './transport';
import { validateInput } from './validation';
import { z } from './zod';

/** The Order ID field, the same in every operation that takes one. */
export const orderIdField: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1172452900788-01',
	description:
		'The VTEX order ID, exactly one, such as 1172452900788-01. `seq` followed by the sequence number (e.g. seq501456) also works for reads.',
};

/**
 * OMS order IDs look like 1172452900788-01, v964735bdev-01 or seq501456 (Get order,
 * developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-). Letters,
 * digits, "-" and "_" only, which also keeps them one path segment.
 */
export const orderIdSchema = z
	.string({
		required_error: 'is required (the VTEX order ID, such as 1172452900788-01)',
		invalid_type_error: 'must be text, such as 1172452900788-01',
	})
	.trim()
	.min(1, 'is required (the VTEX order ID, such as 1172452900788-01)')
	.max(LIMITS.orderId, 'is longer than any VTEX order ID')
	.regex(
		/^[A-Za-z0-9_-]+$/,
		'may contain only letters, digits, "-" and "_" (such as 1172452900788-01)',
	);

const orderIdOnly = z.object({ orderId: orderIdSchema });

/** The item's Order ID, checked before anything is sent (for operations with no other field). */
export function readOrderId(ctx: IExecuteFunctions, itemIndex: number): string {
	return validateInput(
		ctx.getNode(),
		orderIdOnly,
		{ orderId: readItemParameter(ctx, 'orderId', itemIndex) },
		{ orderId: orderIdField.displayName },
		itemIndex,
	).orderId;
}

export function orderPath(orderId: string, suffix = ''): string {
	return `/api/oms/pvt/orders/${pathSegment(orderId, 'Order ID')}${suffix}`;
}

/** Get order. A read: safe to repeat. */
export async function readOrder(
	client: VtexClient,
	orderId: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await client.request<IDataObject>({
		method: 'GET',
		path: orderPath(orderId),
		idempotent: true,
		action: `Get order ${orderId}`,
		// An answer without an orderId is not an order (an empty body, null, a page, a list).
		answer: { objectWith: ['orderId'] },
		permission: 'View order',
		notFoundHint: `VTEX has no order "${orderId}" in this account (orders older than two years are not served). Check the ID and that the credential is the seller account's.`,
		itemIndex,
	});
}

/**
 * A trigger item with its order (Include Order): `order` when the read succeeded, `orderError`
 * ({message, httpCode}) when it failed, so one order VTEX cannot read never stops the others.
 */
export async function withOrder(
	item: IDataObject,
	read: Promise<IDataObject>,
): Promise<IDataObject> {
	return await read.then(
		(order): IDataObject => ({ ...item, order }),
		(error: unknown): IDataObject => ({
			...item,
			orderError: {
				message: error instanceof Error ? error.message : String(error),
				httpCode: getVtexDetails(error).status ?? null,
			},
		}),
	);
}
