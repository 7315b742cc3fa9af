import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';

import { dateSchema, toIsoWithOffset } from '../../../shared/dates';
import type { MoneyFormat } from '../../../shared/money';
import { centsToDecimal, moneySchema, optionalMoneySchema } from '../../../shared/money';
import { getVtexDetails } from '../../../shared/transport';
import {
	invalidField,
	requiredTextSchema,
	schemaPerKey,
	textSchema,
	urlSchema,
	validateInput,
	wholeNumberSchema,
} from '../../../shared/validation';
import { moneyFormatField, orderIdField } from '../common.descriptions';
import type { ListInput } from '../listInput';
import { listInputFields, readListInput } from '../listInput';
import type { OperationRun } from '../types';
import {
	courierField,
	dispatchedDateField,
	invoiceNumberField,
	invoiceNumberSchema,
	TRACKING_LABELS,
	trackingNumberField,
	trackingSchemas,
	trackingUrlField,
} from './invoiceFields';
import type { InvoiceItem } from './invoiceTotals';
import { isFullyInvoiced, itemsTotalCents, remainingToInvoice } from './invoiceTotals';
import { orderIdSchema, orderPath, readOrder } from '../../../shared/orders';
import type { Replay } from '../converge';
import { replayFields, replayOutput, sendOrConverge } from '../converge';
import { invoiceAlreadyOnOrder, invoiceDone } from './replays';

const notWholeOrder = { hide: { invoiceWholeOrder: [true] } };

const itemsList: ListInput = {
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
			description: 'Price of ONE unit, in the Money Format chosen above (VTEX multiplies it by the quantity)',
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

const properties: INodeProperties[] = [
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
				description: 'A return invoice: VTEX refunds the customer automatically, once the order is fully invoiced',
			},
			{
				name: 'Output (Sale)',
				value: 'Output',
				description: 'A selling invoice: the order moves to invoiced when its invoices sum to its total',
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
		description:
			"Whether to read the order and invoice every item not yet invoiced, at its price, with the order's shipping, less any earlier partial invoices. Items and Invoice Value are then computed. Sale (Output) invoices only.",
	},
	...updateDisplayOptions(notWholeOrder, [
		moneyFormatField,
		...listInputFields(itemsList),
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
				description: 'The invoice XML itself, not a URL. Marketplaces such as Mercado Libre need it.',
			},
			{
				displayName: 'Invoice Key',
				name: 'invoiceKey',
				type: 'string',
				default: '',
				description: 'The fiscal key of the invoice, such as the 44-digit NF-e access key in Brazil',
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

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['invoice'] } }, properties);

const LABELS = {
	orderId: 'Order ID',
	type: 'Type',
	invoiceNumber: 'Invoice Number',
	issuanceDate: 'Issuance Date',
	moneyFormat: 'Money Format',
	invoiceValue: 'Invoice Value',
	shippingValue: 'Shipping Value',
	invoiceKey: 'Invoice Key',
	invoiceUrl: 'Invoice URL',
	embeddedInvoice: 'Embedded Invoice (XML)',
	...TRACKING_LABELS,
};

const ITEM_LABELS = { id: 'SKU ID', quantity: 'Quantity', price: 'Unit Price', description: 'Description' };

const headerSchema = schemaPerKey((zone: string) =>
	z.object({
		orderId: orderIdSchema,
		type: z.enum(['Output', 'Input'], {
			errorMap: () => ({ message: 'must be "Output" (a sale) or "Input" (a return)' }),
		}),
		invoiceNumber: invoiceNumberSchema,
		issuanceDate: dateSchema(zone),
		invoiceKey: textSchema(),
		invoiceUrl: urlSchema(),
		embeddedInvoice: textSchema(),
		...trackingSchemas(zone),
	}),
);

const moneyFormatSchema = z.object({
	moneyFormat: z.enum(['cents', 'decimal'], {
		errorMap: () => ({ message: 'must be "cents" or "decimal"' }),
	}),
});

const itemsSchema = schemaPerKey((format: MoneyFormat) => {
	const item = z.object(
		{
			id: requiredTextSchema({ example: 'the VTEX SKU ID, such as 101' }),
			quantity: wholeNumberSchema(1),
			// Zero is a gift line; VTEX wants the unit price in integer cents, and multiplies it by the quantity.
			price: moneySchema(format, 'nonNegative'),
			description: textSchema(),
		},
		{ invalid_type_error: 'must be an object with id, quantity and price' },
	);
	return z.object({
		items: z
			.array(item, {
				invalid_type_error: 'must be a list of items such as [{ "id": "101", "quantity": 2, "price": 4990 }]',
				required_error: 'must hold at least one item (SKU ID, Quantity, Unit Price)',
			})
			.min(1, 'must hold at least one item (SKU ID, Quantity, Unit Price)'),
		invoiceValue: optionalMoneySchema(format, 'positive'),
		shippingValue: optionalMoneySchema(format, 'nonNegative'),
	});
});

interface InvoiceContent {
	items: InvoiceItem[];
	valueCents: number;
	/** How the value was reached, for the output. */
	computed?: IDataObject;
}

/**
 * Order invoice notification: POST /api/oms/pvt/orders/{orderId}/invoice
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice).
 * Output invoices move the order to "invoiced" once they sum to its total (items plus shipping);
 * Input invoices are returns and refund the customer, but only on a fully invoiced order.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const node = this.getNode();
	const zone = this.getTimezone();
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const header = validateInput(
		node,
		headerSchema(zone),
		{
			orderId: this.getNodeParameter('orderId', itemIndex),
			type: this.getNodeParameter('type', itemIndex),
			invoiceNumber: this.getNodeParameter('invoiceNumber', itemIndex),
			issuanceDate: this.getNodeParameter('issuanceDate', itemIndex, ''),
			...additional,
		},
		LABELS,
		itemIndex,
	);
	const wholeOrder = this.getNodeParameter('invoiceWholeOrder', itemIndex, false) === true;
	if (wholeOrder && header.type === 'Input') {
		throw invalidField(
			node,
			'Invoice Whole Order',
			'applies to sale (Output) invoices only; a return (Input) invoice lists the returned items. Turn it off, or pick Type "Output (Sale)"',
			itemIndex,
		);
	}
	// Everything the user typed is checked before the first request (the order read included).
	const given = wholeOrder ? undefined : readGivenContent(this, itemIndex);
	const { orderId, type, invoiceNumber } = header;
	const warnings = type === 'Input' ? await returnWarnings(client, orderId, itemIndex) : [];
	const content = given ?? (await wholeOrderContent(this, client, orderId, invoiceNumber, itemIndex));
	if ('replay' in content) return replayOutput('invoice', content.replay);

	const issuanceDate = toIsoWithOffset(header.issuanceDate ?? DateTime.now().setZone(zone).startOf('second'));
	const body: IDataObject = {
		type,
		issuanceDate,
		invoiceNumber,
		// A string of cents, as VTEX's spec types `invoiceValue`.
		invoiceValue: String(content.valueCents),
		items: content.items.map(({ id, quantity, price, description }) => ({
			id,
			quantity,
			price,
			...(description ? { description } : {}),
		})),
		...definedOnly({
			invoiceKey: header.invoiceKey,
			invoiceUrl: header.invoiceUrl,
			embeddedInvoice: header.embeddedInvoice,
			courier: header.courier,
			trackingNumber: header.trackingNumber,
			trackingUrl: header.trackingUrl,
			dispatchedDate: header.dispatchedDate ? toIsoWithOffset(header.dispatchedDate) : undefined,
		}),
	};

	const sought = { type, invoiceNumber, valueCents: content.valueCents, items: content.items };
	const { sent: receipt, replay } = await sendOrConverge(async () => await client.request<IDataObject | undefined>({
		method: 'POST',
		path: orderPath(orderId, '/invoice'),
		body,
		// Safe to repeat: VTEX keeps one invoice per invoice number; sending the same number again
		// only issues a new receipt (VTEX's API reference, above), so a retry after a lost answer adds nothing.
		idempotent: true,
		action: `Invoice order ${orderId} (invoice ${invoiceNumber})`,
		permission: 'Notify invoice',
		notFoundHint: `VTEX has no order "${orderId}" in this account. Invoices go to the seller (fulfillment) account that handles the order, not the marketplace.`,
		statusHints:
			type === 'Input'
				? { 403: 'A return (Input) invoice needs the License Manager resources "Notify invoice" and "Notify refund" on the app key\'s role.' }
				: undefined,
		itemIndex,
	}), async () => await invoiceDone(node, client, orderId, sought, itemIndex));
	if (replay) return replayOutput('invoice', { ...replay, output: { ...replay.output, warnings } });

	return {
		orderId,
		success: true,
		action: 'invoice',
		type,
		invoiceNumber,
		invoiceValue: { cents: content.valueCents, decimal: centsToDecimal(content.valueCents) },
		issuanceDate,
		items: body.items,
		...(content.computed ? { computed: content.computed } : {}),
		receipt: receipt?.receipt ?? null,
		date: receipt?.date ?? null,
		warnings,
		...replayFields(),
		message: `VTEX accepted ${type === 'Input' ? 'return' : 'sale'} invoice ${invoiceNumber} for order ${orderId}.`,
	};
}

/** Items and value as the user gave them; the value defaults to the items plus shipping. */
function readGivenContent(ctx: IExecuteFunctions, itemIndex: number): InvoiceContent {
	const node = ctx.getNode();
	const { moneyFormat } = validateInput(
		node,
		moneyFormatSchema,
		{ moneyFormat: ctx.getNodeParameter('moneyFormat', itemIndex, 'cents') },
		LABELS,
		itemIndex,
	);
	const items = readListInput(ctx, itemIndex, itemsList);
	const itemLabels = items.fromJson ? {} : ITEM_LABELS;
	const input = validateInput(
		node,
		itemsSchema(moneyFormat),
		{
			items: items.value,
			invoiceValue: ctx.getNodeParameter('invoiceValue', itemIndex, ''),
			shippingValue: ctx.getNodeParameter('shippingValue', itemIndex, ''),
		},
		{ ...LABELS, ...itemLabels, items: items.label },
		itemIndex,
	);
	if (input.invoiceValue !== undefined) return { items: input.items, valueCents: input.invoiceValue };

	const itemsCents = itemsTotalCents(input.items);
	const shippingCents = input.shippingValue ?? 0;
	const total = itemsCents === undefined ? undefined : itemsCents + shippingCents;
	if (total === undefined || !Number.isSafeInteger(total)) {
		throw invalidField(node, items.label, 'adds up to more than VTEX can hold in cents', itemIndex);
	}
	if (total <= 0) {
		throw invalidField(
			node,
			LABELS.invoiceValue,
			"is empty and the items' total plus Shipping Value is 0; VTEX needs an invoice value greater than 0",
			itemIndex,
		);
	}
	return { items: input.items, valueCents: total, computed: { itemsCents, shippingCents, from: 'items + shipping' } };
}

/**
 * "Invoice Whole Order": what is left on the order after its earlier Output invoices. When the
 * invoice number is already on the order, this is a replay (or a conflict), not a second invoice.
 */
async function wholeOrderContent(
	ctx: IExecuteFunctions,
	client: OperationRun['client'],
	orderId: string,
	invoiceNumber: string,
	itemIndex: number,
): Promise<InvoiceContent | { replay: Replay }> {
	const order = await readOrder(client, orderId, itemIndex);
	const done = invoiceAlreadyOnOrder(ctx.getNode(), order, { type: 'Output', invoiceNumber }, itemIndex);
	if (done) return { replay: { evidence: 'foundBeforeSending', output: done } };
	const remainder = remainingToInvoice(order);
	if (remainder.valueCents <= 0) {
		throw new NodeOperationError(ctx.getNode(), `Order ${orderId} has nothing left to invoice`, {
			itemIndex,
			description: `Its Output invoices already sum to ${remainder.alreadyInvoicedCents} cents of its ${remainder.orderTotalCents}-cent total (status "${String(order.status)}"). Nothing was sent.`,
		});
	}
	return {
		items: remainder.items,
		valueCents: remainder.valueCents,
		computed: {
			from: 'whole order',
			orderTotalCents: remainder.orderTotalCents,
			alreadyInvoicedCents: remainder.alreadyInvoicedCents,
			itemsCents: remainder.itemsCents,
			shippingCents: remainder.shippingCents,
			otherCents: remainder.otherCents,
		},
	};
}

/**
 * VTEX refunds a return (Input) invoice only when the order is fully invoiced (VTEX's API
 * reference, above). The invoice is still sent, as VTEX accepts it; the output warns. If the order cannot be
 * read (say the key lacks "View order"), the warning says the check was not made.
 */
async function returnWarnings(client: OperationRun['client'], orderId: string, itemIndex: number): Promise<string[]> {
	try {
		const order = await readOrder(client, orderId, itemIndex);
		if (isFullyInvoiced(order)) return [];
		return [
			`Order ${orderId} is not fully invoiced (status "${String(order.status)}"): VTEX records this return invoice but refunds nothing. Return invoices refund only after the whole order amount was invoiced.`,
		];
	} catch (error) {
		const { status } = getVtexDetails(error);
		return [
			`Could not read order ${orderId} to check it is fully invoiced${status ? ` (HTTP ${status})` : ''}; VTEX refunds a return invoice only on a fully invoiced order.`,
		];
	}
}

function definedOnly(values: Record<string, string | undefined>): IDataObject {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
