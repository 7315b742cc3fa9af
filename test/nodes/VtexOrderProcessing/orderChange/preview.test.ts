import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { orderChangesOf } from '../../../sandbox/families/orderChanges';
import { runOperation } from '../../../harness/workflow';

describe('orderChange → preview', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it("returns VTEX's computed totals and leaves the order untouched", async () => {
		const before = JSON.stringify(sandbox.state.findOrder('1002-01'));
		const { output, error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'preview',
			orderId: '1002-01',
			reason: 'Customer swaps a mug for socks',
			moneyFormat: 'decimal',
			itemsToAdd: { item: [{ id: '404', quantity: 2, price: '15.90' }] },
			itemsToRemove: { item: [{ id: '202', quantity: 1 }] },
			manualDiscount: '5.00',
		});
		expect(error).toBeUndefined();
		// 2 × 1590 in, 1 × 1999 out, 500 off: 3180 - 1999 - 500 = 681 cents.
		expect(output).toEqual([
			expect.objectContaining({
				orderId: '1002-01',
				previewOnly: true,
				totalChangeValue: 681,
				totalChange: { cents: 681, decimal: 6.81 },
				manualDiscountValue: 500,
				totals: expect.arrayContaining([{ id: 'Items', name: 'Items Total', value: 1181 }]),
			}),
		]);
		expect(JSON.stringify(sandbox.state.findOrder('1002-01'))).toBe(before);
		expect(orderChangesOf(sandbox.state).changes).toHaveLength(0);

		const [request] = sandbox.requests({
			pathPrefix: '/api/order-system/orders/1002-01/changes/preview',
		});
		expect(request.method).toBe('POST');
		expect(request.query).toEqual({ an: sandbox.state.account });
		expect(request.body).toEqual({
			reason: 'Customer swaps a mug for socks',
			manualDiscountValue: 500,
			add: { items: [{ id: '404', quantity: 2, price: 1590 }] },
			remove: { items: [{ id: '202', quantity: 1 }] },
			replace: [],
		});
	});

	it('takes the items as JSON, prices in cents', async () => {
		const { output, error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'preview',
			orderId: '1002-01',
			reason: 'Next size up',
			itemsInput: 'json',
			changeItemsJson: JSON.stringify({
				replace: [
					{ from: { id: '101', quantity: 1 }, to: { id: '102', quantity: 1, price: 5000 } },
				],
			}),
		});
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({ totalChangeValue: 10 });
		const [request] = sandbox.requests({
			pathPrefix: '/api/order-system/orders/1002-01/changes/preview',
		});
		expect(request.body).toEqual({
			reason: 'Next size up',
			replace: [
				{
					from: { items: [{ id: '101', quantity: 1 }] },
					to: { items: [{ id: '102', quantity: 1, price: 5000 }] },
				},
			],
		});
	});

	it("reports VTEX's refusal of a change that does not fit the order, with advice", async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'preview',
			orderId: '1002-01',
			reason: 'Remove too many',
			itemsToRemove: { item: [{ id: '202', quantity: 5 }] },
		});
		expect(error?.message).toMatch(/remove more than 3 quantities of the item of ID 202/);
		expect(error?.description).toMatch(/SalesOrderSystem011/);
		expect(error?.description).toMatch(/at most the quantity/);
	});
});
