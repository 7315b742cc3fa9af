import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import { changeReaches, startChange } from './changeFixtures';

describe('orderChange → get', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it("returns the change with its status, as VTEX's detail endpoint gives it", async () => {
		const requestId = await startChange(sandbox);
		await changeReaches(sandbox, requestId, (status) => status === 'done');
		const { output, error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'get',
			orderId: '1002-01',
			changeRequestId: requestId,
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([
			expect.objectContaining({
				requestId,
				status: 'done',
				inProgress: false,
				totalChangeValue: 1590 - 1999,
				reason: 'A mug out of stock: socks instead',
			}),
		]);
		const [request] = sandbox.requests({
			method: 'GET',
			pathPrefix: `/api/order-system/orders/1002-01/changes/${requestId}`,
		});
		expect(request.query).toEqual({ an: sandbox.state.account });
	});

	it('explains an unknown change request ID (CHK0289)', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'get',
			orderId: '1002-01',
			changeRequestId: 'no-such-change',
		});
		expect(error?.description).toMatch(/VTEX error CHK0289/);
		expect(error?.description).toMatch(/Get History/);
	});

	it('refuses an empty Change Request ID before any request', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'get',
			orderId: '1002-01',
			changeRequestId: ' ',
		});
		expect(error?.message).toMatch(/Invalid "Change Request ID": is required/);
		expect(sandbox.requests()).toHaveLength(0);
	});
});
