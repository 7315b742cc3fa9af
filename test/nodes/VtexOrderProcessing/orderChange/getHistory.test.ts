import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import { changeReaches, startChange } from './changeFixtures';

describe('orderChange → getHistory', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('lists every change of the order in one item', async () => {
		const first = await startChange(sandbox);
		await changeReaches(sandbox, first, (status) => status === 'done');
		const second = await startChange(sandbox, { reason: 'Socks again, for the second mug' });
		const { output, error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'getHistory',
			orderId: '1002-01',
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].orderId).toBe('1002-01');
		expect(
			(output[0].requests as Array<{ requestId: string }>).map((request) => request.requestId),
		).toEqual([first, second]);
		expect(output[0].actions).toEqual([]);
	});

	it('gives an empty history for an order never changed', async () => {
		const { output } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'getHistory',
			orderId: '1011-01',
		});
		expect(output).toEqual([{ orderId: '1011-01', requests: [], actions: [] }]);
	});
});
