/**
 * The package's one abortable wait, on both n8n lines: 2.x's `sleep(ms, signal)` honours the
 * signal; 1.x's `sleep(ms)` ignores it and offers `sleepWithAbort` instead. A wait that ignored its
 * signal would keep a request's Timeout clock (and the pace's turn) alive after the request ended,
 * and a stopped execution would wait out its Retry-After.
 */
describe('sleepUnlessAborted', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => {
		jest.useRealTimers();
		jest.resetModules();
	});

	async function abortedWait(load: () => typeof import('../../../nodes/shared/sleep')) {
		const { sleepUnlessAborted } = load();
		const stop = new AbortController();
		const wait = sleepUnlessAborted(60_000, stop.signal);
		const outcome = wait.then(
			() => 'resolved',
			() => 'rejected',
		);
		expect(jest.getTimerCount()).toBe(1);
		stop.abort(new Error('stopped'));
		// No timer is advanced: only the abort can settle the wait.
		expect(await outcome).toBe('rejected');
		expect(jest.getTimerCount()).toBe(0);
	}

	it("ends at the abort and clears its timer with n8n 2.x's n8n-workflow", async () => {
		await abortedWait(() => jest.requireActual('../../../nodes/shared/sleep'));
	});

	it("ends at the abort and clears its timer with n8n 1.x's n8n-workflow (sleep ignores a signal)", async () => {
		// n8n-workflow 1.x's two waits, as 1.123 ships them.
		jest.doMock('n8n-workflow', () => ({
			sleep: async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms)),
			sleepWithAbort: async (ms: number, signal?: AbortSignal) =>
				await new Promise<void>((resolve, reject) => {
					if (signal?.aborted) return reject(new Error('cancelled'));
					const timeout = setTimeout(resolve, ms);
					signal?.addEventListener(
						'abort',
						() => {
							clearTimeout(timeout);
							reject(new Error('cancelled'));
						},
						{ once: true },
					);
				}),
		}));
		await abortedWait(() => jest.requireActual('../../../nodes/shared/sleep'));
	});

	it('waits its time when nothing aborts it', async () => {
		const { sleepUnlessAborted } = jest.requireActual<typeof import('../../../nodes/shared/sleep')>(
			'../../../nodes/shared/sleep',
		);
		let done = false;
		const wait = sleepUnlessAborted(1_000, new AbortController().signal).then(() => (done = true));
		await jest.advanceTimersByTimeAsync(999);
		expect(done).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		await wait;
		expect(done).toBe(true);
	});
});
