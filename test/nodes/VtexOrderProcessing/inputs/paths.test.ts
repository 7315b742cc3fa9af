import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';

/**
 * Every value that goes into a URL path: a value of only dots (plain or %-encoded) or one that
 * would split the path is refused before anything is sent, naming the field, in every operation.
 */

const DOTS = ['.', '..', '%2e', '%2e%2e', '.%2e', '%252e', '%2f', 'a%2Fb'];

const invoiceNumberOperations: Array<[string, (invoiceNumber: string) => INodeParameters]> = [
	[
		'Invoice',
		(invoiceNumber) => ({
			resource: 'order',
			operation: 'invoice',
			orderId: '1002-01',
			invoiceNumber,
			items: { item: [{ id: '101', quantity: 1, price: '4990' }] },
		}),
	],
	[
		'Update Tracking',
		(invoiceNumber) => ({
			resource: 'order',
			operation: 'updateTracking',
			orderId: '1003-01',
			invoiceNumber,
			trackingNumber: 'AB1',
		}),
	],
	[
		'Send Tracking Events',
		(invoiceNumber) => ({
			resource: 'order',
			operation: 'sendTrackingEvents',
			orderId: '1003-01',
			invoiceNumber,
			isDelivered: true,
		}),
	],
];

const changeRequestOperations = ['get', 'retry', 'cancel'];

const orderIdOperations: INodeParameters[] = [
	{ resource: 'order', operation: 'get' },
	{ resource: 'order', operation: 'startHandling' },
	{ resource: 'order', operation: 'cancel', reason: 'x' },
	{ resource: 'order', operation: 'updateTracking', invoiceNumber: 'NF-1', trackingNumber: 'AB1' },
	{ resource: 'note', operation: 'create', description: 'x' },
	{ resource: 'orderChange', operation: 'getHistory' },
	{ resource: 'orderChange', operation: 'get', changeRequestId: 'abc' },
	{
		resource: 'seller',
		operation: 'change',
		newSellerId: 's',
		marketplacePaymentValue: '1',
		checkStatus: false,
	},
];

describe('path values: dot segments and slashes never reach a request', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	for (const [name, parameters] of invoiceNumberOperations) {
		it.each(DOTS)(`${name}: refuses the invoice number %p`, async (invoiceNumber) => {
			const { error, output } = await runOperation(sandbox, parameters(invoiceNumber));
			expect(output).toEqual([]);
			expect(error?.message).toMatch(/^Invalid "Invoice Number": /);
			expect(error?.message).toMatch(/only dots|would split the request path|"#" or "\/"/);
			expect(sandbox.requests()).toEqual([]);
		});
	}

	for (const operation of changeRequestOperations) {
		it.each(DOTS)(
			`Order Change → ${operation}: refuses the change request ID %p`,
			async (changeRequestId) => {
				const { error } = await runOperation(sandbox, {
					resource: 'orderChange',
					operation,
					orderId: '1002-01',
					changeRequestId,
					cancellationReason: 'x',
				});
				expect(error?.message).toMatch(/^Invalid "Change Request ID": /);
				expect(sandbox.requests()).toEqual([]);
			},
		);
	}

	for (const parameters of orderIdOperations) {
		it.each(DOTS)(
			`${String(parameters.resource)} → ${String(parameters.operation)}: refuses the order ID %p`,
			async (orderId) => {
				const { error } = await runOperation(sandbox, { ...parameters, orderId });
				expect(error?.message).toMatch(/^Invalid "Order ID": /);
				expect(sandbox.requests()).toEqual([]);
			},
		);
	}

	it('sends an invoice number with dots inside as one encoded segment', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'updateTracking',
			orderId: '1003-01',
			invoiceNumber: 'NF.1003.1',
			trackingNumber: 'AB1',
		});
		expect(error?.message).toMatch(/No invoice|has no invoice|failed/);
		expect(sandbox.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'PATCH /api/oms/pvt/orders/1003-01/invoice/NF.1003.1',
		]);
	});
});
