import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { replayNotCheckedFields } from '../converge';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { invoicePath, trackingBody } from './invoiceBodies';
import { updateTrackingProperties } from './invoiceFields';
import { trackingSchema } from './invoiceInput';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['updateTracking'] } },
	updateTrackingProperties,
);

export const itemInput = fieldInput({
	properties: updateTrackingProperties,
	schema: ({ ctx }) => trackingSchema(ctx.getTimezone()),
});

/**
 * Update order's partial invoice (send tracking): PATCH
 * /api/oms/pvt/orders/{orderId}/invoice/{invoiceNumber}
 * (developers.vtex.com/docs/api-reference/orders-api#patch-/api/oms/pvt/orders/-orderId-/invoice/-invoiceNumber-).
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const { orderId, invoiceNumber } = input;
	const body = trackingBody(input);
	const receipt = await client.request<IDataObject | undefined>({
		method: 'PATCH',
		path: invoicePath(orderId, invoiceNumber),
		body,
		// Safe to repeat: it sets the invoice's tracking fields to the same values again.
		idempotent: true,
		action: `Update tracking of invoice ${invoiceNumber} on order ${orderId}`,
		answer: { objectWith: ['receipt'] },
		permission: 'Notify invoice',
		notFoundHint: `VTEX has no invoice "${invoiceNumber}" on order "${orderId}". Invoice the order first, with exactly this invoice number.`,
		itemIndex,
	});
	return {
		orderId,
		invoiceNumber,
		success: true,
		action: 'updateTracking',
		tracking: body,
		receipt: receipt?.receipt ?? null,
		date: receipt?.date ?? null,
		// VTEX stores the same tracking again and answers alike: a repeat is harmless and unseen.
		...replayNotCheckedFields(),
		message: `VTEX stored tracking number ${String(body.trackingNumber)} on invoice ${invoiceNumber} of order ${orderId}.`,
	};
}
