import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { toIsoWithOffset } from '../../../shared/dates';
import { requiredTextSchema, validateInput } from '../../../shared/validation';
import { orderIdField } from '../common.descriptions';
import type { OperationRun } from '../types';
import {
	courierField,
	dispatchedDateField,
	invoiceNumberField,
	invoiceNumberSchema,
	invoicePath,
	TRACKING_LABELS,
	trackingNumberField,
	trackingSchemas,
	trackingUrlField,
} from './invoiceFields';
import { orderIdSchema } from '../../../shared/orders';

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['updateTracking'] } }, [
	orderIdField,
	invoiceNumberField,
	{ ...trackingNumberField, required: true },
	trackingUrlField,
	courierField,
	dispatchedDateField,
]);

function inputSchema(zone: string) {
	return z.object({
		orderId: orderIdSchema,
		invoiceNumber: invoiceNumberSchema,
		...trackingSchemas(zone),
		trackingNumber: requiredTextSchema({ example: "the carrier's tracking number" }),
	});
}

/**
 * Update order's partial invoice (send tracking): PATCH
 * /api/oms/pvt/orders/{orderId}/invoice/{invoiceNumber} (reference 4.6). VTEX's schema requires
 * all four fields, so the ones left empty are sent as null.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		inputSchema(this.getTimezone()),
		{
			orderId: this.getNodeParameter('orderId', itemIndex),
			invoiceNumber: this.getNodeParameter('invoiceNumber', itemIndex),
			trackingNumber: this.getNodeParameter('trackingNumber', itemIndex, ''),
			trackingUrl: this.getNodeParameter('trackingUrl', itemIndex, ''),
			courier: this.getNodeParameter('courier', itemIndex, ''),
			dispatchedDate: this.getNodeParameter('dispatchedDate', itemIndex, ''),
		},
		{ orderId: 'Order ID', invoiceNumber: 'Invoice Number', ...TRACKING_LABELS },
		itemIndex,
	);
	const { orderId, invoiceNumber } = input;
	const body: IDataObject = {
		trackingNumber: input.trackingNumber,
		trackingUrl: input.trackingUrl ?? null,
		dispatchedDate: input.dispatchedDate ? toIsoWithOffset(input.dispatchedDate) : null,
		courier: input.courier ?? null,
	};
	const receipt = await client.request<IDataObject | undefined>({
		method: 'PATCH',
		path: invoicePath(orderId, invoiceNumber),
		body,
		// Safe to repeat: it sets the invoice's tracking fields to the same values again.
		idempotent: true,
		action: `Update tracking of invoice ${invoiceNumber} on order ${orderId}`,
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
		message: `VTEX stored tracking number ${String(body.trackingNumber)} on invoice ${invoiceNumber} of order ${orderId}.`,
	};
}
