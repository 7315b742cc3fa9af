import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { DedupMemory } from '../VtexOrderFeedTrigger/DedupMemory';

/**
 * The notifications a hook trigger already accepted, to answer VTEX's repeats without starting
 * another execution. Two memories, each bounded like the feed trigger's (the 2,000 most recent):
 * the node's static data, which n8n saves after each notification and so survives a restart; and
 * one in this n8n process, because n8n reads the static data afresh for every request, so two
 * copies of one notification arriving together would each find the other missing there.
 */
const inProcess = new Map<string, DedupMemory>();

/** Registrations remembered in this process; the oldest is dropped beyond this. */
const MAX_REGISTRATIONS = 100;

export class NotificationMemory {
	private readonly saved: DedupMemory;

	private readonly recent: DedupMemory;

	/** `registration` names this activation of this node (its secret's digest: a new one each activation). */
	constructor(staticData: IDataObject, registration: string) {
		this.saved = new DedupMemory(staticData);
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
		if (this.recent.has(key) || this.saved.has(key)) return true;
		this.recent.remember([key]);
		this.saved.remember([key]);
		return false;
	}
}

/**
 * 16 characters (96 bits) standing for an event key: n8n reads and saves the static data with every
 * notification, so 2,000 of these (about 40 KB) cost far less than 2,000 full keys.
 */
function shortDigest(eventKey: string): string {
	return createHash('sha256').update(eventKey, 'utf8').digest('base64url').slice(0, 16);
}
