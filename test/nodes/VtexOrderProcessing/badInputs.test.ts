import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runOperation } from '../../harness/workflow';
import { cancel, event, invoice, item, note, tracking, trackingEvents } from './inputs/parameters';

/**
 * Bad inputs, one per row: each must fail before any request, with an error that names the field
 * as the node's UI labels it. The sandbox's request log must stay empty. Empty required fields
 * come from expressions, as they do in real workflows (n8n itself stops a literal empty one).
 */

const invoiceItem = (overrides: Record<string, unknown>): INodeParameters =>
	invoice({ items: { item: [{ ...item, ...overrides }] } });
const invoiceJson = (json: string): INodeParameters =>
	invoice({ itemsInput: 'json', itemsJson: json });

const cases: Array<[string, INodeParameters, RegExp]> = [
	// Invoice: identity
	[
		'empty order ID (from an expression)',
		invoice({ orderId: '={{ $json.orderId }}' }),
		/^Invalid "Order ID": is required/,
	],
	[
		'order ID with a space',
		invoice({ orderId: '1002 01' }),
		/^Invalid "Order ID": may contain only/,
	],
	[
		'empty invoice number (from an expression)',
		invoice({ invoiceNumber: '={{ $json.invoiceNumber }}' }),
		/^Invalid "Invoice Number": is required/,
	],
	[
		'invoice number with a trailing space',
		invoice({ invoiceNumber: 'NF-1 ' }),
		/^Invalid "Invoice Number": "NF-1 " has a space at its start or end/,
	],
	[
		'invoice number with a leading space',
		invoice({ invoiceNumber: ' NF-1' }),
		/^Invalid "Invoice Number": .*space/,
	],
	[
		'invoice number starting with #',
		invoice({ invoiceNumber: '#123456' }),
		/^Invalid "Invoice Number": .*contains "#" or "\/"/,
	],
	[
		'invoice number with /',
		invoice({ invoiceNumber: '123/456' }),
		/^Invalid "Invoice Number": .*contains "#" or "\/"/,
	],
	[
		'invoice number ending with /',
		invoice({ invoiceNumber: '123456/' }),
		/^Invalid "Invoice Number": .*"#" or "\/"/,
	],
	[
		'a numeric invoice number beyond exact integers',
		invoice({ invoiceNumber: '={{ 1e21 }}' }),
		/^Invalid "Invoice Number": must be text or a whole number, got the number 1e\+21/,
	],
	[
		'a numeric invoice number with float noise',
		invoice({ invoiceNumber: '={{ 0.1 + 0.2 }}' }),
		/^Invalid "Invoice Number": must be text or a whole number, got the number 0\.30000000000000004/,
	],
	[
		'type that is neither Output nor Input',
		invoice({ type: '={{ "Sale" }}' }),
		/^Invalid "Type": must be "Output" \(a sale\) or "Input"/,
	],
	// Invoice: dates
	[
		'issuance date that does not exist',
		invoice({ issuanceDate: '2026-02-30' }),
		/^Invalid "Issuance Date": must be a full date/,
	],
	[
		'issuance date in words',
		invoice({ issuanceDate: 'yesterday' }),
		/^Invalid "Issuance Date": must be a full date/,
	],
	[
		'dispatched date that does not parse',
		invoice({ additionalFields: { dispatchedDate: '32/13/2026' } }),
		/^Invalid "Dispatched Date": must be a full date/,
	],
	// Invoice: money
	[
		'negative invoice value',
		invoice({ invoiceValue: '-100' }),
		/^Invalid "Invoice Value": must be greater than 0/,
	],
	[
		'zero invoice value',
		invoice({ invoiceValue: '0' }),
		/^Invalid "Invoice Value": must be greater than 0/,
	],
	[
		'fractional cents in cents format',
		invoice({ invoiceValue: '24.99' }),
		/^Invalid "Invoice Value": must be a whole number of cents/,
	],
	[
		'three decimals in decimal format',
		invoice({ moneyFormat: 'decimal', invoiceValue: '1234.567' }),
		/^Invalid "Invoice Value": has fractions of a cent/,
	],
	[
		'invoice value that is not a number',
		invoice({ invoiceValue: 'abc' }),
		/^Invalid "Invoice Value": must be a whole number of cents/,
	],
	[
		'negative shipping value',
		invoice({ shippingValue: '-5' }),
		/^Invalid "Shipping Value": must not be negative/,
	],
	[
		'money format that does not exist',
		invoice({ moneyFormat: '={{ "euros" }}' }),
		/^Invalid "Money Format": must be "cents" or "decimal"/,
	],
	[
		'items adding up to zero',
		invoiceItem({ price: '0' }),
		/^Invalid "Invoice Value": is empty and the items' total plus Shipping Value is 0/,
	],
	// Invoice: items in the UI list
	['no items', invoice({ items: {} }), /^Invalid "Items": must hold at least one item/],
	[
		'item without SKU ID',
		invoiceItem({ id: '' }),
		/^Invalid "Items › item 1 › SKU ID": is required/,
	],
	[
		'zero quantity',
		invoiceItem({ quantity: 0 }),
		/^Invalid "Items › item 1 › Quantity": must be a whole number of at least 1, got 0/,
	],
	[
		'negative quantity',
		invoiceItem({ quantity: -2 }),
		/^Invalid "Items › item 1 › Quantity": must be a whole number of at least 1/,
	],
	[
		'fractional quantity',
		invoiceItem({ quantity: 1.5 }),
		/^Invalid "Items › item 1 › Quantity": must be a whole number of at least 1, got 1.5/,
	],
	[
		'negative unit price',
		invoiceItem({ price: '-4990' }),
		/^Invalid "Items › item 1 › Unit Price": must not be negative/,
	],
	[
		'unit price with fractional cents',
		invoiceItem({ price: '4990.5' }),
		/^Invalid "Items › item 1 › Unit Price": must be a whole number of cents/,
	],
	[
		'missing unit price',
		invoiceItem({ price: '' }),
		/^Invalid "Items › item 1 › Unit Price": is required/,
	],
	[
		'second item wrong',
		invoice({ items: { item: [item, { ...item, quantity: 0 }] } }),
		/^Invalid "Items › item 2 › Quantity"/,
	],
	// Invoice: items as JSON
	[
		'items JSON that does not parse',
		invoiceJson('[{ "id": "101", '),
		/^Invalid "Items \(JSON\)": is not valid JSON/,
	],
	[
		'items JSON that is not a list',
		invoiceJson('{ "id": "101", "quantity": 1, "price": 4990 }'),
		/^Invalid "Items \(JSON\)": must be a list of items/,
	],
	['items JSON empty', invoiceJson('[]'), /^Invalid "Items \(JSON\)": must hold at least one item/],
	[
		'items JSON with a zero quantity',
		invoiceJson('[{ "id": "101", "quantity": 0, "price": 4990 }]'),
		/^Invalid "Items \(JSON\) › item 1 › quantity": must be a whole number/,
	],
	[
		'items JSON without price',
		invoiceJson('[{ "id": "101", "quantity": 1 }]'),
		/^Invalid "Items \(JSON\) › item 1 › price": is required/,
	],
	[
		'items JSON with decimal price in cents format',
		invoiceJson('[{ "id": "101", "quantity": 1, "price": 49.9 }]'),
		/^Invalid "Items \(JSON\) › item 1 › price": must be a whole number of cents/,
	],
	[
		'invoice URL that is not an address',
		invoice({ additionalFields: { invoiceUrl: 'nf-e.pdf' } }),
		/^Invalid "Invoice URL": must be a full URL/,
	],
	// Update Tracking
	[
		'blank tracking number',
		tracking({ trackingNumber: '  ' }),
		/^Invalid "Tracking Number": is required/,
	],
	[
		'tracking URL that is not an address',
		tracking({ trackingUrl: 'carrier/track' }),
		/^Invalid "Tracking URL": must be a full URL/,
	],
	[
		'tracking with an invoice number holding #',
		tracking({ invoiceNumber: '#NF-1003-1' }),
		/^Invalid "Invoice Number": .*"#"/,
	],
	[
		'tracking with a dispatched date that does not parse',
		tracking({ dispatchedDate: '2026-13-01' }),
		/^Invalid "Dispatched Date": must be a full date/,
	],
	// Send Tracking Events
	[
		'delivered date that does not parse',
		trackingEvents({ isDelivered: true, deliveredDate: 'soon' }),
		/^Invalid "Delivered Date": must be a full date/,
	],
	[
		'event date that does not parse',
		trackingEvents({ events: { event: [{ ...event, date: '2026-11-31' }] } }),
		/^Invalid "Events › item 1 › Date": must be a full date/,
	],
	[
		'event without a date',
		trackingEvents({ events: { event: [{ ...event, date: '' }] } }),
		/^Invalid "Events › item 1 › Date": is required/,
	],
	[
		'event without a city',
		trackingEvents({ events: { event: [{ ...event, city: '' }] } }),
		/^Invalid "Events › item 1 › City": is required/,
	],
	[
		'no events and not delivered',
		trackingEvents({ events: {} }),
		/^Invalid "Events": must hold at least one event/,
	],
	[
		'events JSON that does not parse',
		trackingEvents({ eventsInput: 'json', eventsJson: 'not json' }),
		/^Invalid "Events \(JSON\)": is not valid JSON/,
	],
	// Cancel
	['cancel without a reason', cancel({ reason: '   ' }), /^Invalid "Reason": is required/],
	[
		'cancel whose note would pass 2,000 characters',
		cancel({ reason: 'x'.repeat(1990), addNote: true }),
		/^Invalid "Reason": makes a note of 2,014 characters/,
	],
	[
		'cancel of an empty order ID (from an expression)',
		cancel({ orderId: '={{ "" }}' }),
		/^Invalid "Order ID": is required/,
	],
	// Notes
	[
		'note of 2,001 characters',
		note({ description: 'x'.repeat(2001) }),
		/^Invalid "Description": is 2,001 characters long; VTEX accepts at most 2,000/,
	],
	[
		'empty note (from an expression)',
		note({ description: '={{ $json.text }}' }),
		/^Invalid "Description": is required/,
	],
	[
		'note on an order ID with a slash',
		note({ orderId: '1002/01' }),
		/^Invalid "Order ID": may contain only/,
	],
	[
		'notes limit of zero',
		{ resource: 'note', operation: 'getMany', orderId: '1002-01', limit: 0 },
		/^Invalid "Limit": must be a whole number of at least 1/,
	],
];

describe('bad inputs are refused before any request, naming the field', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('has at least 30 cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(30);
	});

	it.each(cases)('%s', async (_name, parameters, message) => {
		const { error, output } = await runOperation(sandbox, parameters);
		expect(output).toEqual([]);
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/Nothing was sent to VTEX|Every problem found/);
		expect(sandbox.requests()).toEqual([]);
	});
});
