import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { orderChangesOf } from '../../../sandbox/families/orderChanges';
import { runOperation } from '../../../harness/workflow';

const CHANGES = '/api/order-system/orders';

/** Create on order 1002-01 (handling: 2 × 101 at 4990, 3 × 202 at 1999, 1 × 303 at 5990; shipping 800 + 400 + 300). */
function create(parameters: INodeParameters = {}): INodeParameters {
	return {
		resource: 'orderChange',
		operation: 'create',
		orderId: '1002-01',
		reason: 'Mugs out of stock: socks instead',
		itemsToAdd: { item: [{ id: '404', quantity: 1 }] },
		itemsToRemove: { item: [{ id: '202', quantity: 3 }] },
		pollIntervalSeconds: 0.05,
		waitTimeoutSeconds: 10,
		...parameters,
	};
}

describe('orderChange → create', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => {
		sandbox.reset();
		orderChangesOf(sandbox.state).stepDelayMs = 30;
	});

	it('waits until VTEX applies the change, and the order shows the new items and totals', async () => {
		const { output, error } = await runOperation(sandbox, create({ manualIncrement: '250' }));
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		const result = output[0];
		expect(result).toMatchObject({
			orderId: '1002-01',
			status: 'done',
			applied: true,
			finished: true,
			timedOut: false,
		});
		expect(typeof result.requestId).toBe('string');
		// In: 1590. Out: 3 × 1999 = 5997 and the line's 400 shipping. Increment 250. Change: -4557.
		expect(result.totalChange).toEqual({ cents: -4557, decimal: -45.57 });

		const order = sandbox.state.findOrder('1002-01')!;
		expect(order.items.map((item) => [item.id, item.quantity, item.sellingPrice])).toEqual([
			['101', 2, 4990],
			['303', 1, 5990],
			['404', 1, 1590],
		]);
		expect(order.shippingData.logisticsInfo.map((info) => info.itemIndex)).toEqual([0, 1, 2]);
		const totals = Object.fromEntries(order.totals.map((total) => [total.id, total.value]));
		expect(totals).toMatchObject({
			Items: 2 * 4990 + 5990 + 1590,
			Shipping: 800 + 300,
			ManualValues: 250,
		});
		expect(order.value).toBe(2 * 4990 + 5990 + 1590 + 800 + 300 + 250);
		expect(order.value).toBe(order.totals.reduce((sum, total) => sum + total.value, 0));
		expect(order.changesAttachment?.changesData).toEqual([
			expect.objectContaining({
				reason: 'Mugs out of stock: socks instead',
				incrementValue: 250,
				itemsAdded: [expect.objectContaining({ id: '404', quantity: 1, price: 1590 })],
				itemsRemoved: [expect.objectContaining({ id: '202', quantity: 3, price: 1999 })],
			}),
		]);

		const [patch] = sandbox.requests({ method: 'PATCH', pathPrefix: `${CHANGES}/1002-01/changes` });
		expect(patch.query).toEqual({ accountName: sandbox.state.account });
		const reads = sandbox.requests({
			method: 'GET',
			pathPrefix: `${CHANGES}/1002-01/changes/${String(result.requestId)}`,
		});
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads[0].query).toEqual({ an: sandbox.state.account });
	});

	it('reports a change VTEX cancels as an item error with its reason, and leaves the order as it was', async () => {
		const before = JSON.stringify(sandbox.state.findOrder('1002-01'));
		const { output } = await runOperation(
			sandbox,
			create({ itemsToAdd: {}, itemsToRemove: { item: [{ id: '202', quantity: 4 }] } }),
			{ continueOnFail: true },
		);
		expect(output).toHaveLength(1);
		expect(output[0].error).toMatch(
			/VTEX cancelled change .+ of order 1002-01: SalesOrderSystem011: It's not possible to remove more than 3 quantities/,
		);
		expect(output[0].vtexCode).toBe('SalesOrderSystem011');
		expect(output[0].description).toMatch(/remove at most the quantity/);
		expect(output[0].description).toMatch(/The order was not changed/);
		expect(JSON.stringify(sandbox.state.findOrder('1002-01'))).toBe(before);
		expect(orderChangesOf(sandbox.state).changes[0]).toMatchObject({ status: 'canceled' });
	});

	it('gives the SalesOrderSystem014 advice when a change is already in progress', async () => {
		orderChangesOf(sandbox.state).stepDelayMs = 60_000;
		const first = await runOperation(sandbox, create({ waitForCompletion: false }));
		expect(first.output[0]).toMatchObject({ status: null, finished: false });
		// Another change (the same one again would be a replay of the first).
		const { error } = await runOperation(
			sandbox,
			create({ waitForCompletion: false, reason: 'Another change while the first runs' }),
		);
		expect(error?.message).toMatch(/Change order 1002-01 failed: Change In Progress/);
		expect(error?.description).toMatch(/VTEX error SalesOrderSystem014/);
		expect(error?.description).toMatch(/Another change to this order is still in progress/);
		expect(sandbox.requests({ method: 'PATCH' })).toHaveLength(2);
	});

	it('says how to switch the API on when the account has enableApi false', async () => {
		orderChangesOf(sandbox.state).settings.rolloutConfiguration.enableApi = false;
		const { error } = await runOperation(sandbox, create());
		expect(error?.message).toMatch(/order modifications API is switched off/);
		expect(error?.description).toMatch(/rolloutConfiguration\.enableApi is false/);
		expect(error?.description).toMatch(/"rolloutConfiguration": \{"enableApi": true\}/);
		expect(error?.description).toContain(
			`PUT /api/order-system/orders/changes/settings?an=${sandbox.state.account}`,
		);
		expect(sandbox.state.findOrder('1002-01')?.items).toHaveLength(3);
	});

	it('returns the last status and the request ID when the wait times out, and Get follows it later', async () => {
		orderChangesOf(sandbox.state).stepDelayMs = 60_000;
		const info = jest.spyOn(Container.get(Logger), 'info');
		const started = Date.now();
		const { output, error } = await runOperation(
			sandbox,
			create({ waitTimeoutSeconds: 1, pollIntervalSeconds: 0.2 }),
		);
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(5000);
		// Each read while waiting is reported: 0.2 s, 0.4 s, then what is left of the second.
		const progress = info.mock.calls
			.map(([message]) => String(message))
			.filter((message) => message.startsWith('Change '));
		info.mockRestore();
		expect(progress.length).toBeGreaterThanOrEqual(2);
		expect(progress[0]).toMatch(
			/is "waiting-acknowledgement" after 0\.\d s; checking again in 0\.4 s/,
		);
		expect(output[0]).toMatchObject({
			status: 'waiting-acknowledgement',
			finished: false,
			applied: null,
			timedOut: true,
		});
		expect(output[0].message).toMatch(/Order Change > Get/);
		const requestId = String(output[0].requestId);
		expect(orderChangesOf(sandbox.state).changes.map((change) => change.requestId)).toEqual([
			requestId,
		]);

		const get = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'get',
			orderId: '1002-01',
			changeRequestId: requestId,
		});
		expect(get.output[0]).toMatchObject({
			requestId,
			status: 'waiting-acknowledgement',
			inProgress: true,
		});
	});

	it('returns the request ID at once without Wait for Completion', async () => {
		const { output } = await runOperation(sandbox, create({ waitForCompletion: false }));
		expect(output[0]).toMatchObject({
			orderId: '1002-01',
			status: null,
			finished: false,
			applied: null,
		});
		expect(output[0].requestId).toBe(orderChangesOf(sandbox.state).changes[0].requestId);
		// Only the history read that checks the change was not sent already; nothing is polled.
		expect(
			sandbox.requests({ method: 'GET', pathPrefix: CHANGES }).map((request) => request.path),
		).toEqual(['/api/order-system/orders/1002-01/changes']);
	});

	it('refuses an order that is not in a modifiable status with the CHK0124 advice', async () => {
		const { error } = await runOperation(sandbox, create({ orderId: '1001-01' }));
		expect(error?.description).toMatch(/VTEX error CHK0124/);
		expect(error?.description).toMatch(/run Start Handling first/);
	});

	it('never sends the PATCH twice after a 5xx', async () => {
		sandbox.addFault({ kind: '503', method: 'PATCH', pathPrefix: CHANGES });
		const { error } = await runOperation(sandbox, create());
		expect(error?.description).toMatch(/not repeated/);
		expect(sandbox.requests({ method: 'PATCH' })).toHaveLength(1);
	});
});
