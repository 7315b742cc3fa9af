import { feedOf } from '../../sandbox/families/feed';
import { vtexNode } from '../../harness/workflow';
import { activate, emittedEventIds, feedWorkflow, getOrderNode, useFeedSandbox } from './fixtures';

/** Commit Events: "When Received" (at most once) and "In the Workflow" (Feed → Commit). */
describe('VTEX Order Feed Trigger: the other commit modes', () => {
	const sandbox = useFeedSandbox();

	const commitNode = () =>
		vtexNode('Commit', { resource: 'feed', operation: 'commit', handlesSource: 'fromItems' });

	describe('When Received', () => {
		it('commits before the workflow runs, so a failed execution does not bring the event back', async () => {
			const [event] = feedOf(sandbox()).addBacklog({ count: 1, orderIds: ['1001-01'] });
			sandbox().addFault({
				kind: 'html200',
				method: 'GET',
				pathPrefix: '/api/oms/pvt/orders/1001-01',
				times: 1,
			});
			const trigger = await activate(
				sandbox(),
				feedWorkflow({ commitMode: 'onReceive' }, getOrderNode()),
			);

			await trigger.poll();
			expect(trigger.executions.map((run) => run.status)).toEqual(['error']);
			expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(1);
			const log = sandbox()
				.requests()
				.map((request) => `${request.method} ${request.path}`);
			expect(log.indexOf('POST /api/orders/feed')).toBeLessThan(
				log.indexOf('GET /api/oms/pvt/orders/1001-01'),
			);

			feedOf(sandbox()).expireVisibility();
			await trigger.poll();
			expect(trigger.executions).toHaveLength(1);
			expect(feedOf(sandbox()).stats().queued).toBe(0);
		});

		it('commits a batch in one request and runs each event once, duplicates included', async () => {
			feedOf(sandbox()).settings.deliverTwice = true;
			const events = feedOf(sandbox()).addBacklog({ count: 5 });
			const trigger = await activate(sandbox(), feedWorkflow({ commitMode: 'onReceive' }));
			await trigger.poll();
			expect(emittedEventIds(trigger).sort()).toEqual(events.map((event) => event.eventId).sort());
			expect(feedOf(sandbox()).stats()).toMatchObject({
				queued: 0,
				committed: 10,
				commitRequests: 1,
			});
		});
	});

	describe('In the Workflow', () => {
		it('commits nothing itself; Feed → Commit at the end of the workflow empties the feed', async () => {
			const events = feedOf(sandbox()).addBacklog({ count: 12 });
			const trigger = await activate(
				sandbox(),
				feedWorkflow({ commitMode: 'inWorkflow', emitMode: 'perPoll' }, commitNode()),
			);
			await trigger.poll();
			expect(trigger.executions.map((run) => run.status)).toEqual(['success']);
			expect(
				trigger
					.emitted()[0]
					.every((item) => typeof item.handle === 'string' && item.handle.length > 0),
			).toBe(true);
			expect(trigger.executions[0].json('Commit')).toHaveLength(12);
			expect(trigger.executions[0].json('Commit')[0]).toMatchObject({
				success: true,
				committed: 1,
				eventId: expect.any(String),
			});
			expect(events.every((event) => feedOf(sandbox()).committedCount(event.eventId) === 1)).toBe(
				true,
			);
			// All commits came from the workflow's Commit node: 12 handles, two requests of at most 10.
			expect(feedOf(sandbox()).stats()).toMatchObject({
				queued: 0,
				committed: 12,
				commitRequests: 2,
			});
		});

		it('leaves uncommitted events to come back when the workflow does not commit them', async () => {
			const [event] = feedOf(sandbox()).addBacklog({ count: 1 });
			const trigger = await activate(sandbox(), feedWorkflow({ commitMode: 'inWorkflow' }));
			await trigger.poll();
			expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 1, commitRequests: 0 });
			feedOf(sandbox()).expireVisibility();
			await trigger.poll();
			expect(emittedEventIds(trigger)).toEqual([event.eventId, event.eventId]);
		});

		it('gives an event delivered twice in one read both handles, and Feed → Commit commits both', async () => {
			feedOf(sandbox()).settings.deliverTwice = true;
			const [event] = feedOf(sandbox()).addBacklog({ count: 1 });
			const trigger = await activate(
				sandbox(),
				feedWorkflow({ commitMode: 'inWorkflow' }, commitNode()),
			);
			await trigger.poll();
			const [[item]] = trigger.emitted();
			expect(item.handles).toHaveLength(2);
			expect(trigger.executions[0].json('Commit')[0]).toMatchObject({ committed: 2 });
			expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(2);
			expect(feedOf(sandbox()).stats().queued).toBe(0);
		});

		it('still commits events of statuses not selected, which never reach the workflow', async () => {
			feedOf(sandbox()).addBacklog({ count: 4, statuses: ['canceled', 'ready-for-handling'] });
			const trigger = await activate(
				sandbox(),
				feedWorkflow({ commitMode: 'inWorkflow', statuses: ['ready-for-handling'] }),
			);
			await trigger.poll();
			expect(trigger.executions).toHaveLength(2);
			expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 2, committed: 2 });
		});
	});
});
