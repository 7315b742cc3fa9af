import type { GateClock } from '../../../../nodes/shared/transport/rateGate';
import { PACING_SHARE, RateGate } from '../../../../nodes/shared/transport/rateGate';

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

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) => this.timers.push({ at: this.time + ms, wake }));
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
async function drive(clock: VirtualClock, gate: RateGate, count: number, options: { inFlight?: number; perMinute?: number; onSent?: (index: number) => void } = {}) {
	const sentAt: number[] = [];
	let next = 0;
	const caller = async () => {
		while (next < count) {
			const index = next++;
			await gate.acquire(options.perMinute ?? 6000);
			sentAt[index] = clock.now();
			options.onSent?.(index);
		}
	};
	await clock.runUntil(Promise.all(Array.from({ length: options.inFlight ?? 20 }, caller)));
	return sentAt;
}

describe('RateGate (virtual clock)', () => {
	let clock: VirtualClock;
	let gate: RateGate;
	beforeEach(() => {
		clock = new VirtualClock();
		gate = new RateGate(clock);
	});

	it('spaces requests evenly to 95 % of the budget: 6,000 a minute leave 95 a second', async () => {
		const start = clock.now();
		const sentAt = await drive(clock, gate, 500);
		const spacing = 60_000 / (6000 * PACING_SHARE);
		for (let index = 1; index < sentAt.length; index++) expect(sentAt[index] - sentAt[index - 1]).toBeCloseTo(spacing, 5);
		expect(busiestWindow(sentAt)).toBeLessThanOrEqual(95);
		expect(sentAt.at(-1)! - start).toBeLessThan((500 / 95) * 1000);
	});

	it('uses each caller its own budget on the shared timeline', async () => {
		const sentAt = await drive(clock, gate, 50, { perMinute: 600 });
		// 9.5 a second: requests 105 ms apart, so 10 in some seconds.
		expect(busiestWindow(sentAt)).toBeLessThanOrEqual(Math.ceil(10 * PACING_SHARE));
		expect(sentAt[20] - sentAt[10]).toBeCloseTo(10 * (1000 / (10 * PACING_SHARE)), 5);
	});

	it('keeps at most the pace in any second, even when requests a stall held back leave together', async () => {
		// Stall for 300 ms every 400 ms: every request whose slot passed meanwhile is due at once.
		for (let at = clock.now() + 400; at < clock.now() + 20_000; at += 700) clock.stallAt(at, 300);
		const sentAt = await drive(clock, gate, 1000);
		expect(busiestWindow(sentAt)).toBeLessThanOrEqual(95);
		// What a stall held back leaves right after it, as far as the window allows.
		expect(sentAt.filter(Number.isFinite)).toHaveLength(1000);
		expect(Math.max(...[...new Set(sentAt)].map((at) => sentAt.filter((other) => other === at).length))).toBeGreaterThan(5);
	});

	it('holds every request of the account for Retry-After after a 429, and none leaves before', async () => {
		let pausedAt = 0;
		const sentAt = await drive(clock, gate, 300, {
			onSent: (index) => {
				if (index !== 100) return;
				pausedAt = clock.now();
				gate.rateLimited(2000);
			},
		});
		const during = sentAt.filter((at) => at > pausedAt && at < pausedAt + 2000);
		expect(during).toEqual([]);
		expect(sentAt.filter((at) => at >= pausedAt + 2000)).toHaveLength(199);
	});

	it('slows down once per 429 episode and recovers gradually', () => {
		expect(gate.speed()).toBe(1);
		// Ten answers to requests that were in flight together: one episode.
		for (let answer = 0; answer < 10; answer++) gate.rateLimited(1000);
		expect(gate.speed()).toBeCloseTo(0.9, 5);
		expect(gate.pausedFor()).toBe(1000);
		clock.stall(2500);
		expect(gate.speed()).toBeCloseTo(0.95, 5);
		// A second episode, later: slower again, from where the pace had recovered to.
		gate.rateLimited(1000);
		expect(gate.speed()).toBeCloseTo(0.855, 5);
		clock.stall(60_000);
		expect(gate.speed()).toBe(1);
	});

	it('never slows below a quarter of the budget', () => {
		for (let episode = 0; episode < 20; episode++) {
			gate.rateLimited(0);
			clock.stall(1000);
		}
		expect(gate.speed()).toBeGreaterThanOrEqual(0.25);
	});

	it('paces at the slower speed after a 429', async () => {
		gate.rateLimited(0);
		const sentAt = await drive(clock, gate, 200);
		// 0.9 of the pace, creeping back by 2 % of it a second.
		expect(busiestWindow(sentAt.slice(0, 100))).toBeLessThanOrEqual(Math.ceil(100 * PACING_SHARE * 0.92));
	});
});
