import type { GateClock } from '../../../../nodes/shared/transport/rateGate';
import { AccountPace, Pacer } from '../../../../nodes/shared/transport/rateGate';
import { seeded } from '../../../../scripts/bench/limits/limiters';

/**
 * A clock that moves only when the test says, so the gate's timing is checked exactly and
 * without waiting. `stall` moves time on without waking anyone, as a blocked event loop does;
 * `stallAt` does it at a given time, between two wake-ups.
 */
class VirtualClock implements GateClock {
	time = 1_000_000;

	private timers: Array<{ at: number; wake: () => void }> = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number, signal?: AbortSignal): Promise<void> {
		await new Promise<void>((wake, fail) => {
			const timer = { at: this.time + ms, wake };
			this.timers.push(timer);
			signal?.addEventListener('abort', () => {
				this.timers = this.timers.filter((other) => other !== timer);
				fail(signal.reason);
			});
		});
	}

	stall(ms: number): void {
		this.time += ms;
	}

	stallAt(at: number, ms: number): void {
		this.timers.push({ at, wake: () => this.stall(ms) });
	}

	/** Runs timers in time order until `done` settles. */
	async runUntil(done: Promise<unknown>): Promise<void> {
		let finished = false;
		void done.finally(() => (finished = true));
		for (;;) {
			for (let flush = 0; flush < 20; flush++) await Promise.resolve();
			if (finished) return;
			this.timers.sort((a, b) => a.at - b.at);
			const next = this.timers.shift();
			if (!next) throw new Error('nothing left to wake, but the work is not done');
			if (this.timers.length > 1000)
				throw new Error('more than 1,000 timers at once: one per waiter?');
			this.time = Math.max(this.time, next.at);
			next.wake();
		}
	}
}

/** The most requests any window of `windowMs` holds. */
function busiestWindow(times: number[], windowMs = 1000): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let start = 0, end = 0; start < sorted.length; start++) {
		while (end < sorted.length && sorted[end] < sorted[start] + windowMs) end++;
		most = Math.max(most, end - start);
	}
	return most;
}

/** `count` callers, `inFlight` at a time, each acquiring once; when each was let through. */
async function drive(
	clock: VirtualClock,
	acquire: () => Promise<void>,
	count: number,
	options: { inFlight?: number; onSent?: (index: number) => void } = {},
) {
	const sentAt: number[] = [];
	let next = 0;
	const caller = async () => {
		while (next < count) {
			const index = next++;
			await acquire();
			sentAt[index] = clock.now();
			options.onSent?.(index);
		}
	};
	await clock.runUntil(Promise.all(Array.from({ length: options.inFlight ?? 20 }, caller)));
	return sentAt;
}

describe('Pacer (virtual clock)', () => {
	let clock: VirtualClock;
	beforeEach(() => (clock = new VirtualClock()));

	it('spaces requests evenly to its pace, one timer for all waiters', async () => {
		const pacer = new Pacer(() => 95, clock);
		const start = clock.now();
		const sentAt = await drive(clock, async () => await pacer.acquire(), 500, { inFlight: 200 });
		for (let index = 1; index < sentAt.length; index++)
			expect(sentAt[index] - sentAt[index - 1]).toBeCloseTo(1000 / 95, 5);
		expect(busiestWindow(sentAt)).toBeLessThanOrEqual(95);
		expect(sentAt.at(-1)! - start).toBeLessThan((500 / 95) * 1000);
	});

	it('keeps at most the pace in any second when the event loop stalls, and makes up for the stall', async () => {
		const pacer = new Pacer(() => 95, clock);
		const start = clock.now();
		// Stall for 200 ms every 700 ms: the requests due meanwhile leave right after it.
		for (let at = clock.now() + 400; at < clock.now() + 20_000; at += 700) clock.stallAt(at, 200);
		const sentAt = await drive(clock, async () => await pacer.acquire(), 1000);
		expect(sentAt.filter(Number.isFinite)).toHaveLength(1000);
		expect(busiestWindow(sentAt)).toBeLessThanOrEqual(95);
		expect(busiestWindow(sentAt, 5)).toBeGreaterThan(5);
		// The pace held over the whole run despite the stalls.
		expect((1000 / (sentAt.at(-1)! - start)) * 1000).toBeGreaterThan(90);
	});

	it('does not make up for a long idle time with a burst', async () => {
		const pacer = new Pacer(() => 95, clock);
		await clock.runUntil(pacer.acquire());
		clock.stall(10_000);
		const sentAt = await drive(clock, async () => await pacer.acquire(), 100);
		expect(busiestWindow(sentAt, 5)).toBe(1);
	});

	it('follows a pace that changes while requests wait, and wakes early when it rises', async () => {
		let pace = 0.1;
		const pacer = new Pacer(() => pace, clock);
		const slow = drive(clock, async () => await pacer.acquire(), 2, { inFlight: 1 });
		// The second request waits for a 10 s slot; the pace then rises to 10 a second.
		const sentAt: number[] = [];
		const done = (async () => {
			await Promise.resolve();
			pace = 10;
			await pacer.acquire();
			sentAt.push(clock.now());
		})();
		const start = clock.now();
		await slow;
		await clock.runUntil(done);
		expect(sentAt[0] - start).toBeLessThanOrEqual(300);
	});

	it('lets an aborted waiter go without holding the others', async () => {
		const pacer = new Pacer(() => 1, clock);
		await pacer.acquire();
		const controller = new AbortController();
		const aborted = pacer.acquire(controller.signal).catch((error: unknown) => error);
		controller.abort(new Error('canceled'));
		expect(await aborted).toEqual(new Error('canceled'));
		expect(pacer.queued).toBe(0);
	});
});

/**
 * Senders that each follow their own AccountPace (as n8n processes on one account do), sending
 * whenever their pace allows and hearing each answer `latencyMs` later, all behind one limit: a
 * sliding one-second window of `limitAt(t)` accepted requests, plus `noise` of random 429s.
 * Event-driven in virtual time; `stopAt`/`startAt` take a sender out or bring it in.
 */
function simulate(options: {
	seconds: number;
	limitAt: (ms: number) => number;
	senders?: Array<{ startAt?: number; stopAt?: number }>;
	noise?: number;
	latencyMs?: number;
	seed?: number;
}) {
	const clock = new VirtualClock();
	const start = clock.now();
	const random = seeded(options.seed ?? 1);
	const latencyMs = options.latencyMs ?? 100;
	const senders = (options.senders ?? [{}]).map((plan) => ({
		plan,
		pace: new AccountPace(clock),
		nextSend: start + (plan.startAt ?? 0),
	}));
	const answers: Array<{ at: number; sender: number; sentAt: number; refused: boolean }> = [];
	const window: number[] = [];
	/** Accepted requests per sender and per second, and the senders' paces each second. */
	const accepted = senders.map(() => [] as number[]);
	const paces = senders.map(() => [] as number[]);
	const end = start + options.seconds * 1000;
	let nextSample = start;
	for (;;) {
		const sendAt = Math.min(...senders.map((sender) => sender.nextSend));
		const answerAt = answers.length > 0 ? answers[0].at : Number.POSITIVE_INFINITY;
		const at = Math.min(sendAt, answerAt, nextSample);
		if (at >= end) break;
		clock.time = at;
		if (at === nextSample) {
			senders.forEach((sender, index) => paces[index].push(sender.pace.perSecond()));
			nextSample += 1000;
		} else if (answerAt <= sendAt) {
			const answer = answers.shift()!;
			senders[answer.sender].pace.answered(answer.sentAt, answer.refused);
		} else {
			const index = senders.findIndex((sender) => sender.nextSend === sendAt);
			const sender = senders[index];
			const stopped = sender.plan.stopAt !== undefined && at - start >= sender.plan.stopAt;
			if (stopped) {
				sender.nextSend = Number.POSITIVE_INFINITY;
				continue;
			}
			while (window.length > 0 && window[0] <= at - 1000) window.shift();
			let refused = random() < (options.noise ?? 0);
			if (!refused && window.length < options.limitAt(at - start)) window.push(at);
			else refused = true;
			if (!refused) {
				const second = Math.floor((at - start) / 1000);
				accepted[index][second] = (accepted[index][second] ?? 0) + 1;
			}
			answers.push({ at: at + latencyMs, sender: index, sentAt: at, refused });
			answers.sort((x, y) => x.at - y.at);
			sender.nextSend = at + 1000 / sender.pace.perSecond();
		}
	}
	const perSecond = (second: number, only?: number) =>
		accepted
			.filter((_, index) => only === undefined || index === only)
			.reduce((sum, counts) => sum + (counts[second] ?? 0), 0);
	/** Accepted per second over [from, to) seconds, all senders or one. */
	const rate = (from: number, to: number, only?: number) => {
		let sum = 0;
		for (let second = from; second < to; second++) sum += perSecond(second, only);
		return sum / (to - from);
	};
	return { rate, perSecond, paces };
}

/** The first second, from `from`, in which the senders together had `target` accepted. */
function firstSecondReaching(run: ReturnType<typeof simulate>, from: number, target: number) {
	for (let second = from; second < from + 120; second++)
		if (run.perSecond(second) >= target) return second;
	return Number.POSITIVE_INFINITY;
}

describe('AccountPace (virtual clock)', () => {
	let clock: VirtualClock;
	let pace: AccountPace;
	beforeEach(() => {
		clock = new VirtualClock();
		pace = new AccountPace(clock);
	});

	it("paces at 95 % of VTEX's 6,000 a minute, or of a caller's higher Requests per Minute", async () => {
		// A caller that asks for less has a pacer of its own; the account's ceiling stays.
		await clock.runUntil(pace.acquire(600));
		expect(pace.perSecond()).toBeCloseTo(95, 5);
		await clock.runUntil(pace.acquire(12_000));
		expect(pace.perSecond()).toBeCloseTo(190, 5);
		// A caller that stops calling no longer raises the ceiling after a minute.
		clock.stall(61_000);
		await clock.runUntil(pace.acquire(600));
		expect(pace.perSecond()).toBeCloseTo(95, 5);
	});

	it('lowers the pace to 0.7 of itself on a 429, once per episode', async () => {
		const sentBefore = await pace.acquire(6000);
		clock.stall(100);
		pace.answered(sentBefore, true);
		expect(pace.perSecond()).toBeCloseTo(95 * 0.7, 5);
		// The 429s of requests sent before the decrease belong to it (as TCP reduces once per window).
		pace.answered(sentBefore, true);
		pace.answered(sentBefore, true);
		expect(pace.perSecond()).toBeCloseTo(95 * 0.7, 5);
		// A 429 of a request sent after it is a new episode.
		const sentAfter = clock.now();
		clock.stall(100);
		pace.answered(sentAfter, true);
		expect(pace.perSecond()).toBeLessThan(95 * 0.7 * 0.7 + 1);
	});

	it('lowers the pace no further than what the last second accepted: a limit accepts up to itself', async () => {
		// 90 answers accepted over the last second, at the ceiling of 95 a second: then a 429.
		for (let answer = 0; answer < 90; answer++) {
			const sent = clock.now();
			clock.stall(10);
			pace.answered(sent, false);
		}
		const sent = clock.now();
		clock.stall(10);
		pace.answered(sent, true);
		// 90 of 95 is above 0.7: the pace goes to what was accepted, not to 0.7 of itself.
		expect(pace.perSecond()).toBeCloseTo(90, 0);
		// Only 20 accepted in the last second (a limit far below the pace): never below 0.7 of it.
		const other = new AccountPace(clock);
		for (let answer = 0; answer < 20; answer++) other.answered(clock.now() - 5, false);
		const first = clock.now();
		clock.stall(10);
		other.answered(first, true);
		expect(other.perSecond()).toBeCloseTo(95 * 0.7, 5);
	});

	it('grows back along a cubic: concave up to the pace that met the limit, then convex', async () => {
		const sent = await pace.acquire(6000);
		// A limit met at 50 a second: the first episode, so no fast convergence.
		for (let answer = 0; answer < 50; answer++) pace.answered(sent - 1, false);
		clock.stall(1000);
		(pace as unknown as { curve?: unknown }).curve = undefined;
		const at50 = { limit: 50, at: clock.now(), kSeconds: Math.cbrt((50 * 0.3) / 0.4) };
		(pace as unknown as { curve?: unknown }).curve = at50;
		// K = ∛(W (1 − β) / C) = ∛(50 × 0.3 / 0.4) ≈ 3.35 s.
		expect(pace.perSecond()).toBeCloseTo(35, 5);
		clock.stall(1_000);
		const afterOne = pace.perSecond();
		clock.stall(1_000);
		const afterTwo = pace.perSecond();
		// Concave: the second second adds less than the first.
		expect(afterTwo - afterOne).toBeLessThan(afterOne - 35);
		clock.stall(1_350);
		expect(pace.perSecond()).toBeCloseTo(50, 1);
		clock.stall(1_000);
		expect(pace.perSecond()).toBeLessThan(51);
		// Convex past it: a limit that rose is found within seconds.
		clock.stall(4_000);
		expect(pace.perSecond()).toBeGreaterThan(80);
	});

	it('settles near a steady limit with few 429s', () => {
		const run = simulate({ seconds: 60, limitAt: () => 40 });
		expect(run.rate(10, 60)).toBeGreaterThan(0.85 * 40);
	});

	it.each([
		[60, 15],
		[60, 5],
	])('finds a limit that went %i → %i → back within 10 s', (high, low) => {
		const run = simulate({
			seconds: 60,
			limitAt: (ms) => (ms >= 20_000 && ms < 40_000 ? low : high),
		});
		// Down with the limit: the lower limit is used, not overrun for long.
		expect(run.rate(25, 40)).toBeGreaterThan(0.8 * low);
		expect(Math.max(...run.paces[0].slice(30, 40))).toBeLessThan(2.5 * low);
		// Back: a second with 0.8 of the raised limit accepted within 10 s of the raise.
		expect(firstSecondReaching(run, 40, 0.8 * high) - 40).toBeLessThanOrEqual(10);
	});

	it.each([0.01, 0.03, 0.1])('does not let %p of random 429s drag the pace down', (noise) => {
		// No limit below the ceiling: every 429 is noise, at a share the pace does not know.
		const run = simulate({ seconds: 60, limitAt: () => 1_000, noise });
		expect(run.rate(10, 60)).toBeGreaterThan(0.85 * 95 * (1 - noise));
	});

	it('still finds a limit under random 429s', () => {
		const run = simulate({ seconds: 60, limitAt: () => 50, noise: 0.03 });
		expect(run.rate(10, 60)).toBeGreaterThan(0.85 * 50 * 0.97);
		// Not above it for long: the paces stay near the limit.
		const paces = run.paces[0].slice(10);
		expect(paces.reduce((a, b) => a + b, 0) / paces.length).toBeLessThan(1.3 * 50);
	});

	it('lets processes on one account use its limit together, and survivors take the share of one that stopped', () => {
		const run = simulate({
			seconds: 90,
			limitAt: () => 50,
			senders: [{ stopAt: 45_000 }, { startAt: 150 }, { startAt: 300 }],
		});
		expect(run.rate(10, 45)).toBeGreaterThan(0.85 * 50);
		// Every process keeps a part of it (each one's own 429s make it back off, then probe again).
		for (const sender of [0, 1, 2]) expect(run.rate(10, 45, sender)).toBeGreaterThan(1);
		// One stops: the other two take its share.
		expect(run.rate(55, 90)).toBeGreaterThan(0.85 * 50);
	});

	it('lets a process that joins late probe up to its share, and one alone use the whole limit', () => {
		const run = simulate({
			seconds: 80,
			limitAt: () => 50,
			senders: [{ stopAt: 60_000 }, { startAt: 20_000 }],
		});
		expect(run.rate(5, 20, 0)).toBeGreaterThan(0.85 * 50);
		expect(run.rate(35, 60, 1)).toBeGreaterThan(0.3 * 50);
		expect(run.rate(35, 60)).toBeGreaterThan(0.85 * 50);
		expect(run.rate(68, 80, 1)).toBeGreaterThan(0.85 * 50);
	});

	it.each([1, 2, 3, 4, 5])('uses a limit that drops under 3 %% random 429s (seed %i)', (seed) => {
		const run = simulate({
			seconds: 60,
			limitAt: (ms) => (ms < 30_000 ? 60 : 20),
			noise: 0.03,
			seed,
		});
		expect(run.rate(40, 60)).toBeGreaterThan(0.85 * 20 * 0.97);
	});

	it.each([1, 2, 3, 4, 5])('uses a 30/s limit under 5 %% random 429s (seed %i)', (seed) => {
		const run = simulate({ seconds: 60, limitAt: () => 30, noise: 0.05, seed });
		expect(run.rate(10, 60)).toBeGreaterThan(0.85 * 30 * 0.95);
	});

	it('lets 4 processes on one account use its limit together', () => {
		const senders = [{}, { startAt: 100 }, { startAt: 200 }, { startAt: 300 }];
		const run = simulate({ seconds: 60, limitAt: () => 50, senders });
		expect(run.rate(10, 60)).toBeGreaterThan(0.85 * 50);
	});

	// Known misses, kept as tests that fail today (Jest's `failing`): each turns red once the law
	// meets it, and is then made an ordinary test. See docs/rate-control.md, "What misses".
	it('holds 0.85 of an 80/s limit under 2–10 % random 429s on every seed', () => {
		for (const seed of [1, 2, 3, 4, 5])
			for (const noise of [0.02, 0.03, 0.05, 0.1]) {
				const run = simulate({ seconds: 60, limitAt: () => 80, noise, seed });
				expect(run.rate(10, 60)).toBeGreaterThan(0.85 * 80 * (1 - noise));
			}
	});

	it.failing('KNOWN MISS: paces near a limit that dropped under 3 % random 429s', () => {
		// The accepted rate holds (above), but the noise share learned before the drop can keep
		// the pace at about twice the new limit, each extra request a 429.
		for (const seed of [1, 2, 3, 4, 5]) {
			const run = simulate({
				seconds: 60,
				limitAt: (ms) => (ms < 30_000 ? 60 : 20),
				noise: 0.03,
				seed,
			});
			const paces = run.paces[0].slice(40);
			expect(paces.reduce((a, b) => a + b, 0) / paces.length).toBeLessThan(1.5 * 20);
		}
	});

	it.failing('KNOWN MISS: gives each of 4 processes on one account half a fair share', () => {
		const senders = [{}, { startAt: 100 }, { startAt: 200 }, { startAt: 300 }];
		const run = simulate({ seconds: 60, limitAt: () => 50, senders });
		for (const sender of [0, 1, 2, 3])
			expect(run.rate(10, 60, sender)).toBeGreaterThan(0.5 * (50 / 4));
	});

	it.failing('KNOWN MISS: lets a process that joins two others reach half a fair share', () => {
		const senders = [{}, { startAt: 100 }, { startAt: 20_000 }];
		const run = simulate({ seconds: 80, limitAt: () => 50, senders });
		for (const sender of [0, 1, 2])
			expect(run.rate(30, 80, sender)).toBeGreaterThan(0.5 * (50 / 3));
	});

	it('never paces below 0.5 a second', () => {
		for (let episode = 0; episode < 40; episode++) {
			const sent = clock.now();
			clock.stall(10);
			pace.answered(sent, false);
			pace.answered(sent, true);
		}
		expect(pace.perSecond()).toBeGreaterThanOrEqual(0.5);
	});

	it('holds every request of the account during a declared outage', async () => {
		pace.pause(5_000);
		const start = clock.now();
		let sentAt = 0;
		await clock.runUntil(pace.acquire(6000).then((at) => (sentAt = at)));
		expect(sentAt - start).toBeGreaterThanOrEqual(5_000);
	});

	it('asks for the pace times the latency in flight, with headroom', async () => {
		expect(pace.inFlightFor()).toBeUndefined();
		const sent = await pace.acquire(6000);
		clock.stall(200);
		pace.answered(sent, false);
		// 95 a second x 0.2 s x 2 + 2.
		expect(pace.inFlightFor()).toBe(40);
		// A caller's own slower pace needs fewer.
		expect(pace.inFlightFor(5)).toBe(4);
	});
});
