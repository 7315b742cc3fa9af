import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import { changeReaches, startChange, stoppedOnError } from './changeFixtures';

describe('orderChange → retry', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('resumes a change stopped on an error, which VTEX then applies', async () => {
		const requestId = await startChange(sandbox, {
			stopOnError: 'SalesOrderSystem018: Unable to communicate with Participants Client.',
		});
		await changeReaches(sandbox, requestId, stoppedOnError);
		const { output, error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'retry',
			orderId: '1002-01',
			changeRequestId: requestId,
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([
			expect.objectContaining({
				orderId: '1002-01',
				changeRequestId: requestId,
				success: true,
				action: 'retry',
			}),
		]);
		await changeReaches(sandbox, requestId, (status) => status === 'done');
		expect(sandbox.state.findOrder('1002-01')?.items.map((item) => item.id)).toContain('404');
		const [request] = sandbox.requests({
			method: 'POST',
			pathPrefix: `/api/order-system/orders/1002-01/changes/${requestId}/retry`,
		});
		expect(request.query).toEqual({ an: sandbox.state.account });
	});

	it('is repeated after a 5xx (the same change request is retried, never a new change)', async () => {
		const requestId = await startChange(sandbox, {
			stopOnError: 'SalesOrderSystem018: Unable to communicate with Participants Client.',
		});
		await changeReaches(sandbox, requestId, stoppedOnError);
		sandbox.addFault({
			kind: '503',
			pathPrefix: `/api/order-system/orders/1002-01/changes/${requestId}/retry`,
		});
		const { error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'retry',
			orderId: '1002-01',
			changeRequestId: requestId,
		});
		expect(error).toBeUndefined();
		expect(
			sandbox
				.requests({ pathPrefix: `/api/order-system/orders/1002-01/changes/${requestId}/retry` })
				.map((request) => request.status),
		).toEqual([503, 204]);
	});

	it('a retry of a change VTEX already applied succeeds as a replay (VTEX answers SalesOrderSystem016; the change reads "done")', async () => {
		const requestId = await startChange(sandbox);
		await changeReaches(sandbox, requestId, (status) => status === 'done');
		const { output, error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'retry',
			orderId: '1002-01',
			changeRequestId: requestId,
		});
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({
			success: true,
			action: 'retry',
			replay: true,
			status: 'done',
			changeRequestId: requestId,
		});
		expect(
			sandbox
				.requests({
					method: 'POST',
					pathPrefix: `/api/order-system/orders/1002-01/changes/${requestId}/retry`,
				})
				.map((request) => request.status),
		).toEqual([409]);
	});

	it('explains that a change VTEX canceled cannot be retried (SalesOrderSystem016)', async () => {
		const requestId = await startChange(sandbox, {
			stopOnError: 'SalesOrderSystem018: Unable to communicate with Participants Client.',
		});
		await changeReaches(sandbox, requestId, stoppedOnError);
		const cancel = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'cancel',
			orderId: '1002-01',
			changeRequestId: requestId,
			cancellationReason: 'Given up',
		});
		expect(cancel.error).toBeUndefined();
		const { error } = await runOperation(sandbox, {
			resource: 'orderChange',
			operation: 'retry',
			orderId: '1002-01',
			changeRequestId: requestId,
		});
		expect(error?.description).toMatch(/VTEX error SalesOrderSystem016/);
		expect(error?.description).toMatch(/create a new change/);
	});
});
