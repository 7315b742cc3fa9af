import { MAX_FEED_LOT } from '../shared/feed/feedApi';
import type { Delivery } from './Executions';

/**
 * Feed reads in flight at once while reads come back full: VTEX's 100 a second at 150 ms needs
 * about 15 requests in flight, shared with the commits (CommitQueue).
 */
export const READS_AT_ONCE = 16;

/** Wakes the drain waiting: an execution or a read finished, a poll came due, or the trigger closed. */
export class WakeSignal {
	private waiter?: () => void;

	/** Resolves at the next notify(). */
	async next(): Promise<void> {
		await new Promise<void>((resolve) => (this.waiter = resolve));
	}

	notify(): void {
		const waiter = this.waiter;
		this.waiter = undefined;
		waiter?.();
	}
}

/** The reads one drain has in flight. */
export interface Reads {
	count: number;
	/** Reads that came back full (in this round): each lets one more be in flight, up to READS_AT_ONCE. */
	full: number;
	/** One came back short: nothing more is visible now. */
	short: boolean;
	failure?: { error: unknown };
}

/**
 * How a drain turns reads into executions. Both strategies read with the same loop; they differ
 * in how large a read may be and when its events go out.
 */
export interface EmitStrategy {
	/** The lot the next read may ask for now, taken from the room; 0 when no read may start now. */
	takeLot(reads: Reads): number;
	/** A read ended: its lot is no longer in flight. */
	returned(lot: number): void;
	/** A read's accepted deliveries. */
	received(fresh: Delivery[]): Promise<void>;
	/** Whether a round holds reads whose events go out together at its end. */
	roundOpen(): boolean;
	/** Ends the open round (its reads ended): its events go out as one execution. */
	endRound(): Promise<void>;
}

/** What the drain loop asks of the poller. */
export interface DrainPorts {
	/** One read of at most `lot` events: the deliveries it accepted to run, and whether it came back short. */
	read(lot: number): Promise<{ fresh: Delivery[]; short: boolean }>;
	/** Why the drain stops now, if it does; in the middle of a round only deactivation stops it. */
	stopReason(midRound: boolean): string | undefined;
	log(message: string): void;
	wake: WakeSignal;
}

/**
 * Drains the feed: starts a read whenever the strategy gives it a lot and fewer reads are in
 * flight than allowed: one at first, one more for each read that came back full (a feed with
 * little in it costs one read), at most READS_AT_ONCE. Stops starting reads at a short read, a
 * failed one, or a stop reason; returns once the reads in flight ended and the open round went
 * out, throwing the first failure. What was accepted goes out even after a failed read: with
 * "When Received" it is committed already.
 */
export async function drainFeed(ports: DrainPorts, strategy: EmitStrategy): Promise<void> {
	const reads: Reads = { count: 0, full: 0, short: false };
	const readOnce = async (lot: number): Promise<void> => {
		reads.count++;
		let fresh: Delivery[] = [];
		try {
			const batch = await ports.read(lot);
			if (batch.short) reads.short = true;
			else reads.full++;
			fresh = batch.fresh;
		} catch (error) {
			reads.failure ??= { error };
		} finally {
			strategy.returned(lot);
			ports.wake.notify();
		}
		await strategy.received(fresh).catch((error: unknown) => (reads.failure ??= { error }));
		reads.count--;
		ports.wake.notify();
	};
	for (;;) {
		if (reads.short || reads.failure) break;
		const stop = ports.stopReason(strategy.roundOpen());
		if (stop) {
			ports.log(`Feed drain stopped: ${stop}`);
			break;
		}
		if (reads.count < Math.min(READS_AT_ONCE, 1 + reads.full)) {
			const lot = strategy.takeLot(reads);
			if (lot > 0) {
				void readOnce(lot);
				continue;
			}
		}
		if (reads.count === 0 && strategy.roundOpen()) await strategy.endRound();
		else await ports.wake.next();
	}
	while (reads.count > 0) await ports.wake.next();
	if (strategy.roundOpen()) await strategy.endRound();
	if (reads.failure) throw reads.failure.error;
}

/** How the strategies see the executions. */
export interface RoomPorts {
	/** Max Events per Poll: the most events in executions at once. */
	cap: number;
	/** Events accepted to run whose execution has not finished. */
	running(): number;
	emit(deliveries: Delivery[]): Promise<void>;
}

/**
 * One execution per event: a read may ask for what is left of Max Events per Poll after the
 * events running and the lots of reads in flight, when a whole read (10, or Max Events per Poll
 * when smaller) fits; never for the one or two slots an execution that ends frees. Each read's
 * events start as soon as it returns, so a slow read (a 429 without Retry-After waits a minute)
 * holds only its own lot.
 */
export function perEventStrategy(room: RoomPorts): EmitStrategy {
	let reserved = 0;
	return {
		takeLot() {
			const free = room.cap - room.running() - reserved;
			if (free < Math.min(MAX_FEED_LOT, room.cap)) return 0;
			const lot = Math.min(MAX_FEED_LOT, free);
			reserved += lot;
			return lot;
		},
		// Its events count as running now (or the read failed): the lot is free again.
		returned: (lot) => (reserved -= lot),
		received: async (fresh) => await room.emit(fresh),
		roundOpen: () => false,
		endRound: async () => {},
	};
}

/**
 * One execution per round: a round opens when a whole read fits in the room left by the events
 * running, with a budget of that room (rounded down to whole reads unless nothing runs); its reads
 * never ask past the budget, and its events go out as one execution once they all ended.
 */
export function perPollStrategy(room: RoomPorts): EmitStrategy {
	const worthARead = Math.min(MAX_FEED_LOT, room.cap);
	let round: { budget: number; asked: number; collected: Delivery[] } | undefined;
	return {
		takeLot(reads) {
			if (!round) {
				const free = room.cap - room.running();
				if (free < worthARead) return 0;
				round = {
					budget: free === room.cap ? free : free - (free % worthARead),
					asked: 0,
					collected: [],
				};
				// Each round starts again from one read in flight.
				reads.full = 0;
			}
			const lot = Math.min(MAX_FEED_LOT, round.budget - round.asked);
			round.asked += lot;
			return lot;
		},
		returned: () => {},
		received: async (fresh) => {
			round?.collected.push(...fresh);
		},
		roundOpen: () => round !== undefined,
		async endRound() {
			const collected = round?.collected ?? [];
			round = undefined;
			await room.emit(collected);
		},
	};
}
