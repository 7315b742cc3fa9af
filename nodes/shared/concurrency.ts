export interface ConcurrencyOptions {
	/**
	 * Tasks with the same key run one after another, in index order (say, two items for one order:
	 * VTEX must see them in the order a one-by-one run would send them). `undefined`: no key.
	 */
	keyOf?: (index: number) => string | undefined;
	/** Once aborted, no further task starts (an n8n execution that was canceled). */
	signal?: AbortSignal;
}

/** A limit that may change while the tasks run (it follows the latency the transport observes). */
export interface VaryingLimit {
	/** Never more than this in flight. */
	most: number;
	/** How many may be in flight now; read each time a task could start. */
	now(): number;
	/**
	 * Calls `listener` when the limit may have risen without a task finishing (a task began a long
	 * wait and gave its turn away); returns how to stop listening.
	 */
	onRise?(listener: () => void): () => void;
}

/**
 * Runs `task` for indexes 0..count-1 with at most `limit` in flight, and returns the results in
 * index order, so output order and item pairing are those of a sequential run.
 *
 * When a task fails, no further task starts: the ones already running finish, then the failure
 * of the lowest index is thrown, as a sequential run would have stopped at it. Tasks that handle
 * their own failures (continue-on-fail) never stop the others.
 */
export async function mapWithConcurrency<T>(
	count: number,
	limit: number | VaryingLimit,
	task: (index: number) => Promise<T>,
	options: ConcurrencyOptions = {},
): Promise<T[]> {
	const most = typeof limit === 'number' ? limit : limit.most;
	const allowedNow =
		typeof limit === 'number' ? () => limit : () => Math.min(most, Math.max(1, limit.now()));
	const results = new Array<T>(count);
	const failures = new Map<number, unknown>();
	/** The last task started for each key, which the next task of that key waits for. */
	const tails = new Map<string, Promise<unknown>>();
	let next = 0;
	let skipped = false;

	const stopped = () => failures.size > 0 || options.signal?.aborted === true;

	const run = async (index: number): Promise<void> => {
		const key = options.keyOf?.(index);
		const previous = key === undefined ? undefined : tails.get(key);
		const current = (async () => {
			// Never rejects: a failure is recorded, and the next task of the key may go on.
			if (previous) await previous;
			// A sequential run would have stopped before this task.
			if (stopped()) {
				skipped = true;
				return;
			}
			try {
				results[index] = await task(index);
			} catch (error) {
				failures.set(index, error);
			}
		})();
		if (key !== undefined) tails.set(key, current);
		await current;
	};

	/** Tasks started and not finished, and the workers waiting for the limit to let them start one. */
	let active = 0;
	const parked: Array<() => void> = [];
	const admit = async () => {
		while (active >= allowedNow()) await new Promise<void>((wake) => parked.push(wake));
		active++;
	};
	const wakeWhatFits = () => {
		for (let free = allowedNow() - active; free > 0 && parked.length > 0; free--) parked.shift()!();
	};
	const leave = () => {
		active--;
		wakeWhatFits();
	};
	const stopListening = typeof limit === 'number' ? undefined : limit.onRise?.(wakeWhatFits);

	const worker = async () => {
		while (next < count && !stopped()) {
			await admit();
			if (next >= count || stopped()) {
				leave();
				break;
			}
			try {
				await run(next++);
			} finally {
				leave();
			}
		}
		// Whoever still waits finds nothing left to start.
		for (const wake of parked.splice(0)) wake();
	};
	try {
		await Promise.all(Array.from({ length: Math.max(1, Math.min(most, count)) }, worker));
	} finally {
		stopListening?.();
	}

	if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
	if (options.signal?.aborted && (skipped || next < count)) throw options.signal.reason;
	return results;
}

/**
 * The execution's cancel signal (set when the user stops the execution), on n8n versions whose
 * node context offers one; older ones do not, and then nothing is canceled early.
 */
export function cancelSignalOf(ctx: object): AbortSignal | undefined {
	const candidate = ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof candidate.getExecutionCancelSignal === 'function'
		? candidate.getExecutionCancelSignal()
		: undefined;
}
