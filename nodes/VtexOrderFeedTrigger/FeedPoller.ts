import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../shared/concurrency';
import type { FeedAnswer } from '../shared/feed/feedAnswer';
import { malformedEventsError } from '../shared/feed/feedAnswer';
import { MAX_FEED_LOT } from '../shared/feed/feedApi';
import type { FeedEvent } from '../shared/feed/feedEvent';
import { withOrder } from '../shared/orders';
import { sleepUnlessAborted } from '../shared/sleep';
import type { CommitMode, CommitModeRule } from './commitModes';
import { COMMIT_MODES } from './commitModes';
import { CommitQueue } from './CommitQueue';
import type { DedupMemory } from '../shared/DedupMemory';
import type { WaitClock } from './FollowUpPolls';
import { FollowUpPolls } from './FollowUpPolls';

export type { CommitMode } from './commitModes';

/** One execution per event, or one per read round holding every event of the round. */
export type EmitMode = 'perEvent' | 'perPoll';

export interface PollerOptions {
	/** Statuses that start a workflow; empty means every status. */
	statuses: string[];
	commitMode: CommitMode;
	emitMode: EmitMode;
	/** The most events whose executions run at once; a round reads at most what is left of it. */
	maxEventsPerPoll: number;
	includeOrder: boolean;
	/**
	 * The feed's visibility timeout. With it the poller polls again when events it knows were
	 * hidden come back (FollowUpPolls); without it (a test run) only the schedule polls.
	 */
	visibilityTimeoutMs?: number;
}

/** The feed as the poller uses it (requests go through VtexClient in the node). */
export interface FeedPort {
	/** One read, checked (readFeedAnswer): throws when the answer is not a list of events. */
	read(maxlot: number): Promise<FeedAnswer>;
	commit(handles: string[]): Promise<void>;
	readOrder(orderId: string): Promise<IDataObject>;
}

/** What the poller asks of n8n. */
export interface WorkflowPort {
	/**
	 * Starts one execution with these items and resolves to whether it succeeded (n8n resolves
	 * emit's done promise with the run once it finished).
	 */
	start(items: IDataObject[]): Promise<boolean>;
	/** A poll failed, or part of it (nothing is lost: what was not committed comes back). */
	reportError(error: unknown): void;
	/** Progress worth a log line. */
	log(message: string): void;
}

/** How long a drain may go on, the clock it is measured with, and how follow-up polls wait. */
export interface DrainLimits extends WaitClock {
	maxDrainMs: number;
}

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

/**
 * Feed reads in flight at once while reads come back full: VTEX's 100 a second at 150 ms needs
 * about 15 requests in flight, shared with the commits (CommitQueue).
 */
const READS_AT_ONCE = 16;

/** Orders read at once when Include Order is on; the transport's rate gate spaces them. */
const ORDER_READS_AT_ONCE = 5;

/** One event and the handles of every delivery of it seen so far (VTEX may deliver it twice). */
interface Delivery {
	event: FeedEvent;
	handles: string[];
	/** What recognises another delivery of this event (see identityOf). */
	identity: string;
	/** Its item has left (emitted); a handle added later is not in it. */
	emitted: boolean;
	/** When the latest read that delivered it answered: uncommitted, it comes back V after. */
	readAt: number;
}

/** The reads one per-event drain has in flight. */
interface ReadsInFlight {
	count: number;
	/** Events they may bring: room the drain keeps for them. */
	reserved: number;
	/** Reads that came back full: each lets one more read be in flight, up to READS_AT_ONCE. */
	full: number;
	/** One came back short: nothing more is visible now. */
	short: boolean;
	failure?: { error: unknown };
}

/** The event's eventId, or '' when it has none. */
function eventIdOf(event: FeedEvent): string {
	return event.eventId.trim();
}

let anonymousDeliveries = 0;

/**
 * What recognises two deliveries of one event: its eventId. An event without one is its own
 * identity, shared with no other delivery: it is never merged with another event nor remembered,
 * so each delivery of it runs (at least once, never at most once by accident).
 */
function identityOf(event: FeedEvent): string {
	const eventId = eventIdOf(event);
	return eventId ? `id:${eventId}` : `delivery:${++anonymousDeliveries}`;
}

/** The eventIds worth remembering: those that are not empty. */
function rememberable(deliveries: Delivery[]): string[] {
	return deliveries.map((delivery) => eventIdOf(delivery.event)).filter(Boolean);
}

/**
 * Reads the orders feed the way VTEX's feed guide (https://developers.vtex.com/docs/guides/orders-feed)
 * asks: batches of at most 10, every event committed by its handle, ignored ones included,
 * duplicates recognised by eventId. What each Commit Events mode does differently is read from
 * COMMIT_MODES.
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

	/** Deliveries accepted to run whose execution has not finished, by identity (the latest of each). */
	private readonly pending = new Map<string, Delivery>();

	/** Events accepted to run whose execution has not finished (the in-flight cap counts these). */
	private running = 0;

	/** Events whose executions failed since the last one that succeeded. */
	private failedInARow = 0;

	/** Executions and commits not settled yet. */
	private readonly outstanding = new Set<Promise<void>>();

	private readonly commits: CommitQueue;

	private readonly followUps?: FollowUpPolls;

	private draining = false;

	/** A follow-up poll came due while a drain ran, and the drain has not read since. */
	private followUpMissed = false;

	private closed = false;

	/** Wakes a drain waiting: an execution or a read finished, a poll came due, or the trigger closed. */
	private wakeDrain?: () => void;

	constructor(
		private readonly options: PollerOptions,
		private readonly feed: FeedPort,
		private readonly workflow: WorkflowPort,
		private readonly memory?: DedupMemory,
		private readonly limits: DrainLimits = DEFAULT_LIMITS,
	) {
		this.rule = COMMIT_MODES[options.commitMode];
		this.commits = new CommitQueue(
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
	}

	/**
	 * Stops reading (the workflow was deactivated) and drops the follow-up polls; executions in
	 * flight still end as their mode says.
	 */
	close(): void {
		this.closed = true;
		this.followUps?.close();
		this.wake();
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
			this.wake();
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
		while (this.outstanding.size > 0) await Promise.all([...this.outstanding]);
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
		const byEvent = new Map<string, Delivery>();
		for (const event of answer.events) {
			if (!this.wanted(event)) continue;
			const identity = identityOf(event);
			const known = byEvent.get(identity);
			if (known) known.handles.push(event.handle);
			else
				byEvent.set(identity, {
					event,
					handles: [event.handle],
					identity,
					emitted: false,
					readAt: 0,
				});
		}
		const deliveries = [...byEvent.values()];
		const chosen = this.options.emitMode === 'perEvent' ? deliveries.slice(0, 1) : deliveries;
		return { items: await this.itemsFor(chosen), read: answer.events.length };
	}

	private async drain(): Promise<void> {
		const startedAt = this.limits.now();
		// Each poll tries again, whatever failed before.
		this.failedInARow = 0;
		if (this.options.emitMode === 'perPoll') await this.drainInRounds(startedAt);
		else await this.drainContinuously(startedAt);
	}

	/**
	 * One execution per event, without rounds: starts a read whenever there is room for a whole
	 * one (lotNow) and fewer reads are in flight than allowed: one at first, one more for each read
	 * that came back full (a feed with little in it costs one read), at most READS_AT_ONCE. Each
	 * read's events start as soon as it returns, so a slow read (a 429 without Retry-After waits
	 * a minute) holds only its own lot. Stops starting reads at a short read, a failed one, or a
	 * stop reason; returns once the reads in flight ended, throwing the first failure.
	 */
	private async drainContinuously(startedAt: number): Promise<void> {
		const reads: ReadsInFlight = { count: 0, reserved: 0, full: 0, short: false };
		for (;;) {
			if (reads.short || reads.failure) break;
			const stop = this.stopReason(startedAt);
			if (stop) {
				this.workflow.log(`Feed drain stopped: ${stop}`);
				break;
			}
			const lot = this.lotNow(reads.reserved);
			if (lot > 0 && reads.count < Math.min(READS_AT_ONCE, 1 + reads.full))
				void this.readAndEmit(reads, lot);
			else await this.nextWake();
		}
		while (reads.count > 0) await this.nextWake();
		if (reads.failure) throw reads.failure.error;
	}

	/**
	 * The lot a read may ask for now: what is left of Max Events per Poll after the events running
	 * and the lots of reads in flight, when a whole read (10, or Max Events per Poll when smaller)
	 * fits; else 0. Never reads of the one or two slots an execution that ends frees.
	 */
	private lotNow(reserved: number): number {
		const cap = this.options.maxEventsPerPoll;
		const room = cap - this.running - reserved;
		return room >= Math.min(MAX_FEED_LOT, cap) ? Math.min(MAX_FEED_LOT, room) : 0;
	}

	/** One read of the continuous drain: reserves its lot, reads, then starts its events' executions. */
	private async readAndEmit(reads: ReadsInFlight, lot: number): Promise<void> {
		reads.count++;
		reads.reserved += lot;
		let fresh: Delivery[] = [];
		try {
			const batch = await this.readBatch(lot);
			if (batch.short) reads.short = true;
			else reads.full++;
			fresh = batch.fresh;
		} catch (error) {
			reads.failure ??= { error };
		} finally {
			// Its events count as running now (or the read failed): the lot is free again.
			reads.reserved -= lot;
			this.wake();
		}
		// What was accepted goes out even after a failed read: with "When Received" it is
		// committed already.
		await this.emit(fresh).catch((error: unknown) => (reads.failure ??= { error }));
		reads.count--;
		this.wake();
	}

	/**
	 * One execution per poll: reads rounds while there is room and the feed has more; waits for
	 * room in between. Each round is one execution.
	 */
	private async drainInRounds(startedAt: number): Promise<void> {
		const cap = this.options.maxEventsPerPoll;
		const worthARead = Math.min(MAX_FEED_LOT, cap);
		for (;;) {
			const stop = this.stopReason(startedAt);
			if (stop) {
				this.workflow.log(`Feed drain stopped: ${stop}`);
				return;
			}
			const room = cap - this.running;
			if (room < worthARead) {
				await this.nextWake();
				continue;
			}
			if ((await this.readRound(room === cap ? room : room - (room % worthARead))) === 'empty')
				return;
		}
	}

	private stopReason(startedAt: number): string | undefined {
		if (this.closed) return 'the workflow was deactivated';
		const elapsed = this.limits.now() - startedAt;
		if (elapsed >= this.limits.maxDrainMs) {
			return `it drained for ${Math.round(elapsed / 1000)} s, the most one poll may; the next poll goes on`;
		}
		if (this.failedInARow >= this.options.maxEventsPerPoll) {
			return `the executions of the last ${this.failedInARow} event(s) all failed; the next poll tries again`;
		}
		return undefined;
	}

	/** Resolves at the next wake(). */
	private async nextWake(): Promise<void> {
		await new Promise<void>((resolve) => (this.wakeDrain = resolve));
	}

	private wake(): void {
		const wake = this.wakeDrain;
		this.wakeDrain = undefined;
		wake?.();
	}

	/**
	 * Reads up to `budget` events as one execution's: one read at a time takes latency × reads,
	 * so while reads come back full, more are sent at once, up to READS_AT_ONCE; the transport's
	 * rate gate sets the pace. Each read reserves its lot first, so the round never reads past its
	 * budget. The round's events go out as one execution at its end. 'empty' when a read came back
	 * short.
	 */
	private async readRound(budget: number): Promise<'empty' | 'more'> {
		const collected: Delivery[] = [];
		let reserved = 0;
		let empty = false;
		const readers: Array<Promise<void>> = [];
		const reader = async (): Promise<void> => {
			while (!empty && reserved < budget && !this.closed) {
				const lot = Math.min(MAX_FEED_LOT, budget - reserved);
				reserved += lot;
				const { fresh, short } = await this.readBatch(lot);
				if (short) empty = true;
				else if (readers.length < READS_AT_ONCE && reserved < budget) readers.push(guarded());
				collected.push(...fresh);
			}
		};
		// A failure stops every reader; the round waits for all of them, then throws the first.
		const guarded = async () =>
			await reader().catch((error: unknown) => {
				empty = true;
				throw error;
			});
		readers.push(guarded());
		let failure: { error: unknown } | undefined;
		for (let index = 0; index < readers.length; index++) {
			const outcome = await readers[index].then(
				() => undefined,
				(error: unknown) => ({ error }),
			);
			failure ??= outcome;
		}
		// What was accepted goes out even after a failed read: with "When Received" it is
		// committed already.
		if (collected.length > 0) await this.emit(collected);
		if (failure) throw failure.error;
		return empty ? 'empty' : 'more';
	}

	/**
	 * One read, its events sorted (sortBatch). `short` when it came back with fewer than asked:
	 * nothing more is visible now (VTEX's C# sample stops there too).
	 */
	private async readBatch(lot: number): Promise<{ fresh: Delivery[]; short: boolean }> {
		// This read looks for what a follow-up poll due meanwhile was for.
		this.followUpMissed = false;
		const answer = await this.feed.read(lot);
		const readAt = this.limits.now();
		this.noteAnswer(answer, readAt);
		const fresh = await this.sortBatch(answer.events, readAt);
		return { fresh, short: answer.events.length + answer.malformed.length < lot };
	}

	/**
	 * Reports what a read left out: malformed events (a failed poll), events beyond the lot (a
	 * log line); and schedules a follow-up for events the feed hid without the poller getting them.
	 */
	private noteAnswer(answer: FeedAnswer, readAt: number): void {
		if (answer.malformed.length > 0)
			this.workflow.reportError(malformedEventsError(answer.malformed));
		if (answer.beyondLot > 0) {
			this.workflow.log(
				`The feed answered ${answer.beyondLot} event(s) more than asked; they were left for VTEX to deliver again`,
			);
			this.followUps?.add(readAt, `${answer.beyondLot} event(s) beyond the lot were left out`);
		}
		if (answer.earlierAttemptServedAt !== undefined) {
			this.followUps?.add(
				answer.earlierAttemptServedAt,
				'a feed read was retried after an attempt whose answer was lost (VTEX may have handed out events with it)',
			);
		}
	}

	private wanted(event: FeedEvent): boolean {
		return this.options.statuses.length === 0 || this.options.statuses.includes(event.state);
	}

	/**
	 * Sorts one batch as COMMIT_MODES says: events of statuses not selected, and remembered
	 * ones, are committed now without running (so the feed never blocks); a second delivery of an
	 * event not finished goes as `secondDelivery` says; the rest are accepted to run and returned.
	 * Everything to commit on receipt goes in one request; if it fails, the batch's events are
	 * neither committed nor run, and come back after the visibility timeout (a follow-up poll).
	 */
	private async sortBatch(batch: FeedEvent[], readAt: number): Promise<Delivery[]> {
		const { rule } = this;
		const commitNow: string[] = [];
		const fresh: Delivery[] = [];
		for (const event of batch) {
			const remembered = rule.remember !== 'never' && this.memory?.has(eventIdOf(event)) === true;
			if (!this.wanted(event) || remembered) {
				commitNow.push(event.handle);
				continue;
			}
			const identity = identityOf(event);
			const first = this.pending.get(identity);
			if (first && rule.secondDelivery === 'commitNow') {
				commitNow.push(event.handle);
				continue;
			}
			if (first && (rule.secondDelivery === 'join' || !first.emitted)) {
				first.handles.push(event.handle);
				first.readAt = readAt;
				continue;
			}
			const delivery: Delivery = {
				event,
				handles: [event.handle],
				identity,
				emitted: false,
				readAt,
			};
			this.pending.set(identity, delivery);
			this.running++;
			if (rule.commit === 'onReceipt') commitNow.push(event.handle);
			fresh.push(delivery);
		}
		if (commitNow.length > 0) {
			await this.feed.commit(commitNow).catch((error: unknown) => {
				this.forget(fresh);
				this.followUps?.add(readAt, `committing ${commitNow.length} event(s) on receipt failed`);
				throw error;
			});
		}
		if (rule.remember === 'onReceipt') this.memory?.remember(rememberable(fresh));
		return fresh;
	}

	/** These deliveries no longer run: they leave `pending` and the in-flight count. */
	private forget(deliveries: Delivery[]): void {
		for (const delivery of deliveries) {
			if (this.pending.get(delivery.identity) === delivery) this.pending.delete(delivery.identity);
		}
		this.running -= deliveries.length;
		this.wake();
	}

	/** Starts the executions for these deliveries: one each, or one for all when emitting per poll. */
	private async emit(deliveries: Delivery[]): Promise<void> {
		if (deliveries.length === 0) return;
		for (const delivery of deliveries) delivery.emitted = true;
		const items = await this.itemsFor(deliveries);
		if (this.options.emitMode === 'perPoll') this.start(deliveries, items);
		else deliveries.forEach((delivery, index) => this.start([delivery], [items[index]]));
	}

	/** Starts one execution and, once it finished, does what the mode says with its events. */
	private start(deliveries: Delivery[], items: IDataObject[]): void {
		let result: Promise<boolean>;
		try {
			result = this.workflow.start(items);
		} catch (error) {
			// n8n could not start it: like a failed execution, the events come back.
			result = Promise.reject(error);
		}
		const settled = result
			.catch((error: unknown) => {
				this.workflow.reportError(error);
				return false;
			})
			.then(async (succeeded) => await this.finish(deliveries, succeeded));
		this.outstanding.add(settled);
		void settled.finally(() => this.outstanding.delete(settled));
	}

	/**
	 * Does what the mode says once an execution ended. Events not committed (a failed execution
	 * unless they were committed on receipt, a failed commit) come back a visibility timeout after
	 * they were read: a follow-up poll is due then.
	 */
	private async finish(deliveries: Delivery[], succeeded: boolean): Promise<void> {
		this.failedInARow = succeeded ? 0 : this.failedInARow + deliveries.length;
		this.forget(deliveries);
		const readAt = deliveries.reduce((latest, delivery) => Math.max(latest, delivery.readAt), 0);
		if (!succeeded) {
			if (this.rule.commit !== 'onReceipt')
				this.followUps?.add(readAt, `the execution of ${deliveries.length} event(s) failed`);
			return;
		}
		// Remembered before the commit: if the commit fails, the redelivered events are committed
		// without running the workflow again.
		if (this.rule.remember === 'afterSuccess') this.memory?.remember(rememberable(deliveries));
		if (this.rule.commit !== 'afterSuccess') return;
		const committed = await this.commits.add(deliveries.flatMap((delivery) => delivery.handles));
		if (!committed) this.followUps?.add(readAt, `committing ${deliveries.length} event(s) failed`);
	}

	/** The output items: the event's fields, and its order when Include Order is on. */
	private async itemsFor(deliveries: Delivery[]): Promise<IDataObject[]> {
		const items = deliveries.map(
			({ event, handles }): IDataObject => ({
				...event,
				// The workflow commits every delivery it got, so it needs every handle.
				...(this.rule.handlesInItems && handles.length > 1 ? { handles: [...handles] } : {}),
			}),
		);
		if (!this.options.includeOrder) return items;
		return await mapWithConcurrency(items.length, ORDER_READS_AT_ONCE, async (index) => {
			const item = items[index];
			return await withOrder(item, this.feed.readOrder(String(item.orderId)));
		});
	}
}
