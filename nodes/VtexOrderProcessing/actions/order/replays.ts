import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { centsToDecimal } from '../../../shared/money';
import { readOrder } from '../../../shared/orders';
import type { VtexClient } from '../../../shared/transport';
import { getVtexDetails } from '../../../shared/transport';
import { objectsIn } from '../../../shared/values';
import { asConflict } from '../converge';

/**
 * What "already done" means for each Order write, read from the order VTEX serves
 * (GET /api/oms/pvt/orders/{orderId}, https://developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-).
 * Each check returns the output of a successful call, or undefined when the goal is not reached.
 */

/**
 * Statuses an order reaches only after Start Handling was applied: the order's flow goes
 * ready-for-handling → start-handling → handling → invoice → invoiced
 * (https://help.vtex.com/en/tutorial/order-flow-and-status--tutorials_196).
 */
const HANDLING_REACHED = new Set(['start-handling', 'handling', 'invoice', 'invoiced']);

/** VTEX's statuses of an order that was canceled, the transitional one included. */
const CANCEL_REACHED = new Set(['cancel', 'canceled']);

/** Start Handling: the order is in handling or past it. */
export async function startHandlingDone(
	client: VtexClient,
	orderId: string,
	itemIndex: number,
	failure: unknown,
): Promise<IDataObject | undefined> {
	const order = await readOrder(client, orderId, itemIndex);
	const status = String(order.status ?? '');
	if (!HANDLING_REACHED.has(status)) return undefined;
	return {
		orderId,
		status,
		message: `Order ${orderId} is already in "${status}": Start Handling was applied before (an earlier attempt or run). ${vtexSaid(failure)}`,
	};
}

/** Cancel: the order is canceled (by this or an earlier request, or by anyone else). */
export async function cancelDone(
	client: VtexClient,
	orderId: string,
	itemIndex: number,
	failure: unknown,
): Promise<IDataObject | undefined> {
	const order = await readOrder(client, orderId, itemIndex);
	const status = String(order.status ?? '');
	if (!CANCEL_REACHED.has(status)) return undefined;
	const data = (order.cancellationData ?? {}) as IDataObject;
	return {
		orderId,
		status,
		receipt: (data.cancellationRequestId as string | undefined) ?? null,
		date:
			(data.cancellationDate as string | undefined) ??
			(data.CancellationDate as string | undefined) ??
			null,
		// Wording: n8n records an execution whose error says "canc-eled" as stopped by the user, so
		// even a success message says "cancelled"; the status value is in `status`.
		message: `Order ${orderId} is already cancelled (status "${status}"): the cancellation was applied before. ${vtexSaid(failure)}`,
	};
}

/** What an invoice request asks for, in the terms an order's invoice package shows. */
export interface InvoiceSought {
	type: 'Output' | 'Input';
	invoiceNumber: string;
	/** Undefined for Invoice Whole Order, whose value depends on what was left when it was first sent. */
	valueCents?: number;
	items?: Array<{ id: string; quantity: number; price: number }>;
}

/**
 * Invoice: the invoice number is on the order with the same type, value and items. VTEX keeps
 * one invoice per number and answers a repeat with a new receipt without changing anything else
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice),
 * so the same number with another value would be silently ignored: that is a conflict, and fails.
 */
export function invoiceAlreadyOnOrder(
	node: INode,
	order: IDataObject,
	sought: InvoiceSought,
	itemIndex: number,
): IDataObject | undefined {
	const orderId = String(order.orderId ?? '');
	const existing = packagesOf(order).find(
		(pkg) => String(pkg.invoiceNumber ?? '') === sought.invoiceNumber,
	);
	if (!existing) return undefined;
	const existingItems = invoiceItemsOf(order, existing);
	const existingValue = Number(existing.invoiceValue);
	const differences: string[] = [];
	if (existing.type !== sought.type)
		differences.push(`type ${String(existing.type)} (this one: ${sought.type})`);
	if (sought.valueCents !== undefined && existingValue !== sought.valueCents) {
		differences.push(`value ${existingValue} cents (this one: ${sought.valueCents})`);
	}
	if (sought.items && itemsKey(existingItems) !== itemsKey(sought.items)) {
		differences.push(
			`items ${describeItems(existingItems)} (this one: ${describeItems(sought.items)})`,
		);
	}
	if (sought.valueCents === undefined && sought.type === 'Output' && !outputsCoverTotal(order)) {
		differences.push(
			`a partial value of ${existingValue} cents, while the order total is ${String(order.value)} cents`,
		);
	}
	if (differences.length > 0) {
		throw asConflict(
			new NodeOperationError(
				node,
				`Invoice number ${sought.invoiceNumber} is already used on order ${orderId} for another invoice`,
				{
					itemIndex,
					description: `The invoice already on the order has ${differences.join('; ')}. VTEX keeps one invoice per number and would ignore everything but the receipt of a second one, so nothing was changed. If this is a new invoice, give it a new number; if the ERP's data changed, fix the invoice in VTEX Admin first.`,
				},
			),
		);
	}
	return {
		orderId,
		type: existing.type,
		invoiceNumber: sought.invoiceNumber,
		invoiceValue: { cents: existingValue, decimal: centsToDecimal(existingValue) },
		issuanceDate: existing.issuanceDate ?? null,
		items: existingItems,
		receipt: existing.receipt ?? null,
		date: null,
		message: `Invoice ${sought.invoiceNumber} is already on order ${orderId} with the same ${sought.valueCents === undefined ? 'type, and the order is fully invoiced' : 'type, value and items'}: it was sent before (an earlier attempt or run). Order status "${String(order.status)}".`,
	};
}

/** Reads the order and looks for the invoice (used after a refusal or a lost answer). */
export async function invoiceDone(
	node: INode,
	client: VtexClient,
	orderId: string,
	sought: InvoiceSought,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const order = await readOrder(client, orderId, itemIndex);
	return invoiceAlreadyOnOrder(node, order, sought, itemIndex);
}

function packagesOf(order: IDataObject): IDataObject[] {
	const attachment = (order.packageAttachment ?? {}) as IDataObject;
	return objectsIn(attachment.packages);
}

function outputsCoverTotal(order: IDataObject): boolean {
	const invoiced = packagesOf(order)
		.filter((pkg) => pkg.type === 'Output')
		.reduce((sum, pkg) => sum + Number(pkg.invoiceValue ?? 0), 0);
	return invoiced >= Number(order.value ?? 0);
}

/** An invoice package's lines as {id, quantity, price}; VTEX keys them by itemIndex into the order's items. */
function invoiceItemsOf(
	order: IDataObject,
	pkg: IDataObject,
): Array<{ id: string; quantity: number; price: number }> {
	const orderItems = objectsIn(order.items);
	const lines = objectsIn(pkg.items);
	return lines.map((line) => ({
		id: String(line.id ?? orderItems[Number(line.itemIndex)]?.id ?? ''),
		quantity: Number(line.quantity),
		price: Number(line.price),
	}));
}

function itemsKey(items: Array<{ id: string; quantity: number; price: number }>): string {
	return items
		.map((item) => `${item.id}×${item.quantity}@${item.price}`)
		.sort()
		.join(',');
}

function describeItems(items: Array<{ id: string; quantity: number; price: number }>): string {
	return `[${itemsKey(items)}]`;
}

function vtexSaid(failure: unknown): string {
	const { code, status } = getVtexDetails(failure);
	if (status !== undefined && status < 500)
		return `VTEX answered ${code ? `${code} (HTTP ${status})` : `HTTP ${status}`} to this request.`;
	return `This request's answer was lost (${code ?? `HTTP ${status ?? '?'}`}), and the order shows it applied.`;
}
