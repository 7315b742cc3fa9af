import type { IDataObject } from 'n8n-workflow';

import { malformedEventsError } from '../shared/feed/feedAnswer';
import { MAX_FEED_LOT } from '../shared/feed/feedApi';
import type { FeedEvent } from '../shared/feed/feedEvent';
import { sleepUnlessAborted } from '../shared/sleep';
import type { CommitModeRule } from './commitModes';
import { COMMIT_MODES } from './commitModes';
import { CommitQueue } from './CommitQueue';
import type { RoomPorts } from './drainLoop';
import { drainFeed, perEventStrategy, perPollStrategy, WakeSignal } from './drainLoop';
import type { Delivery, EventMemory, ExecutionPorts } from './Executions';
import { Executions, rememberable } from './Executions';
import { FollowUpPolls } from './FollowUpPolls';
import { noteLeftOut } from './noteLeftOut';
import { partitionBatch } from './partitionBatch';
import type { DrainLimits, FeedPort, PollerOptions, WorkflowPort } from './pollerPorts';

export type { CommitMode } from './commitModes';
export type { DrainLimits, EmitMode, FeedPort, PollerOptions, WorkflowPort } from './pollerPorts';

/**
 * The longest one poll keeps draining the feed. It then stops reading (executions already started
 * finish and are committed as their mode says) and the next scheduled poll goes on, so a poll
 * never runs forever and a feed that fills faster than the workflow empties it still gets looked
 * at on schedule.
 */
export const MAX_DRAIN_MS = 10 * 60_000;

const DEFAULT_LIMITS: DrainLimits = {
	maxDrainMs: MAX_DRAIN_MS,
	now: () => Date.now(),
	sleep: sleepUnlessAborted,
};

/** A test run shows each delivered event once, whatever the mode: later deliveries join the first. */
const SAMPLE_RULE: CommitModeRule = {
	commit: 'byWorkflow',
	remember: 'never',
	secondDelivery: 'join',
	handlesInItems: false,
};

/**
 * Reads the orders feed the way VTEX's feed guide (https://developers.vtex.com/docs/guides/orders-feed)
 * asks: batches of at most 10, every event committed by its handle, ignored ones included,
 * duplicates recognised by eventId. What each Commit Events mode does differently is read from
 * COMMIT_MODES; what becomes of each event of a batch, from partitionBatch; how reads become
 * executions, from the drain loop's emit strategy (drainLoop.ts).
 *
 * A poll drains the feed: it reads while the feed returns full batches and executions finish,
 * keeping at most Max Events per Poll events in executions at once, and stops when a read comes
 * back short (the feed has nothing more to show now), when the workflow is deactivated, when it
 * has drained for MAX_DRAIN_MS, or when as many events as Max Events per Poll failed in a row. A
 * poll due while another still drains does nothing. Events the poller knows the feed hid (a
 * failed execution, a failed commit, a read whose answer was lost) get a follow-up poll when they
 * come back (FollowUpPolls).
 */
export class FeedPoller {
	private readonly rule: CommitModeRule;

	private readonly executions: Executions;

	private readonly ports: ExecutionPorts;

	private readonly followUps?: FollowUpPolls;

	private readonly wake = new WakeSignal();

	private draining = false;

	/** A follow-up poll came due while a drain ran, and the drain has not read since. */
	private followUpMissed = false;

	private closed = false;

	constructor(
		private readonly options: PollerOptions,
		private readonly feed: FeedPort,
		private readonly workflow: WorkflowPort,
		private readonly memory?: EventMemory,
		private readonly limits: DrainLimits = DEFAULT_LIMITS,
	) {
		this.rule = COMMIT_MODES[options.commitMode];
		const commits = new CommitQueue(
			async (handles) => await feed.commit(handles),
			(error, handles) => {
				workflow.log(
					`Commit of ${handles.length} feed event(s) failed; VTEX will deliver them again and they will be committed then`,
				);
				workflow.reportError(error);
			},
		);
		if (options.visibilityTimeoutMs !== undefined) {
			this.followUps = new FollowUpPolls(
				options.visibilityTimeoutMs,
				limits,
				() => this.followUp(),
				(message) => workflow.log(message),
			);
		}
		this.ports = {
			rule: this.rule,
			emitMode: options.emitMode,
			includeOrder: options.includeOrder,
			start: (items) => workflow.start(items),
			readOrder: async (orderId) => await feed.readOrder(orderId),
			reportError: (error) => workflow.reportError(error),
			commits,
			followUps: this.followUps,
			memory,
			changed: () => this.wake.notify(),
		};
		this.executions = new Executions(this.ports);
	}

	/**
	 * Stops reading (the workflow was deactivated) and drops the follow-up polls; executions in
	 * flight still end as their mode says.
	 */
	close(): void {
		this.closed = true;
		this.followUps?.close();
		this.wake.notify();
	}

	/**
	 * One scheduled poll: drains the feed (see the class comment), then resolves once the
	 * executions it started finished and their events were committed. Never rejects.
	 */
	async poll(): Promise<void> {
		if (this.closed) return;
		if (this.draining) {
			this.workflow.log('Feed poll skipped: the previous poll is still draining the feed');
			// The drain checks its time limit now: this poll is its clock while it waits for room.
			this.wake.notify();
			return;
		}
		this.draining = true;
		this.followUpMissed = false;
		try {
			await this.drain();
		} catch (error) {
			this.workflow.reportError(error);
		} finally {
			this.draining = false;
		}
		if (this.followUpMissed) void this.poll();
		await this.executions.settled();
	}

	/**
	 * n8n (re)started, or this instance became the leader: polls now for the backlog, and once more
	 * a visibility timeout from now, when the events a stopped process left in executions (handed
	 * out, never committed) are back at the latest.
	 */
	pollAfterRestart(why: string): void {
		this.followUps?.add(
			this.limits.now(),
			`${why}: events a stopped process left running are back by then`,
		);
		void this.poll();
	}

	/**
	 * A follow-up poll came due. While a drain runs, its next read looks for the events; if it
	 * reads no more, a poll follows once its reads ended.
	 */
	private followUp(): void {
		if (!this.draining) {
			void this.poll();
			return;
		}
		this.workflow.log(
			'Follow-up poll due while a poll drains the feed: it polls again once its reads end, unless it reads again first',
		);
		this.followUpMissed = true;
	}

	/**
	 * A test run ("Fetch Test Event"): one read, nothing committed, nothing remembered. Returns
	 * the event(s) the workflow would get (one, or the batch's when emitting per poll) and how
	 * many events the read returned.
	 */
	async sample(): Promise<{ items: IDataObject[]; read: number }> {
		const answer = await this.feed.read(MAX_FEED_LOT);
		if (answer.malformed.length > 0) throw malformedEventsError(answer.malformed);
		// A scratch set of executions: nothing it accepts runs or counts against the poller's.
		const scratch = new Executions(this.ports);
		const { events } = partitionBatch(answer.events, {
			rule: SAMPLE_RULE,
			statuses: this.options.statuses,
			unfinished: scratch.unfinished,
		});
		const deliveries = scratch.admit(events, 0);
		const chosen = this.options.emitMode === 'perEvent' ? deliveries.slice(0, 1) : deliveries;
		return { items: await this.executions.itemsFor(chosen), read: answer.events.length };
	}

	private async drain(): Promise<void> {
		const startedAt = this.limits.now();
		// Each poll tries again, whatever failed before.
		this.executions.failedInARow = 0;
		const room: RoomPorts = {
			cap: this.options.maxEventsPerPoll,
			running: () => this.executions.running,
			emit: async (deliveries) => await this.executions.emit(deliveries),
		};
		const strategy =
			this.options.emitMode === 'perPoll' ? perPollStrategy(room) : perEventStrategy(room);
		await drainFeed(
			{
				read: async (lot) => await this.readBatch(lot),
				stopReason: (midRound) => this.stopReason(startedAt, midRound),
				log: (message) => this.workflow.log(message),
				wake: this.wake,
			},
			strategy,
		);
	}

	private stopReason(startedAt: number, midRound: boolean): string | undefined {
		if (this.closed) return 'the workflow was deactivated';
		// A round's events go out together: its reads are not cut short but for deactivation.
		if (midRound) return undefined;
		const elapsed = this.limits.now() - startedAt;
		if (elapsed >= this.limits.maxDrainMs) {
			return `it drained for ${Math.round(elapsed / 1000)} s, the most one poll may; the next poll goes on`;
		}
		const { failedInARow } = this.executions;
		if (failedInARow >= this.options.maxEventsPerPoll) {
			return `the executions of the last ${failedInARow} event(s) all failed; the next poll tries again`;
		}
		return undefined;
	}

	/**
	 * One read, its events admitted (admit). `short` when it came back with fewer than asked:
	 * nothing more is visible now (VTEX's C# sample stops there too).
	 */
	private async readBatch(lot: number): Promise<{ fresh: Delivery[]; short: boolean }> {
		// This read looks for what a follow-up poll due meanwhile was for.
		this.followUpMissed = false;
		const answer = await this.feed.read(lot);
		const readAt = this.limits.now();
		noteLeftOut(answer, readAt, this.workflow, this.followUps);
		const fresh = await this.admit(answer.events, readAt);
		return { fresh, short: answer.events.length + answer.malformed.length < lot };
	}

	/**
	 * Admits one batch as partitionBatch decides: what runs is accepted, what joins a delivery not
	 * finished adds its handle to it, and everything to commit on receipt goes in one request; if
	 * it fails, the batch's events are neither committed nor run, and come back after the
	 * visibility timeout (a follow-up poll). Returns the deliveries accepted to run.
	 */
	private async admit(batch: FeedEvent[], readAt: number): Promise<Delivery[]> {
		const { events, commitNow } = partitionBatch(batch, {
			rule: this.rule,
			statuses: this.options.statuses,
			remembered: this.memory,
			unfinished: this.executions.unfinished,
		});
		const fresh = this.executions.admit(events, readAt);
		if (commitNow.length > 0) {
			await this.feed.commit(commitNow).catch((error: unknown) => {
				this.executions.forget(fresh);
				this.followUps?.add(readAt, `committing ${commitNow.length} event(s) on receipt failed`);
				throw error;
			});
		}
		if (this.rule.remember === 'onReceipt') this.memory?.remember(rememberable(fresh));
		return fresh;
	}
}
