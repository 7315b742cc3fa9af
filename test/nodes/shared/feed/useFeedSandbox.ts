import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { feedOf } from '../../../sandbox/families/feed';

/**
 * A sandbox per test file, re-seeded before each test, with a feed configured for the default
 * app key (visibility timeout 240 s, as VTEX's examples), for the feed trigger's and the Feed
 * resource's tests. Tests play "the visibility timeout passed" with `feedOf(sandbox).expireVisibility()`;
 * the sandbox's own tests check that it honours the timeout on the clock.
 */
export function useFeedSandbox(): () => Sandbox {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => {
		sandbox.reset();
		feedOf(sandbox).configure();
	});
	return () => sandbox;
}
