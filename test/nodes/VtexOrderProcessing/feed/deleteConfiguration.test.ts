import { feedOf } from '../../../sandbox/families/feed';
import { runOperation } from '../../../harness/workflow';
import { useFeedSandbox } from '../../shared/feed/useFeedSandbox';

describe('feed → deleteConfiguration', () => {
	const sandbox = useFeedSandbox();

	it('deletes the app key’s feed, and succeeds with deleted: false when there is none', async () => {
		const first = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'deleteConfiguration',
		});
		expect(first.output).toEqual([expect.objectContaining({ success: true, deleted: true })]);
		expect(feedOf(sandbox()).config()).toBeUndefined();
		const again = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'deleteConfiguration',
		});
		expect(again.error).toBeUndefined();
		expect(again.output).toEqual([expect.objectContaining({ success: true, deleted: false })]);
		expect(
			sandbox()
				.requests()
				.map((request) => `${request.method} ${request.status}`),
		).toEqual(['DELETE 200', 'DELETE 404']);
	});
});
