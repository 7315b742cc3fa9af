import { sleep } from 'n8n-workflow';

/** Time as the gate sees it; tests give it a virtual clock. */
export interface GateClock {
	now(): number;
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const systemClock: GateClock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleep(ms, signal),
};

/**
 * The share of the budget the gate sends at. Requests leave evenly spaced, but they reach VTEX
 * with some jitter (event loop, network), and a limit counted over a sliding window sees two
 * requests that arrive close together as a burst: 5 % of headroom absorbs about 50 ms of it.
 */
export const PACING_SHARE = 0.95;

/** The trailing window in which the gate never lets more than its per-second pace leave. */
const WINDOW_MS = 1_000;

/**
 * VTEX's limits "vary throughout the day and are not disclosed" (VTEX_API_REFERENCE.md section 2):
 * 6,000 a minute is a ceiling, not a promise. So a 429 the pacing did not prevent slows the pace
 * to this share of what it was ...
 */
const SLOWDOWN_AFTER_429 = 0.9;
/** ... never below this share of the budget ... */
const SLOWEST = 0.25;
/** ... and the pace then creeps back by this share of the budget per second (0.9 to 1 in 5 s). */
const RECOVERY_PER_SECOND = 0.02;
/** 429s that arrive this close together are one episode: the answers to requests already in flight. */
const EPISODE_MS = 1_000;

/**
 * One gate per VTEX account, shared by every request to it in this n8n process (all items, all
 * node runs, every credential of that account, the feed trigger). It spaces requests evenly to
 * the budget, so a large batch paces itself instead of provoking 429s, and when VTEX answers 429
 * anyway it holds every request for the account until Retry-After has passed, so they wait it
 * out together instead of each finding out on its own.
 *
 * Spacing alone is not enough: when the event loop stalls (a garbage collection, a heavy item),
 * every request whose slot passed meanwhile would leave at once. So the gate also counts what
 * actually left in the trailing second and holds a request while that count is at the pace.
 */
export class RateGate {
	private nextSlotAt = 0;

	/** When the requests of the trailing window left, oldest first. */
	private sent: number[] = [];

	private pausedUntil = 0;

	private episodeUntil = 0;

	private speedAfter429 = 1;

	private last429At = Number.NEGATIVE_INFINITY;

	constructor(private readonly clock: GateClock = systemClock) {}

	/** The share of the paced budget the gate sends at now: 1 unless a recent 429 lowered it. */
	speed(now: number = this.clock.now()): number {
		return Math.min(1, this.speedAfter429 + ((now - this.last429At) / 1000) * RECOVERY_PER_SECOND);
	}

	/** How long every request for the account is held because of a 429. */
	pausedFor(now: number = this.clock.now()): number {
		return Math.max(0, this.pausedUntil - now);
	}

	/**
	 * Resolves when the caller may send its request, within a budget of `requestsPerMinute`
	 * (each caller's own: two nodes with different budgets share one timeline).
	 */
	async acquire(requestsPerMinute: number, signal?: AbortSignal): Promise<void> {
		for (;;) {
			const now = this.clock.now();
			const paused = this.pausedFor(now);
			if (paused > 0) {
				await this.clock.sleep(paused, signal);
				continue;
			}
			const perSecond = (requestsPerMinute / 60) * PACING_SHARE * this.speed(now);
			// Time lost while no request was waiting is not made up: a burst would meet VTEX's window.
			const slot = Math.max(now, this.nextSlotAt);
			this.nextSlotAt = slot + 1000 / perSecond;
			if (slot > now) await this.clock.sleep(slot - now, signal);
			// Evenly spaced slots put the pace, rounded up, in a window; only a burst meets the cap.
			const cap = Math.ceil(perSecond * (WINDOW_MS / 1000));
			for (let wait = this.windowFullFor(cap); wait > 0 && this.pausedFor() === 0; wait = this.windowFullFor(cap)) {
				await this.clock.sleep(wait, signal);
			}
			// A 429 that came while this caller waited holds it too.
			if (this.pausedFor() > 0) continue;
			this.sent.push(this.clock.now());
			return;
		}
	}

	/** How long until fewer than `cap` requests left in the trailing window (0: now). */
	private windowFullFor(cap: number): number {
		const now = this.clock.now();
		while (this.sent.length > 0 && this.sent[0] <= now - WINDOW_MS) this.sent.shift();
		if (this.sent.length < cap) return 0;
		return this.sent[this.sent.length - cap] + WINDOW_MS - now;
	}

	/** VTEX answered 429 and the request will be repeated: hold the account for `retryAfterMs`. */
	rateLimited(retryAfterMs: number): void {
		const now = this.clock.now();
		if (now >= this.episodeUntil) {
			this.speedAfter429 = Math.max(SLOWEST, this.speed(now) * SLOWDOWN_AFTER_429);
			this.last429At = now;
		}
		this.episodeUntil = Math.max(this.episodeUntil, now + Math.max(retryAfterMs, EPISODE_MS));
		this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
	}
}

const gates = new Map<string, RateGate>();

/**
 * The gate for one account, keyed by its API root (base URL): VTEX counts requests per account,
 * whichever app key sends them. The key never holds a secret.
 */
export function rateGateFor(accountKey: string): RateGate {
	let gate = gates.get(accountKey);
	if (!gate) {
		gate = new RateGate();
		gates.set(accountKey, gate);
	}
	return gate;
}
