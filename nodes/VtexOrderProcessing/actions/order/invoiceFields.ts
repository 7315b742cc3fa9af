import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ListInput } from '../../../shared/listInput';
import { listInputFields } from '../../../shared/listInput';
import { moneyFormatField } from '../../../shared/money';
import { orderIdField } from '../../../shared/orders';

/**
 * The fields of VTEX's invoice endpoints, each declared once: Invoice, Update Tracking and Send
 * Tracking Events. Errors name them by these displayNames (nodes/shared/fields.ts).
 */

export const invoiceNumberField: INodeProperties = {
	displayName: 'Invoice Number',
	name: 'invoiceNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'NF-000123',
	description:
		'The invoice number as the ERP issued it. Use letters and digits: VTEX cannot process "#" or "/", nor spaces at either end.',
};

export const trackingNumberField: INodeProperties = {
	displayName: 'Tracking Number',
	name: 'trackingNumber',
	type: 'string',
	default: '',
	description: "The carrier's tracking number for this invoice's package",
};

export const trackingUrlField: INodeProperties = {
	displayName: 'Tracking URL',
	name: 'trackingUrl',
	type: 'string',
	default: '',
	placeholder: 'https://carrier.example/track/AB123456789BR',
	description: 'Where the customer can follow the package',
};

export const courierField: INodeProperties = {
	displayName: 'Courier',
	name: 'courier',
	type: 'string',
	default: '',
	description: 'The carrier that delivers the package',
};

export const dispatchedDateField: INodeProperties = {
	displayName: 'Dispatched Date',
	name: 'dispatchedDate',
	type: 'dateTime',
	default: '',
	description:
		'When the package left. Any date format; a date without an offset is read in the workflow time zone.',
};

export const invoiceItemsList: ListInput = {
	name: 'items',
	displayName: 'Items',
	entryName: 'item',
	entryDisplayName: 'Item',
	jsonExample: '[\n  { "id": "101", "quantity": 2, "price": 4990 }\n]',
	values: [
		{
			displayName: 'SKU ID',
			name: 'id',
			type: 'string',
			default: '',
			description: 'The VTEX SKU ID of the item',
		},
		{
			displayName: 'Quantity',
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description: 'How many units of this SKU the invoice covers',
		},
		{
			displayName: 'Unit Price',
			name: 'price',
			type: 'string',
			default: '',
			placeholder: '4990',
			description:
				'Price of ONE unit, in the Money Format chosen above (VTEX multiplies it by the quantity)',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Optional free text for this line',
		},
	],
};

/** Items, Money Format and amounts: shown unless Invoice Whole Order computes them. */
const givenContent = { hide: { invoiceWholeOrder: [true] } };

export const invoiceProperties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'Output',
		options: [
			{
				name: 'Input (Return)',
				value: 'Input',
				description:
					'A return invoice: VTEX refunds the customer automatically, once the order is fully invoiced',
			},
			{
				name: 'Output (Sale)',
				value: 'Output',
				description:
					'A selling invoice: the order moves to invoiced when its invoices sum to its total',
			},
		],
	},
	invoiceNumberField,
	{
		displayName: 'Issuance Date',
		name: 'issuanceDate',
		type: 'dateTime',
		default: '',
		description:
			'When the invoice was issued. Empty means now. Any date format is accepted; it is sent as ISO 8601 with its offset, and a date without an offset is read in the workflow time zone.',
	},
	{
		displayName: 'Invoice Whole Order',
		name: 'invoiceWholeOrder',
		type: 'boolean',
		default: false,
		// A return invoice lists the returned items: it never invoices the whole order.
		displayOptions: { show: { type: ['Output'] } },
		description:
			"Whether to read the order and invoice every item not yet invoiced, at its price, with the order's shipping, less any earlier partial invoices. Items and Invoice Value are then computed.",
	},
	...updateDisplayOptions(givenContent, [
		moneyFormatField,
		...listInputFields(invoiceItemsList),
		{
			displayName: 'Invoice Value',
			name: 'invoiceValue',
			type: 'string',
			default: '',
			placeholder: '12487',
			description:
				"The invoice total, in the Money Format chosen above. Empty means the items' total plus Shipping Value.",
		},
		{
			displayName: 'Shipping Value',
			name: 'shippingValue',
			type: 'string',
			default: '',
			placeholder: '1500',
			description:
				"Shipping this invoice charges, in the Money Format chosen above. Added to the items' total only when Invoice Value is empty.",
		},
		{
			displayName: 'Check the Order First',
			name: 'checkOrderFirst',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the order before sending. VTEX keeps one invoice per number and answers a repeat like a first send, ignoring any other value or items. On, an invoice already on the order is not sent again and says replay: true, and a number already used for other data fails. Off, the output says replay: null. One more request (Get order) per item: turn it on to send a batch again after a crash.',
		},
	]),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			courierField,
			dispatchedDateField,
			{
				displayName: 'Embedded Invoice (XML)',
				name: 'embeddedInvoice',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description:
					'The invoice XML itself, not a URL. Marketplaces such as Mercado Libre need it.',
			},
			{
				displayName: 'Invoice Key',
				name: 'invoiceKey',
				type: 'string',
				default: '',
				description:
					'The fiscal key of the invoice, such as the 44-digit NF-e access key in Brazil',
			},
			{
				displayName: 'Invoice URL',
				name: 'invoiceUrl',
				type: 'string',
				default: '',
				description: 'Where the invoice document (PDF or XML) can be downloaded',
			},
			trackingNumberField,
			trackingUrlField,
		],
	},
];

export const updateTrackingProperties: INodeProperties[] = [
	orderIdField,
	invoiceNumberField,
	{ ...trackingNumberField, required: true },
	trackingUrlField,
	courierField,
	dispatchedDateField,
];

export const trackingEventsList: ListInput = {
	name: 'events',
	displayName: 'Events',
	entryName: 'event',
	entryDisplayName: 'Event',
	jsonExample:
		'[\n  { "city": "Rio de Janeiro", "state": "RJ", "description": "Out for delivery", "date": "2026-11-24" }\n]',
	values: [
		{
			displayName: 'City',
			name: 'city',
			type: 'string',
			default: '',
			description: 'Where the event happened',
		},
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			description: 'State or region, such as RJ',
		},
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

export const trackingEventsProperties: INodeProperties[] = [
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
	...listInputFields(trackingEventsList),
];
