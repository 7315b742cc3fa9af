import { createHash } from 'crypto';

import { DedupMemory } from '../shared/DedupMemory';

/**
 * The notifications a hook trigger already accepted, to answer VTEX's repeats without starting
 * another execution: the 2,000 most recent, per registration, in this n8n process. The check and
 * the remembering are one synchronous step, so two copies arriving together in one process never
 * both pass.
 *
 * Not shared between n8n processes (webhook processes in queue mode, or a restarted n8n): n8n
 * offers nodes no atomic shared store. The workflow's static data is read from the database for
 * each request and written back whole after it, last writer wins: two processes would both see a
 * copy as new, concurrent notifications would erase each other's entries, and every notification
 * would rewrite the whole static data (the hook's secret, and anything the workflow keeps there)
 * with the copy it read. So a repeat that reaches another process runs again: the items'
 * idempotencyKey and the operations that converge on a repeat take it from there.
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

	/** Forgets the event: n8n did not start its execution, so VTEX's resend must run. */
	forget(eventKey: string): void {
		this.recent.forget(shortDigest(eventKey));
	}
}

/** 16 characters (96 bits) standing for an event key, to keep 2,000 of them small. */
function shortDigest(eventKey: string): string {
	return createHash('sha256').update(eventKey, 'utf8').digest('base64url').slice(0, 16);
}
