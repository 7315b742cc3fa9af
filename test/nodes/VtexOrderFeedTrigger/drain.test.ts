import type { INodeParameters } from 'n8n-workflow';

import { feedOf } from '../../sandbox/families/feed';
import type { ActiveTrigger } from '../../harness/trigger';
import { activateTrigger } from '../../harness/trigger';
import { sandboxCredentials } from '../../harness/workflow';
import { emittedEventIds, feedWorkflow, getOrderNode, until, useFeedSandbox } from './fixtures';

/**
 * The drain: a poll keeps reading while the feed returns events and executions finish, with at
 * most Max Events per Poll events running at once, and one poll at a time.
 */
describe('VTEX Order Feed Trigger: a poll drains the feed', () => {
	const sandbox = useFeedSandbox();

	/**
	 * A trigger whose executions wait at a gate the test opens, counting how many run at once, and
	 * recording, as each execution ends, any of its events already committed by then.
	 */
	async function gatedTrigger(parameters: INodeParameters, withGetOrder = false) {
		let open = false;
		let openGate: () => void = () => {};
		const gate = new Promise<void>((resolve) => (openGate = resolve));
		const load = { running: 0, peak: 0 };
		const committedEarly: string[] = [];
		const trigger: ActiveTrigger = await activateTrigger(
			feedWorkflow(parameters, ...(withGetOrder ? [getOrderNode()] : [])),
			{
				credentials: sandboxCredentials(sandbox()),
				beforeExecution: async () => {
					load.running++;
					load.peak = Math.max(load.peak, load.running);
					if (!open) await gate;
				},
				onExecution: (result) => {
					load.running--;
					for (const item of result.json('Feed')) {
						if (feedOf(sandbox()).committedCount(String(item.eventId)) > 0)
							committedEarly.push(String(item.eventId));
					}
				},
			},
		);
		const release = () => {
			open = true;
			openGate();
		};
		return { trigger, load, committedEarly, release };
	}

	it('goes on past Max Events per Poll as executions finish, never with more running, nothing committed before success', async () => {
		const backlog = feedOf(sandbox()).addBacklog({ count: 45 });
		const { trigger, load, committedEarly, release } = await gatedTrigger({ maxEventsPerPoll: 10 });

		const polling = trigger.poll();
		await until(() => load.running === 10);
		// Ten running: the poll waits for room instead of reading on, and a poll due now does nothing.
		await trigger.tick();
		await until(() => feedOf(sandbox()).stats().reads === 1);
		expect(feedOf(sandbox()).stats()).toMatchObject({ delivered: 10, commitRequests: 0 });

		release();
		await polling;

		expect(emittedEventIds(trigger).sort()).toEqual(backlog.map((event) => event.eventId).sort());
		expect(load.peak).toBe(10);
		expect(committedEarly).toEqual([]);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 45, delivered: 45 });
		// No overlapping reads: the tick while draining read nothing, so every read was the drain's.
		const reads = sandbox()
			.requests({ method: 'GET' })
			.filter((request) => request.path === '/api/orders/feed');
		expect(
			reads.reduce((sum, request) => sum + Number(request.query.maxlot), 0),
		).toBeLessThanOrEqual(45 + 10);
	});

	it('commits only the events whose executions succeeded; the failed ones stay in the feed', async () => {
		const backlog = feedOf(sandbox()).addBacklog({
			count: 30,
			orderIds: ['1001-01', '1002-01', '1003-01'],
		});
		sandbox().addFault({
			kind: 'html200',
			method: 'GET',
			pathPrefix: '/api/oms/pvt/orders/1003-01',
			times: -1,
		});
		const { trigger, load, committedEarly, release } = await gatedTrigger(
			{ maxEventsPerPoll: 10 },
			true,
		);
		release();

		await trigger.poll();

		expect(trigger.executions).toHaveLength(30);
		expect(load.peak).toBeLessThanOrEqual(10);
		expect(committedEarly).toEqual([]);
		for (const event of backlog) {
			expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(
				event.orderId === '1003-01' ? 0 : 1,
			);
		}
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 10, committed: 20 });
	});

	it('stops reading when as many events as Max Events per Poll failed in a row', async () => {
		feedOf(sandbox()).addBacklog({ count: 30, orderIds: ['1003-01'] });
		sandbox().addFault({
			kind: 'html200',
			method: 'GET',
			pathPrefix: '/api/oms/pvt/orders/1003-01',
			times: -1,
		});
		const { trigger, release } = await gatedTrigger({ maxEventsPerPoll: 10 }, true);
		release();

		await trigger.poll();

		expect(trigger.executions.map((run) => run.status)).toEqual(Array(10).fill('error'));
		expect(feedOf(sandbox()).stats()).toMatchObject({ delivered: 10, committed: 0, queued: 30 });
		// The next poll tries again.
		await trigger.poll();
		expect(feedOf(sandbox()).stats().delivered).toBe(20);
	});

	it('stops reading once the workflow is deactivated; what is running still ends and is committed', async () => {
		feedOf(sandbox()).addBacklog({ count: 30 });
		const { trigger, load, release } = await gatedTrigger({ maxEventsPerPoll: 10 });

		const polling = trigger.poll();
		await until(() => load.running === 10);
		await trigger.response?.closeFunction?.();
		release();
		await polling;

		expect(trigger.executions).toHaveLength(10);
		expect(feedOf(sandbox()).stats()).toMatchObject({ delivered: 10, committed: 10, queued: 20 });
	});

	it('drains in "When Received" too, committing each batch before its executions, at most Max Events per Poll running', async () => {
		const backlog = feedOf(sandbox()).addBacklog({ count: 25 });
		const { trigger, load, release } = await gatedTrigger({
			maxEventsPerPoll: 10,
			commitMode: 'onReceive',
		});

		const polling = trigger.poll();
		await until(() => load.running === 10);
		expect(feedOf(sandbox()).stats()).toMatchObject({ delivered: 10, committed: 10 });
		release();
		await polling;

		expect(emittedEventIds(trigger).sort()).toEqual(backlog.map((event) => event.eventId).sort());
		expect(load.peak).toBe(10);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 25 });
	});

	it('emits one execution per read round when emitting per poll, the next round once it finished', async () => {
		feedOf(sandbox()).addBacklog({ count: 25 });
		const { trigger, load, release } = await gatedTrigger({
			maxEventsPerPoll: 10,
			emitMode: 'perPoll',
		});
		release();

		await trigger.poll();

		expect(trigger.emitted().map((items) => items.length)).toEqual([10, 10, 5]);
		expect(load.peak).toBe(1);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 25 });
	});
});
