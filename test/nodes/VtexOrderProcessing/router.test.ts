import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runOperation } from '../../harness/workflow';

const SEEDED = Array.from({ length: 12 }, (_unused, index) => `${1001 + index}-01`);
const get = { resource: 'order', operation: 'get', orderId: '={{ $json.orderId }}' };

describe('router: items in parallel, as a one-by-one run would output them', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('sends up to Concurrency requests at once and outputs in input order, each item paired with its input', async () => {
		sandbox.faults.latencyMs = 100;
		const { output, result } = await runOperation(
			sandbox,
			{ ...get, requestOptions: { concurrency: 4 } },
			{ items: SEEDED.map((orderId) => ({ orderId })) },
		);
		expect(sandbox.load.peakInFlight).toBe(4);
		expect(output.map((item) => item.orderId)).toEqual(SEEDED);
		expect(result.items('VTEX').map((item) => item.pairedItem)).toEqual(
			SEEDED.map((_id, item) => ({ item })),
		);
	});

	it("keeps the account's pace times VTEX's latency in flight by default, more than a fixed 20", async () => {
		// At 400 ms a VTEX answer and 95 requests a second, 38 must be in flight to keep the pace.
		sandbox.faults.latencyMs = 400;
		const orders = [
			...SEEDED,
			...Array.from({ length: 48 }, (_unused, index) => `${2001 + index}-01`),
		];
		const { output } = await runOperation(sandbox, get, {
			items: orders.map((orderId) => ({ orderId })),
			continueOnFail: true,
		});
		expect(sandbox.load.peakInFlight).toBeGreaterThan(20);
		expect(sandbox.load.peakInFlight).toBeLessThanOrEqual(50);
		expect(output.map((item) => item.orderId ?? item.vtexCode)).toEqual([
			...SEEDED,
			...orders.slice(12).map(() => 'OMS007'),
		]);
	});

	it('never has more in flight than a Concurrency the user set, whatever the latency', async () => {
		sandbox.faults.latencyMs = 400;
		const orders = [
			...SEEDED,
			...Array.from({ length: 28 }, (_unused, index) => `${2001 + index}-01`),
		];
		await runOperation(
			sandbox,
			{ ...get, requestOptions: { concurrency: 10 } },
			{ items: orders.map((orderId) => ({ orderId })), continueOnFail: true },
		);
		expect(sandbox.load.peakInFlight).toBe(10);
	});

	it('under Continue On Fail, a failing item becomes an error item in its place and the others go on', async () => {
		const orders = ['1001-01', '1002-01', '9999-01', '1003-01', '1004-01'];
		const { output, result } = await runOperation(sandbox, get, {
			items: orders.map((orderId) => ({ orderId })),
			continueOnFail: true,
		});
		expect(output.map((item) => item.orderId ?? item.vtexCode)).toEqual([
			'1001-01',
			'1002-01',
			'OMS007',
			'1003-01',
			'1004-01',
		]);
		expect(result.items('VTEX').map((item) => item.pairedItem)).toEqual(
			orders.map((_id, item) => ({ item })),
		);
	});

	it('without Continue On Fail, starts no item after a failure and reports the failing item', async () => {
		const orders = ['1001-01', 'not an id!', ...SEEDED.slice(2)];
		const { error } = await runOperation(
			sandbox,
			{ ...get, requestOptions: { concurrency: 3 } },
			{ items: orders.map((orderId) => ({ orderId })) },
		);
		expect(error?.message).toMatch(/Invalid "Order ID"/);
		expect(error?.context?.itemIndex).toBe(1);
		// Items 0 and 2 were under way when item 1 failed; a one-by-one run would have sent item 0 only.
		expect(sandbox.requests().map((request) => request.path)).toEqual(
			expect.arrayContaining(['/api/oms/pvt/orders/1001-01', '/api/oms/pvt/orders/1003-01']),
		);
		expect(sandbox.requests()).toHaveLength(2);
	});

	it('sends items for the same order one after another, so the last one wins as in a one-by-one run', async () => {
		// The first update is slow: sent in parallel, it would land after the second and win.
		sandbox.addFault({
			kind: 'slow',
			delayMs: 300,
			method: 'PATCH',
			pathPrefix: '/api/oms/pvt/orders/1006-01',
		});
		const updates = [
			{ orderId: '1006-01', trackingNumber: 'FIRST-1' },
			{ orderId: '1002-01', trackingNumber: 'OTHER' },
			{ orderId: '1006-01', trackingNumber: 'SECOND-2' },
		];
		sandbox.state.findOrder('1002-01')!.packageAttachment.packages.push({
			...sandbox.state.findOrder('1006-01')!.packageAttachment.packages[0],
			invoiceNumber: 'NF-1006-1',
		});
		const { output } = await runOperation(
			sandbox,
			{
				resource: 'order',
				operation: 'updateTracking',
				orderId: '={{ $json.orderId }}',
				invoiceNumber: 'NF-1006-1',
				trackingNumber: '={{ $json.trackingNumber }}',
				requestOptions: { concurrency: 10 },
			},
			{ items: updates, continueOnFail: true },
		);
		expect(output.every((item) => item.success === true)).toBe(true);
		const patches = sandbox
			.requests({ method: 'PATCH' })
			.map((request) => (request.body as { trackingNumber: string }).trackingNumber);
		// The other order did not wait for the slow one.
		expect(patches).toEqual(['OTHER', 'FIRST-1', 'SECOND-2']);
		expect(sandbox.state.findOrder('1006-01')!.packageAttachment.packages[0].trackingNumber).toBe(
			'SECOND-2',
		);
	});

	it('after a 429, only the request that got it waits its Retry-After; the other items go on', async () => {
		sandbox.faults.latencyMs = 20;
		sandbox.addFault({ kind: '429', retryAfter: '1', pathPrefix: '/api/oms/pvt/orders/1001-01' });
		const orders = [
			...SEEDED,
			...Array.from({ length: 18 }, (_unused, index) => `${2001 + index}-01`),
		];
		const { output } = await runOperation(
			sandbox,
			{ ...get, requestOptions: { concurrency: 3 } },
			{ items: orders.map((orderId) => ({ orderId })), continueOnFail: true },
		);
		expect(output.map((item) => item.orderId ?? item.vtexCode)).toEqual([
			...SEEDED,
			...orders.slice(12).map(() => 'OMS007'),
		]);
		const log = sandbox.requests();
		const refused = log.findIndex((request) => request.status === 429);
		const repeated = log.findIndex(
			(request, index) => index > refused && request.path === log[refused].path,
		);
		// The repeat waited the whole Retry-After ...
		expect(Date.parse(log[repeated].at) - Date.parse(log[refused].at)).toBeGreaterThanOrEqual(950);
		// ... while the other items' requests went on at the lowered pace (a pause of the whole
		// account would have let only the 2 requests already in flight through).
		expect(repeated - refused - 1).toBeGreaterThanOrEqual(orders.length / 2);
		expect(log).toHaveLength(orders.length + 1);
	});
});
