import { feedOf } from '../../../sandbox/families/feed';
import { runOperation } from '../../../harness/workflow';
import { useFeedSandbox } from '../../shared/feed/useFeedSandbox';

describe('feed → getConfiguration', () => {
	const sandbox = useFeedSandbox();

	it.each([
		['camel', 'messageRetentionPeriodInSeconds'],
		['pascal', 'MessageRetentionPeriodInSeconds'],
	] as const)('reads the retention key when VTEX spells it %s (%s)', async (spelling, key) => {
		feedOf(sandbox()).configure({
			filter: { type: 'FromWorkflow', status: ['ready-for-handling'] },
			queue: { visibilityTimeoutInSeconds: 300, messageRetentionPeriodInSeconds: 604800 },
		});
		feedOf(sandbox()).settings.configSpelling = spelling;
		feedOf(sandbox()).addBacklog({ count: 2 });
		expect(feedOf(sandbox()).describe(sandbox().defaultKey.appKey)?.queue).toHaveProperty(
			key,
			604800,
		);
		const { output, error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'getConfiguration',
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([
			{
				configured: true,
				filter: { type: 'FromWorkflow', status: ['ready-for-handling'] },
				queue: { visibilityTimeoutInSeconds: 300, messageRetentionPeriodInSeconds: 604800 },
				quantity: 2,
				approximateAgeOfOldestMessageInSeconds: expect.any(Number),
			},
		]);
	});

	it('answers configured: false, with how to configure it, when the app key has no feed', async () => {
		feedOf(sandbox()).remove();
		const { output, error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'getConfiguration',
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([
			{ configured: false, message: expect.stringMatching(/Set Configuration/) },
		]);
	});
});
