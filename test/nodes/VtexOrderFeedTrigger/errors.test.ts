import { feedOf } from '../../sandbox/families/feed';
import { activateTrigger } from '../../harness/trigger';
import { sandboxCredentials } from '../../harness/workflow';
import { activate, emittedEventIds, feedWorkflow, useFeedSandbox } from './fixtures';

/** What goes wrong during activation or a poll, and what the user is told. */
describe('VTEX Order Feed Trigger: errors', () => {
	const sandbox = useFeedSandbox();

	it('waits out a 429 during a poll and loses nothing', async () => {
		const events = feedOf(sandbox()).addBacklog({ count: 15 });
		const trigger = await activate(sandbox(), feedWorkflow({}));
		// The poll's first read and first commit are refused with 429 and Retry-After: 1.
		sandbox().addFault({
			kind: '429',
			method: 'GET',
			pathPrefix: '/api/orders/feed',
			retryAfter: '1',
			times: 1,
		});
		sandbox().addFault({
			kind: '429',
			method: 'POST',
			pathPrefix: '/api/orders/feed',
			retryAfter: '1',
			times: 1,
		});
		const started = Date.now();
		await trigger.poll();

		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(trigger.failedPolls).toEqual([]);
		expect(emittedEventIds(trigger).sort()).toEqual(events.map((event) => event.eventId).sort());
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 15 });
		expect(
			sandbox()
				.requests()
				.filter((request) => request.status === 429)
				.map((request) => request.method),
		).toEqual(['GET', 'POST']);
	});

	it('fails activation with how to configure the feed when the app key has none (404)', async () => {
		feedOf(sandbox()).remove();
		await expect(
			activateTrigger(feedWorkflow({}), { credentials: sandboxCredentials(sandbox()) }),
		).rejects.toMatchObject({
			message: 'VTEX has no orders feed for this app key',
			description: expect.stringMatching(/Configure Feed on Activation.*Feed → Set Configuration/),
		});
	});

	it('records a poll that meets a 404 as a failed execution that says how to configure the feed, and stays active', async () => {
		const trigger = await activate(sandbox(), feedWorkflow({}));
		feedOf(sandbox()).remove();
		await trigger.poll();
		expect(trigger.failedPolls).toHaveLength(1);
		const [failure] = trigger.failedPolls as Array<
			Error & { description?: string; httpCode?: string }
		>;
		expect(failure.message).toMatch(/Read the orders feed failed/);
		expect(failure.httpCode).toBe('404');
		expect(failure.description).toMatch(
			/no orders feed configured for this app key.*Set Configuration/,
		);
		expect(trigger.fatalErrors).toEqual([]);

		feedOf(sandbox()).configure();
		const [event] = feedOf(sandbox()).addBacklog({ count: 1 });
		await trigger.poll();
		expect(emittedEventIds(trigger)).toEqual([event.eventId]);
	});

	it('names the field when a setting is wrong, before any request', async () => {
		await expect(activate(sandbox(), feedWorkflow({ maxEventsPerPoll: 0 }))).rejects.toThrow(
			'Invalid "Max Events per Poll": must be at least 1',
		);
		await expect(
			activate(
				sandbox(),
				feedWorkflow({
					pollTimes: { item: [{ mode: 'custom', cronExpression: '*/10 * * * * *' }] },
				}),
			),
		).rejects.toThrow(
			'Invalid "Poll Times": polls more than once a minute; it has to be at least a minute apart',
		);
		expect(sandbox().requests()).toHaveLength(0);
	});
});
