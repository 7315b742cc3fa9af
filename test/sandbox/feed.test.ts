import axios from 'axios';

import type { Sandbox } from '.';
import { startSandbox } from '.';
import { feedOf } from './families/feed';

/** The sandbox's orders feed v3 (https://developers.vtex.com/docs/guides/orders-feed), spoken to over HTTP. */
describe('VTEX sandbox: orders feed v3', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const headers = (key = sandbox.defaultKey) => ({
		'X-VTEX-API-AppKey': key.appKey,
		'X-VTEX-API-AppToken': key.appToken,
		Accept: 'application/json',
	});
	const get = (path: string, key = sandbox.defaultKey) =>
		axios.get(`${sandbox.baseUrl}${path}`, { headers: headers(key), validateStatus: () => true });
	const post = (path: string, body: unknown, key = sandbox.defaultKey) =>
		axios.post(`${sandbox.baseUrl}${path}`, body, {
			headers: headers(key),
			validateStatus: () => true,
		});
	const configBody = (filter: object, retention = 345600) => ({
		filter,
		queue: { visibilityTimeoutInSeconds: 240, MessageRetentionPeriodInSeconds: retention },
	});

	it('answers 404 while no feed is configured for the app key', async () => {
		expect((await get('/api/orders/feed?maxlot=10')).status).toBe(404);
		expect((await get('/api/orders/feed/config')).status).toBe(404);
		expect((await post('/api/orders/feed', { handles: ['x'] })).status).toBe(404);
	});

	it('puts the sandbox’s own status changes in the feed, filtered by status (FromWorkflow)', async () => {
		expect(
			(
				await post(
					'/api/orders/feed/config',
					configBody({ type: 'FromWorkflow', status: ['handling'] }),
				)
			).status,
		).toBe(200);
		await post('/api/oms/pvt/orders/1001-01/start-handling', undefined);
		sandbox.state.setStatus(sandbox.state.findOrder('1002-01')!, 'canceled');
		const { status, data } = await get('/api/orders/feed?maxlot=10');
		expect(status).toBe(200);
		expect(data).toEqual([
			expect.objectContaining({
				orderId: '1001-01',
				state: 'handling',
				lastState: 'ready-for-handling',
				domain: 'Marketplace',
				eventId: expect.stringMatching(/^[0-9A-F]{32}$/),
				handle: expect.any(String),
			}),
		]);
	});

	it('hides what was read for the visibility timeout, delivers it again, and removes it on commit', async () => {
		feedOf(sandbox).configure();
		// A minute: no read below can outlast it, however loaded the machine; then it is ended at once.
		feedOf(sandbox).settings.visibilityTimeoutMs = 60_000;
		feedOf(sandbox).addBacklog({ count: 12 });
		const first = await get('/api/orders/feed?maxlot=10');
		expect(first.data).toHaveLength(10);
		expect((await get('/api/orders/feed?maxlot=10')).data).toHaveLength(2);
		expect((await get('/api/orders/feed?maxlot=10')).data).toHaveLength(0);
		feedOf(sandbox).expireVisibility();
		const again = await get('/api/orders/feed?maxlot=10');
		expect(again.data.map((event: { eventId: string }) => event.eventId)).toEqual(
			first.data.map((event: { eventId: string }) => event.eventId),
		);
		// An older delivery's handle removes nothing (as with SQS); the latest one does.
		expect((await post('/api/orders/feed', { handles: [first.data[0].handle] })).status).toBe(200);
		expect(feedOf(sandbox).stats()).toMatchObject({ queued: 12, noopCommits: 1 });
		await post('/api/orders/feed', {
			handles: again.data.map((event: { handle: string }) => event.handle),
		});
		expect(feedOf(sandbox).stats()).toMatchObject({ queued: 2, committed: 10 });
	});

	it('refuses a maxlot above 10', async () => {
		feedOf(sandbox).configure();
		expect((await get('/api/orders/feed?maxlot=11')).status).toBe(400);
	});

	it('delivers every event twice when the admin switch asks', async () => {
		feedOf(sandbox).configure();
		await axios.put(`${sandbox.baseUrl}/_sandbox/feed/settings`, { deliverTwice: true });
		await axios.post(`${sandbox.baseUrl}/_sandbox/feed/backlog`, { count: 3 });
		const { data } = await get('/api/orders/feed?maxlot=10');
		expect(data).toHaveLength(6);
		expect(new Set(data.map((event: { eventId: string }) => event.eventId)).size).toBe(3);
		expect(new Set(data.map((event: { handle: string }) => event.handle)).size).toBe(6);
	});

	it('lists the queued events and how many times each was delivered and committed, over its admin endpoint', async () => {
		feedOf(sandbox).configure();
		const { data: backlog } = await axios.post(`${sandbox.baseUrl}/_sandbox/feed/backlog`, {
			count: 3,
		});
		const { data: read } = await get('/api/orders/feed?maxlot=1');
		expect((await post('/api/orders/feed', { handles: [read[0].handle] })).status).toBe(200);
		const { data } = await axios.get(`${sandbox.baseUrl}/_sandbox/feed/events`);
		expect(data.committed).toEqual({ [read[0].eventId]: 1 });
		expect(data.delivered).toEqual({ [read[0].eventId]: 1 });
		expect([...data.queued].sort()).toEqual(
			backlog.eventIds.filter((id: string) => id !== read[0].eventId).sort(),
		);
	});

	it('evaluates a FromOrders JSONata filter, once per order unless single fire is disabled', async () => {
		const filter = {
			type: 'FromOrders',
			expression: 'status = "handling" and salesChannel = "1"',
			disableSingleFire: false,
		};
		expect((await post('/api/orders/feed/config', configBody(filter))).status).toBe(200);
		const order = sandbox.state.findOrder('1001-01')!;
		sandbox.state.setStatus(order, 'handling');
		sandbox.state.setStatus(order, 'ready-for-handling');
		sandbox.state.setStatus(order, 'handling');
		sandbox.state.setStatus(sandbox.state.findOrder('1003-01')!, 'canceled');
		const { data } = await get('/api/orders/feed?maxlot=10');
		expect(data.map((event: { orderId: string }) => event.orderId)).toEqual(['1001-01']);
	});

	it('answers 409 when filter types are mixed and 400 for a retention outside 4 to 14 days', async () => {
		expect(
			(await post('/api/orders/feed/config', configBody({ type: 'FromWorkflow', expression: 'x' })))
				.status,
		).toBe(409);
		expect(
			(
				await post(
					'/api/orders/feed/config',
					configBody({ type: 'FromOrders', expression: 'x', status: [] }),
				)
			).status,
		).toBe(409);
		expect(
			(await post('/api/orders/feed/config', configBody({ type: 'FromWorkflow' }, 345599))).status,
		).toBe(400);
		expect(
			(await post('/api/orders/feed/config', configBody({ type: 'FromWorkflow' }, 1209601))).status,
		).toBe(400);
	});

	it('answers GET config in either spelling of the retention key', async () => {
		feedOf(sandbox).configure();
		expect((await get('/api/orders/feed/config')).data.queue).toEqual({
			visibilityTimeoutInSeconds: 240,
			messageRetentionPeriodInSeconds: 345600,
		});
		feedOf(sandbox).settings.configSpelling = 'pascal';
		const { data } = await get('/api/orders/feed/config');
		expect(data.queue.MessageRetentionPeriodInSeconds).toBe(345600);
		expect(data).toHaveProperty('aproximateAgeOfOldestMessageInSeconds');
	});

	it('evaluates a JSONata expression against a document sent as a string', async () => {
		const answer = await post('/api/orders/expressions/jsonata', {
			Expression: 'status = "canceled"',
			Document: '{"status":"canceled"}',
		});
		expect(answer.data).toBe(true);
		const other = await post('/api/orders/expressions/jsonata', {
			Expression: 'status = "canceled"',
			Document: '{"status":"invoiced"}',
		});
		expect(other.data).toBe(false);
	});

	it('refuses a key whose role has neither feed resource', async () => {
		feedOf(sandbox).configure();
		const readOnly = sandbox.state.keys[1];
		expect((await get('/api/orders/feed?maxlot=1', readOnly)).status).toBe(403);
	});
});
