import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { replayNotCheckedFields } from '../converge';
import type { InputOf } from '../operationInput';
import { inputReadBy } from '../operationInput';
import type { OperationRun } from '../types';
import { invoicePath, trackingEventsBody } from './invoiceBodies';
import { trackingEventsProperties } from './invoiceFields';
import { readTrackingEventsInput } from './invoiceInput';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['sendTrackingEvents'] } },
	trackingEventsProperties,
);

export const itemInput = inputReadBy(readTrackingEventsInput);

/**
 * Update order tracking status: PUT /api/oms/pvt/orders/{orderId}/invoice/{invoiceNumber}/tracking
 * (developers.vtex.com/docs/api-reference/orders-api#put-/api/oms/pvt/orders/-orderId-/invoice/-invoiceNumber-/tracking).
 * VTEX takes it only for an invoice that already has a tracking number, so send Update Tracking
 * first.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const zone = this.getTimezone();
	const { orderId, invoiceNumber } = input;
	const body = trackingEventsBody(input, zone, DateTime.now());
	const deliveredDate = body.deliveredDate;
	const receipt = await client.request<IDataObject | undefined>({
		method: 'PUT',
		path: invoicePath(orderId, invoiceNumber, '/tracking'),
		body,
		// Safe to repeat: a PUT that sets the invoice's tracking status to the same content again.
		idempotent: true,
		action: `Send tracking events for invoice ${invoiceNumber} of order ${orderId}`,
		answer: { objectWith: ['receipt'] },
		permission: 'Notify invoice',
		notFoundHint: `VTEX has no invoice "${invoiceNumber}" on order "${orderId}". Invoice the order first, with exactly this invoice number.`,
		statusHints: {
			400: 'VTEX takes tracking events only for an invoice that already has a tracking number. Send it first with Order → Update Tracking, or with the invoice.',
		},
		itemIndex,
	});
	return {
		orderId,
		invoiceNumber,
		success: true,
		action: 'sendTrackingEvents',
		...body,
		receipt: receipt?.receipt ?? null,
		date: receipt?.date ?? null,
		// A PUT of the same tracking status again leaves it as it was, and VTEX answers alike.
		...replayNotCheckedFields(),
		message: input.isDelivered
			? `VTEX recorded invoice ${invoiceNumber} of order ${orderId} as delivered on ${String(deliveredDate)}.`
			: `VTEX recorded ${input.events.length} tracking event(s) for invoice ${invoiceNumber} of order ${orderId}.`,
	};
}
