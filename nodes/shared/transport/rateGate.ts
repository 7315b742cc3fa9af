import { sleepUnlessAborted } from '../sleep';

/** Time as the pacing sees it; tests give it a virtual clock. */
export interface GateClock {
	now(): number;
	/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const systemClock: GateClock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleepUnlessAborted(ms, signal),
};

/**
 * The share of a budget requests are sent at. Requests leave evenly spaced, but they reach VTEX
 * with some jitter (event loop, network), and a limit counted over a sliding window sees two
 * requests that arrive close together as a burst: 5 % of headroom absorbs about 50 ms of it.
 */
export const PACING_SHARE = 0.95;

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

/**
 * VTEX's limits "vary throughout the day and are not disclosed" (developers.vtex.com/docs/guides/
 * how-to-load-test-a-store): the
 * 6,000 a minute of Requests per Minute is a ceiling, not a promise. So the account's pace is
 * learned from the answers, additive increase and multiplicative decrease as TCP does:
 *
 * - a lone 429 says little: VTEX also answers 429 for limits of a route or an IP, now and then,
 *   and the request that met it waits its Retry-After anyway; it lowers the pace by 2 % only, so
 *   scattered refusals do not drag the pace down while a pace just above the limit still comes
 *   down. 429s that are several and at least 5 % of the last second's answers say the account
 *   is over its limit (two 429s among a hundred answers are still passing refusals): they lower
 *   the pace once per episode (the 429s of requests already in flight belong to the same
 *   episode). When the account was sending near its pace (at least half of it answered in the
 *   last second), what VTEX accepted in that second is its limit, and the pace drops to 90 % of it. In the process's first second nothing is known yet: the pace
 *   halves. Otherwise the 429 says little about this pace (light traffic, another of VTEX's limits):
 *   the pace drops by 10 %;
 * - lone 429s that keep coming are a limit too: three or more in the trailing ten seconds that
 *   make at least 1 % of its answers are an episode as above. A pace that grows back 2 % above a
 *   real limit meets a lone 429 every couple of seconds; passing refusals are rarer than that (the
 *   go-live rehearsal's fault mix makes one 429 in 300 answers);
 * - the pace then grows back by 1 % of the learned limit each second, so it probes the limit
 *   again only every ten seconds or so and settles near it with few 429s; after 30 seconds without
 *   a 429 it grows by 5 % a second, so a limit VTEX raised again is found within a minute or two.
 *
 * The request that met the 429 waits its Retry-After by itself; the others go on at the lower pace.
 */
const DECREASE_TO_OBSERVED = 0.9;
const DECREASE_BLIND = 0.5;
const DECREASE_IDLE = 0.9;
const DECREASE_LONE = 0.98;
/** Sending near the pace: at least this share of it answered in the last second. */
const PUSHING_SHARE = 0.5;
const INCREASE_SHARE_PER_SECOND = 0.01;
const PATIENCE_MS = 30_000;
const INCREASE_SHARE_PER_SECOND_AFTER_PATIENCE = 0.05;
/** The slowest pace learning may reach, in requests per second. */
const SLOWEST_PER_SECOND = 0.2;
/** 429s within the trailing second that say the account is over its limit (one alone does not)… */
const REFUSALS_FOR_A_LIMIT = 2;
/** …when they are at least this share of the second's answers. */
const REFUSED_SHARE_FOR_A_LIMIT = 0.05;
/** Lone 429s within the trailing `LONG_WINDOW_MS` that say the pace keeps meeting a limit… */
const LONE_REFUSALS_FOR_A_LIMIT = 3;
/** …when they are at least this share of that window's answers. */
const LONE_REFUSED_SHARE_FOR_A_LIMIT = 0.01;
const LONG_WINDOW_MS = 10_000;
/** 429s closer together than this (or than two round trips) are one episode. */
const EPISODE_MS = 1_000;
/** VTEX's published limit: "each VTEX account can make up to 6000 requests per minute" (Orders API reference). */
const PUBLISHED_PER_MINUTE = 6_000;
/** A ceiling a caller announced is forgotten after this long without requests. */
const CEILING_MEMORY_MS = 60_000;
/** Weight of the newest exchange in the latency average. */
const LATENCY_WEIGHT = 0.1;
/** Requests in flight: the pace times the latency, with this much headroom for spikes and stalls. */
const IN_FLIGHT_HEADROOM = 2;
const IN_FLIGHT_EXTRA = 2;

/**
 * One per VTEX account in this n8n process, shared by every request to it (all items, all node
 * runs, every credential of that account, the feed trigger), and kept across executions, so what
 * it learned about VTEX's limit holds for the next execution too.
 */
export class AccountPace {
	readonly pacer: Pacer;

	/** The pace learned from the last 429 episode, per second, and when; undefined: none yet. */
	private learned?: { perSecond: number; at: number; limit: number };

	private episodeUntil = Number.NEGATIVE_INFINITY;

	/** The last lone 429 and the pace just before it. */
	private loneRefusal?: { at: number; pace: number };

	private firstSentAt = Number.NEGATIVE_INFINITY;

	/** When the answers that were not 429, and the 429s, arrived in the trailing second. */
	private readonly accepted: number[] = [];

	private readonly refused: number[] = [];

	/** When every answer, and every 429 outside an episode, of the trailing ten seconds arrived. */
	private readonly answeredLong: number[] = [];

	private readonly refusedLong: number[] = [];

	/** The Requests per Minute of recent callers, and when each was last seen. */
	private readonly ceilings = new Map<number, number>();

	private latencyMs?: number;

	constructor(private readonly clock: GateClock = systemClock) {
		this.pacer = new Pacer((now) => this.perSecond(now), clock);
	}

	/** Waits for the account's turn. `requestsPerMinute` is the caller's budget; above 6,000 it raises the ceiling. */
	async acquire(requestsPerMinute: number, signal?: AbortSignal): Promise<void> {
		const now = this.clock.now();
		this.ceilings.set(requestsPerMinute, now);
		if (this.firstSentAt === Number.NEGATIVE_INFINITY) this.firstSentAt = now;
		await this.pacer.acquire(signal);
	}

	/** The account's pace now, in requests per second. */
	perSecond(now: number = this.clock.now()): number {
		const ceiling = this.ceilingPerSecond(now);
		if (!this.learned) return ceiling;
		const since = now - this.learned.at;
		const grown =
			this.learned.perSecond +
			(this.learned.limit *
				(Math.min(since, PATIENCE_MS) * INCREASE_SHARE_PER_SECOND +
					Math.max(0, since - PATIENCE_MS) * INCREASE_SHARE_PER_SECOND_AFTER_PATIENCE)) /
				1000;
		if (grown >= ceiling) {
			// Back at the ceiling: nothing learned holds any more.
			this.learned = undefined;
			return ceiling;
		}
		return grown;
	}

	/** An answer came back (`rateLimited`: a 429) after `latencyMs`. */
	answered(rateLimited: boolean, latencyMs: number): void {
		const now = this.clock.now();
		this.latencyMs =
			this.latencyMs === undefined
				? latencyMs
				: this.latencyMs + (latencyMs - this.latencyMs) * LATENCY_WEIGHT;
		for (const times of [this.accepted, this.refused])
			while (times.length > 0 && times[0] <= now - 1000) times.shift();
		for (const times of [this.answeredLong, this.refusedLong])
			while (times.length > 0 && times[0] <= now - LONG_WINDOW_MS) times.shift();
		(rateLimited ? this.refused : this.accepted).push(now);
		this.answeredLong.push(now);
		if (!rateLimited || now < this.episodeUntil) return;
		this.refusedLong.push(now);
		if (!this.overTheLimit() && !this.keepsMeetingALimit()) {
			const before = this.perSecond(now);
			this.loneRefusal = { at: now, pace: before };
			this.learned = {
				perSecond: Math.max(SLOWEST_PER_SECOND, before * DECREASE_LONE),
				at: now,
				limit: Math.max(SLOWEST_PER_SECOND, before),
			};
			return;
		}
		// The pace before a lone 429 of this same second is the one the account was over.
		const current =
			this.loneRefusal && now - this.loneRefusal.at < 1000
				? this.loneRefusal.pace
				: this.perSecond(now);
		const known = now - this.firstSentAt >= 1000;
		const pushing = this.accepted.length + this.refused.length >= current * PUSHING_SHARE;
		let perSecond: number;
		let limit: number;
		if (!known) {
			perSecond = current * DECREASE_BLIND;
			limit = perSecond;
		} else if (pushing && this.accepted.length > 0) {
			// What VTEX accepted in the last second, while the account pushed, is its limit.
			limit = Math.min(current, this.accepted.length);
			perSecond = limit * DECREASE_TO_OBSERVED;
		} else {
			perSecond = current * DECREASE_IDLE;
			limit = current;
		}
		this.learned = {
			perSecond: Math.max(SLOWEST_PER_SECOND, perSecond),
			at: now,
			limit: Math.max(SLOWEST_PER_SECOND, limit),
		};
		this.episodeUntil = now + Math.max(EPISODE_MS, 2 * (this.latencyMs ?? 0));
		// The next episode of lone 429s is counted from here.
		this.refusedLong.length = 0;
	}

	/**
	 * Whether the 429s of the trailing second say the account is over its limit: several of them,
	 * and a share of the answers no passing refusal makes (an account over its limit by 10 % sees
	 * one answer in ten refused; the go-live rehearsal's fault mix, two 429s sixty requests apart).
	 */
	private overTheLimit(): boolean {
		const refused = this.refused.length;
		return (
			refused >= REFUSALS_FOR_A_LIMIT &&
			refused >= (refused + this.accepted.length) * REFUSED_SHARE_FOR_A_LIMIT
		);
	}

	/** Whether lone 429s keep coming: several in ten seconds, a share of its answers no passing refusal makes. */
	private keepsMeetingALimit(): boolean {
		const refused = this.refusedLong.length;
		return (
			refused >= LONE_REFUSALS_FOR_A_LIMIT &&
			refused >= this.answeredLong.length * LONE_REFUSED_SHARE_FOR_A_LIMIT
		);
	}

	/**
	 * How many requests should be in flight to keep the pace: the pace times the observed latency,
	 * with headroom; `perSecondCap` is a lower pace of the caller's own.
	 */
	inFlightFor(perSecondCap: number = Number.POSITIVE_INFINITY): number | undefined {
		if (this.latencyMs === undefined) return undefined;
		const perSecond = Math.min(this.perSecond(), perSecondCap);
		return Math.ceil(perSecond * (this.latencyMs / 1000) * IN_FLIGHT_HEADROOM) + IN_FLIGHT_EXTRA;
	}

	/**
	 * The account's ceiling, as a pace per second: VTEX's published 6,000 a minute, or the highest
	 * Requests per Minute a caller gave in the last minute when that is more (an account VTEX allows
	 * more). A caller asking for less is paced by its own pacer, never by the account's.
	 */
	ceilingPerSecond(now: number = this.clock.now()): number {
		let highest = PUBLISHED_PER_MINUTE;
		for (const [perMinute, seenAt] of this.ceilings) {
			if (seenAt < now - CEILING_MEMORY_MS) this.ceilings.delete(perMinute);
			else highest = Math.max(highest, perMinute);
		}
		return (highest / 60) * PACING_SHARE;
	}
}

const accounts = new Map<string, AccountPace>();

/**
 * The pace of one account, keyed by its API root (base URL): VTEX counts requests per account,
 * whichever app key sends them. The key never holds a secret.
 */
export function accountPaceFor(accountKey: string): AccountPace {
	let pace = accounts.get(accountKey);
	if (!pace) {
		pace = new AccountPace();
		accounts.set(accountKey, pace);
	}
	return pace;
}

/**
 * A node's own pace, when its Requests per Minute is below the account's ceiling: its requests wait
 * for it first, then for the account's turn, so a workflow that asks for 6 a minute slows only
 * itself.
 * Keyed by workflow and node, and kept across executions, so 6 a minute holds across runs too.
 */
interface NodePace {
	perMinute: number;
	pacer: Pacer;
}

const nodePacers = new Map<string, NodePace>();

export function nodePacerFor(nodeKey: string, requestsPerMinute: number): Pacer {
	let entry = nodePacers.get(nodeKey);
	if (!entry) {
		const created: NodePace = {
			perMinute: requestsPerMinute,
			pacer: new Pacer((): number => (created.perMinute / 60) * PACING_SHARE),
		};
		nodePacers.set(nodeKey, created);
		entry = created;
	}
	entry.perMinute = requestsPerMinute;
	return entry.pacer;
}
