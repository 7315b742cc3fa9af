import type { IRun, ITriggerFunctions, ITriggerResponse, WorkflowActivateMode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readOrder } from '../shared/orders';
import { FeedAnswerError } from '../shared/feed/feedAnswer';
import { visibilityTimeoutSecondsOf } from '../shared/feed/feedConfig';
import {
	commitFeedHandles,
	getFeedConfiguration,
	NO_FEED_HINT,
	readFeedAnswer,
	setFeedConfiguration,
} from '../shared/feed/feedApi';
import { VtexClient } from '../shared/transport';
import { DedupMemory } from '../shared/DedupMemory';
import type { FeedPort, WorkflowPort } from './FeedPoller';
import { FeedPoller } from './FeedPoller';
import { readTriggerSettings } from './triggerSettings';

/**
 * Whether an execution counts as succeeded for "After the Workflow Succeeds": it ended without
 * an error. An execution paused at a Wait node has not failed, so it counts as succeeded. In
 * queue mode n8n resolves emit's done promise on the main instance with a summary of the run
 * (status and error, no node data), which is all this reads.
 */
export function executionSucceeded(run: IRun | undefined): boolean {
	if (!run || run.data?.resultData?.error) return false;
	return run.status === 'success' || run.status === 'waiting';
}

/**
 * Activations after which the trigger polls at once instead of waiting for its schedule, and
 * again one visibility timeout later: n8n started (after a crash or a restart: a backlog built up
 * while nothing polled, and the events the crash left running come back within the visibility
 * timeout), or this instance became the leader of a multi-main setup (the previous leader stopped
 * polling). A user activating the workflow gets the schedule: the first poll comes at the next
 * Poll Time.
 */
export const POLL_AT_ONCE_ON: readonly WorkflowActivateMode[] = ['init', 'leadershipChange'];

/** n8n 2 gives the deferred promise as a property; n8n 1 gave a function returning it. */
function promiseOf<T>(deferred: { promise: Promise<T> | (() => Promise<T>) }): Promise<T> {
	return typeof deferred.promise === 'function' ? deferred.promise() : deferred.promise;
}

/** The trigger: a manual test run, or polls on the user's schedule once the workflow is active. */
export async function startTrigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
	const settings = readTriggerSettings(this);
	const client = new VtexClient(this, settings.request);
	const feed: FeedPort = {
		read: async (maxlot) => await readFeedAnswer(client, maxlot),
		commit: async (handles) => {
			await commitFeedHandles(client, handles);
		},
		readOrder: async (orderId) => await readOrder(client, orderId, 0),
	};
	const workflow: WorkflowPort = {
		// Every execution is waited for, whatever the commit mode: that is how the poller keeps at
		// most Max Events per Poll events running while it drains the feed.
		start: async (items) => {
			const done = this.helpers.createDeferredPromise<IRun>();
			this.emit([this.helpers.returnJsonArray(items)], undefined, done);
			return executionSucceeded(await promiseOf(done));
		},
		reportError: (error) => reportPollError(this, error),
		log: (message) => this.logger.debug(`${this.getNode().name}: ${message}`),
	};

	if (this.getMode() === 'manual') {
		// "Fetch Test Event": reads once, commits nothing, and does not touch the stored state.
		const poller = new FeedPoller(settings.poller, feed, workflow);
		return {
			manualTriggerFunction: async () => {
				// Configure Feed on Activation applies here too, so turning it on is advice that
				// works in the test as well as on activation.
				if (settings.feedConfig) await setFeedConfiguration(client, settings.feedConfig);
				const { items, read } = await poller.sample().catch((error: unknown) => {
					// A refused answer is a plain error with a description; the editor shows n8n's errors best.
					throw error instanceof FeedAnswerError
						? new NodeOperationError(this.getNode(), error)
						: error;
				});
				if (items.length === 0) {
					throw new NodeOperationError(
						this.getNode(),
						'No event to show: the feed has no event with the selected statuses right now',
						{
							description: `The read returned ${read} event(s)${read > 0 ? ', none with the selected statuses' : ''}. Nothing was committed: events read by a test come back after the feed's visibility timeout. ${settings.feedConfig ? 'The feed was configured from this node (Configure Feed on Activation) and holds only the changes made since. ' : ''}Change an order's status in VTEX, or widen Statuses, and fetch again.`,
						},
					);
				}
				this.emit([this.helpers.returnJsonArray(items)]);
			},
		};
	}

	// Activation: set the feed up, or check that one exists, so a missing feed fails activation
	// with advice instead of failing every poll. Either way the feed's visibility timeout is known
	// (the one set, or the one VTEX answers), for the follow-up polls.
	let feedConfig = settings.feedConfig;
	if (feedConfig) {
		await setFeedConfiguration(client, feedConfig);
	} else {
		feedConfig = await getFeedConfiguration(client);
		if (!feedConfig) {
			throw new NodeOperationError(this.getNode(), 'VTEX has no orders feed for this app key', {
				description: NO_FEED_HINT,
			});
		}
	}
	const visibilityTimeoutMs = visibilityTimeoutSecondsOf(feedConfig) * 1000;

	const memory = new DedupMemory(this.getWorkflowStaticData('node'));
	const poller = new FeedPoller(
		{ ...settings.poller, visibilityTimeoutMs },
		feed,
		workflow,
		memory,
	);
	// The tick returns the poll's promise: n8n's scheduler ignores it; the test harness awaits it.
	for (const expression of settings.schedule) {
		this.helpers.registerCron({ expression }, async () => await poller.poll());
	}
	// poll() never rejects, and its first request leaves after activation returned.
	const activation = this.getActivationMode();
	if (POLL_AT_ONCE_ON.includes(activation))
		poller.pollAfterRestart(
			activation === 'init' ? 'n8n started' : 'this instance became the leader',
		);
	return {
		closeFunction: async () => poller.close(),
	};
}

/**
 * A poll that failed is recorded as a failed execution (the workflow's error workflow runs) and
 * the workflow stays active: the next poll tries again, and nothing uncommitted is lost.
 */
function reportPollError(ctx: ITriggerFunctions, error: unknown): void {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error));
	ctx.logger.error(`${ctx.getNode().name}: ${failure.message}`, {
		description: failure.description,
	});
	if (typeof ctx.saveFailedExecution === 'function') {
		try {
			ctx.saveFailedExecution(failure);
		} catch (saveError) {
			// An n8n that does not implement it yet: the log line above is all there is.
			ctx.logger.error(
				`${ctx.getNode().name}: could not record the failed poll (${(saveError as Error).message})`,
			);
		}
	}
}
