import type { INodeParameters } from 'n8n-workflow';

import { feedOf } from '../../sandbox/families/feed';
import type { ActiveTrigger } from '../../harness/trigger';
import { FOLLOW_UP_MARGIN_MS } from '../../../nodes/VtexOrderFeedTrigger/FollowUpPolls';
import { activateTrigger } from '../../harness/trigger';
import { sandboxCredentials } from '../../harness/workflow';
import { activate, feedWorkflow, getOrderNode, until, useFeedSandbox } from './fixtures';

/**
 * The follow-up polls through n8n's engine. n8n-workflow's `sleep` is replaced in this file: a
 * wait of two minutes or more (a follow-up; the transport's waits are shorter) is recorded and
 * ends when the test says, moving `Date.now()` to its end, so no test waits for the clock.
 */
const mockLongSleeps: Array<{
	ms: number;
	calledAt: number;
	wake: () => void;
	signal?: AbortSignal;
}> = [];

jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	return {
		...actual,
		sleep: async (ms: number, signal?: AbortSignal) => {
			if (ms < 120_000) return await actual.sleep(ms, signal);
			await new Promise<void>((wake, abort) => {
				mockLongSleeps.push({ ms, calledAt: Date.now(), wake, signal });
				signal?.addEventListener('abort', () => abort(signal.reason as Error), { once: true });
			});
		},
	};
});

describe('VTEX Order Feed Trigger: follow-up polls when hidden events come back', () => {
	const sandbox = useFeedSandbox();

	/**
	 * How far the tests moved the clock: the follow-ups that came due. It never moves back (the
	 * transport's pace, shared by the file's tests, would wait for a time it already saw).
	 */
	let skippedMs = 0;
	beforeAll(() => {
		const realNow = Date.now.bind(Date);
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + skippedMs);
	});
	afterAll(() => jest.restoreAllMocks());
	beforeEach(() => mockLongSleeps.splice(0));

	/** Polls once; returns the times the poll began and ended, to bound what it scheduled. */
	async function pollTimed(trigger: ActiveTrigger): Promise<{ from: number; to: number }> {
		const from = Date.now();
		await trigger.poll();
		return { from, to: Date.now() };
	}

	/** The follow-up is due V + margin after a moment of the poll. */
	function expectDueWithin(window: { from: number; to: number }, visibilityMs: number): void {
		expect(mockLongSleeps).toHaveLength(1);
		const [{ ms, calledAt }] = mockLongSleeps;
		const due = calledAt + ms;
		expect(due).toBeGreaterThanOrEqual(window.from + visibilityMs + FOLLOW_UP_MARGIN_MS);
		expect(due).toBeLessThanOrEqual(window.to + visibilityMs + FOLLOW_UP_MARGIN_MS);
	}

	/** The follow-up comes due: the clock moves to its end, VTEX shows the hidden events again. */
	function followUpComesDue(): void {
		const next = mockLongSleeps.shift();
		if (!next) throw new Error('No follow-up is waiting');
		skippedMs += Math.max(0, next.calledAt + next.ms - Date.now());
		feedOf(sandbox()).expireVisibility();
		next.wake();
	}

	async function activated(parameters: INodeParameters, withGetOrder = false) {
		return await activate(
			sandbox(),
			feedWorkflow(parameters, ...(withGetOrder ? [getOrderNode()] : [])),
		);
	}

	it('after a failed execution, polls at the read time + the visibility timeout set by Configure Feed on Activation, and runs the event again', async () => {
		const [event] = feedOf(sandbox()).addBacklog({ count: 1, orderIds: ['1001-01'] });
		sandbox().addFault({
			kind: 'html200',
			method: 'GET',
			pathPrefix: '/api/oms/pvt/orders/1001-01',
		});
		const trigger = await activated({ configureFeed: true, visibilityTimeout: 900 }, true);

		expectDueWithin(await pollTimed(trigger), 900_000);
		expect(trigger.executions.map((run) => run.status)).toEqual(['error']);
		expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(0);

		followUpComesDue();
		await until(() => feedOf(sandbox()).committedCount(event.eventId) === 1);
		expect(trigger.executions.map((run) => run.status)).toEqual(['error', 'success']);
		expect(feedOf(sandbox()).stats()).toMatchObject({ queued: 0, delivered: 2 });
	});

	it('after a failed commit, polls at the read time + the visibility timeout VTEX’s configuration gives; the event is committed then without running again', async () => {
		feedOf(sandbox()).configure({
			filter: { type: 'FromWorkflow' },
			queue: { visibilityTimeoutInSeconds: 300, messageRetentionPeriodInSeconds: 345_600 },
		});
		const [event] = feedOf(sandbox()).addBacklog({ count: 1 });
		sandbox().addFault({ kind: '503', method: 'POST', pathPrefix: '/api/orders/feed' });
		const trigger = await activated({ requestOptions: { maxAttempts: 1 } });

		expectDueWithin(await pollTimed(trigger), 300_000);
		expect(trigger.failedPolls.map((error) => error.message)).toEqual([
			'Commit 1 feed event(s) failed: Service Unavailable',
		]);
		expect(feedOf(sandbox()).committedCount(event.eventId)).toBe(0);

		followUpComesDue();
		await until(() => feedOf(sandbox()).committedCount(event.eventId) === 1);
		expect(trigger.executions).toHaveLength(1);
	});

	it('after a read whose answer was lost (a reset after VTEX served it), polls at that attempt’s time + V, and runs what it handed out', async () => {
		const backlog = feedOf(sandbox()).addBacklog({ count: 3 });
		const trigger = await activated({ requestOptions: { backoffBaseSeconds: 0 } });
		sandbox().addFault({
			kind: 'reset',
			phase: 'after',
			method: 'GET',
			pathPrefix: '/api/orders/feed',
		});

		// The retry found the feed empty: the lost answer hid every event.
		expectDueWithin(await pollTimed(trigger), 240_000);
		expect(trigger.executions).toEqual([]);
		expect(trigger.failedPolls).toEqual([]);

		followUpComesDue();
		await until(() => feedOf(sandbox()).stats().committed === 3);
		expect(trigger.executions).toHaveLength(3);
		expect(backlog.every((event) => feedOf(sandbox()).committedCount(event.eventId) === 1)).toBe(
			true,
		);
	});

	it('when n8n starts, polls at once and again one visibility timeout later, when what a crash left running is back', async () => {
		// A crash left three events in executions (handed out, never committed): hidden for now.
		const left = feedOf(sandbox()).addBacklog({ count: 3 });
		feedOf(sandbox()).receive(sandbox().defaultKey.appKey, 3);
		const from = Date.now();
		const restarted = await activateTrigger(feedWorkflow({}), {
			credentials: sandboxCredentials(sandbox()),
			activation: 'init',
		});
		await until(() => feedOf(sandbox()).stats().reads === 1);
		expectDueWithin({ from, to: Date.now() }, 240_000);
		expect(restarted.executions).toEqual([]);

		followUpComesDue();
		await until(() => feedOf(sandbox()).stats().committed === 3);
		expect(restarted.executions).toHaveLength(3);
		expect(left.every((event) => feedOf(sandbox()).committedCount(event.eventId) === 1)).toBe(true);
		await restarted.close();
	});

	it('polls no more once the workflow is deactivated: the follow-up’s wait is aborted', async () => {
		feedOf(sandbox()).addBacklog({ count: 1, orderIds: ['1001-01'] });
		sandbox().addFault({
			kind: 'html200',
			method: 'GET',
			pathPrefix: '/api/oms/pvt/orders/1001-01',
		});
		const trigger = await activated({}, true);
		await trigger.poll();
		expect(mockLongSleeps).toHaveLength(1);
		const reads = feedOf(sandbox()).stats().reads;

		await trigger.close();
		expect(mockLongSleeps[0].signal?.aborted).toBe(true);
		// Even a wait that ends anyway (n8n 1.x's sleep ignores the abort) polls no more.
		followUpComesDue();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(feedOf(sandbox()).stats().reads).toBe(reads);
		expect(sandbox().load.inFlight).toBe(0);
	});
});
