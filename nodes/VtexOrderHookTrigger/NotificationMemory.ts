import { createHash } from 'crypto';

import { DedupMemory } from '../VtexOrderFeedTrigger/DedupMemory';

/**
 * The notifications a hook trigger already accepted, to answer VTEX's repeats without starting
 * another execution: the 2,000 most recent (the feed trigger's bounded memory), per registration,
 * in this n8n process.
 *
 * Not in the workflow's static data: n8n reads the static data afresh for every request and saves
 * it after each one, so concurrent notifications would overwrite each other's entries, and every
 * notification would cost a database write of the whole list. VTEX repeats a notification that got
 * no 200 in time, seconds to minutes later, which this process sees; a restart loses the memory,
 * and a repeat arriving after it runs again (at least once).
 */
const inProcess = new Map<string, DedupMemory>();

/** Registrations remembered in this process; the oldest is dropped beyond this. */
const MAX_REGISTRATIONS = 100;

export class NotificationMemory {
	private readonly recent: DedupMemory;

	/** `registration` names this activation of this node (its secret's digest: a new one each activation). */
	constructor(registration: string) {
		let recent = inProcess.get(registration);
		if (!recent) {
			recent = new DedupMemory({});
			inProcess.set(registration, recent);
			for (const oldest of inProcess.keys()) {
				if (inProcess.size <= MAX_REGISTRATIONS) break;
				inProcess.delete(oldest);
			}
		}
		this.recent = recent;
	}

	/** True when the event was seen before; otherwise remembers it. Synchronous, so never raced. */
	seenBefore(eventKey: string): boolean {
		const key = shortDigest(eventKey);
		if (this.recent.has(key)) return true;
		this.recent.remember([key]);
		return false;
	}
}

/** 16 characters (96 bits) standing for an event key, to keep 2,000 of them small. */
function shortDigest(eventKey: string): string {
	return createHash('sha256').update(eventKey, 'utf8').digest('base64url').slice(0, 16);
}
