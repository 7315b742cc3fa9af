import type { IDataObject } from 'n8n-workflow';

/**
 * How many ids a memory keeps. VTEX redelivers a feed event soon after it was read (duplicates,
 * or a commit that failed) and resends a hook notification it got no timely 200 for, so the
 * recent past is what matters; the feed trigger keeps its list in the workflow's static data,
 * which n8n saves with every execution the trigger starts, so it stays small (about 70 KB at most).
 */
export const DEDUP_MEMORY_SIZE = 2000;

const KEY = 'processedEventIds';

/**
 * A bounded set of ids, most recent last, kept in the object it is given. The feed trigger passes
 * its node's static data and remembers the eventIds it finished with (their execution succeeded,
 * or they were committed when received): an event seen again is committed and not emitted again;
 * a manual test run never creates one. The hook trigger passes a plain object that lives in its
 * process (NotificationMemory).
 */
export class DedupMemory {
	private readonly ids: Set<string>;

	constructor(
		private readonly store: IDataObject,
		private readonly limit = DEDUP_MEMORY_SIZE,
	) {
		const saved = Array.isArray(store[KEY]) ? (store[KEY] as unknown[]) : [];
		// An empty id stored by an older version would make every event without an id a "duplicate".
		this.ids = new Set(saved.map(String).filter(Boolean).slice(-limit));
	}

	/** Whether this eventId was finished with; an empty eventId never was (it identifies nothing). */
	has(eventId: string): boolean {
		return eventId !== '' && this.ids.has(eventId);
	}

	/** Remembers these eventIds as the most recent; empty ones are ignored, never stored. */
	remember(eventIds: string[]): void {
		const worth = eventIds.filter((eventId) => eventId !== '');
		if (worth.length === 0) return;
		for (const eventId of worth) {
			this.ids.delete(eventId);
			this.ids.add(eventId);
		}
		for (const oldest of this.ids) {
			if (this.ids.size <= this.limit) break;
			this.ids.delete(oldest);
		}
		// Assigned, not mutated, so n8n's static data notices the change and saves it.
		this.store[KEY] = [...this.ids];
	}

	/** Forgets this eventId: it was not finished with after all. */
	forget(eventId: string): void {
		if (!this.ids.delete(eventId)) return;
		this.store[KEY] = [...this.ids];
	}

	get size(): number {
		return this.ids.size;
	}
}
