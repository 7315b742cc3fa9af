import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';

describe('order → startHandling', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('moves a ready-for-handling order to handling and outputs a success item', async () => {
		const { output, error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'startHandling',
			orderId: '1001-01',
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([
			expect.objectContaining({ orderId: '1001-01', success: true, action: 'startHandling' }),
		]);
		expect(sandbox.state.findOrder('1001-01')?.status).toBe('handling');
	});

	it('reports OMS003 with advice for an order that never reached handling, per item under continue-on-fail, while other items succeed', async () => {
		const { output } = await runOperation(
			sandbox,
			{ resource: 'order', operation: 'startHandling', orderId: '={{ $json.orderId }}' },
			{ items: [{ orderId: '1007-01' }, { orderId: '1009-01' }], continueOnFail: true },
		);
		expect(output).toHaveLength(2);
		expect(output[0]).toMatchObject({ vtexCode: 'OMS003', httpCode: 409 });
		expect(output[0].description).toMatch(/ready-for-handling/);
		expect(output[1]).toMatchObject({ orderId: '1009-01', success: true });
		expect(sandbox.state.findOrder('1009-01')?.status).toBe('handling');
		expect(sandbox.state.findOrder('1007-01')?.status).toBe('payment-pending');
	});

	it('refuses an empty order ID before any request', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'startHandling',
			orderId: '  ',
		});
		expect(error?.message).toMatch(/Invalid "Order ID": is required/);
		expect(sandbox.requests()).toHaveLength(0);
	});
});
