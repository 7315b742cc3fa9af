import { feedOf } from '../../sandbox/families/feed';
import { runTriggerManually } from '../../harness/trigger';
import { sandboxCredentials } from '../../harness/workflow';
import { activate, feedWorkflow, useFeedSandbox } from './fixtures';

/** "Fetch Test Event": a manual run commits nothing and leaves the stored state as it was. */
describe('VTEX Order Feed Trigger: manual test run', () => {
	const sandbox = useFeedSandbox();

	it('emits an event without committing anything or changing the stored state', async () => {
		// An activation that processed one event leaves its eventId in the static data.
		feedOf(sandbox()).addBacklog({ count: 1 });
		const active = await activate(sandbox(), feedWorkflow({}));
		await active.poll();
		const stored = JSON.parse(JSON.stringify(active.staticData));
		expect(stored['node:Feed'].processedEventIds).toHaveLength(1);

		const events = feedOf(sandbox()).addBacklog({
			count: 3,
			statuses: ['canceled', 'ready-for-handling'],
		});
		const commitsBefore = feedOf(sandbox()).stats().commitRequests;
		const run = await runTriggerManually(feedWorkflow({ statuses: ['ready-for-handling'] }), {
			credentials: sandboxCredentials(sandbox()),
			staticData: active.staticData,
		});

		expect(run.status).toBe('success');
		expect(run.json('Feed')).toEqual([
			expect.objectContaining({ eventId: events[1].eventId, state: 'ready-for-handling' }),
		]);
		expect(run.json('Done')).toHaveLength(1);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 3, commitRequests: commitsBefore });
		expect(JSON.parse(JSON.stringify(active.staticData))).toEqual(stored);
	});

	it('shows every event of the read when emitting per poll', async () => {
		feedOf(sandbox()).addBacklog({ count: 4 });
		const run = await runTriggerManually(
			feedWorkflow({ emitMode: 'perPoll', includeOrder: false }),
			{
				credentials: sandboxCredentials(sandbox()),
			},
		);
		expect(run.json('Feed')).toHaveLength(4);
		expect(sandbox().requests({ method: 'POST' })).toHaveLength(0);
	});

	it('says so when the feed has nothing to show, and that nothing was committed', async () => {
		feedOf(sandbox()).addBacklog({ count: 2, statuses: ['canceled'] });
		const run = await runTriggerManually(feedWorkflow({ statuses: ['ready-for-handling'] }), {
			credentials: sandboxCredentials(sandbox()),
		});
		const error = run.nodeError('Feed') as Error & { description?: string };
		expect(error.message).toMatch(/No event to show/);
		expect(error.description).toMatch(
			/returned 2 event\(s\), none with the selected statuses. Nothing was committed/,
		);
		expect(sandbox().requests({ method: 'POST' })).toHaveLength(0);
	});

	it('on an app key without a feed, advises Configure Feed on Activation, which then works in the test itself', async () => {
		feedOf(sandbox()).remove();
		const without = await runTriggerManually(feedWorkflow({}), {
			credentials: sandboxCredentials(sandbox()),
		});
		const error = without.nodeError('Feed') as Error & { description?: string };
		expect(error.description).toMatch(
			/turn on "Configure Feed on Activation".*when you fetch a test event/,
		);

		// Following the advice: the test configures the feed, then reads it.
		const run = await runTriggerManually(
			feedWorkflow({ statuses: ['ready-for-handling'], configureFeed: true }),
			{
				credentials: sandboxCredentials(sandbox()),
			},
		);
		expect(feedOf(sandbox()).config()?.filter).toEqual({
			type: 'FromWorkflow',
			status: ['ready-for-handling'],
		});
		const empty = run.nodeError('Feed') as Error & { description?: string };
		expect(empty.message).toMatch(/No event to show/);
		expect(empty.description).toMatch(
			/configured from this node .* holds only the changes made since/,
		);

		// A change made now reaches the next test.
		sandbox().state.setStatus(sandbox().state.findOrder('1002-01')!, 'ready-for-handling');
		const next = await runTriggerManually(
			feedWorkflow({ statuses: ['ready-for-handling'], configureFeed: true }),
			{
				credentials: sandboxCredentials(sandbox()),
			},
		);
		expect(next.json('Feed')).toEqual([
			expect.objectContaining({ orderId: '1002-01', state: 'ready-for-handling' }),
		]);
		expect(
			sandbox()
				.requests({ method: 'POST' })
				.map((request) => request.path),
		).toEqual(['/api/orders/feed/config', '/api/orders/feed/config']);
	});

	it('says what was wrong when the test read gets an answer that is not a list of events', async () => {
		feedOf(sandbox()).addBacklog({ count: 1 });
		feedOf(sandbox()).tamperReads({ answer: (events) => ({ events }) });
		const run = await runTriggerManually(feedWorkflow({}), {
			credentials: sandboxCredentials(sandbox()),
		});
		const error = run.nodeError('Feed') as Error & { description?: string };
		expect(error.message).toBe(
			'The orders feed answered with something that is not a list of events',
		);
		expect(error.description).toMatch(
			/had a JSON object instead of a list\. Nothing in it was run or committed/,
		);
		expect(sandbox().requests({ method: 'POST' })).toHaveLength(0);
	});
});
