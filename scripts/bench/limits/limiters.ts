/**
 * Stand-ins for the limits an account may meet, written apart from the sandbox's limiter so the
 * pace is measured on shapes it was not built against. Each answers one request at a time, at the
 * time it arrives: 200, or 429 (or 503) with the Retry-After a real gateway of that kind sends.
 */

export interface LimitAnswer {
	status: number;
	retryAfter?: string;
}

export interface Limiter {
	answer(now: number): LimitAnswer;
	/** The most requests the limit lets through between `from` and `to` (ms since the start). */
	capacity(from: number, to: number): number;
	/** The limit at `at`, per second, for the time back to a raised limit. */
	perSecondAt(at: number): number;
}

export type RetryAfterStyle = 'seconds' | 'date' | 'none';

/** A deterministic random source (mulberry32), so every run of a shape is the same. */
export function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function retryAfterHeader(
	style: RetryAfterStyle,
	seconds: number,
	now: number,
): string | undefined {
	if (style === 'none') return undefined;
	if (style === 'seconds') return String(Math.max(1, Math.ceil(seconds)));
	// An HTTP date has a one-second resolution: round up, as a gateway that means "not before" does.
	return new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000).toUTCString();
}

/** A limit over any trailing second (a log of accepted requests); the limit may change with time. */
export function slidingWindow(
	perSecondAt: (at: number) => number,
	style: RetryAfterStyle = 'seconds',
	start: () => number,
): Limiter {
	const accepted: number[] = [];
	return {
		answer(now) {
			const at = now - start();
			while (accepted.length > 0 && accepted[0] <= now - 1000) accepted.shift();
			if (accepted.length < perSecondAt(at)) {
				accepted.push(now);
				return { status: 200 };
			}
			return {
				status: 429,
				retryAfter: retryAfterHeader(style, (accepted[0] + 1000 - now) / 1000, now),
			};
		},
		capacity(from, to) {
			let total = 0;
			for (let at = from; at < to; at += 100)
				total += (perSecondAt(at) * Math.min(100, to - at)) / 1000;
			return total;
		},
		perSecondAt,
	};
}

/** A count per fixed window (per second, or per minute as VTEX publishes its 6,000). */
export function fixedWindow(
	perWindow: number,
	windowMs: number,
	style: RetryAfterStyle,
	start: () => number,
): Limiter {
	let windowIndex = -1;
	let count = 0;
	return {
		answer(now) {
			const index = Math.floor((now - start()) / windowMs);
			if (index !== windowIndex) {
				windowIndex = index;
				count = 0;
			}
			if (count < perWindow) {
				count++;
				return { status: 200 };
			}
			const endsIn = (start() + (index + 1) * windowMs - now) / 1000;
			return { status: 429, retryAfter: retryAfterHeader(style, endsIn, now) };
		},
		capacity: (from, to) => (perWindow * (to - from)) / windowMs,
		perSecondAt: () => (perWindow * 1000) / windowMs,
	};
}

/** A token bucket: `burst` at once, refilled at `perSecond`. */
export function tokenBucket(burst: number, perSecond: number, style: RetryAfterStyle): Limiter {
	let tokens = burst;
	let at: number | undefined;
	return {
		answer(now) {
			tokens = Math.min(burst, tokens + ((now - (at ?? now)) / 1000) * perSecond);
			at = now;
			if (tokens >= 1) {
				tokens--;
				return { status: 200 };
			}
			return { status: 429, retryAfter: retryAfterHeader(style, (1 - tokens) / perSecond, now) };
		},
		capacity: (from, to) => burst + ((to - from) / 1000) * perSecond,
		perSecondAt: () => perSecond,
	};
}

/** A gateway that also refuses `share` of the requests at random, whatever the pace. */
export function withNoise(
	inner: Limiter,
	share: number,
	random: () => number,
	retryAfter = '1',
): Limiter {
	return {
		...inner,
		answer(now) {
			if (random() < share) return { status: 429, retryAfter };
			return inner.answer(now);
		},
	};
}

/** Every request answered `status` with Retry-After for the time between `from` and `to`. */
export function withOutage(
	inner: Limiter,
	from: number,
	to: number,
	status: number,
	retryAfterSeconds: number,
	start: () => number,
): Limiter {
	return {
		...inner,
		answer(now) {
			const at = now - start();
			if (at >= from && at < to) return { status, retryAfter: String(retryAfterSeconds) };
			return inner.answer(now);
		},
		capacity: (a, b) =>
			inner.capacity(a, b) -
			inner.capacity(Math.max(a, from), Math.max(Math.min(b, to), Math.max(a, from))),
	};
}
