import { feedOf } from '../../../sandbox/families/feed';
import { runOperation } from '../../../harness/workflow';
import { useFeedSandbox } from '../../shared/feed/useFeedSandbox';

describe('feed → getItems', () => {
	const sandbox = useFeedSandbox();

	it('reads at most 10 events, one output item each, without committing them', async () => {
		const events = feedOf(sandbox()).addBacklog({ count: 12 });
		const { output, error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'getItems',
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(10);
		expect(output[0]).toEqual({
			eventId: events[0].eventId,
			orderId: events[0].orderId,
			state: 'ready-for-handling',
			lastState: 'window-to-cancel',
			domain: 'Marketplace',
			currentChange: events[0].currentChange,
			lastChange: events[0].lastChange,
			handle: expect.any(String),
		});
		expect(sandbox().requests()[0].query).toEqual({ maxlot: '10' });
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 12, invisible: 10, committed: 0 });
	});

	it('reads fewer when asked, and refuses more than 10 before any request', async () => {
		feedOf(sandbox()).addBacklog({ count: 5 });
		const { output } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'getItems',
			maxItems: 3,
		});
		expect(output).toHaveLength(3);
		const tooMany = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'getItems',
			maxItems: 11,
		});
		expect(tooMany.error?.message).toBe(
			'Invalid "Max Items": must be a whole number from 1 to 10, got 11',
		);
		expect(sandbox().requests()).toHaveLength(1);
	});

	it('says how to configure the feed when VTEX answers 404', async () => {
		feedOf(sandbox()).remove();
		const { error } = await runOperation(sandbox(), { resource: 'feed', operation: 'getItems' });
		expect(error?.message).toMatch(/Read the orders feed failed/);
		expect(error?.description).toMatch(
			/no orders feed configured for this app key.*Set Configuration/,
		);
	});

	it('refuses an answer that is not a list of events, and shows no more events than Max Items', async () => {
		feedOf(sandbox()).addBacklog({ count: 5 });
		feedOf(sandbox()).tamperReads({ answer: () => 'Service degraded' });
		const { output, error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'getItems',
		});
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'The orders feed answered with something that is not a list of events',
		);
		expect(error?.description).toMatch(/had text of 16 character\(s\) instead of JSON/);

		feedOf(sandbox()).expireVisibility();
		feedOf(sandbox()).tamperReads({ take: 5 });
		const trimmed = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'getItems',
			maxItems: 2,
		});
		expect(trimmed.output).toHaveLength(2);
	});
});
