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

export class NotificationMemory {
	private readonly saved: DedupMemory;

	private readonly recent: DedupMemory;

	constructor(staticData: IDataObject, processKey: string) {
		this.saved = new DedupMemory(staticData);
		let recent = inProcess.get(processKey);
		if (!recent) {
			recent = new DedupMemory({});
			inProcess.set(processKey, recent);
		}
		this.recent = recent;
	}

	/** True when the key was seen before; otherwise remembers it. Synchronous, so never raced. */
	seenBefore(key: string): boolean {
		if (this.recent.has(key) || this.saved.has(key)) return true;
		this.recent.remember([key]);
		this.saved.remember([key]);
		return false;
	}
}
