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

		const events = feedOf(sandbox()).addBacklog({ count: 3, statuses: ['canceled', 'ready-for-handling'] });
		const commitsBefore = feedOf(sandbox()).stats().commitRequests;
		const run = await runTriggerManually(feedWorkflow({ statuses: ['ready-for-handling'] }), {
			credentials: sandboxCredentials(sandbox()),
			staticData: active.staticData,
		});

		expect(run.status).toBe('success');
		expect(run.json('Feed')).toEqual([expect.objectContaining({ eventId: events[1].eventId, state: 'ready-for-handling' })]);
		expect(run.json('Done')).toHaveLength(1);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 3, commitRequests: commitsBefore });
		expect(JSON.parse(JSON.stringify(active.staticData))).toEqual(stored);
	});

	it('shows every event of the read when emitting per poll', async () => {
		feedOf(sandbox()).addBacklog({ count: 4 });
		const run = await runTriggerManually(feedWorkflow({ emitMode: 'perPoll', includeOrder: false }), {
			credentials: sandboxCredentials(sandbox()),
		});
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
		expect(error.description).toMatch(/returned 2 event\(s\), none with the selected statuses. Nothing was committed/);
		expect(sandbox().requests({ method: 'POST' })).toHaveLength(0);
	});
});
