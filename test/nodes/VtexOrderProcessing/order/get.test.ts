import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';

describe('order → get', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());

	it('returns the order VTEX holds', async () => {
		const { output, error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'get',
			orderId: '1001-01',
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].orderId).toBe('1001-01');
		expect(output[0].status).toBe('ready-for-handling');
		const [request] = sandbox.requests({ pathPrefix: '/api/oms/pvt/orders/1001-01' });
		expect(request.appKey).toBe(sandbox.defaultKey.appKey);
	});
});

describe('order → get (simplify)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());

	it('returns what an ERP needs, money in cents and decimal', async () => {
		const { output } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'get',
			orderId: '1006-01',
			simplify: true,
		});
		const order = output[0];
		expect(order).toMatchObject({ orderId: '1006-01', status: 'handling', currencyCode: 'BRL' });
		expect(order.total).toEqual({ cents: 17477, decimal: 174.77 });
		expect(order.totals).toMatchObject({ shipping: { cents: 1500, decimal: 15 } });
		expect(order.items).toEqual([
			expect.objectContaining({
				itemIndex: 0,
				skuId: '101',
				quantity: 2,
				unitPrice: { cents: 4990, decimal: 49.9 },
			}),
			expect.objectContaining({
				itemIndex: 1,
				skuId: '202',
				quantity: 3,
				unitPrice: { cents: 1999, decimal: 19.99 },
			}),
		]);
		expect(order.invoices).toEqual([
			expect.objectContaining({
				invoiceNumber: 'NF-1006-1',
				invoiceValue: { cents: 4990, decimal: 49.9 },
			}),
		]);
	});
});
