import { sleep } from 'n8n-workflow';

/**
 * One gate per VTEX account and app key, shared by every request made through that credential
 * in this n8n process (all items, all node runs, the feed trigger): it spaces requests to the
 * requests-per-minute budget, and when VTEX answers 429 it holds every request for that
 * account until Retry-After has passed, instead of letting each one find out on its own.
 */
export class RateGate {
	private nextSlotAt = 0;

	private pausedUntil = 0;

	constructor(private requestsPerMinute: number) {}

	setRate(requestsPerMinute: number): void {
		this.requestsPerMinute = requestsPerMinute;
	}

	/** Resolves when this caller may send its request. */
	async acquire(): Promise<void> {
		for (;;) {
			const now = Date.now();
			if (this.pausedUntil > now) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			const spacing = 60_000 / this.requestsPerMinute;
			const slot = Math.max(now, this.nextSlotAt);
			this.nextSlotAt = slot + spacing;
			if (slot > now) await sleep(slot - now);
			if (this.pausedUntil <= Date.now()) return;
		}
	}

	/** Holds every request for this account until `ms` from now (a 429's Retry-After). */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	get pausedFor(): number {
		return Math.max(0, this.pausedUntil - Date.now());
	}
}

const gates = new Map<string, RateGate>();

/** The gate for one account and app key. The key never holds the app token. */
export function rateGateFor(accountKey: string, requestsPerMinute: number): RateGate {
	let gate = gates.get(accountKey);
	if (!gate) {
		gate = new RateGate(requestsPerMinute);
		gates.set(accountKey, gate);
	} else {
		gate.setRate(requestsPerMinute);
	}
	return gate;
}
