import type { IDataObject } from 'n8n-workflow';

import { lineTotalCents, sumCents } from '../../../shared/money';
import { objectsIn } from '../../../shared/values';
import { totalOf } from './simplifyOrder';

/**
 * Invoice arithmetic, all in integer cents (VTEX's OMS counts money in cents): what a list of items comes to, what
 * an order's Output invoices already cover, and what is left to invoice.
 */

/** One invoiced SKU line as VTEX's invoice endpoint takes it: `price` is the unit price in cents. */
export interface InvoiceItem {
	id: string;
	quantity: number;
	price: number;
	description?: string;
}

/** Σ unit price × quantity; undefined if it goes beyond exact integers. */
export function itemsTotalCents(items: InvoiceItem[]): number | undefined {
	const lines = items.map((item) => lineTotalCents(item.price, item.quantity));
	if (lines.some((line) => line === undefined)) return undefined;
	const total = sumCents(lines as number[]);
	return Number.isSafeInteger(total) ? total : undefined;
}

function cents(value: unknown): number {
	const number = typeof value === 'string' ? Number(value) : value;
	return typeof number === 'number' && Number.isSafeInteger(number) ? number : 0;
}

/** The order's Output (sale) invoices; Input invoices are returns and invoice nothing. */
function outputInvoices(order: IDataObject): IDataObject[] {
	const packages = objectsIn((order.packageAttachment as IDataObject | undefined)?.packages);
	return packages.filter((invoice) => invoice.type !== 'Input');
}

/** What the order's Output invoices add up to (Get order shows `invoiceValue` as integer cents). */
export function invoicedCents(order: IDataObject): number {
	return sumCents(outputInvoices(order).map((invoice) => cents(invoice.invoiceValue)));
}

/**
 * Whether VTEX counts the order as fully invoiced: its Output invoices sum to the order total
 * (VTEX's guide "Partial invoices are fully settled by OMS and payment gateway"). A return (Input) invoice before that refunds nothing.
 */
export function isFullyInvoiced(order: IDataObject): boolean {
	return invoicedCents(order) >= cents(order.value);
}

export interface Remainder {
	/** Every item line not yet invoiced, at its unit selling price. */
	items: InvoiceItem[];
	itemsCents: number;
	/** Shipping not yet covered by earlier invoices. */
	shippingCents: number;
	/** What completes the order: its total less its Output invoices. */
	valueCents: number;
	/** valueCents less items and shipping: taxes, order-level discounts, rounding; usually 0. */
	otherCents: number;
	orderTotalCents: number;
	alreadyInvoicedCents: number;
}

/**
 * What an invoice must hold so the order's invoices sum to its total, the rule that moves it to
 * "invoiced". Quantities already on Output invoices are subtracted per item
 * line (`itemIndex`, or the SKU ID when an invoice line has none); shipping already invoiced is
 * what each earlier invoice holds beyond its items.
 */
export function remainingToInvoice(order: IDataObject): Remainder {
	const orderItems = objectsIn(order.items);
	const remaining = orderItems.map((item) => cents(item.quantity));
	let shippingInvoiced = 0;

	for (const invoice of outputInvoices(order)) {
		const lines = objectsIn(invoice.items);
		let linesCents = 0;
		for (const line of lines) {
			const quantity = cents(line.quantity);
			linesCents += cents(line.price) * quantity;
			const index =
				typeof line.itemIndex === 'number'
					? line.itemIndex
					: orderItems.findIndex(
							(item, candidate) => item.id === line.id && remaining[candidate] > 0,
						);
			if (index >= 0 && index < remaining.length)
				remaining[index] = Math.max(0, remaining[index] - quantity);
		}
		shippingInvoiced += Math.max(0, cents(invoice.invoiceValue) - linesCents);
	}

	const items: InvoiceItem[] = [];
	orderItems.forEach((item, index) => {
		if (remaining[index] <= 0) return;
		// sellingPrice is the unit price after item discounts; price is the list unit price.
		const price = cents(item.sellingPrice ?? item.price);
		items.push({ id: String(item.id), quantity: remaining[index], price });
	});

	const orderTotalCents = cents(order.value);
	const alreadyInvoicedCents = invoicedCents(order);
	const itemsCents = itemsTotalCents(items) ?? 0;
	const shippingCents = Math.max(0, totalOf(order, 'Shipping') - shippingInvoiced);
	const valueCents = orderTotalCents - alreadyInvoicedCents;
	return {
		items,
		itemsCents,
		shippingCents,
		valueCents,
		otherCents: valueCents - itemsCents - shippingCents,
		orderTotalCents,
		alreadyInvoicedCents,
	};
}
