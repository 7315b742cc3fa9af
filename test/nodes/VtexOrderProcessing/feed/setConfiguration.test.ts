import { feedOf } from '../../../sandbox/families/feed';
import { runOperation } from '../../../harness/workflow';
import { useFeedSandbox } from '../../shared/feed/useFeedSandbox';

describe('feed → setConfiguration', () => {
	const sandbox = useFeedSandbox();

	it('sets a status filter and the queue, with the spec’s request spelling', async () => {
		feedOf(sandbox()).remove();
		const { output, error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'setConfiguration',
			filterType: 'FromWorkflow',
			statuses: ['ready-for-handling', 'canceled'],
			otherStatuses: 'some-new-status',
			visibilityTimeout: 300,
			retentionPeriod: 1209600,
		});
		expect(error).toBeUndefined();
		const [request] = sandbox().requests({ method: 'POST' });
		expect(request.body).toEqual({
			filter: {
				type: 'FromWorkflow',
				status: ['ready-for-handling', 'canceled', 'some-new-status'],
			},
			queue: { visibilityTimeoutInSeconds: 300, MessageRetentionPeriodInSeconds: 1209600 },
		});
		expect(output).toEqual([
			{
				success: true,
				filter: {
					type: 'FromWorkflow',
					status: ['ready-for-handling', 'canceled', 'some-new-status'],
				},
				queue: { visibilityTimeoutInSeconds: 300, messageRetentionPeriodInSeconds: 1209600 },
			},
		]);
		expect(feedOf(sandbox()).config()?.queue.messageRetentionPeriodInSeconds).toBe(1209600);
	});

	it('sets a JSONata filter without statuses (VTEX refuses mixed filters)', async () => {
		const { error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'setConfiguration',
			filterType: 'FromOrders',
			statuses: ['handling'],
			expression: 'status = "invoiced"',
			disableSingleFire: true,
		});
		expect(error).toBeUndefined();
		expect(feedOf(sandbox()).config()?.filter).toEqual({
			type: 'FromOrders',
			expression: 'status = "invoiced"',
			disableSingleFire: true,
		});
	});

	it.each([
		[345599, "must be at least 345,600 seconds (4 days), VTEX's minimum"],
		[1209601, "must be at most 1,209,600 seconds (14 days), VTEX's maximum"],
	])('refuses a retention of %i seconds before any request', async (retentionPeriod, message) => {
		const { error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'setConfiguration',
			retentionPeriod,
		});
		expect(error?.message).toBe(`Invalid "Retention Period (Seconds)": ${message}`);
		expect(sandbox().requests()).toHaveLength(0);
	});

	it('refuses Statuses that are not a list (an expression giving text) instead of sending every status', async () => {
		const { error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'setConfiguration',
			statuses: '={{ "ready-for-handling" }}',
		});
		expect(error?.message).toBe(
			'Invalid "Statuses": must be a list of status codes such as ["ready-for-handling", "invoiced"]',
		);
		expect(sandbox().requests()).toHaveLength(0);
	});
});
