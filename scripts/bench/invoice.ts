import type { INodeParameters } from 'n8n-workflow';

/**
 * The benchmarks' workload: Order → Invoice, one request per item (Invoice Whole Order off), each
 * item a distinct order (`orderId`, `invoiceNumber` from the item). One item of 49.90 plus 10.00 of
 * shipping: VTEX receives an invoice of 5990 cents, the order's total.
 */
export function invoiceParameters(requestOptions: INodeParameters = {}): INodeParameters {
	return {
		resource: 'order',
		operation: 'invoice',
		orderId: '={{ $json.orderId }}',
		type: 'Output',
		invoiceNumber: '={{ $json.invoiceNumber }}',
		issuanceDate: ISSUANCE_DATE,
		items: { item: [{ id: '101', quantity: 1, price: '4990' }] },
		shippingValue: '1000',
		requestOptions,
	};
}

export const ISSUANCE_DATE = '2026-11-22T09:30:00-03:00';

/** The body the node sends VTEX for one item, for contenders that build it themselves. */
export function invoiceBody(invoiceNumber: string) {
	return {
		type: 'Output',
		invoiceNumber,
		invoiceValue: '5990',
		issuanceDate: ISSUANCE_DATE,
		items: [{ id: '101', quantity: 1, price: 4990 }],
	};
}
