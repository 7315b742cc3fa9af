import axios from 'axios';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

describe('VTEX sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());

	const auth = () => ({
		'X-VTEX-API-AppKey': sandbox.defaultKey.appKey,
		'X-VTEX-API-AppToken': sandbox.defaultKey.appToken,
		Accept: 'application/json',
	});

	it('serves a seeded order with VTEX Get order shape, money in cents', async () => {
		const { status, data } = await axios.get(`${sandbox.baseUrl}/api/oms/pvt/orders/1002-01`, {
			headers: auth(),
		});
		expect(status).toBe(200);
		expect(data).toMatchObject({ orderId: '1002-01', status: 'handling' });
		const items = data.items.reduce(
			(sum: number, item: { price: number; quantity: number }) => sum + item.price * item.quantity,
			0,
		);
		const shipping = data.shippingData.logisticsInfo.reduce(
			(sum: number, info: { price: number }) => sum + info.price,
			0,
		);
		expect(data.value).toBe(items + shipping);
		expect(data.totals.find((total: { id: string }) => total.id === 'Shipping').value).toBe(
			shipping,
		);
		expect(data.items.some((item: { quantity: number }) => item.quantity > 1)).toBe(true);
		expect(Number.isInteger(data.value)).toBe(true);
	});

	it('finds an order by seq{sequence}', async () => {
		const { data } = await axios.get(`${sandbox.baseUrl}/api/oms/pvt/orders/seq100201`, {
			headers: auth(),
		});
		expect(data.orderId).toBe('1002-01');
	});

	it('answers 401 without the key and 404 OMS007 for an unknown order', async () => {
		const unauthorized = await axios.get(`${sandbox.baseUrl}/api/oms/pvt/orders/1002-01`, {
			validateStatus: () => true,
		});
		expect(unauthorized.status).toBe(401);
		expect(unauthorized.data).toEqual({
			error: { code: '1', message: 'Unauthorized access', exception: null },
		});
		const missing = await axios.get(`${sandbox.baseUrl}/api/oms/pvt/orders/9999-01`, {
			headers: auth(),
			validateStatus: () => true,
		});
		expect(missing.status).toBe(404);
		expect(missing.data.error.code).toBe('OMS007');
	});

	it('allows start handling only from ready-for-handling (OMS003 otherwise)', async () => {
		const ok = await axios.post(
			`${sandbox.baseUrl}/api/oms/pvt/orders/1009-01/start-handling`,
			undefined,
			{ headers: auth() },
		);
		expect(ok.status).toBe(204);
		const again = await axios.post(
			`${sandbox.baseUrl}/api/oms/pvt/orders/1009-01/start-handling`,
			undefined,
			{
				headers: auth(),
				validateStatus: () => true,
			},
		);
		expect(again.status).toBe(409);
		expect(again.data.error.code).toBe('OMS003');
	});

	it('exposes its state and request log on admin endpoints, and injects faults on request', async () => {
		await axios.delete(`${sandbox.baseUrl}/_sandbox/requests`);
		await axios.post(`${sandbox.baseUrl}/_sandbox/faults`, {
			kind: '503',
			pathPrefix: '/api/oms/pvt/orders/1003-01',
		});
		const failed = await axios.get(`${sandbox.baseUrl}/api/oms/pvt/orders/1003-01`, {
			headers: auth(),
			validateStatus: () => true,
		});
		expect(failed.status).toBe(503);
		const log = await axios.get(`${sandbox.baseUrl}/_sandbox/requests`);
		expect(log.data).toHaveLength(1);
		expect(log.data[0]).toMatchObject({
			method: 'GET',
			path: '/api/oms/pvt/orders/1003-01',
			status: 503,
			fault: '503',
		});
		expect(JSON.stringify(log.data)).not.toContain(sandbox.defaultKey.appToken);
		const state = await axios.get(`${sandbox.baseUrl}/_sandbox/state`);
		expect(state.data.orders.length).toBeGreaterThan(5);
	});

	it('enforces a rate limit with 429 and Retry-After, and a fixed latency', async () => {
		await axios.put(`${sandbox.baseUrl}/_sandbox/settings`, {
			latencyMs: 50,
			rateLimit: { requestsPerSecond: 2, retryAfterSeconds: 1 },
		});
		const started = Date.now();
		const statuses = [];
		for (let i = 0; i < 3; i++) {
			const response = await axios.get(`${sandbox.baseUrl}/api/oms/pvt/orders/1003-01`, {
				headers: auth(),
				validateStatus: () => true,
			});
			statuses.push([response.status, response.headers['retry-after']]);
		}
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		expect(statuses).toEqual([
			[200, undefined],
			[200, undefined],
			[429, '1'],
		]);
		await axios.delete(`${sandbox.baseUrl}/_sandbox/faults`);
	});

	it('a fault mix injects one fault every N requests, in turn, each waiting for a request it matches', async () => {
		sandbox.reset();
		sandbox.faults.setMix({
			every: 3,
			rules: [
				{ kind: '503' },
				{ kind: '502', method: 'POST', pathPrefix: '/api/oms/pvt/orders/1001-01/start-handling' },
			],
		});
		const get = async () =>
			(
				await axios.get(`${sandbox.baseUrl}/api/oms/pvt/orders/1002-01`, {
					headers: auth(),
					validateStatus: () => true,
				})
			).status;
		const statuses = [
			await get(),
			await get(),
			await get(),
			await get(),
			await get(),
			await get(),
			await get(),
		];
		// The 3rd request gets the first rule; the 6th is the second rule's turn, which waits for its POST.
		expect(statuses).toEqual([200, 200, 503, 200, 200, 200, 200]);
		const post = await axios.post(
			`${sandbox.baseUrl}/api/oms/pvt/orders/1001-01/start-handling`,
			undefined,
			{ headers: auth(), validateStatus: () => true },
		);
		expect(post.status).toBe(502);
		expect(sandbox.faults.mixed).toEqual({
			'503': 1,
			'502 POST /api/oms/pvt/orders/1001-01/start-handling': 1,
		});
		sandbox.reset();
	});
});
