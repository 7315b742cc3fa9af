import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import axios from 'axios';

import type { Sandbox } from '.';
import { startSandbox } from '.';
import { hookOf } from './families/hook';

/** The sandbox's orders hook (VTEX's "Orders feed" guide, section Hook), spoken to over HTTP. */
describe('VTEX sandbox: orders hook', () => {
	let sandbox: Sandbox;
	let receiver: Server;
	let receiverUrl: string;
	/** What the receiver answers, and what it got. */
	let answerStatus = 200;
	let received: Array<{ body: unknown; headers: IncomingHttpHeaders }> = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
		receiver = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
			req.on('end', () => {
				received.push({ body: JSON.parse(body) as unknown, headers: req.headers });
				res.writeHead(answerStatus).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/vtex`;
	});
	afterAll(async () => {
		await hookOf(sandbox).settled();
		await sandbox.stop();
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});
	beforeEach(() => {
		sandbox.reset();
		Object.assign(hookOf(sandbox).settings, { retryBaseMs: 20, maxAttempts: 3 });
		answerStatus = 200;
		received = [];
	});

	const headers = (key = sandbox.defaultKey) => ({
		'X-VTEX-API-AppKey': key.appKey,
		'X-VTEX-API-AppToken': key.appToken,
	});
	const call = (
		method: 'get' | 'post' | 'delete',
		path: string,
		body?: unknown,
		key = sandbox.defaultKey,
	) =>
		axios.request({
			method,
			url: `${sandbox.baseUrl}${path}`,
			data: body,
			headers: headers(key),
			validateStatus: () => true,
		});
	const configBody = (
		url = receiverUrl,
		filter: object = { type: 'FromWorkflow', status: ['handling', 'invoiced'] },
	) => ({
		filter,
		hook: { url, headers: { 'X-Receiver-Key': 'k1' } },
	});

	it('pings the URL with the configured headers, saves on 200, answers GET and DELETE, 404 without a hook', async () => {
		expect((await call('get', '/api/orders/hook/config')).status).toBe(404);
		expect((await call('post', '/api/orders/hook/config', configBody())).status).toBe(200);
		expect(received).toEqual([
			{
				body: { hookConfig: 'ping' },
				headers: expect.objectContaining({ 'x-receiver-key': 'k1' }),
			},
		]);
		expect((await call('get', '/api/orders/hook/config')).data).toEqual(configBody());
		expect((await call('delete', '/api/orders/hook/config')).status).toBe(200);
		expect((await call('delete', '/api/orders/hook/config')).status).toBe(404);
	});

	it('refuses the configuration with 400 when the ping does not get 200, and keeps the old one', async () => {
		await call('post', '/api/orders/hook/config', configBody());
		answerStatus = 201;
		const refused = await call(
			'post',
			'/api/orders/hook/config',
			configBody(`${receiverUrl}/other`),
		);
		expect(refused.status).toBe(400);
		expect(refused.data.error.message).toContain('HTTP 201, not 200');
		expect(hookOf(sandbox).config()?.hook.url).toBe(receiverUrl);
	});

	it('refuses a URL that is not HTTPS (loopback aside), mixed filters, and a key without the feed resources', async () => {
		expect(
			(await call('post', '/api/orders/hook/config', configBody('http://erp.example.com/vtex')))
				.data.error.message,
		).toBe('Unable to check address. Only https scheme is accepted.');
		expect(
			(
				await call(
					'post',
					'/api/orders/hook/config',
					configBody(receiverUrl, { type: 'FromWorkflow', expression: 'true' }),
				)
			).status,
		).toBe(409);
		const readOnly = sandbox.state.keys[1];
		expect((await call('get', '/api/orders/hook/config', undefined, readOnly)).status).toBe(403);
	});

	it('POSTs each status change the filter takes, in VTEX’s body, with the configured headers', async () => {
		await call('post', '/api/orders/hook/config', configBody());
		received = [];
		await call('post', '/api/oms/pvt/orders/1001-01/start-handling');
		await call('post', '/api/oms/pvt/orders/1007-01/cancel', { reason: 'not in the filter' });
		await hookOf(sandbox).settled();
		expect(received).toEqual([
			{
				body: {
					Domain: 'Marketplace',
					OrderId: '1001-01',
					State: 'handling',
					LastState: 'ready-for-handling',
					LastChange: expect.any(String),
					CurrentChange: expect.any(String),
					Origin: { Account: sandbox.state.account, Key: sandbox.defaultKey.appKey },
				},
				headers: expect.objectContaining({
					'x-receiver-key': 'k1',
					'content-type': 'application/json',
				}),
			},
		]);
	});

	it('fires a JSONata filter once per order unless Disable Single Fire', async () => {
		await call(
			'post',
			'/api/orders/hook/config',
			configBody(receiverUrl, {
				type: 'FromOrders',
				expression: 'orderId = "1002-01"',
				disableSingleFire: false,
			}),
		);
		received = [];
		const order = sandbox.state.findOrder('1002-01')!;
		sandbox.state.setStatus(order, 'ready-for-invoicing');
		sandbox.state.setStatus(order, 'invoiced');
		await hookOf(sandbox).settled();
		expect(received.map(({ body }) => (body as { State: string }).State)).toEqual([
			'ready-for-invoicing',
		]);
	});

	it('retries with a growing pause while the answer is not 200, and records every attempt', async () => {
		await call('post', '/api/orders/hook/config', configBody());
		answerStatus = 503;
		await call('post', '/api/oms/pvt/orders/1001-01/start-handling');
		await hookOf(sandbox).settled();
		const [delivery] = hookOf(sandbox).notifications();
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 503]);
		expect(delivery).toMatchObject({
			delivered: false,
			gaveUp: true,
			headerNames: ['X-Receiver-Key'],
		});
		const state = (await axios.get(`${sandbox.baseUrl}/_sandbox/hook`)).data as {
			deliveries: unknown[];
		};
		expect(state.deliveries).toHaveLength(2);
	});

	it('sends a burst through the admin endpoint and reports it', async () => {
		await call('post', '/api/orders/hook/config', configBody());
		received = [];
		const { data } = await axios.post(`${sandbox.baseUrl}/_sandbox/hook/burst`, {
			count: 25,
			concurrency: 5,
			repeats: 3,
		});
		expect(data).toMatchObject({ sent: 28, repeats: 3, delivered: 28, failedAttempts: 0 });
		expect(new Set(received.map(({ body }) => (body as { OrderId: string }).OrderId)).size).toBe(
			25,
		);
		// A repeat is the same body again.
		expect(received.slice(25).map(({ body }) => body)).toEqual(
			received.slice(0, 3).map(({ body }) => body),
		);
	});

	it('removes a hook as VTEX does after three days without notifications', async () => {
		await call('post', '/api/orders/hook/config', configBody());
		expect((await axios.post(`${sandbox.baseUrl}/_sandbox/hook/expire`, {})).data).toEqual({
			expired: true,
		});
		expect((await call('get', '/api/orders/hook/config')).status).toBe(404);
	});
});
