import { sleepUnlessAborted } from '../sleep';

/** Time as the pacing sees it; tests give it a virtual clock. */
export interface GateClock {
	now(): number;
	/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: GateClock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleepUnlessAborted(ms, signal),
};

/** The trailing window in which a pacer never lets more than its per-second pace leave. */
const WINDOW_MS = 1_000;

/**
 * Time lost to a stalled event loop (or to nobody waiting) is made up for at most this long:
 * after a stall the requests due meanwhile leave at once, as far as the window allows, so a busy
 * process keeps the pace; a longer idle time is not made up (that would be a burst).
 */
const CATCH_UP_MS = 250;

/** Why the pump's wait ends early; one shared reason, so aborting builds no DOMException (nor its stack). */
const PACE_CHANGED = new Error('The pace changed');

/**
 * Releases waiting requests evenly spaced at a pace that may change from one request to the
 * next, in the order they came. One timer runs per pacer, however many wait.
 *
 * Spacing alone is not enough: requests due while the event loop stalled (a garbage collection,
 * a heavy item, a busy machine) leave together after the stall. So the pacer also counts what
 * actually left in the trailing second and holds the next request while that count is at the pace.
 */
export class Pacer {
	private readonly waiting: Array<{ release: () => void }> = [];

	private pumping = false;

	/** When the pump's current wait ends, and how to end it early. */
	private pumpWait?: { until: number; stop: AbortController };

	/** Where the last request that left stands on the even spacing (its due time, or when it left). */
	private scheduledAt = Number.NEGATIVE_INFINITY;

	/** When the requests of the trailing window left, oldest first. */
	private readonly sent: number[] = [];

	constructor(
		/** Requests per second allowed now. */
		private readonly paceAt: (now: number) => number,
		private readonly clock: GateClock = systemClock,
	) {}

	/** Resolves when the caller may send; rejects when `signal` aborts first. */
	async acquire(signal?: AbortSignal): Promise<void> {
		signal?.throwIfAborted();
		// The common case at a pace the requests do not reach: no queue, no timer.
		if (this.waiting.length === 0 && this.dueIn(this.clock.now()) === 0) {
			// Nobody waited: the time nobody used is not made up.
			this.release(this.clock.now(), false);
			return;
		}
		await new Promise<void>((resolve, reject) => {
			const waiter = {
				release: () => {
					signal?.removeEventListener('abort', abort);
					resolve();
				},
			};
			const abort = () => {
				const index = this.waiting.indexOf(waiter);
				if (index >= 0) this.waiting.splice(index, 1);
				reject(signal?.reason);
			};
			signal?.addEventListener('abort', abort, { once: true });
			this.waiting.push(waiter);
			if (!this.pumping) void this.pump();
			// The pace may have risen since the pump began its wait (a faster caller arrived). A pace
			// that grows back after a 429 moves the next turn by microseconds with every request:
			// only a turn at least a millisecond earlier (a timer's resolution) wakes the pump.
			else if (
				this.pumpWait &&
				this.clock.now() + this.dueIn(this.clock.now()) <= this.pumpWait.until - 1
			)
				this.pumpWait.stop.abort(PACE_CHANGED);
		});
	}

	/** How many requests wait for their turn. */
	get queued(): number {
		return this.waiting.length;
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiting.length > 0) {
				const now = this.clock.now();
				const wait = this.dueIn(now);
				if (wait > 0) {
					this.pumpWait = { until: now + wait, stop: new AbortController() };
					await this.clock.sleep(wait, this.pumpWait.stop.signal).catch(() => undefined);
					this.pumpWait = undefined;
					continue;
				}
				const waiter = this.waiting.shift()!;
				this.release(now, true);
				waiter.release();
			}
		} finally {
			this.pumping = false;
		}
	}

	/** `catchUp`: requests waited while this one was due, so it may stand earlier on the spacing than now. */
	private release(now: number, catchUp: boolean): void {
		this.scheduledAt = catchUp
			? Math.max(this.scheduledAt + 1000 / this.paceAt(now), now - CATCH_UP_MS)
			: now;
		this.sent.push(now);
	}

	/** How long until the next request may leave (0: now). */
	private dueIn(now: number): number {
		const perSecond = this.paceAt(now);
		const spacing = this.scheduledAt + 1000 / perSecond - now;
		while (this.sent.length > 0 && this.sent[0] <= now - WINDOW_MS) this.sent.shift();
		// Evenly spaced releases put the pace, rounded up, in a window; only a burst meets the cap.
		const cap = Math.max(1, Math.ceil(perSecond * (WINDOW_MS / 1000)));
		const windowFull =
			this.sent.length < cap ? 0 : this.sent[this.sent.length - cap] + WINDOW_MS - now;
		return Math.max(0, spacing, windowFull);
	}
}
