import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { orderChangesOf } from '../../../sandbox/families/orderChanges';
import { runOperation } from '../../../harness/workflow';
import { changeReaches, startChange, stoppedOnError } from './changeFixtures';

describe('orderChange → cancel', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('cancels a change stopped on an error with a reason; the order keeps its items', async () => {
		const before = JSON.stringify(sandbox.state.findOrder('1002-01')?.items);
		const requestId = await startChange(sandbox, {
			stopOnError: 'SalesOrderSystem018: Unable to communicate with Participants Client.',
		});
		await changeReaches(sandbox, requestId, stoppedOnError);
		const { output, error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'cancel',
			orderId: '1002-01',
			changeRequestId: requestId,
			cancellationReason: 'Payment service down; the ERP sends a new change tomorrow',
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([
			expect.objectContaining({ changeRequestId: requestId, success: true, action: 'cancel' }),
		]);
		const change = orderChangesOf(sandbox.state).changes[0];
		expect(change).toMatchObject({
			status: 'canceled',
			cancellationData: expect.objectContaining({
				requestedByUser: true,
				reason: 'Payment service down; the ERP sends a new change tomorrow',
			}),
		});
		expect(JSON.stringify(sandbox.state.findOrder('1002-01')?.items)).toBe(before);
		const [request] = sandbox.requests({
			method: 'POST',
			pathPrefix: `/api/order-system/orders/1002-01/changes/${requestId}/cancel`,
		});
		expect(request.query).toEqual({ an: sandbox.state.account });
		expect(request.body).toEqual({
			reason: 'Payment service down; the ERP sends a new change tomorrow',
		});
	});

	it('refuses an empty reason before any request', async () => {
		const { error } = await runOperation(
			sandbox,
			{
				resource: 'orderChange',
				operation: 'cancel',
				orderId: '1002-01',
				changeRequestId: 'e8532a32-7f7e-434a-88ec-29609f0ede46',
				cancellationReason: '={{ $json.reason }}',
			},
			{ items: [{ reason: '' }] },
		);
		expect(error?.message).toMatch(/Invalid "Cancellation Reason": is required/);
		expect(sandbox.requests()).toHaveLength(0);
	});
});
