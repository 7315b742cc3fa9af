import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { feedOf } from '../../../sandbox/families/feed';
import { bulkOrders } from '../../../sandbox/seed';
import { credentialReads } from '../../../harness/credentials';
import { runOperation, runProbe, sandboxCredentials } from '../../../harness/workflow';
import {
	activate,
	emittedEventIds,
	feedWorkflow,
	until,
} from '../../VtexOrderFeedTrigger/fixtures';

/** Resolves when the sandbox serves nothing any more, or after 5 s (bounded: never a hang). */
async function served(sandbox: Sandbox): Promise<void> {
	for (let waited = 0; sandbox.load.inFlight > 0 && waited < 5000; waited += 50)
		await new Promise((resolve) => setTimeout(resolve, 50));
}

const ORDER = '/api/oms/pvt/orders/1002-01';

describe('transport (VtexClient) through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('sends Accept and Content-Type JSON and the VTEX key on every request, GETs included', async () => {
		const { error } = await runProbe(sandbox, { method: 'GET', path: ORDER, idempotent: true });
		expect(error).toBeUndefined();
		expect(sandbox.requests()).toHaveLength(1);
		expect(sandbox.requests()[0].appKey).toBe(sandbox.defaultKey.appKey);
	});

	it("reads the credential once per execution and hands it to n8n's request helper with every request", async () => {
		const orders = ['1001-01', '1002-01', '1003-01', '1004-01', '1005-01'];
		credentialReads.count = 0;
		const { output, error } = await runOperation(
			sandbox,
			{ resource: 'order', operation: 'get', orderId: '={{ $json.orderId }}' },
			{ items: orders.map((orderId) => ({ orderId })) },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.orderId)).toEqual(orders);
		expect(sandbox.requests()).toHaveLength(orders.length);
		expect(sandbox.requests().map((request) => request.appKey)).toEqual(
			orders.map(() => sandbox.defaultKey.appKey),
		);
		// Without the loaded credential, n8n's helper reads it again for every request (5 more).
		expect(credentialReads.count).toBe(1);
	});

	it('waits out a 429 with Retry-After: 1 and succeeds', async () => {
		sandbox.addFault({ kind: '429', retryAfter: '1', pathPrefix: ORDER });
		const started = Date.now();
		const { output, error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'get',
			orderId: '1002-01',
		});
		expect(error).toBeUndefined();
		expect(output[0].orderId).toBe('1002-01');
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(sandbox.requests().map((request) => request.status)).toEqual([429, 200]);
	});

	it('waits the default after a 429 without Retry-After, and retries writes too (VTEX applied nothing)', async () => {
		sandbox.addFault({ kind: '429', pathPrefix: '/api/oms/pvt/orders/1001-01/start-handling' });
		const { error } = await runProbe(sandbox, {
			method: 'POST',
			path: '/api/oms/pvt/orders/1001-01/start-handling',
			idempotent: false,
		});
		expect(error).toBeUndefined();
		expect(sandbox.requests().map((request) => request.status)).toEqual([429, 204]);
		expect(sandbox.state.findOrder('1001-01')?.status).toBe('handling');
	});

	it('retries a 503 on a read and succeeds', async () => {
		sandbox.addFault({ kind: '503', times: 2, pathPrefix: ORDER });
		const { output, error } = await runProbe(sandbox, {
			method: 'GET',
			path: ORDER,
			idempotent: true,
		});
		expect(error).toBeUndefined();
		expect((output[0].body as { orderId: string }).orderId).toBe('1002-01');
		expect(sandbox.requests().map((request) => request.status)).toEqual([503, 503, 200]);
	});

	it('retries a connection reset on a read', async () => {
		sandbox.addFault({ kind: 'reset', pathPrefix: ORDER });
		const { error } = await runProbe(sandbox, { method: 'GET', path: ORDER, idempotent: true });
		expect(error).toBeUndefined();
		expect(sandbox.requests()).toHaveLength(2);
	});

	it('does not repeat a write that is not safe to repeat after a 503', async () => {
		sandbox.addFault({ kind: '503', pathPrefix: '/api/oms/pvt/orders/1002-01/cancel' });
		const { error } = await runProbe(sandbox, {
			method: 'POST',
			path: '/api/oms/pvt/orders/1002-01/cancel',
			idempotent: false,
			body: { reason: 'test' },
		});
		expect(error?.message).toMatch(/HTTP 503|failed/);
		expect(error?.description).toMatch(/not repeated/);
		expect(sandbox.requests({ pathPrefix: '/api/oms/pvt/orders/1002-01/cancel' })).toHaveLength(1);
	});

	it('does not repeat a write that is not safe to repeat after a connection reset', async () => {
		sandbox.addFault({ kind: 'reset', pathPrefix: '/api/oms/pvt/orders/1002-01/cancel' });
		const { error } = await runProbe(sandbox, {
			method: 'POST',
			path: '/api/oms/pvt/orders/1002-01/cancel',
			idempotent: false,
			body: { reason: 'test' },
		});
		expect(error?.message).toMatch(/connection to VTEX was reset/);
		expect(error?.description).toMatch(/ECONNRESET/);
		expect(error?.description).toMatch(/not repeated/);
		expect(sandbox.requests({ pathPrefix: '/api/oms/pvt/orders/1002-01/cancel' })).toHaveLength(1);
	});

	it('never follows a redirect: a write does not turn into a GET of another address', async () => {
		// Followed, a 302 on a POST becomes a GET of the Location: the write would seem to succeed.
		sandbox.addFault({
			kind: 'redirect',
			location: ORDER,
			pathPrefix: '/api/oms/pvt/orders/1002-01/cancel',
		});
		const { error } = await runProbe(sandbox, {
			method: 'POST',
			path: '/api/oms/pvt/orders/1002-01/cancel',
			idempotent: false,
			body: { reason: 'test' },
		});
		expect(`${error?.message} ${error?.description}`).toMatch(/302/);
		expect(sandbox.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/oms/pvt/orders/1002-01/cancel',
		]);
	});

	it('stops at Max Attempts and says so', async () => {
		sandbox.addFault({ kind: '503', times: -1, pathPrefix: ORDER });
		const { error } = await runProbe(
			sandbox,
			{ method: 'GET', path: ORDER, idempotent: true },
			{ maxAttempts: 3 },
		);
		expect(error?.description).toMatch(/Gave up after 3 attempt/);
		expect(sandbox.requests()).toHaveLength(3);
	});

	it('goes on past Max Attempts while VTEX says when to come back, within Max Retry Wait', async () => {
		sandbox.addFault({ kind: '429', retryAfter: '0.1', times: 4, pathPrefix: ORDER });
		const { error, output } = await runProbe(
			sandbox,
			{ method: 'GET', path: ORDER, idempotent: true },
			{ maxAttempts: 2 },
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		// Four refusals, each waited out, then the answer: five requests for two Max Attempts.
		expect(sandbox.requests()).toHaveLength(5);
	});

	it('stops when Retry-After is longer than Max Retry Wait allows', async () => {
		sandbox.addFault({ kind: '429', retryAfter: '120', pathPrefix: ORDER });
		const { error } = await runProbe(
			sandbox,
			{ method: 'GET', path: ORDER, idempotent: true },
			{ maxRetryWaitSeconds: 5 },
		);
		expect(error?.message).toMatch(/failed/);
		expect(error?.description).toMatch(/Lower Concurrency or Requests per Minute/);
		expect(sandbox.requests()).toHaveLength(1);
	});

	it('treats an HTML 200 (VTEX login page) as an error, not data', async () => {
		sandbox.addFault({ kind: 'html200', pathPrefix: ORDER });
		const { error, output } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'get',
			orderId: '1002-01',
		});
		expect(output).toHaveLength(0);
		expect(error?.message).toMatch(/HTML page instead of JSON/);
		expect(error?.description).toMatch(/View order/);
	});

	it('names the missing License Manager resource on a 403', async () => {
		const limited = sandbox.state.keys[1];
		const { error } = await runOperation(
			sandbox,
			{ resource: 'order', operation: 'startHandling', orderId: '1001-01' },
			{
				credentials: sandboxCredentials(sandbox, {
					appKey: limited.appKey,
					appToken: limited.appToken,
				}),
			},
		);
		expect(error?.description).toMatch(/License Manager resource "Change order workflow status"/);
		expect(sandbox.state.findOrder('1001-01')?.status).toBe('ready-for-handling');
	});

	it('explains a 401 and never shows the app token anywhere', async () => {
		const token = 'super-secret-token-value-123';
		const credentials = sandboxCredentials(sandbox, { appToken: token });
		const failed = await runOperation(
			sandbox,
			{ resource: 'order', operation: 'get', orderId: '1002-01' },
			{ credentials },
		);
		expect(failed.error?.message).toMatch(/Unauthorized access/);
		expect(failed.error?.description).toMatch(/refused the App Key \/ App Token/);
		const continued = await runOperation(
			sandbox,
			{ resource: 'order', operation: 'get', orderId: '1002-01' },
			{ credentials, continueOnFail: true },
		);
		expect(continued.output[0].error).toMatch(/Unauthorized access/);
		const everything = JSON.stringify([
			failed.result.run,
			continued.result.run,
			failed.error,
			{ ...failed.error },
		]);
		expect(everything).not.toContain(token);
	});

	describe('Timeout bounds the whole exchange, from sending to the last byte', () => {
		it('fails a request whose answer trickles in a byte every 300 ms, and closes the connection', async () => {
			sandbox.addFault({ kind: 'trickle', delayMs: 300, pathPrefix: ORDER });
			const { error } = await runProbe(
				sandbox,
				{ method: 'GET', path: ORDER, idempotent: true },
				{ timeoutSeconds: 1, maxAttempts: 1 },
			);
			expect(error?.message).toMatch(/VTEX did not answer in time/);
			expect(error?.description).toMatch(
				/ETIMEDOUT\. VTEX sent no complete answer within the Timeout of 1\.0 s/,
			);
			await served(sandbox);
			// The answer (a whole order) would take minutes at a byte every 300 ms: the client hung up.
			expect(sandbox.load.inFlight).toBe(0);
			expect(sandbox.load.closedEarly).toBe(1);
		});

		it('repeats a read that timed out so, and a write that is not safe to repeat is reported, not repeated', async () => {
			sandbox.addFault({ kind: 'trickle', delayMs: 300, pathPrefix: ORDER });
			const read = await runProbe(
				sandbox,
				{ method: 'GET', path: ORDER, idempotent: true },
				{ timeoutSeconds: 1 },
			);
			expect(read.error).toBeUndefined();
			expect(
				sandbox.requests({ pathPrefix: ORDER }).map((request) => request.fault ?? null),
			).toEqual(['trickle', null]);

			const cancel = '/api/oms/pvt/orders/1002-01/cancel';
			sandbox.addFault({ kind: 'trickle', delayMs: 300, pathPrefix: cancel });
			const write = await runProbe(
				sandbox,
				{ method: 'POST', path: cancel, idempotent: false, body: { reason: 'test' } },
				{ timeoutSeconds: 1 },
			);
			expect(write.error?.description).toMatch(/not repeated/);
			expect(sandbox.requests({ pathPrefix: cancel })).toHaveLength(1);
			await served(sandbox);
		});

		it('fails a feed read that trickles, so the next poll reads the feed again', async () => {
			feedOf(sandbox).configure();
			const events = feedOf(sandbox).addBacklog({ count: 3 });
			const trigger = await activate(
				sandbox,
				feedWorkflow({ requestOptions: { timeoutSeconds: 1, maxAttempts: 1 } }),
			);
			sandbox.addFault({
				kind: 'trickle',
				delayMs: 300,
				method: 'GET',
				pathPrefix: '/api/orders/feed',
			});
			await trigger.poll();
			expect(trigger.failedPolls).toHaveLength(1);
			expect((trigger.failedPolls[0] as Error).message).toMatch(/did not answer in time/);

			// What the stuck read handed out comes back after the feed's visibility timeout.
			feedOf(sandbox).expireVisibility();
			await trigger.poll();
			await until(() => emittedEventIds(trigger).length === 3);
			expect(emittedEventIds(trigger).sort()).toEqual(events.map((event) => event.eventId).sort());
			await served(sandbox);
		});
	});

	it("paces a node by its own Requests per Minute without slowing another node's requests to the account", async () => {
		// Workflow A asks for 12 a minute: its second order waits about 5 s for its turn.
		let slowDone = false;
		const slow = runOperation(
			sandbox,
			{
				resource: 'order',
				operation: 'get',
				orderId: '={{ $json.orderId }}',
				requestOptions: { requestsPerMinute: 12 },
			},
			{ items: [{ orderId: '1001-01' }, { orderId: '1002-01' }] },
		).then((run) => {
			slowDone = true;
			return run;
		});
		await until(() => sandbox.requests({ pathPrefix: '/api/oms/pvt/orders/1001-01' }).length === 1);

		// Workflow B, at the default 6,000, reads an order meanwhile: it goes first, while A still waits.
		const fast = await runOperation(sandbox, {
			resource: 'order',
			operation: 'get',
			orderId: '1010-01',
		});
		expect(fast.error).toBeUndefined();
		expect(slowDone).toBe(false);
		expect(sandbox.requests().map((request) => request.path)).toEqual([
			'/api/oms/pvt/orders/1001-01',
			'/api/oms/pvt/orders/1010-01',
		]);

		const { output, error } = await slow;
		expect(error).toBeUndefined();
		expect(output.map((order) => order.orderId)).toEqual(['1001-01', '1002-01']);
	});

	it('keeps the pace while items wait out a Retry-After: a waiting item holds its slot, and gets another', async () => {
		const orders = bulkOrders(sandbox.state.account, {
			count: 40,
			from: '2026-01-01T00:00:00.000Z',
			to: '2026-01-02T00:00:00.000Z',
		});
		for (const order of orders) sandbox.state.putOrder(order);
		const ids = orders.map((order) => order.orderId);
		// The first 16 items leave together (nothing is known of the latency yet), and are all refused
		// with a wait of 3 s: more items waiting than the pace times the latency asks to have in flight.
		const refused = ids.slice(0, 16);
		for (const id of refused)
			sandbox.addFault({ kind: '429', retryAfter: '3', pathPrefix: `/api/oms/pvt/orders/${id}` });
		sandbox.faults.latencyMs = 50;
		const { output, error } = await runOperation(
			sandbox,
			{ resource: 'order', operation: 'get', orderId: '={{ $json.orderId }}' },
			{ items: ids.map((orderId) => ({ orderId })) },
		);
		expect(error).toBeUndefined();
		expect(output.map((order) => order.orderId)).toEqual(ids);
		// The 24 others went while the 16 waited: every one before the first retry.
		const paths = sandbox.requests().map((request) => request.path);
		const firstRetry = paths.findIndex(
			(path, index) => paths.indexOf(path) < index && refused.some((id) => path.endsWith(id)),
		);
		const others = ids.slice(16).map((id) => paths.indexOf(`/api/oms/pvt/orders/${id}`));
		expect(Math.max(...others)).toBeLessThan(firstRetry);
		expect(sandbox.requests()).toHaveLength(56);
	});
});
