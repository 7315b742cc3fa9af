import type { IDataObject } from 'n8n-workflow';

import {
	invoicedCents,
	isFullyInvoiced,
	itemsTotalCents,
	remainingToInvoice,
} from '../../../../nodes/VtexOrderProcessing/actions/order/invoiceTotals';
import { seedOrders } from '../../../sandbox/seed';

const seeded = (orderId: string) => {
	const order = seedOrders('sandboxstore').find((candidate) => candidate.orderId === orderId)!;
	return JSON.parse(JSON.stringify(order)) as IDataObject & ReturnType<typeof seedOrders>[number];
};

describe('invoice totals', () => {
	it('adds items as unit price × quantity in cents', () => {
		expect(
			itemsTotalCents([
				{ id: '1', quantity: 3, price: 1999 },
				{ id: '2', quantity: 1, price: 4990 },
			]),
		).toBe(10987);
		expect(
			itemsTotalCents([{ id: '1', quantity: 2, price: Number.MAX_SAFE_INTEGER }]),
		).toBeUndefined();
	});

	it('leaves the whole order when nothing is invoiced: every item and all the shipping', () => {
		const remainder = remainingToInvoice(seeded('1002-01'));
		expect(remainder.items).toEqual([
			{ id: '101', quantity: 2, price: 4990 },
			{ id: '202', quantity: 3, price: 1999 },
			{ id: '303', quantity: 1, price: 5990 },
		]);
		expect(remainder).toMatchObject({
			itemsCents: 21967,
			shippingCents: 1500,
			valueCents: 23467,
			otherCents: 0,
			alreadyInvoicedCents: 0,
		});
	});

	it('subtracts an earlier partial invoice, item by item', () => {
		const remainder = remainingToInvoice(seeded('1006-01'));
		expect(remainder.items).toEqual([
			{ id: '101', quantity: 1, price: 4990 },
			{ id: '202', quantity: 3, price: 1999 },
		]);
		expect(remainder).toMatchObject({
			valueCents: 12487,
			alreadyInvoicedCents: 4990,
			shippingCents: 1500,
			otherCents: 0,
		});
	});

	it('subtracts shipping an earlier invoice carried beyond its items, and matches lines without itemIndex by SKU', () => {
		const order = seeded('1002-01');
		order.packageAttachment.packages.push({
			...seeded('1003-01').packageAttachment.packages[0],
			invoiceNumber: 'NF-A',
			invoiceValue: 4990 * 2 + 800,
			items: [{ id: '101', quantity: 2, price: 4990 } as never],
		});
		const remainder = remainingToInvoice(order);
		expect(remainder.items.map((item) => item.id)).toEqual(['202', '303']);
		expect(remainder).toMatchObject({
			shippingCents: 700,
			itemsCents: 11987,
			valueCents: 12687,
			otherCents: 0,
		});
	});

	it('ignores return (Input) invoices, and reads the order total as what completes it', () => {
		const order = seeded('1003-01');
		expect(invoicedCents(order)).toBe(7190);
		expect(isFullyInvoiced(order)).toBe(true);
		order.packageAttachment.packages.push({
			...order.packageAttachment.packages[0],
			type: 'Input',
			invoiceNumber: 'DEV-1',
		});
		expect(invoicedCents(order)).toBe(7190);
		expect(remainingToInvoice(order).valueCents).toBe(0);
		expect(isFullyInvoiced(seeded('1006-01'))).toBe(false);
	});

	it('puts taxes and order-level discounts in otherCents so the value still completes the order', () => {
		const order = seeded('1010-01');
		order.value += 321; // a tax line the items do not show
		const remainder = remainingToInvoice(order);
		expect(remainder.valueCents).toBe(order.value);
		expect(remainder.otherCents).toBe(321);
	});
});
