import type { VaryingLimit } from '../concurrency';
import { sleepUnlessAborted } from '../sleep';
import type { AccountPace } from './rateGate';

/** Requests in flight before the account's latency is known: enough for 100 a second at 150 ms. */
const BEFORE_FIRST_ANSWER_IN_FLIGHT = 16;

/**
 * The requests of one client now waiting to be tried again. Each keeps its item's slot while it
 * waits, so Little's law counts it as in flight: the in-flight limit grows by one for each, and
 * whoever schedules the items hears the moment one begins to wait (no item finished to tell it).
 */
export class RetryWaits {
	private waiting = 0;

	private readonly listeners = new Set<() => void>();

	get count(): number {
		return this.waiting;
	}

	/** Waits `ms`, or until `signal` aborts, as a retry wait. */
	async wait(ms: number, signal?: AbortSignal): Promise<void> {
		this.waiting++;
		for (const listener of this.listeners) listener();
		try {
			await sleepUnlessAborted(ms, signal);
		} finally {
			this.waiting--;
		}
	}

	/** Calls `listener` whenever a request begins to wait; returns how to stop. */
	onBegin(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}

/**
 * The in-flight limit for `mapWithConcurrency`, at most `most` (Little's law): the items in exchange
 * with VTEX, from the account's pace (at most `perSecondCap`) and observed latency (a guess before
 * the first answer), plus those waiting to be tried again, which hold their slots without sending.
 * It rises the moment one begins to wait.
 */
export function inFlightLimit(
	most: number,
	perSecondCap: number,
	account: () => AccountPace | undefined,
	retryWaits: RetryWaits,
): VaryingLimit {
	const exchanging = () => account()?.inFlightFor(perSecondCap) ?? BEFORE_FIRST_ANSWER_IN_FLIGHT;
	return {
		most,
		now: () => Math.max(1, Math.min(most, exchanging() + retryWaits.count)),
		onRise: (listener) => retryWaits.onBegin(listener),
	};
}
