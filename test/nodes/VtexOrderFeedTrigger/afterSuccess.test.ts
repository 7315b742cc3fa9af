import { feedOf } from '../../sandbox/families/feed';
import { activateTrigger } from '../../harness/trigger';
import { sandboxCredentials } from '../../harness/workflow';
import {
	activate,
	emittedEventIds,
	feedWorkflow,
	getOrderNode,
	until,
	useFeedSandbox,
} from './fixtures';

/** Commit Events: "After the Workflow Succeeds" (the default): at least once, nothing lost. */
describe('VTEX Order Feed Trigger: commit after the workflow succeeds', () => {
	const sandbox = useFeedSandbox();

	it('leaves the event of a failed execution in the feed, runs it again after the visibility timeout, and commits it once', async () => {
		const [event] = feedOf(sandbox()).addBacklog({ count: 1, orderIds: ['1001-01'] });
		sandbox().addFault({
			kind: 'html200',
			method: 'GET',
			pathPrefix: '/api/oms/pvt/orders/1001-01',
			times: 1,
		});
		const trigger = await activate(sandbox(), feedWorkflow({}, getOrderNode()));

		await trigger.poll();
		expect(trigger.executions.map((run) => run.status)).toEqual(['error']);
		expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(0);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 1, invisible: 1, commitRequests: 0 });

		await trigger.poll(); // hidden until the visibility timeout: nothing to do
		expect(trigger.executions).toHaveLength(1);

		feedOf(sandbox()).expireVisibility();
		await trigger.poll();
		expect(trigger.executions.map((run) => run.status)).toEqual(['error', 'success']);
		expect(emittedEventIds(trigger)).toEqual([event.eventId, event.eventId]);
		expect(trigger.executions[1].json('Get Order')[0]).toMatchObject({ orderId: '1001-01' });
		expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(1);
		expect(feedOf(sandbox()).stats()).toMatchObject({
			queued: 0,
			committed: 1,
			noopCommits: 0,
			commitRequests: 1,
		});

		feedOf(sandbox()).expireVisibility();
		await trigger.poll();
		expect(trigger.executions).toHaveLength(2);
	});

	it('drains a backlog of 1,000 events: each emitted once and committed, none left, in batches of 10', async () => {
		const backlog = feedOf(sandbox()).addBacklog({ count: 1000 });
		const trigger = await activate(sandbox(), feedWorkflow({ maxEventsPerPoll: 1000 }));

		await trigger.poll();

		const emitted = emittedEventIds(trigger);
		expect(emitted).toHaveLength(1000);
		expect(new Set(emitted)).toEqual(new Set(backlog.map((event) => event.eventId)));
		expect(trigger.executions.every((run) => run.status === 'success')).toBe(true);
		const stats = feedOf(sandbox()).stats();
		expect(stats).toMatchObject({ queued: 0, delivered: 1000, committed: 1000, noopCommits: 0 });
		expect(backlog.every((event) => feedOf(sandbox()).committedCount(event.eventId) === 1)).toBe(
			true,
		);
		// 100 reads of 10, then those in flight when the feed ran dry (at most 16 at once) find it
		// empty; commits grouped up to 10 handles.
		expect(stats.reads).toBeGreaterThanOrEqual(101);
		expect(stats.reads).toBeLessThanOrEqual(100 + 16);
		expect(stats.commitRequests).toBeGreaterThanOrEqual(100);
		expect(stats.commitRequests).toBeLessThan(150);
		const commitBodies = sandbox().requests({ method: 'POST', pathPrefix: '/api/orders/feed' });
		expect(
			commitBodies.every((request) => (request.body as { handles: string[] }).handles.length <= 10),
		).toBe(true);
		expect(
			sandbox()
				.requests({ method: 'GET', pathPrefix: '/api/orders/feed' })
				.every((request) => request.query.maxlot === '10' || request.path.endsWith('/config')),
		).toBe(true);
	});

	it('starts one execution for an event VTEX delivers twice, and commits both deliveries', async () => {
		feedOf(sandbox()).settings.deliverTwice = true;
		const events = feedOf(sandbox()).addBacklog({ count: 4 });
		const trigger = await activate(sandbox(), feedWorkflow({}));
		await trigger.poll();
		expect(emittedEventIds(trigger).sort()).toEqual(events.map((event) => event.eventId).sort());
		expect(events.every((event) => feedOf(sandbox()).committedCount(event.eventId) === 2)).toBe(
			true,
		);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, delivered: 8, committed: 8 });
	});

	it('recognises a second delivery read after the first one finished, and commits it without running it', async () => {
		feedOf(sandbox()).settings.deliverTwice = true;
		const [event] = feedOf(sandbox()).addBacklog({ count: 1 });
		// One event at a time: the second delivery is read only once the first one's execution ended.
		const trigger = await activate(sandbox(), feedWorkflow({ maxEventsPerPoll: 1 }));
		await trigger.poll();
		expect(emittedEventIds(trigger)).toEqual([event.eventId]);
		expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(2);
		expect(feedOf(sandbox()).stats().queued).toBe(0);
		expect(trigger.staticData['node:Feed']).toEqual({ processedEventIds: [event.eventId] });
	});

	it('does not run an event again when VTEX redelivers it while its execution is still running', async () => {
		const [event] = feedOf(sandbox()).addBacklog({ count: 1 });
		let release: () => void = () => {};
		const running = new Promise<void>((resolve) => (release = resolve));
		let executionStarted = false;
		const trigger = await activateTrigger(feedWorkflow({}), {
			credentials: sandboxCredentials(sandbox()),
			beforeExecution: async () => {
				executionStarted = true;
				await running;
			},
		});

		const first = trigger.poll();
		// The first poll's drain is over once its execution started (a poll while it drains is skipped).
		await until(() => executionStarted);
		await new Promise((resolve) => setImmediate(resolve));
		expect(feedOf(sandbox()).stats().delivered).toBe(1);
		feedOf(sandbox()).expireVisibility(); // the execution outlasts the visibility timeout
		const second = trigger.poll();
		await until(() => feedOf(sandbox()).stats().delivered === 2);
		release();
		await Promise.all([first, second]);

		expect(trigger.executions.map((run) => run.status)).toEqual(['success']);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, delivered: 2, committed: 1 });
		expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(1);
	});

	it('commits events of statuses not selected without starting anything', async () => {
		const events = feedOf(sandbox()).addBacklog({
			count: 9,
			statuses: ['ready-for-handling', 'canceled', 'invoiced'],
		});
		const trigger = await activate(
			sandbox(),
			feedWorkflow({ statuses: ['ready-for-handling'], otherStatuses: 'some-future-status' }),
		);
		await trigger.poll();
		const wanted = events
			.filter((event) => event.state === 'ready-for-handling')
			.map((event) => event.eventId);
		expect(emittedEventIds(trigger).sort()).toEqual(wanted.sort());
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 9 });
	});

	it('emits one execution per poll when asked, and commits its events only if it succeeds', async () => {
		const events = feedOf(sandbox()).addBacklog({
			count: 12,
			orderIds: ['1001-01', '1002-01', '1003-01'],
		});
		sandbox().addFault({
			kind: 'html200',
			method: 'GET',
			pathPrefix: '/api/oms/pvt/orders/1003-01',
			times: 1,
		});
		const trigger = await activate(
			sandbox(),
			feedWorkflow({ emitMode: 'perPoll' }, getOrderNode()),
		);

		await trigger.poll();
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.emitted()[0]).toHaveLength(12);
		expect(trigger.executions[0].status).toBe('error');
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 12, committed: 0 });

		feedOf(sandbox()).expireVisibility();
		await trigger.poll();
		expect(trigger.executions.map((run) => run.status)).toEqual(['error', 'success']);
		expect(trigger.executions[1].json('Get Order')).toHaveLength(12);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 12 });
		expect(events.every((event) => feedOf(sandbox()).committedCount(event.eventId) === 1)).toBe(
			true,
		);
	});

	it('adds each event’s order when Include Order is on, and says why when an order cannot be read', async () => {
		feedOf(sandbox()).addBacklog({ count: 2, orderIds: ['1002-01', '7777-01'] });
		const trigger = await activate(sandbox(), feedWorkflow({ includeOrder: true }));
		await trigger.poll();
		const items = trigger.emitted().flat();
		const found = items.find((item) => item.orderId === '1002-01');
		const missing = items.find((item) => item.orderId === '7777-01');
		expect(found?.order).toMatchObject({ orderId: '1002-01', status: 'handling' });
		expect(missing).toMatchObject({ orderError: { httpCode: 404 } });
		expect(Object.keys(found ?? {}).sort()).toEqual(
			[
				'currentChange',
				'domain',
				'eventId',
				'handle',
				'lastChange',
				'lastState',
				'order',
				'orderId',
				'state',
			].sort(),
		);
	});

	it('stops reading once the workflow is deactivated', async () => {
		const trigger = await activate(sandbox(), feedWorkflow({}));
		await trigger.close();
		feedOf(sandbox()).addBacklog({ count: 3 });
		await trigger.poll();
		expect(trigger.executions).toHaveLength(0);
		expect(feedOf(sandbox()).stats().delivered).toBe(0);
	});
});
