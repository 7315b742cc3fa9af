import type { GateClock } from './pacer';
import { Pacer, systemClock } from './pacer';

export { Pacer } from './pacer';
export type { GateClock } from './pacer';

/**
 * The share of a budget requests are sent at. Requests leave evenly spaced, but they reach VTEX
 * with some jitter (event loop, network), and a limit counted over a sliding window sees two
 * requests that arrive close together as a burst: 5 % of headroom absorbs about 50 ms of it.
 */
export const PACING_SHARE = 0.95;

/**
 * VTEX's limits "vary throughout the day and are not disclosed" (developers.vtex.com/docs/guides/
 * how-to-load-test-a-store), so the account's pace is learned from its 429s with CUBIC
 * (RFC 9438), the law AWS SDKs' "adaptive" retry mode uses to pace requests: a 429 lowers the pace
 * once per episode (the 429s of requests sent before that decrease belong to it, as TCP reduces
 * once per window), to what the account accepted in the last second (a limit accepts up to
 * itself: lower would leave it unused, as TCP Westwood sets its rate to the bandwidth it measured),
 * but never below 0.7 of the pace (CUBIC's β); the pace then grows back along a cubic curve, concave
 * up to the pace that met the limit, which it reaches after K seconds and where it lingers, then
 * convex, so a limit that rose is found within seconds. A limit refuses what is above it, so the
 * refusal share of the requests sent after a decrease falls; when the next 429 finds that share
 * not lower, the refusals did not follow the pace: they are noise, the decrease is undone, and
 * refusals up to that share no longer lower the pace. Several processes on one account each see
 * the account's 429s: multiplicative decrease brings them towards fair shares (Chiu & Jain, 1989).
 */
/** CUBIC's multiplicative decrease, β (RFC 9438 section 4.6; AWS's adaptive mode uses it too). */
const DECREASE = 0.7;
/** CUBIC's growth constant, C, per second cubed (RFC 9438 section 5; AWS's adaptive mode too). */
const GROWTH = 0.4;
/** The slowest pace, per second: AWS's adaptive mode's minimum fill rate. */
const SLOWEST_PER_SECOND = 0.5;
/** VTEX's published limit: "each VTEX account can make up to 6000 requests per minute" (Orders API reference). */
const PUBLISHED_PER_MINUTE = 6_000;
/** A ceiling a caller announced is forgotten after this long without requests (a minute, the published limit's own window). */
const CEILING_MEMORY_MS = 60_000;
/** What the account accepted is counted over a second: the pace is a rate per second. */
const SECOND_MS = 1_000;
/** Weight of the newest exchange in the latency average (RFC 6298's α for round-trip times is 1/8). */
const LATENCY_WEIGHT = 1 / 8;
/** In flight: pace × latency (Little's law), doubled for a latency that doubles, plus two spare. */
const IN_FLIGHT_HEADROOM = 2;
const IN_FLIGHT_EXTRA = 2;

/** The cubic curve since the last decrease: pace(t) = GROWTH (t − K)³ + limit, t in seconds. */
interface Curve {
	/** The pace that met the limit (after RFC 9438's fast convergence). */
	limit: number;
	at: number;
	kSeconds: number;
}

/** Requests sent since `since` that were answered, and how many of them with a 429. */
interface Episode {
	since: number;
	answered: number;
	refused: number;
}

/**
 * One per VTEX account in this n8n process, shared by every request to it (all items, all node
 * runs, every credential of that account, the feed trigger), and kept across executions, so what
 * it learned about VTEX's limit holds for the next execution too.
 */
export class AccountPace {
	readonly pacer: Pacer;

	/** Undefined: no limit met (or grown past it): the pace is the ceiling. */
	private curve?: Curve;

	private episode: Episode = { since: Number.NEGATIVE_INFINITY, answered: 0, refused: 0 };

	/** The state before the last decrease, until the next 429 judges it. */
	private beforeDecrease?: { curve?: Curve; episode: Episode };

	/** The refusal share shown not to follow the pace. */
	private noiseShare = 0;

	/** A declared outage (a 5xx with Retry-After): nobody sends before this. */
	private pausedUntil = Number.NEGATIVE_INFINITY;

	/** The Requests per Minute of recent callers, and when each was last seen. */
	private readonly ceilings = new Map<number, number>();

	/** When the answers of the last second that were accepted came. */
	private readonly acceptedAt: number[] = [];

	private latencyMs?: number;

	constructor(private readonly clock: GateClock = systemClock) {
		this.pacer = new Pacer((now) => this.perSecond(now), clock);
	}

	/**
	 * Waits for the account's turn; returns when the request left, for `answered`.
	 * `requestsPerMinute` is the caller's budget; above 6,000 it raises the ceiling.
	 */
	async acquire(requestsPerMinute: number, signal?: AbortSignal): Promise<number> {
		this.ceilings.set(requestsPerMinute, this.clock.now());
		while (this.clock.now() < this.pausedUntil)
			await this.clock.sleep(this.pausedUntil - this.clock.now(), signal);
		await this.pacer.acquire(signal);
		return this.clock.now();
	}

	/** VTEX declared an outage with Retry-After: every request of the account waits it out. */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
	}

	/** The account's pace now, in requests per second. */
	perSecond(now: number = this.clock.now()): number {
		const ceiling = this.ceilingPerSecond(now);
		if (!this.curve) return ceiling;
		const t = (now - this.curve.at) / 1000 - this.curve.kSeconds;
		const pace = GROWTH * t ** 3 + this.curve.limit;
		// Grown back past the ceiling: nothing learned holds any more.
		if (pace >= ceiling && t > 0) this.curve = undefined;
		return Math.max(SLOWEST_PER_SECOND, Math.min(pace, ceiling));
	}

	/** The request that left at `sentAt` (from `acquire`) was answered (`rateLimited`: a 429). */
	answered(sentAt: number, rateLimited: boolean): void {
		const now = this.clock.now();
		const latencyMs = now - sentAt;
		this.latencyMs =
			this.latencyMs === undefined
				? latencyMs
				: this.latencyMs + (latencyMs - this.latencyMs) * LATENCY_WEIGHT;
		const current = this.episode;
		const episode = sentAt >= current.since ? current : this.beforeDecrease?.episode;
		if (!episode) return;
		episode.answered++;
		if (rateLimited) episode.refused++;
		else this.acceptedAt.push(now);
		// A 429 of a request sent before the last decrease belongs to that decrease's episode.
		if (!rateLimited || episode !== current) return;
		const before = this.beforeDecrease;
		// The first answers after a decrease may still meet the limit's memory of the overshoot:
		// the decrease is judged once one of them was accepted.
		if (before && current.answered > current.refused) {
			this.beforeDecrease = undefined;
			const belowLastLimit = this.curve && sentAt < this.curve.at + this.curve.kSeconds * 1000;
			if (belowLastLimit && shareOf(current) >= shareOf(before.episode)) {
				// A 429 below the pace that met the limit, and a share that did not fall: noise.
				this.curve = before.curve;
				this.episode = {
					since: before.episode.since,
					answered: before.episode.answered + current.answered,
					refused: before.episode.refused + current.refused,
				};
				this.noiseShare = shareOf(this.episode);
				return;
			}
			// A limit. The whole episode before it, the limit's refusals included, bounds the noise.
			this.noiseShare = Math.min(this.noiseShare, shareOf(before.episode));
		}
		// Refusals up to the share shown to be noise are not a limit.
		if (current.refused <= current.answered * this.noiseShare) return;
		this.decrease(now, current);
	}

	private decrease(now: number, closing: Episode): void {
		const pace = this.perSecond(now);
		const previousLimit = this.curve?.limit ?? Number.POSITIVE_INFINITY;
		// A limit refuses what is above it: what it accepted in the last second is no more than the
		// limit, so the pace need not fall below it (TCP Westwood's rule); nor below β of itself.
		const factor = Math.min(1, Math.max(DECREASE, this.acceptedInLastSecond(now) / pace));
		// Fast convergence (RFC 9438 section 4.7): below the last limit, another sender needs room.
		const limit = pace < previousLimit ? (pace * (1 + factor)) / 2 : pace;
		const lowered = pace * factor;
		this.beforeDecrease = { curve: this.curve, episode: closing };
		this.curve = { limit, at: now, kSeconds: Math.cbrt((limit - lowered) / GROWTH) };
		this.episode = { since: now, answered: 0, refused: 0 };
	}

	private acceptedInLastSecond(now: number): number {
		while (this.acceptedAt.length > 0 && this.acceptedAt[0] <= now - SECOND_MS)
			this.acceptedAt.shift();
		return this.acceptedAt.length;
	}

	/**
	 * How many requests should be in exchange with VTEX to keep the pace: the pace times the observed
	 * latency, with headroom; `perSecondCap` is a lower pace of the caller's own.
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

function shareOf(episode: Episode): number {
	return episode.answered === 0 ? 0 : episode.refused / episode.answered;
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
