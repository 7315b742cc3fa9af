import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';

import { dateSchema, requiredDateSchema, toVtexDeliveredDate, toVtexEventDate } from '../../../shared/dates';
import { invalidField, requiredTextSchema, validateInput } from '../../../shared/validation';
import { orderIdField } from '../common.descriptions';
import type { ListInput } from '../listInput';
import { listInputFields, readListInput } from '../listInput';
import type { OperationRun } from '../types';
import { invoiceNumberField, invoiceNumberSchema, invoicePath } from './invoiceFields';
import { orderIdSchema } from '../../../shared/orders';

const eventsList: ListInput = {
	name: 'events',
	displayName: 'Events',
	entryName: 'event',
	entryDisplayName: 'Event',
	jsonExample: '[\n  { "city": "Rio de Janeiro", "state": "RJ", "description": "Out for delivery", "date": "2026-11-24" }\n]',
	values: [
		{ displayName: 'City', name: 'city', type: 'string', default: '', description: 'Where the event happened' },
		{ displayName: 'State', name: 'state', type: 'string', default: '', description: 'State or region, such as RJ' },
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'What happened, as the customer will read it',
		},
		{
			displayName: 'Date',
			name: 'date',
			type: 'dateTime',
			default: '',
			description: 'When it happened. Any date format; VTEX receives yyyy-mm-dd.',
		},
	],
};

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['sendTrackingEvents'] } }, [
	orderIdField,
	invoiceNumberField,
	{
		displayName: 'Delivered',
		name: 'isDelivered',
		type: 'boolean',
		default: false,
		description: 'Whether the package reached its final address (delivery or pickup point)',
	},
	{
		displayName: 'Delivered Date',
		name: 'deliveredDate',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { isDelivered: [true] } },
		description:
			'When it was delivered. Empty means now. Any date format; VTEX receives yyyy-mm-dd hh:mm in the workflow time zone.',
	},
	...listInputFields(eventsList),
]);

const EVENT_LABELS = { city: 'City', state: 'State', description: 'Description', date: 'Date' };

function inputSchema(zone: string) {
	const event = z.object(
		{
			city: requiredTextSchema({ example: 'such as Rio de Janeiro' }),
			state: requiredTextSchema({ example: 'such as RJ' }),
			description: requiredTextSchema({ example: 'such as Out for delivery' }),
			date: requiredDateSchema(zone),
		},
		{ invalid_type_error: 'must be an object with city, state, description and date' },
	);
	return z.object({
		orderId: orderIdSchema,
		invoiceNumber: invoiceNumberSchema,
		isDelivered: z.boolean({ invalid_type_error: 'must be true or false' }),
		deliveredDate: dateSchema(zone),
		events: z.array(event, {
			invalid_type_error: 'must be a list of events such as [{ "city": "Rio de Janeiro", "state": "RJ", "description": "Out for delivery", "date": "2026-11-24" }]',
		}),
	});
}

/**
 * Update order tracking status: PUT /api/oms/pvt/orders/{orderId}/invoice/{invoiceNumber}/tracking
 * (reference 4.7). VTEX takes it only for an invoice that already has a tracking number, so send
 * Update Tracking first. `deliveredDate` is `yyyy-mm-dd hh:mm`; event dates `yyyy-mm-dd`.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const node = this.getNode();
	const zone = this.getTimezone();
	const events = readListInput(this, itemIndex, eventsList);
	const input = validateInput(
		node,
		inputSchema(zone),
		{
			orderId: this.getNodeParameter('orderId', itemIndex),
			invoiceNumber: this.getNodeParameter('invoiceNumber', itemIndex),
			isDelivered: this.getNodeParameter('isDelivered', itemIndex, false),
			deliveredDate: this.getNodeParameter('deliveredDate', itemIndex, ''),
			events: events.value,
		},
		{
			orderId: 'Order ID',
			invoiceNumber: 'Invoice Number',
			isDelivered: 'Delivered',
			deliveredDate: 'Delivered Date',
			...(events.fromJson ? {} : EVENT_LABELS),
			events: events.label,
		},
		itemIndex,
	);
	if (!input.isDelivered && input.events.length === 0) {
		throw invalidField(node, events.label, 'must hold at least one event, or turn on Delivered', itemIndex);
	}
	const { orderId, invoiceNumber } = input;
	// deliveredDate has no offset in VTEX's format, so it is written in the workflow's time zone.
	const deliveredDate = input.isDelivered
		? toVtexDeliveredDate((input.deliveredDate ?? DateTime.now()).setZone(zone))
		: null;
	const body: IDataObject = {
		isDelivered: input.isDelivered,
		deliveredDate,
		events: input.events.map((event) => ({
			city: event.city,
			state: event.state,
			description: event.description,
			date: toVtexEventDate(event.date.setZone(zone)),
		})),
	};
	const receipt = await client.request<IDataObject | undefined>({
		method: 'PUT',
		path: invoicePath(orderId, invoiceNumber, '/tracking'),
		body,
		// Safe to repeat: a PUT that sets the invoice's tracking status to the same content again.
		idempotent: true,
		action: `Send tracking events for invoice ${invoiceNumber} of order ${orderId}`,
		permission: 'Notify invoice',
		notFoundHint: `VTEX has no invoice "${invoiceNumber}" on order "${orderId}". Invoice the order first, with exactly this invoice number.`,
		statusHints: {
			400: 'VTEX takes tracking events only for an invoice that already has a tracking number (reference 4.7). Send it first with Order → Update Tracking, or with the invoice.',
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
		message: input.isDelivered
			? `VTEX recorded invoice ${invoiceNumber} of order ${orderId} as delivered on ${String(deliveredDate)}.`
			: `VTEX recorded ${input.events.length} tracking event(s) for invoice ${invoiceNumber} of order ${orderId}.`,
	};
}
