import type { GateClock } from '../../../../nodes/shared/transport/rateGate';
import { AccountPace, Pacer } from '../../../../nodes/shared/transport/rateGate';

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

	it('halves the pace on a 429 before it has a second of answers, once per episode', async () => {
		await pace.acquire(6000);
		for (let answer = 0; answer < 10; answer++) pace.answered(true, 150);
		expect(pace.perSecond()).toBeCloseTo(47.5, 5);
	});

	it('learns the limit VTEX accepted in the last second, then probes it again slowly', async () => {
		await pace.acquire(6000);
		clock.stall(1000);
		// VTEX accepted 50 in the last second, then refused three (5 % of the answers and more).
		for (let answer = 0; answer < 50; answer++) {
			clock.stall(20);
			pace.answered(false, 150);
		}
		pace.answered(true, 150);
		pace.answered(true, 150);
		pace.answered(true, 150);
		expect(pace.perSecond()).toBeCloseTo(45, 5);
		// The 429s of requests already in flight are the same episode.
		clock.stall(500);
		pace.answered(true, 150);
		expect(pace.perSecond()).toBeCloseTo(45 + 0.5 * 0.5, 5);
		// 1 % of the learned limit each second: back at 50 ten seconds later.
		clock.stall(9_500);
		expect(pace.perSecond()).toBeCloseTo(50, 5);
		clock.stall(100_000);
		expect(pace.perSecond()).toBeCloseTo(95, 5);
	});

	it('lowers the pace by only 10 % for 429s met with light traffic, which say little about the pace', async () => {
		await pace.acquire(6000);
		clock.stall(5_000);
		// Four answers in the last second, far from the pace of 95: two of them 429s.
		pace.answered(false, 150);
		pace.answered(false, 150);
		pace.answered(true, 150);
		pace.answered(true, 150);
		expect(pace.perSecond()).toBeCloseTo(85.5, 5);
	});

	it('lowers the pace by only 2 % for a lone 429, a passing refusal more likely than the limit', async () => {
		await pace.acquire(6000);
		clock.stall(1000);
		for (let answer = 0; answer < 60; answer++) {
			clock.stall(10);
			pace.answered(false, 150);
		}
		pace.answered(true, 150);
		expect(pace.perSecond()).toBeCloseTo(95 * 0.98, 5);
		// Back at the ceiling two seconds later (1 % of 95 a second).
		clock.stall(2_000);
		expect(pace.perSecond()).toBeCloseTo(95, 5);
	});

	it('takes two 429s among a second of answers at the pace for passing refusals, not the limit', async () => {
		// The go-live rehearsal's fault mix: a 429 with Retry-After and one without, sixty requests apart.
		await pace.acquire(6000);
		clock.stall(1000);
		for (let answer = 0; answer < 40; answer++) {
			clock.stall(10);
			pace.answered(false, 150);
		}
		pace.answered(true, 150);
		for (let answer = 0; answer < 60; answer++) {
			clock.stall(10);
			pace.answered(false, 150);
		}
		pace.answered(true, 150);
		// Two lone 429s (2 % each, a little grown back in between), not a cut to 90 % of what was accepted.
		expect(pace.perSecond()).toBeGreaterThan(95 * 0.98 * 0.98);
		expect(pace.perSecond()).toBeLessThan(95 * 0.98);
		// A real limit refuses a share of every second: five more make 7 429s among about 100 answers.
		for (let answer = 0; answer < 5; answer++) pace.answered(true, 150);
		expect(pace.perSecond()).toBeLessThan(95 * 0.9);
	});

	it('takes lone 429s that keep coming for a limit: several in ten seconds, 1 % of its answers or more', async () => {
		await pace.acquire(6000);
		clock.stall(1000);
		/** Answers at `perSecond` for `ms`, a 429 among them every `refuseEveryMs` (none when 0). */
		const answer = (perSecond: number, ms: number, refuseEveryMs = 0) => {
			const spacing = 1000 / perSecond;
			for (let at = spacing; at <= ms; at += spacing) {
				clock.stall(spacing);
				pace.answered(refuseEveryMs > 0 && at % refuseEveryMs < spacing, 150);
			}
		};
		// A real limit of 50 a second, learned: 90 % of it, back at 50 ten seconds later.
		answer(50, 1000);
		for (let refusal = 0; refusal < 3; refusal++) pace.answered(true, 150);
		expect(pace.perSecond()).toBeCloseTo(45, 5);
		answer(50, 10_000);
		expect(pace.perSecond()).toBeCloseTo(50, 1);
		// Just above it, a lone 429 every 1.5 s: four of them lower the pace by 2 % each (and it grows back)…
		answer(50, 6_000, 1_500);
		expect(pace.perSecond()).toBeGreaterThan(50 * 0.95);
		// …the fifth in ten seconds (5 of 500 answers) is the limit again: 90 % of what was accepted.
		answer(50, 1_500, 1_500);
		expect(pace.perSecond()).toBeLessThan(50 * 0.9);
		expect(pace.perSecond()).toBeGreaterThan(50 * 0.9 * 0.95);
	});

	it("keeps passing refusals for what they are: the fault mix's one 429 in 300 answers at the pace", async () => {
		await pace.acquire(6000);
		clock.stall(1000);
		for (let answer = 1; answer <= 95 * 60; answer++) {
			clock.stall(1000 / 95);
			pace.answered(answer % 300 === 0, 150);
		}
		// Nineteen lone 429s in a minute, each −2 % and grown back: never a cut to 90 %.
		expect(pace.perSecond()).toBeGreaterThan(95 * 0.97);
	});

	it('grows by 5 % of the learned limit a second after 30 s without a 429', async () => {
		await pace.acquire(6000);
		clock.stall(1000);
		for (let answer = 0; answer < 50; answer++) pace.answered(false, 150);
		for (let answer = 0; answer < 3; answer++) pace.answered(true, 150);
		expect(pace.perSecond()).toBeCloseTo(45, 5);
		clock.stall(40_000);
		// 45 + 30 s × 0.5 + 10 s × 2.5.
		expect(pace.perSecond()).toBeCloseTo(85, 5);
	});

	it('never learns a pace below 0.2 a second', async () => {
		await pace.acquire(6000);
		for (let episode = 0; episode < 30; episode++) {
			pace.answered(true, 10);
			pace.answered(true, 10);
			clock.stall(1000);
		}
		expect(pace.perSecond()).toBeGreaterThanOrEqual(0.2);
	});

	it('asks for the pace times the latency in flight, with headroom', async () => {
		expect(pace.inFlightFor()).toBeUndefined();
		await pace.acquire(6000);
		pace.answered(false, 200);
		// 95 a second x 0.2 s x 2 + 2.
		expect(pace.inFlightFor()).toBe(40);
		// A caller's own slower pace needs fewer.
		expect(pace.inFlightFor(5)).toBe(4);
	});
});
