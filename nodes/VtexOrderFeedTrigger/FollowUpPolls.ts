/** The clock follow-up polls are timed with, and how they wait (sleepUnlessAborted in the node). */
export interface WaitClock {
	now: () => number;
	/** Resolves after `ms`, or rejects once `signal` is aborted. */
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** How long after the events come back the poll goes: the clocks of VTEX and n8n differ a little. */
export const FOLLOW_UP_MARGIN_MS = 2_000;

/** One follow-up covers every return due within this of it: one poll instead of many. */
export const FOLLOW_UP_COALESCE_MS = 5_000;

/**
 * The most follow-ups waiting at once. Coalescing already keeps them at least
 * FOLLOW_UP_COALESCE_MS apart (48 within VTEX's default 240 s); beyond this, the latest one
 * moves later to cover the new return too.
 */
export const MAX_FOLLOW_UPS = 64;

interface FollowUp {
	at: number;
	/**
	 * Ends its sleep on close, and the sleep clears its timer. One each: dozens of listeners
	 * on one signal would make Node warn of a leak.
	 */
	stop: AbortController;
}

/**
 * Polls again when events the feed hid come back. VTEX hides an event it handed out and that was
 * not committed for the visibility timeout (https://developers.vtex.com/docs/guides/orders-feed);
 * the trigger knows when that happened (a failed execution, a failed commit, a read whose answer
 * was lost), so it looks again then instead of at its next scheduled poll.
 */
export class FollowUpPolls {
	private readonly waiting: FollowUp[] = [];

	private closed = false;

	constructor(
		private readonly visibilityTimeoutMs: number,
		private readonly clock: WaitClock,
		private readonly poll: () => void,
		private readonly log: (message: string) => void,
	) {}

	/** Events hidden at `hiddenAt` (why: for the log) come back a visibility timeout later. */
	add(hiddenAt: number, why: string): void {
		if (this.closed) return;
		const at = hiddenAt + this.visibilityTimeoutMs + FOLLOW_UP_MARGIN_MS;
		const joined = this.joinable(at);
		if (joined) joined.at = Math.max(joined.at, at);
		else void this.wait({ at, stop: new AbortController() });
		const due = joined?.at ?? at;
		this.log(
			`Follow-up poll at ${new Date(due).toISOString()} (in ${Math.round((due - this.clock.now()) / 1000)} s): ${why}; those events come back after the feed's visibility timeout of ${Math.round(this.visibilityTimeoutMs / 1000)} s`,
		);
	}

	/** No poll after this: every wait ends at once, without polling. */
	close(): void {
		this.closed = true;
		for (const followUp of this.waiting.splice(0)) followUp.stop.abort();
	}

	/**
	 * The follow-up that covers a return at `at` instead of a new one (moved later to `at` when
	 * due before it): one due within FOLLOW_UP_COALESCE_MS of it; or, when MAX_FOLLOW_UPS wait
	 * already, the first due after it, else the latest.
	 */
	private joinable(at: number): FollowUp | undefined {
		const near = this.waiting.find(
			(followUp) => Math.abs(followUp.at - at) <= FOLLOW_UP_COALESCE_MS,
		);
		if (near || this.waiting.length < MAX_FOLLOW_UPS) return near;
		const earliestAfter = (best: FollowUp | undefined, followUp: FollowUp) =>
			followUp.at >= at && (!best || followUp.at < best.at) ? followUp : best;
		const latest = (best: FollowUp, followUp: FollowUp) =>
			followUp.at > best.at ? followUp : best;
		return this.waiting.reduce(earliestAfter, undefined) ?? this.waiting.reduce(latest);
	}

	/** Sleeps until the follow-up is due (it may move later meanwhile), then polls. */
	private async wait(followUp: FollowUp): Promise<void> {
		this.waiting.push(followUp);
		try {
			for (
				let left = followUp.at - this.clock.now();
				left > 0;
				left = followUp.at - this.clock.now()
			) {
				await this.clock.sleep(left, followUp.stop.signal);
				if (this.closed) return;
			}
		} catch {
			// Closed: the sleep was aborted.
			return;
		}
		this.waiting.splice(this.waiting.indexOf(followUp), 1);
		if (!this.closed) this.poll();
	}
}
