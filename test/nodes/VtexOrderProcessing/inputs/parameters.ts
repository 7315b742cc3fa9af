import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';

/**
 * Parameters of one valid run of each operation against the sandbox's seeded orders; a test
 * overrides the field it is about.
 */

export const item = { id: '101', quantity: 1, price: '4990' };
export const event = {
	city: 'Rio de Janeiro',
	state: 'RJ',
	description: 'Posted',
	date: '2026-11-22',
};

const build =
	(base: INodeParameters) =>
	(overrides: INodeParameters = {}): INodeParameters => ({ ...base, ...overrides });

/** A sale invoice of order 1002-01 (handling). */
export const invoice = build({
	resource: 'order',
	operation: 'invoice',
	orderId: '1002-01',
	invoiceNumber: 'NF-1',
	items: { item: [item] },
});

/** Tracking of invoice NF-1003-1 of order 1003-01 (invoiced). */
export const tracking = build({
	resource: 'order',
	operation: 'updateTracking',
	orderId: '1003-01',
	invoiceNumber: 'NF-1003-1',
	trackingNumber: 'AB123',
});

export const trackingEvents = build({
	resource: 'order',
	operation: 'sendTrackingEvents',
	orderId: '1003-01',
	invoiceNumber: 'NF-1003-1',
	events: { event: [event] },
});

export const cancel = build({
	resource: 'order',
	operation: 'cancel',
	orderId: '1001-01',
	reason: 'Out of stock',
});

export const note = build({
	resource: 'note',
	operation: 'create',
	orderId: '1002-01',
	description: 'A note',
});

/** A preview of a change of order 1002-01: one mug out. */
export const preview = build({
	resource: 'orderChange',
	operation: 'preview',
	orderId: '1002-01',
	reason: 'Swap',
	itemsToRemove: { item: [{ id: '202', quantity: 1 }] },
});

/** Order 1005-01 (window-to-change-seller) to seller sellerb. */
export const sellerChange = build({
	resource: 'seller',
	operation: 'change',
	orderId: '1005-01',
	newSellerId: 'sellerb',
	marketplacePaymentValue: '100',
	logisticsInfo: {
		item: [{ itemIndex: 0, selectedSla: 'Expressa', selectedDeliveryChannel: 'delivery' }],
	},
});

/** Runs the operation and checks it was refused before any request, naming the field. */
export async function expectRefusedBeforeSending(
	sandbox: Sandbox,
	parameters: INodeParameters,
	label: string,
	message: RegExp,
): Promise<string> {
	const { error, output } = await runOperation(sandbox, parameters);
	expect(output).toEqual([]);
	expect(error?.message.startsWith(`Invalid "${label}": `)).toBe(true);
	expect(error?.message).toMatch(message);
	expect(sandbox.requests()).toEqual([]);
	return String(error?.message);
}
