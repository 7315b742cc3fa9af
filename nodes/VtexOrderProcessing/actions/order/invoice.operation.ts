import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { centsToDecimal } from '../../../shared/money';
import { orderPath, readOrder } from '../../../shared/orders';
import { getVtexDetails } from '../../../shared/transport';
import { invalidField } from '../../../shared/validation';
import type { InputOf } from '../operationInput';
import { inputReadBy } from '../operationInput';
import type { OperationRun } from '../types';
import { invoiceBody } from './invoiceBodies';
import { invoiceProperties } from './invoiceFields';
import type { InvoiceInput } from './invoiceInput';
import { invoiceLabels, readInvoiceInput } from './invoiceInput';
import type { InvoiceItem } from './invoiceTotals';
import { isFullyInvoiced, itemsTotalCents, remainingToInvoice } from './invoiceTotals';
import type { Replay } from '../converge';
import { replayFields, replayNotCheckedFields, replayOutput, sendOrConverge } from '../converge';
import { invoiceAlreadyOnOrder, invoiceDone } from './replays';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['invoice'] } },
	invoiceProperties,
);

interface InvoiceContent {
	items: InvoiceItem[];
	valueCents: number;
	/** How the value was reached, for the output. */
	computed?: IDataObject;
}

export const itemInput = inputReadBy(readInvoiceInput);

/**
 * Order invoice notification: POST /api/oms/pvt/orders/{orderId}/invoice
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice).
 * Output invoices move the order to "invoiced" once they sum to its total (items plus shipping);
 * Input invoices are returns and refund the customer, but only on a fully invoiced order.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const zone = this.getTimezone();
	// Everything the user typed is checked before the first request (the order read included).
	const given = input.given ? givenContent(this, input.given, itemIndex) : undefined;
	const { orderId, type, invoiceNumber } = input;
	const warnings = type === 'Input' ? await returnWarnings(client, orderId, itemIndex) : [];
	const content =
		given ?? (await wholeOrderContent(this, client, orderId, invoiceNumber, itemIndex));
	if ('replay' in content) return replayOutput('invoice', content.replay);
	const sought = { type, invoiceNumber, valueCents: content.valueCents, items: content.items };
	if (given && input.checkOrderFirst) {
		const order = await readOrder(client, orderId, itemIndex);
		const done = invoiceAlreadyOnOrder(this.getNode(), order, sought, itemIndex);
		if (done) {
			const output = { ...done, warnings };
			return replayOutput('invoice', { evidence: 'foundBeforeSending', output });
		}
	}

	const body = invoiceBody(
		input,
		content,
		input.issuanceDate ?? DateTime.now().setZone(zone).startOf('second'),
	);

	const { sent: receipt, replay } = await sendOrConverge(
		async () =>
			await client.request<IDataObject | undefined>({
				method: 'POST',
				path: orderPath(orderId, '/invoice'),
				body,
				// Safe to repeat: VTEX keeps one invoice per invoice number; sending the same number again
				// only issues a new receipt (VTEX's API reference, above), so a retry after a lost answer adds nothing.
				idempotent: true,
				action: `Invoice order ${orderId} (invoice ${invoiceNumber})`,
				// VTEX's receipt: {date, orderId, receipt}; without it the invoice is not acknowledged.
				answer: { objectWith: ['receipt'] },
				permission: 'Notify invoice',
				notFoundHint: `VTEX has no order "${orderId}" in this account. Invoices go to the seller (fulfillment) account that handles the order, not the marketplace.`,
				statusHints:
					type === 'Input'
						? {
								403: 'A return (Input) invoice needs the License Manager resources "Notify invoice" and "Notify refund" on the app key\'s role.',
							}
						: undefined,
				itemIndex,
			}),
		async () => await invoiceDone(this.getNode(), client, orderId, sought, itemIndex),
	);
	if (replay) return replayOutput('invoice', { ...replay, output: { ...replay.output, warnings } });

	return {
		orderId,
		success: true,
		action: 'invoice',
		type,
		invoiceNumber,
		invoiceValue: { cents: content.valueCents, decimal: centsToDecimal(content.valueCents) },
		issuanceDate: body.issuanceDate,
		items: body.items,
		...(content.computed ? { computed: content.computed } : {}),
		receipt: receipt?.receipt ?? null,
		date: receipt?.date ?? null,
		warnings,
		// Given content sent unchecked: VTEX answers a repeat like a first send.
		...(given && !input.checkOrderFirst ? replayNotCheckedFields() : replayFields()),
		message: `VTEX accepted ${type === 'Input' ? 'return' : 'sale'} invoice ${invoiceNumber} for order ${orderId}.`,
	};
}

/** Items and value as the user gave them; the value defaults to the items plus shipping. */
function givenContent(
	ctx: IExecuteFunctions,
	given: NonNullable<InvoiceInput['given']>,
	itemIndex: number,
): InvoiceContent {
	if (given.invoiceValue !== undefined)
		return { items: given.items, valueCents: given.invoiceValue };
	const itemsCents = itemsTotalCents(given.items);
	const shippingCents = given.shippingValue ?? 0;
	const total = itemsCents === undefined ? undefined : itemsCents + shippingCents;
	if (total === undefined || !Number.isSafeInteger(total)) {
		throw invalidField(
			ctx.getNode(),
			invoiceLabels(['items']),
			'adds up to more than VTEX can hold in cents',
			itemIndex,
		);
	}
	if (total <= 0) {
		throw invalidField(
			ctx.getNode(),
			invoiceLabels(['invoiceValue']),
			"is empty and the items' total plus Shipping Value is 0; VTEX needs an invoice value greater than 0",
			itemIndex,
		);
	}
	return {
		items: given.items,
		valueCents: total,
		computed: { itemsCents, shippingCents, from: 'items + shipping' },
	};
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
	const done = invoiceAlreadyOnOrder(
		ctx.getNode(),
		order,
		{ type: 'Output', invoiceNumber },
		itemIndex,
	);
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
async function returnWarnings(
	client: OperationRun['client'],
	orderId: string,
	itemIndex: number,
): Promise<string[]> {
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
