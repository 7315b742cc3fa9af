import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../shared/concurrency';
import type { FeedAnswer } from '../shared/feed/feedAnswer';
import { malformedEventsError } from '../shared/feed/feedAnswer';
import type { FeedEvent } from '../shared/feed/feedEvent';
import { MAX_FEED_LOT } from '../shared/feed/feedApi';
import { getVtexDetails } from '../shared/transport';
import { CommitQueue } from './CommitQueue';
import type { DedupMemory } from './DedupMemory';

/**
 * When the trigger acknowledges an event:
 * - `afterSuccess`: when the execution the event started finished without error (at least once);
 * - `onReceive`: before the workflow runs (at most once);
 * - `inWorkflow`: never; the items carry their handles and the workflow commits (Feed → Commit).
 */
export type CommitMode = 'afterSuccess' | 'onReceive' | 'inWorkflow';

/** One execution per event, or one per poll holding every event of the poll. */
export type EmitMode = 'perEvent' | 'perPoll';

export interface PollerOptions {
	/** Statuses that start a workflow; empty means every status. */
	statuses: string[];
	commitMode: CommitMode;
	emitMode: EmitMode;
	/** Events read per poll; in `afterSuccess` also the most events in flight at once. */
	maxEventsPerPoll: number;
	includeOrder: boolean;
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
	 * Starts one execution with these items. With `awaitResult`, resolves to whether the
	 * execution succeeded (n8n resolves emit's done promise with the run); else `undefined`.
	 */
	start(items: IDataObject[], awaitResult: boolean): Promise<boolean> | undefined;
	/** A poll failed (nothing is lost: what was not committed comes back). */
	reportError(error: unknown): void;
	/** Progress worth a log line. */
	log(message: string): void;
}

/** One event and the handles of every delivery of it seen so far (VTEX may deliver it twice). */
interface Delivery {
	event: FeedEvent;
	handles: string[];
	/** What recognises another delivery of this event (see identityOf). */
	identity: string;
}

let anonymousDeliveries = 0;

/**
 * What recognises two deliveries of one event: its eventId. An event without one is its own
 * identity, never shared with another delivery: it is never merged with another event nor
 * remembered, so each delivery of it runs (at least once, never at most once by accident).
 */
function identityOf(event: FeedEvent): string {
	const eventId = event.eventId.trim();
	return eventId ? `id:${eventId}` : `delivery:${++anonymousDeliveries}`;
}

/** The eventIds worth remembering: those that are not empty. */
function rememberable(deliveries: Delivery[]): string[] {
	return deliveries.map((delivery) => delivery.event.eventId.trim()).filter(Boolean);
}

/**
 * Feed reads in flight at once while reads come back full: VTEX's 100 a second at 150 ms needs
 * about 15 requests in flight, shared with the commits (CommitQueue).
 */
const READS_AT_ONCE = 16;

/** Orders read at once when Include Order is on; the transport's rate gate spaces them. */
const ORDER_READS_AT_ONCE = 5;

/**
 * Reads the orders feed the way VTEX asks (section 4.11): batches of at most 10, every event
 * committed by its handle, ignored ones included, duplicates recognised by eventId.
 */
export class FeedPoller {
	/** afterSuccess: events emitted (or about to be) whose execution has not finished, by eventId. */
	private readonly inFlight = new Map<string, Delivery>();

	private readonly commits: CommitQueue;

	private reading = false;

	private closed = false;

	constructor(
		private readonly options: PollerOptions,
		private readonly feed: FeedPort,
		private readonly workflow: WorkflowPort,
		private readonly memory?: DedupMemory,
	) {
		this.commits = new CommitQueue(
			async (handles) => await feed.commit(handles),
			(error, handles) => {
				workflow.log(`Commit of ${handles.length} feed event(s) failed; VTEX will deliver them again and they will be committed then`);
				workflow.reportError(error);
			},
		);
	}

	/** Stops reading (the workflow was deactivated); executions in flight still get committed. */
	close(): void {
		this.closed = true;
	}

	/**
	 * One scheduled poll: reads until the feed is empty or Max Events per Poll were read, starts
	 * the executions, and resolves once they finished and their events were committed. Never
	 * rejects; a poll still reading when the next is due makes the next one a no-op.
	 */
	async poll(): Promise<void> {
		if (this.reading || this.closed) return;
		this.reading = true;
		const settlements: Array<Promise<void>> = [];
		const unemitted = new Map<string, Delivery>();
		try {
			await this.readUntilDone(unemitted, settlements);
		} catch (error) {
			this.workflow.reportError(error);
		}
		try {
			// What is still unemitted goes out even after a failed read: with "When Received" it is
			// committed already. When emitting per poll, this is the poll's one execution.
			if (unemitted.size > 0) settlements.push(...(await this.emit([...unemitted.values()])));
		} catch (error) {
			this.workflow.reportError(error);
		} finally {
			this.reading = false;
		}
		await Promise.all(settlements);
	}

	/**
	 * Reads batches until the feed is empty or the poll's budget is used; emits per event as it
	 * goes. One read at a time takes latency × reads (75 s for 5,000 events at 150 ms), so while
	 * reads come back full, more are sent at once, up to READS_AT_ONCE; the transport's rate gate
	 * sets the pace. Each read reserves its lot first, so the poll never reads past its budget.
	 */
	private async readUntilDone(unemitted: Map<string, Delivery>, settlements: Array<Promise<void>>): Promise<void> {
		const budget = this.options.maxEventsPerPoll - this.inFlight.size;
		if (budget <= 0) {
			this.workflow.log(`Feed poll skipped: ${this.inFlight.size} event(s) still running (Max Events per Poll)`);
			return;
		}
		let reserved = 0;
		let drained = false;
		const readers: Array<Promise<void>> = [];
		const reader = async (): Promise<void> => {
			while (!drained && reserved < budget && !this.closed) {
				const lot = Math.min(MAX_FEED_LOT, budget - reserved);
				reserved += lot;
				const answer = await this.feed.read(lot);
				this.noteAnswer(answer);
				const batch = answer.events;
				// A short answer means nothing more is visible now (VTEX's C# sample stops there too).
				if (batch.length + answer.malformed.length < lot) drained = true;
				else if (readers.length < READS_AT_ONCE && reserved < budget) readers.push(guarded());
				const fresh = await this.sortBatch(batch, unemitted);
				if (this.options.emitMode === 'perEvent') {
					for (const delivery of fresh) unemitted.delete(delivery.identity);
					settlements.push(...(await this.emit(fresh)));
				}
			}
		};
		// A failure stops every reader; the poll waits for all of them, then reports the first.
		const guarded = async () =>
			await reader().catch((error: unknown) => {
				drained = true;
				throw error;
			});
		readers.push(guarded());
		let failure: { error: unknown } | undefined;
		for (let index = 0; index < readers.length; index++) {
			failure ??= await readers[index].then(
				() => undefined,
				(error: unknown) => ({ error }),
			);
			if (failure) await readers[index].catch(() => undefined);
		}
		if (failure) throw failure.error;
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
			else byEvent.set(identity, { event, handles: [event.handle], identity });
		}
		const deliveries = [...byEvent.values()];
		const chosen = this.options.emitMode === 'perEvent' ? deliveries.slice(0, 1) : deliveries;
		return { items: await this.itemsFor(chosen), read: answer.events.length };
	}

	/** Reports what a read left out: malformed events (a failed poll), events beyond the lot (a log line). */
	private noteAnswer(answer: FeedAnswer): void {
		if (answer.malformed.length > 0) this.workflow.reportError(malformedEventsError(answer.malformed));
		if (answer.beyondLot > 0) {
			this.workflow.log(`The feed answered ${answer.beyondLot} event(s) more than asked; they were left for VTEX to deliver again`);
		}
	}

	private wanted(event: FeedEvent): boolean {
		return this.options.statuses.length === 0 || this.options.statuses.includes(event.state);
	}

	/**
	 * Sorts one batch: events already processed and events of statuses not selected are
	 * committed now (so the feed never blocks); a second delivery of an event joins the first;
	 * the rest are returned to be emitted. With "When Received" they are committed first.
	 */
	private async sortBatch(batch: FeedEvent[], unemitted: Map<string, Delivery>): Promise<Delivery[]> {
		const { commitMode } = this.options;
		const commitNow: string[] = [];
		const fresh: Delivery[] = [];
		for (const event of batch) {
			const identity = identityOf(event);
			if ((event.eventId && this.memory?.has(event.eventId)) || !this.wanted(event)) {
				commitNow.push(event.handle);
				continue;
			}
			const known = this.inFlight.get(identity) ?? unemitted.get(identity);
			if (known) {
				// afterSuccess: committed with the first delivery once its execution succeeds.
				known.handles.push(event.handle);
				if (commitMode === 'onReceive') commitNow.push(event.handle);
				continue;
			}
			const delivery: Delivery = { event, handles: [event.handle], identity };
			unemitted.set(identity, delivery);
			if (commitMode === 'afterSuccess') this.inFlight.set(identity, delivery);
			if (commitMode === 'onReceive') commitNow.push(event.handle);
			fresh.push(delivery);
		}
		if (commitNow.length > 0) {
			await this.feed.commit(commitNow).catch((error: unknown) => {
				// Neither committed nor run: this batch's events come back after the visibility timeout.
				for (const delivery of fresh) {
					unemitted.delete(delivery.identity);
					this.inFlight.delete(delivery.identity);
				}
				throw error;
			});
		}
		if (commitMode === 'onReceive') this.memory?.remember(rememberable(fresh));
		return fresh;
	}

	/**
	 * Starts the executions for these deliveries (one each, or one for all when emitting per
	 * poll) and returns their settlements, without waiting for them.
	 */
	private async emit(deliveries: Delivery[]): Promise<Array<Promise<void>>> {
		const items = await this.itemsFor(deliveries);
		if (this.options.emitMode === 'perPoll') return [this.start(deliveries, items)];
		return deliveries.map((delivery, index) => this.start([delivery], [items[index]]));
	}

	/** Starts one execution; in afterSuccess, commits its events once it succeeded. */
	private start(deliveries: Delivery[], items: IDataObject[]): Promise<void> {
		let result: Promise<boolean> | undefined;
		try {
			result = this.workflow.start(items, this.options.commitMode === 'afterSuccess');
		} catch (error) {
			// n8n could not start it: like a failed execution, the events come back.
			this.workflow.reportError(error);
			result = Promise.resolve(false);
		}
		if (!result) return Promise.resolve();
		const finish = (succeeded: boolean) => {
			for (const delivery of deliveries) this.inFlight.delete(delivery.identity);
			if (!succeeded) return undefined;
			// Remembered before the commit: if the commit fails, the redelivered events are
			// committed without running the workflow again.
			this.memory?.remember(rememberable(deliveries));
			return this.commits.add(deliveries.flatMap((delivery) => delivery.handles));
		};
		return result.then(finish, (error: unknown) => {
			this.workflow.reportError(error);
			return finish(false);
		});
	}

	/** The output items: the event's fields, and its order when Include Order is on. */
	private async itemsFor(deliveries: Delivery[]): Promise<IDataObject[]> {
		const inWorkflow = this.options.commitMode === 'inWorkflow';
		const items = deliveries.map(({ event, handles }): IDataObject => ({
			...event,
			// The workflow commits every delivery it got, so it needs every handle.
			...(inWorkflow && handles.length > 1 ? { handles: [...handles] } : {}),
		}));
		if (!this.options.includeOrder) return items;
		return await mapWithConcurrency(items.length, ORDER_READS_AT_ONCE, async (index) => {
			const item = items[index];
			return await this.feed.readOrder(String(item.orderId)).then(
				(order): IDataObject => ({ ...item, order }),
				(error: unknown): IDataObject => ({
					...item,
					orderError: {
						message: error instanceof Error ? error.message : String(error),
						httpCode: getVtexDetails(error).status ?? null,
					},
				}),
			);
		});
	}
}
