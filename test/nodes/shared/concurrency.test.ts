import { mapWithConcurrency } from '../../../nodes/shared/concurrency';

/** A task whose completion the test controls, recording what ran when. */
function controlled() {
	const started: number[] = [];
	const finish = new Map<
		number,
		{ resolve: (value: string) => void; reject: (error: Error) => void }
	>();
	let inFlight = 0;
	let peak = 0;
	const task = async (index: number) => {
		started.push(index);
		inFlight++;
		peak = Math.max(peak, inFlight);
		try {
			return await new Promise<string>((resolve, reject) => finish.set(index, { resolve, reject }));
		} finally {
			inFlight--;
		}
	};
	const flush = async () => {
		for (let round = 0; round < 10; round++) await Promise.resolve();
	};
	return { started, finish, task, flush, peak: () => peak };
}

describe('mapWithConcurrency', () => {
	it('keeps at most `limit` in flight and returns results in index order, whatever order they finish in', async () => {
		const run = controlled();
		const result = mapWithConcurrency(6, 3, run.task);
		await run.flush();
		expect(run.started).toEqual([0, 1, 2]);
		for (let round = 0; round < 6; round++) {
			await run.flush();
			// The task started last finishes first: results arrive out of order.
			const index = Math.max(...run.finish.keys());
			run.finish.get(index)!.resolve(`item ${index}`);
			run.finish.delete(index);
		}
		await expect(result).resolves.toEqual([
			'item 0',
			'item 1',
			'item 2',
			'item 3',
			'item 4',
			'item 5',
		]);
		expect(run.peak()).toBe(3);
	});

	it('starts more as soon as a varying limit says it rose, without waiting for a task to finish', async () => {
		const run = controlled();
		let allowed = 2;
		const listeners = new Set<() => void>();
		const result = mapWithConcurrency(
			5,
			{
				most: 10,
				now: () => allowed,
				onRise: (listener) => {
					listeners.add(listener);
					return () => listeners.delete(listener);
				},
			},
			run.task,
		);
		await run.flush();
		expect(run.started).toEqual([0, 1]);
		// Both running tasks began a long wait: the limit rises, and nothing has finished.
		allowed = 4;
		for (const listener of listeners) listener();
		await run.flush();
		expect(run.started).toEqual([0, 1, 2, 3]);
		for (const index of [0, 1, 2, 3, 4]) {
			await run.flush();
			run.finish.get(index)!.resolve(`item ${index}`);
		}
		await expect(result).resolves.toHaveLength(5);
		// It stopped listening when done.
		expect(listeners.size).toBe(0);
	});

	it('starts nothing new after a failure, lets the running finish, and throws the failure of the lowest index', async () => {
		const run = controlled();
		const result = mapWithConcurrency(10, 3, run.task);
		await run.flush();
		run.finish.get(2)!.reject(new Error('item 2 failed'));
		await run.flush();
		run.finish.get(1)!.reject(new Error('item 1 failed'));
		run.finish.get(0)!.resolve('item 0');
		await expect(result).rejects.toThrow('item 1 failed');
		// A one-by-one run would have stopped at item 1; items 3 to 9 never start.
		expect(run.started).toEqual([0, 1, 2]);
	});

	it('runs tasks of the same key one after another, in index order, and the others alongside', async () => {
		const run = controlled();
		const keys = ['A', 'B', 'A', 'C', 'A'];
		const result = mapWithConcurrency(5, 5, run.task, { keyOf: (index) => keys[index] });
		await run.flush();
		expect(run.started).toEqual([0, 1, 3]);
		run.finish.get(0)!.reject(new Error('A failed once'));
		await run.flush();
		// A failed task does not block its key, but stops the run: item 2 does not start after it.
		expect(run.started).toEqual([0, 1, 3]);
		run.finish.get(1)!.resolve('B');
		run.finish.get(3)!.resolve('C');
		await expect(result).rejects.toThrow('A failed once');
	});

	it('lets the next task of a key start when the previous one succeeds', async () => {
		const run = controlled();
		const keys = ['A', 'A', undefined];
		const result = mapWithConcurrency(3, 3, run.task, { keyOf: (index) => keys[index] });
		await run.flush();
		expect(run.started).toEqual([0, 2]);
		run.finish.get(0)!.resolve('first');
		await run.flush();
		expect(run.started).toEqual([0, 2, 1]);
		run.finish.get(1)!.resolve('second');
		run.finish.get(2)!.resolve('free');
		await expect(result).resolves.toEqual(['first', 'second', 'free']);
	});

	it('starts nothing once the signal is aborted', async () => {
		const run = controlled();
		const controller = new AbortController();
		const result = mapWithConcurrency(5, 2, run.task, { signal: controller.signal });
		await run.flush();
		controller.abort(new Error('canceled'));
		run.finish.get(0)!.resolve('0');
		run.finish.get(1)!.resolve('1');
		await expect(result).rejects.toThrow('canceled');
		expect(run.started).toEqual([0, 1]);
	});
});
