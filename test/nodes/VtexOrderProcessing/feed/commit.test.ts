import type { IDataObject } from 'n8n-workflow';

import { feedOf } from '../../../sandbox/families/feed';
import { runOperation } from '../../../harness/workflow';
import { useFeedSandbox } from '../../shared/feed/useFeedSandbox';

describe('feed → commit', () => {
	const sandbox = useFeedSandbox();

	const readItems = async (maxItems = 10): Promise<IDataObject[]> =>
		(await runOperation(sandbox(), { resource: 'feed', operation: 'getItems', maxItems })).output;

	it('commits the handles of the input items in as few requests as VTEX allows, one output item each', async () => {
		feedOf(sandbox()).addBacklog({ count: 12 });
		const items = [...(await readItems()), ...(await readItems())];
		expect(items).toHaveLength(12);
		const { output, error } = await runOperation(
			sandbox(),
			{ resource: 'feed', operation: 'commit' },
			{ items },
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(12);
		expect(output[0]).toEqual({
			success: true,
			committed: 1,
			eventId: items[0].eventId,
			orderId: items[0].orderId,
		});
		const commits = sandbox().requests({ method: 'POST', pathPrefix: '/api/orders/feed' });
		expect(
			commits.map((request) => (request.body as { handles: string[] }).handles.length),
		).toEqual([10, 2]);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 12 });
	});

	it('commits a list of handles', async () => {
		feedOf(sandbox()).addBacklog({ count: 3 });
		const handles = (await readItems()).map((item) => item.handle as string);
		const { output } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'commit',
			handlesSource: 'list',
			handles: handles.join(',\n'),
		});
		expect(output).toEqual([{ success: true, committed: 3 }]);
		expect(feedOf(sandbox()).stats().queued).toBe(0);
	});

	it('reports an input item without a handle, and still commits the others under Continue On Fail', async () => {
		feedOf(sandbox()).addBacklog({ count: 1 });
		const [item] = await readItems();
		const { output } = await runOperation(
			sandbox(),
			{ resource: 'feed', operation: 'commit' },
			{
				items: [{ orderId: '1001-01' }, item],
				continueOnFail: true,
			},
		);
		expect(output[0].error).toBe(
			'Invalid "Handles Source": input item 1 has no "handle". Connect this node after the VTEX Order Feed Trigger (Commit Events: In the Workflow) or Feed → Get Items, or choose "List".',
		);
		expect(output[1]).toMatchObject({ success: true, committed: 1 });
		expect(feedOf(sandbox()).stats().queued).toBe(0);
	});

	it('retries a commit after a 503, since committing twice is harmless', async () => {
		feedOf(sandbox()).addBacklog({ count: 2 });
		const items = await readItems();
		sandbox().addFault({
			kind: '503',
			method: 'POST',
			pathPrefix: '/api/orders/feed',
			phase: 'after',
		});
		const { output } = await runOperation(
			sandbox(),
			{ resource: 'feed', operation: 'commit', requestOptions: { maxAttempts: 3 } },
			{ items },
		);
		expect(output.every((result) => result.success === true)).toBe(true);
		expect(
			sandbox()
				.requests({ method: 'POST', pathPrefix: '/api/orders/feed' })
				.map((request) => request.status),
		).toEqual([503, 200]);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, committed: 2, noopCommits: 2 });
	});
});
