import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../shared/concurrency';
import type { FeedEvent } from '../shared/feed/feedEvent';
import { withOrder } from '../shared/orders';
import type { CommitModeRule } from './commitModes';
import type { CommitQueue } from './CommitQueue';
import type { FollowUpPolls } from './FollowUpPolls';
import type { PartitionedEvent } from './partitionBatch';
import { eventIdOf } from './partitionBatch';

/** Orders read at once when Include Order is on; the transport's rate gate spaces them. */
const ORDER_READS_AT_ONCE = 5;

/** One event and the handles of every delivery of it seen so far (VTEX may deliver it twice). */
export interface Delivery {
	event: FeedEvent;
	handles: string[];
	/** Its item has left (emitted); a handle added later is not in it. */
	emitted: boolean;
	/** When the latest read that delivered it answered: uncommitted, it comes back V after. */
	readAt: number;
}

/** The eventIds the trigger finished with (DedupMemory). */
export interface EventMemory {
	has(eventId: string): boolean;
	remember(eventIds: string[]): void;
}

/** What the executions need around them. */
export interface ExecutionPorts {
	rule: CommitModeRule;
	emitMode: 'perEvent' | 'perPoll';
	includeOrder: boolean;
	/** Starts one execution, resolving to whether it succeeded. */
	start(items: IDataObject[]): Promise<boolean>;
	readOrder(orderId: string): Promise<IDataObject>;
	reportError(error: unknown): void;
	commits: CommitQueue;
	followUps?: FollowUpPolls;
	memory?: EventMemory;
	/** An execution finished, or deliveries stopped running: room may have freed. */
	changed(): void;
}

/** The eventIds worth remembering: those that are not empty. */
export function rememberable(deliveries: Delivery[]): string[] {
	return deliveries.map((delivery) => eventIdOf(delivery.event)).filter(Boolean);
}

/**
 * The deliveries accepted to run and their executions: how many run (Max Events per Poll caps
 * them), how many failed in a row, and what each Commit Events mode does once an execution ended.
 */
export class Executions {
	/** Deliveries accepted to run whose execution has not finished, by eventId (the latest of each). */
	readonly unfinished = new Map<string, Delivery>();

	/** Events accepted to run whose execution has not finished (the in-flight cap counts these). */
	running = 0;

	/** Events whose executions failed since the last one that succeeded. */
	failedInARow = 0;

	/** Executions and commits not settled yet. */
	private readonly outstanding = new Set<Promise<void>>();

	constructor(private readonly ports: ExecutionPorts) {}

	/**
	 * Admits a partitioned batch, in order: each event that runs becomes a new delivery (the latest
	 * of its eventId), each that joins adds its handle to the unfinished delivery of its eventId.
	 * Returns the new deliveries.
	 */
	admit(events: PartitionedEvent[], readAt: number): Delivery[] {
		const fresh: Delivery[] = [];
		for (const { event, fate } of events) {
			const eventId = eventIdOf(event);
			if (fate === 'run') {
				const delivery: Delivery = { event, handles: [event.handle], emitted: false, readAt };
				if (eventId !== '') this.unfinished.set(eventId, delivery);
				this.running++;
				fresh.push(delivery);
			} else if (fate === 'join') {
				const first = this.unfinished.get(eventId);
				first?.handles.push(event.handle);
				if (first) first.readAt = readAt;
			}
		}
		return fresh;
	}

	/** These deliveries no longer run: they leave `unfinished` and the in-flight count. */
	forget(deliveries: Delivery[]): void {
		for (const delivery of deliveries) {
			const eventId = eventIdOf(delivery.event);
			if (this.unfinished.get(eventId) === delivery) this.unfinished.delete(eventId);
		}
		this.running -= deliveries.length;
		this.ports.changed();
	}

	/** Resolves once every execution started and its commits settled. */
	async settled(): Promise<void> {
		while (this.outstanding.size > 0) await Promise.all([...this.outstanding]);
	}

	/** Starts the executions for these deliveries: one each, or one for all when emitting per poll. */
	async emit(deliveries: Delivery[]): Promise<void> {
		if (deliveries.length === 0) return;
		for (const delivery of deliveries) delivery.emitted = true;
		const items = await this.itemsFor(deliveries);
		if (this.ports.emitMode === 'perPoll') this.start(deliveries, items);
		else deliveries.forEach((delivery, index) => this.start([delivery], [items[index]]));
	}

	/** The output items: the event's fields, and its order when Include Order is on. */
	async itemsFor(deliveries: Delivery[]): Promise<IDataObject[]> {
		const items = deliveries.map(
			({ event, handles }): IDataObject => ({
				...event,
				// The workflow commits every delivery it got, so it needs every handle.
				...(this.ports.rule.handlesInItems && handles.length > 1 ? { handles: [...handles] } : {}),
			}),
		);
		if (!this.ports.includeOrder) return items;
		return await mapWithConcurrency(items.length, ORDER_READS_AT_ONCE, async (index) => {
			const item = items[index];
			return await withOrder(item, this.ports.readOrder(String(item.orderId)));
		});
	}

	/** Starts one execution and, once it finished, does what the mode says with its events. */
	private start(deliveries: Delivery[], items: IDataObject[]): void {
		let result: Promise<boolean>;
		try {
			result = this.ports.start(items);
		} catch (error) {
			// n8n could not start it: like a failed execution, the events come back.
			result = Promise.reject(error);
		}
		const settled = result
			.catch((error: unknown) => {
				this.ports.reportError(error);
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
		const { rule, followUps, memory, commits } = this.ports;
		this.failedInARow = succeeded ? 0 : this.failedInARow + deliveries.length;
		this.forget(deliveries);
		const readAt = deliveries.reduce((latest, delivery) => Math.max(latest, delivery.readAt), 0);
		if (!succeeded) {
			if (rule.commit !== 'onReceipt')
				followUps?.add(readAt, `the execution of ${deliveries.length} event(s) failed`);
			return;
		}
		// Remembered before the commit: if the commit fails, the redelivered events are committed
		// without running the workflow again.
		if (rule.remember === 'afterSuccess') memory?.remember(rememberable(deliveries));
		if (rule.commit !== 'afterSuccess') return;
		const committed = await commits.add(deliveries.flatMap((delivery) => delivery.handles));
		if (!committed) followUps?.add(readAt, `committing ${deliveries.length} event(s) failed`);
	}
}
