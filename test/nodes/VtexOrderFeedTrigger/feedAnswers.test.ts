import type { FeedEventRecord } from '../../sandbox/families/feed';
import { feedOf } from '../../sandbox/families/feed';
import { activate, emittedEventIds, feedWorkflow, getOrderNode, useFeedSandbox } from './fixtures';

type Delivered = FeedEventRecord & { handle: string };

/** Answers from a feed that does not keep VTEX's documented shape, and what the trigger makes of them. */
describe('VTEX Order Feed Trigger: answers that break the feed’s promises', () => {
	const sandbox = useFeedSandbox();

	const withoutEventId = (events: Delivered[]) =>
		events.map((event) =>
			Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'eventId')),
		);
	const committedHandles = () =>
		sandbox()
			.requests({ method: 'POST', pathPrefix: '/api/orders/feed' })
			.filter((request) => request.path === '/api/orders/feed')
			.flatMap((request) => (request.body as { handles: string[] }).handles);

	describe('events without an eventId', () => {
		it('runs each one on its own and commits each only after its own execution succeeded', async () => {
			feedOf(sandbox()).addBacklog({ count: 3, orderIds: ['1001-01', '1002-01', '1003-01'] });
			let handed: Delivered[] = [];
			feedOf(sandbox()).tamperReads({ answer: (events) => withoutEventId((handed = events)) });
			sandbox().addFault({
				kind: 'html200',
				method: 'GET',
				pathPrefix: '/api/oms/pvt/orders/1003-01',
				times: 1,
			});
			const trigger = await activate(sandbox(), feedWorkflow({}, getOrderNode()));

			await trigger.poll();

			const items = trigger.emitted().flat();
			expect(items.map((item) => item.orderId).sort()).toEqual(['1001-01', '1002-01', '1003-01']);
			expect(items.every((item) => item.eventId === '')).toBe(true);
			expect(trigger.executions.map((run) => run.status).sort()).toEqual([
				'error',
				'success',
				'success',
			]);
			const failed = handed.find((event) => event.orderId === '1003-01')!;
			expect(committedHandles().sort()).toEqual(
				handed
					.filter((event) => event !== failed)
					.map((event) => event.handle)
					.sort(),
			);
			expect(
				feedOf(sandbox())
					.queuedEvents()
					.map((event) => event.orderId),
			).toEqual(['1003-01']);
			expect(trigger.staticData['node:Feed']).toEqual({});
		});

		it('never takes a later event without an eventId for a duplicate, in any commit mode', async () => {
			for (const commitMode of ['afterSuccess', 'onReceive'] as const) {
				sandbox().reset();
				feedOf(sandbox()).configure();
				const trigger = await activate(sandbox(), feedWorkflow({ commitMode }));
				for (const orderId of ['1001-01', '1002-01']) {
					feedOf(sandbox()).addBacklog({ count: 1, orderIds: [orderId] });
					feedOf(sandbox()).tamperReads({ answer: withoutEventId });
					await trigger.poll();
				}
				expect(
					trigger
						.emitted()
						.flat()
						.map((item) => item.orderId),
				).toEqual(['1001-01', '1002-01']);
				expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 2 });
				const stored =
					(trigger.staticData['node:Feed'] as { processedEventIds?: string[] } | undefined)
						?.processedEventIds ?? [];
				expect(stored).not.toContain('');
			}
		});

		it('does not let an empty eventId stored by an earlier version swallow events without one', async () => {
			feedOf(sandbox()).addBacklog({ count: 2 });
			feedOf(sandbox()).tamperReads({ answer: withoutEventId });
			const trigger = await activate(sandbox(), feedWorkflow({}), {
				'node:Feed': { processedEventIds: [''] },
			});
			await trigger.poll();
			expect(trigger.executions).toHaveLength(2);
			expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 2 });
		});
	});

	describe('an answer that is not a list of events', () => {
		const cases: Array<[string, (events: Delivered[]) => unknown, RegExp]> = [
			['a text body', () => 'Service temporarily degraded', /not a list of events/],
			['a JSON object', (events) => ({ items: events }), /not a list of events/],
			['no body', () => '', /not a list of events/],
			['a list of strings', () => ['a', 'b'], /list whose items are not events/],
		];

		it.each(cases)(
			'%s is a failed poll that says so, with nothing run or committed',
			async (_name, answer, message) => {
				feedOf(sandbox()).addBacklog({ count: 2 });
				feedOf(sandbox()).tamperReads({ answer });
				const trigger = await activate(sandbox(), feedWorkflow({}));

				await trigger.poll();

				expect(trigger.executions).toHaveLength(0);
				expect(trigger.failedPolls).toHaveLength(1);
				const [failure] = trigger.failedPolls as Array<Error & { description?: string }>;
				expect(failure.message).toMatch(message);
				expect(failure.description).toMatch(
					/JSON list of events.*Nothing in it was run or committed/,
				);
				expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 2, commitRequests: 0 });

				// The trigger stays active: once the events come back, the next poll runs them.
				feedOf(sandbox()).expireVisibility();
				await trigger.poll();
				expect(trigger.executions).toHaveLength(2);
				expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 2 });
			},
		);

		it('never shows what the answer said, only what kind of answer it was', async () => {
			feedOf(sandbox()).tamperReads({ answer: () => 'secret-looking text from a proxy' });
			const trigger = await activate(sandbox(), feedWorkflow({}));
			await trigger.poll();
			const [failure] = trigger.failedPolls as Array<Error & { description?: string }>;
			expect(failure.description).toMatch(/text of 32 character\(s\) instead of JSON/);
			expect(
				JSON.stringify({ message: failure.message, description: failure.description }),
			).not.toMatch(/secret-looking/);
		});
	});

	describe('events without a handle or an order ID', () => {
		it('sets them aside uncommitted and reports them as a failed poll; the good events of the answer go on', async () => {
			const events = feedOf(sandbox()).addBacklog({ count: 3 });
			feedOf(sandbox()).tamperReads({
				answer: (delivered) =>
					delivered.map((event, index) => {
						if (index === 1) return { ...event, orderId: '' };
						if (index === 2) return { ...event, handle: undefined };
						return event;
					}),
			});
			const trigger = await activate(sandbox(), feedWorkflow({}));

			await trigger.poll();

			expect(emittedEventIds(trigger)).toEqual([events[0].eventId]);
			expect(feedOf(sandbox()).committedCount(events[0].eventId)).toBe(1);
			expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 2, committed: 1 });
			expect(trigger.failedPolls).toHaveLength(1);
			const [failure] = trigger.failedPolls as Array<Error & { description?: string }>;
			expect(failure.message).toBe(
				'2 orders feed event(s) lack a handle or an order ID: not run and not committed',
			);
			expect(failure.description).toContain(
				`position 1 (eventId ${events[1].eventId}) has no orderId`,
			);
			expect(failure.description).toContain(
				`position 2 (eventId ${events[2].eventId}) has no handle`,
			);
		});
	});

	describe('more events than asked for', () => {
		it('uses no more than the read asked for; the rest is neither run nor committed, and comes back', async () => {
			const backlog = feedOf(sandbox()).addBacklog({ count: 500 });
			feedOf(sandbox()).tamperReads({ take: 500 });
			const trigger = await activate(sandbox(), feedWorkflow({ maxEventsPerPoll: 20 }));

			await trigger.poll();

			const firstPoll = emittedEventIds(trigger);
			expect(firstPoll).toEqual(backlog.slice(0, 10).map((event) => event.eventId));
			expect(feedOf(sandbox()).stats()).toMatchObject({
				queued: 490,
				committed: 10,
				delivered: 500,
			});

			feedOf(sandbox()).expireVisibility();
			await trigger.poll();
			const emitted = emittedEventIds(trigger);
			expect(emitted.length).toBeGreaterThan(10);
			expect(new Set(emitted).size).toBe(emitted.length);
			expect(emitted.every((eventId) => feedOf(sandbox()).committedCount(eventId) === 1)).toBe(
				true,
			);
			expect(feedOf(sandbox()).stats().queued).toBe(500 - emitted.length);
		});
	});
});
