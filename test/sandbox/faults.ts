/**
 * Faults a test asks for. Each rule applies to the next `times` requests that match it
 * (method and path prefix), in the order rules were added.
 */
export type FaultKind =
	| '429'
	| '502'
	| '503'
	| '504'
	| 'reset'
	| 'html200'
	| 'slow'
	| 'trickle'
	| 'redirect';

export interface FaultRule {
	kind: FaultKind;
	/** How many matching requests it affects; -1 for all. Default 1. */
	times?: number;
	method?: string;
	/** Matches paths that start with this. */
	pathPrefix?: string;
	/** For 429: the Retry-After header value; absent -> no header. */
	retryAfter?: string;
	/**
	 * For redirect: where a 302 sends the client (VTEX's API documents no redirect; a proxy, a
	 * misconfigured base URL or a login page could send one).
	 */
	location?: string;
	/** For slow: extra delay before answering. For trickle: the pause between two bytes (300 ms). */
	delayMs?: number;
	/**
	 * For reset, 502, 503, 504: `after` applies the request and then fails, as a VTEX that
	 * processed the write but lost the answer would; `before` (default) fails without applying.
	 */
	phase?: 'before' | 'after';
}

/**
 * A steady background of faults: one every `every` VTEX requests, taken in turn from `rules`
 * (each rule's method and path prefix still apply: a fault meant for a feed commit waits for
 * the next commit). The soak (`npm run soak`) runs VTEX's usual trouble this way.
 */
export interface FaultMix {
	every: number;
	rules: FaultRule[];
}

export interface RateLimit {
	/** Requests allowed in any one-second window, across all keys. */
	requestsPerSecond: number;
	/** Retry-After sent with the 429; omit to send none. */
	retryAfterSeconds?: number;
}

export class Faults {
	private rules: Array<FaultRule & { remaining: number }> = [];

	latencyMs = 0;

	rateLimit?: RateLimit;

	private recent: number[] = [];

	/** Counts of what was injected, for benchmarks and tests. */
	stats = { rateLimited: 0, injected: 0 };

	/** What the fault mix injected, by rule (`kind`, `kind-after`, with its path when it has one). */
	mixed: Record<string, number> = {};

	private mix?: FaultMix & { seen: number; next: number; armed: boolean };

	setMix(mix: FaultMix | undefined): void {
		this.mix =
			mix && mix.rules.length > 0 && mix.every > 0
				? { ...mix, seen: 0, next: 0, armed: false }
				: undefined;
		this.mixed = {};
	}

	add(rule: FaultRule): void {
		this.rules.push({ ...rule, remaining: rule.times ?? 1 });
	}

	clear(): void {
		this.rules = [];
		this.latencyMs = 0;
		this.rateLimit = undefined;
		this.recent = [];
		this.stats = { rateLimited: 0, injected: 0 };
		this.setMix(undefined);
	}

	/** The fault for this request, consuming one use of its rule. */
	take(method: string, path: string): FaultRule | undefined {
		const rule = this.rules.find(
			(candidate) => candidate.remaining !== 0 && matches(candidate, method, path),
		);
		if (!rule) return this.takeFromMix(method, path);
		if (rule.remaining > 0) rule.remaining--;
		this.stats.injected++;
		return rule;
	}

	private takeFromMix(method: string, path: string): FaultRule | undefined {
		const mix = this.mix;
		if (!mix) return undefined;
		mix.seen++;
		if (mix.seen % mix.every === 0) mix.armed = true;
		if (!mix.armed) return undefined;
		const rule = mix.rules[mix.next % mix.rules.length];
		if (!matches(rule, method, path)) return undefined;
		mix.armed = false;
		mix.next++;
		this.stats.injected++;
		const name = `${rule.kind}${rule.phase === 'after' ? '-after' : ''}${rule.pathPrefix ? ` ${rule.method ?? ''} ${rule.pathPrefix}`.trimEnd() : ''}${rule.kind === '429' ? (rule.retryAfter === undefined ? ' (no Retry-After)' : ` (Retry-After ${rule.retryAfter})`) : ''}`;
		this.mixed[name] = (this.mixed[name] ?? 0) + 1;
		return rule;
	}

	/** True when this request goes over the configured rate (sliding one-second window). */
	overRate(now: number = Date.now()): boolean {
		if (!this.rateLimit) return false;
		while (this.recent.length > 0 && this.recent[0] <= now - 1000) this.recent.shift();
		if (this.recent.length >= this.rateLimit.requestsPerSecond) {
			this.stats.rateLimited++;
			return true;
		}
		this.recent.push(now);
		return false;
	}
}

function matches(rule: FaultRule, method: string, path: string): boolean {
	return (
		(!rule.method || rule.method.toUpperCase() === method.toUpperCase()) &&
		(!rule.pathPrefix || path.startsWith(rule.pathPrefix))
	);
}
