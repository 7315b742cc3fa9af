import type { FeedEvent } from '../shared/feed/feedEvent';
import type { CommitModeRule } from './commitModes';

/** What becomes of one delivered event. */
export type EventFate =
	/** Committed now without running: a status not selected, remembered, or a second delivery the mode commits. */
	| 'commitNow'
	/** Its handle joins the delivery of the same eventId that has not finished. */
	| 'join'
	/** A new delivery: an execution will run for it. */
	| 'run';

export interface PartitionedEvent {
	event: FeedEvent;
	fate: EventFate;
}

/** What the poller knows when a batch arrives. */
export interface BatchContext {
	rule: Pick<CommitModeRule, 'commit' | 'remember' | 'secondDelivery'>;
	/** Statuses that start a workflow; empty means every status. */
	statuses: readonly string[];
	/** The eventIds finished with (DedupMemory); consulted unless the mode never remembers. */
	remembered?: { has(eventId: string): boolean };
	/**
	 * The deliveries accepted to run whose execution has not finished, by eventId, and whether
	 * their item already left (was emitted).
	 */
	unfinished: { get(eventId: string): { emitted: boolean } | undefined };
}

export interface BatchPartition {
	/** Every event of the batch, in order, with its fate. */
	events: PartitionedEvent[];
	/** The handles to commit on receipt, in one request: commitNow ones, and runs when the mode commits on receipt. */
	commitNow: string[];
}

/** The event's eventId, or '' when it has none. */
export function eventIdOf(event: FeedEvent): string {
	return event.eventId.trim();
}

/**
 * Partitions one batch as COMMIT_MODES says, without side effects: events of statuses not
 * selected, and remembered ones, are committed now without running (so the feed never blocks);
 * a second delivery of an event not finished (earlier in this batch, or still running) goes as
 * `secondDelivery` says; the rest run. An event without an eventId is a delivery of its own: it
 * is never joined to another nor remembered, so each delivery of it runs (at least once, never
 * at most once by accident).
 */
export function partitionBatch(batch: readonly FeedEvent[], context: BatchContext): BatchPartition {
	const { rule, statuses } = context;
	const newInBatch = new Set<string>();
	const events: PartitionedEvent[] = [];
	const commitNow: string[] = [];
	const decide = (event: FeedEvent): EventFate => {
		const eventId = eventIdOf(event);
		const wanted = statuses.length === 0 || statuses.includes(event.state);
		const remembered = rule.remember !== 'never' && context.remembered?.has(eventId) === true;
		if (!wanted || remembered) return 'commitNow';
		if (eventId === '') return 'run';
		// A delivery accepted earlier in this batch has not been emitted yet.
		const first = newInBatch.has(eventId) ? { emitted: false } : context.unfinished.get(eventId);
		if (first && rule.secondDelivery === 'commitNow') return 'commitNow';
		if (first && (rule.secondDelivery === 'join' || !first.emitted)) return 'join';
		newInBatch.add(eventId);
		return 'run';
	};
	for (const event of batch) {
		const fate = decide(event);
		events.push({ event, fate });
		if (fate === 'commitNow' || (fate === 'run' && rule.commit === 'onReceipt'))
			commitNow.push(event.handle);
	}
	return { events, commitNow };
}
