import type { INodeParameters } from 'n8n-workflow';

import { LIMITS } from '../../../../nodes/shared/limits';
import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import {
	event,
	expectRefusedBeforeSending,
	invoice,
	item,
	preview as change,
	sellerChange as seller,
	tracking,
	trackingEvents as events,
} from './parameters';

/**
 * Every free-text field and every list has a limit (nodes/shared/limits.ts, docs/inputs.md's
 * "Limits"): one beyond it is refused before anything is sent, naming the field, and the error
 * stays short however long the input.
 */

const text = (length: number) => 'x'.repeat(length);
const many = <T>(count: number, entry: T) =>
	`={{ Array.from({ length: ${count} }, () => (${JSON.stringify(entry)})) }}`;

const hook = (
	headers: Array<{ name: string; value: string }>,
	url = 'https://erp.example.com/vtex',
) => ({
	resource: 'hook',
	operation: 'setConfiguration',
	url,
	headers: { header: headers },
});
const headers = (count: number, value = 'v') =>
	Array.from({ length: count }, (_entry, index) => ({ name: `X-H${index}`, value }));

const tooLong: Array<[string, INodeParameters, number]> = [
	['URL', hook([], `https://erp.example.com/${text(LIMITS.url)}`), LIMITS.url],
	[
		'Headers › item 1 › Name',
		hook([{ name: text(LIMITS.hookHeaderName + 1), value: 'v' }]),
		LIMITS.hookHeaderName,
	],
	[
		'Headers › item 1 › Value',
		hook([{ name: 'X-Erp', value: text(LIMITS.hookHeaderValue + 1) }]),
		LIMITS.hookHeaderValue,
	],
	[
		'Headers › item 1 › Value',
		hook([{ name: 'X-Erp', value: text(5_000_000) }]),
		LIMITS.hookHeaderValue,
	],
	['Headers', hook(headers(3, text(3_000))), LIMITS.hookHeadersTotal],
	['Order ID', invoice({ orderId: text(LIMITS.orderId + 1) }), LIMITS.orderId],
	[
		'Invoice Number',
		invoice({ invoiceNumber: text(LIMITS.invoiceNumber + 1) }),
		LIMITS.invoiceNumber,
	],
	[
		'Invoice Key',
		invoice({ additionalFields: { invoiceKey: text(LIMITS.invoiceKey + 1) } }),
		LIMITS.invoiceKey,
	],
	[
		'Invoice URL',
		invoice({ additionalFields: { invoiceUrl: `https://x.example/${text(LIMITS.url)}` } }),
		LIMITS.url,
	],
	[
		'Embedded Invoice (XML)',
		invoice({ additionalFields: { embeddedInvoice: text(LIMITS.embeddedInvoice + 1) } }),
		LIMITS.embeddedInvoice,
	],
	['Courier', invoice({ additionalFields: { courier: text(LIMITS.courier + 1) } }), LIMITS.courier],
	[
		'Tracking Number',
		tracking({ trackingNumber: text(LIMITS.trackingNumber + 1) }),
		LIMITS.trackingNumber,
	],
	['Tracking URL', tracking({ trackingUrl: `https://x.example/${text(LIMITS.url)}` }), LIMITS.url],
	[
		'Items › item 1 › SKU ID',
		invoice({ items: { item: [{ ...item, id: text(LIMITS.skuId + 1) }] } }),
		LIMITS.skuId,
	],
	[
		'Items › item 1 › Description',
		invoice({ items: { item: [{ ...item, description: text(LIMITS.lineText + 1) }] } }),
		LIMITS.lineText,
	],
	[
		'Events › item 1 › City',
		events({ events: { event: [{ ...event, city: text(LIMITS.place + 1) }] } }),
		LIMITS.place,
	],
	[
		'Events › item 1 › Description',
		events({ events: { event: [{ ...event, description: text(LIMITS.lineText + 1) }] } }),
		LIMITS.lineText,
	],
	[
		'Reason',
		{
			resource: 'order',
			operation: 'cancel',
			orderId: '1001-01',
			reason: text(LIMITS.cancelReason + 1),
		},
		LIMITS.cancelReason,
	],
	['Reason', change({ reason: text(LIMITS.changeReason + 1) }), LIMITS.changeReason],
	[
		'Items to Remove › item 1 › Unique ID',
		change({
			itemsToRemove: {
				item: [{ id: '202', quantity: 1, uniqueId: text(LIMITS.changeLineText + 1) }],
			},
		}),
		LIMITS.changeLineText,
	],
	[
		'Cancellation Reason',
		{
			resource: 'orderChange',
			operation: 'cancel',
			orderId: '1002-01',
			changeRequestId: 'abc',
			cancellationReason: text(LIMITS.changeReason + 1),
		},
		LIMITS.changeReason,
	],
	['New Seller ID', seller({ newSellerId: text(LIMITS.sellerId + 1) }), LIMITS.sellerId],
	[
		'Search',
		{ resource: 'order', operation: 'getMany', filters: { search: text(LIMITS.listSearch + 1) } },
		LIMITS.listSearch,
	],
	[
		'Sales Channel ID',
		{
			resource: 'order',
			operation: 'getMany',
			filters: { salesChannelId: text(LIMITS.listFilterValue + 1) },
		},
		LIMITS.listFilterValue,
	],
	[
		'Logistics Info › item 1 › Selected SLA',
		seller({
			logisticsInfo: {
				item: [
					{
						itemIndex: 0,
						selectedSla: text(LIMITS.slaName + 1),
						selectedDeliveryChannel: 'delivery',
					},
				],
			},
		}),
		LIMITS.slaName,
	],
	[
		'JSONata Expression',
		{
			resource: 'feed',
			operation: 'testExpression',
			documentSource: 'json',
			document: '{}',
			expression: text(LIMITS.jsonataExpression + 1),
		},
		LIMITS.jsonataExpression,
	],
	[
		'JSONata Expression',
		{
			resource: 'feed',
			operation: 'setConfiguration',
			filterType: 'FromOrders',
			expression: text(LIMITS.jsonataExpression + 1),
		},
		LIMITS.jsonataExpression,
	],
	[
		'Other Statuses',
		{
			resource: 'feed',
			operation: 'setConfiguration',
			otherStatuses: text(LIMITS.otherStatuses + 1),
		},
		LIMITS.otherStatuses,
	],
	[
		'Statuses › item 1',
		{ resource: 'feed', operation: 'setConfiguration', statuses: [text(LIMITS.statusCode + 1)] },
		LIMITS.statusCode,
	],
];

const tooMany: Array<[string, INodeParameters, number]> = [
	['Headers', hook(headers(LIMITS.hookHeaders + 1)), LIMITS.hookHeaders],
	['Headers', hook(headers(20_000)), LIMITS.hookHeaders],
	[
		'Items',
		invoice({ items: { item: new Array(LIMITS.invoiceItems + 1).fill(item) } }),
		LIMITS.invoiceItems,
	],
	[
		'Items (JSON)',
		invoice({ itemsInput: 'json', itemsJson: many(100_000, { id: '101', quantity: 1, price: 1 }) }),
		LIMITS.invoiceItems,
	],
	[
		'Events',
		events({ events: { event: new Array(LIMITS.trackingEvents + 1).fill(event) } }),
		LIMITS.trackingEvents,
	],
	[
		'Items to Add',
		change({
			itemsToAdd: { item: new Array(LIMITS.changeItems + 1).fill({ id: '404', quantity: 1 }) },
		}),
		LIMITS.changeItems,
	],
	[
		'Change Items (JSON) › remove',
		change({
			itemsInput: 'json',
			changeItemsJson: `={{ { "remove": ${many(LIMITS.changeItems + 1, { id: '202', quantity: 1 }).slice(4, -3)} } }}`,
		}),
		LIMITS.changeItems,
	],
	[
		'Logistics Info',
		seller({
			logisticsInfo: {
				item: new Array(LIMITS.logisticsInfo + 1).fill({
					itemIndex: 0,
					selectedSla: 'E',
					selectedDeliveryChannel: 'delivery',
				}),
			},
		}),
		LIMITS.logisticsInfo,
	],
	[
		'Handles',
		{
			resource: 'feed',
			operation: 'commit',
			handlesSource: 'list',
			handles: new Array(LIMITS.feedHandles + 1).fill('h').join(','),
		},
		LIMITS.feedHandles,
	],
	[
		'Statuses',
		{
			resource: 'feed',
			operation: 'setConfiguration',
			statuses: new Array(LIMITS.statuses + 1).fill('ready-for-handling'),
		},
		LIMITS.statuses,
	],
];

describe('input limits: beyond them nothing is sent, and the error stays short', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it.each(tooLong)('%s: refuses text beyond %#', async (label, parameters, max) => {
		const message = await expectRefusedBeforeSending(
			sandbox,
			parameters,
			label,
			new RegExp(`at most ${max.toLocaleString('en-US')}|longer than any`),
		);
		expect(message.length).toBeLessThan(300);
	});

	it.each(tooMany)('%s: refuses a list beyond the limit', async (label, parameters, max) => {
		await expectRefusedBeforeSending(
			sandbox,
			parameters,
			label,
			new RegExp(`at most ${max.toLocaleString('en-US')}`),
		);
	});

	it('accepts the hook headers at their limits', async () => {
		const { error } = await runOperation(sandbox, {
			...hook([
				...headers(LIMITS.hookHeaders - 2),
				{ name: text(LIMITS.hookHeaderName), value: 'v' },
				{ name: 'X-Token', value: text(LIMITS.hookHeaderValue) },
			]),
			url: `${sandbox.baseUrl}/_sandbox/notify`,
		});
		expect(error).toBeUndefined();
		const [request] = sandbox.requests({ method: 'POST', pathPrefix: '/api/orders/hook/config' });
		const sent = (request.body as { hook: { headers: Record<string, string> } }).hook.headers;
		expect(Object.keys(sent)).toHaveLength(LIMITS.hookHeaders);
		expect(sent['X-Token']).toHaveLength(LIMITS.hookHeaderValue);
	});

	it('accepts a list at its limit', async () => {
		const { error } = await runOperation(
			sandbox,
			events({ events: { event: new Array(LIMITS.trackingEvents).fill(event) } }),
		);
		// VTEX refuses the events (the invoice has no tracking number yet): the request was sent.
		expect(error?.message ?? '').not.toMatch(/^Invalid/);
		expect(sandbox.requests({ method: 'PUT' })).toHaveLength(1);
	});

	it('keeps the error short for a 10 MB invoice number and lists at most ten problems', async () => {
		const huge = await runOperation(sandbox, invoice({ invoiceNumber: text(10_000_000) }));
		expect(huge.error?.message).toBe(
			'Invalid "Invoice Number": is 10,000,000 characters long; at most 50 are accepted',
		);
		const bad = { id: '', quantity: 0, price: '-1' };
		const manyProblems = await runOperation(
			sandbox,
			invoice({ items: { item: new Array(20).fill(bad) } }),
		);
		const description = String(manyProblems.error?.description);
		expect(description.split('\n- ')).toHaveLength(12);
		expect(description).toMatch(/and 50 more$/);
		expect(sandbox.requests()).toEqual([]);
	});
});
