import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { listOf } from '../../../sandbox/families/omsList';
import { bulkOrders } from '../../../sandbox/seed';
import { runOperation } from '../../../harness/workflow';

const listRequests = (sandbox: Sandbox) =>
	sandbox.requests({ method: 'GET' }).filter((request) => request.path === '/api/oms/pvt/orders');

function addBulk(sandbox: Sandbox, count: number, from: string, to: string, first?: number) {
	const orders = bulkOrders(sandbox.state.account, { count, from, to, first });
	for (const order of orders) sandbox.state.putOrder(order);
	return orders;
}

/** The order VTEX (the sandbox) lists them in: newest first, ties by order ID. */
function newestFirst(orders: Array<{ orderId: string; creationDate: string }>): string[] {
	return [...orders]
		.sort(
			(a, b) =>
				Date.parse(b.creationDate) - Date.parse(a.creationDate) || (a.orderId < b.orderId ? -1 : 1),
		)
		.map((order) => order.orderId);
}

describe('order → get many', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('lists the orders in the statuses asked for, with VTEX’s filters in the query', async () => {
		const { output, error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			filters: { statuses: ['ready-for-handling'], otherStatuses: 'handling' },
		});
		expect(error).toBeUndefined();
		expect(output.map((order) => order.orderId).sort()).toEqual([
			'1001-01',
			'1002-01',
			'1006-01',
			'1009-01',
			'1010-01',
		]);
		const [request] = listRequests(sandbox);
		expect(request.query).toMatchObject({
			f_status: 'ready-for-handling,handling',
			orderBy: 'creationDate,desc',
			page: '1',
			per_page: '50',
		});
	});

	it('sends date ranges in VTEX’s [from TO to] form and a Limit reads only the pages it needs', async () => {
		addBulk(sandbox, 300, '2026-10-01T00:00:00.000Z', '2026-10-31T00:00:00.000Z');
		const { output } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			limit: 5,
			filters: {
				createdAfter: '2026-10-01T00:00:00Z',
				createdBefore: '2026-10-31T23:59:59.999Z',
			},
			options: { sortDirection: 'asc' },
		});
		expect(output).toHaveLength(5);
		const requests = listRequests(sandbox);
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toMatchObject({
			f_creationDate: 'creationDate:[2026-10-01T00:00:00.000Z TO 2026-10-31T23:59:59.999Z]',
			per_page: '5',
			orderBy: 'creationDate,asc',
		});
	});

	it('returns every one of 7,000 orders exactly once, in order, across VTEX’s 3,000 cap', async () => {
		const bulk = addBulk(sandbox, 7000, '2026-09-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
		const { output, error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: { statuses: ['ready-for-handling'] },
			options: { output: 'summary' },
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		const summary = output[0];
		const orders = summary.orders as IDataObject[];
		const seededReady = ['1001-01', '1009-01'].map((id) => sandbox.state.findOrder(id)!);
		const expected = newestFirst([...bulk, ...seededReady]);
		expect(orders.map((order) => order.orderId)).toEqual(expected);
		expect(summary).toMatchObject({ reported: 7002, returned: 7002 });
		expect(summary.queries).toBeGreaterThan(3);
		// No page beyond VTEX's 30th was asked for, and every part fitted its 3,000.
		const pages = listRequests(sandbox).map((request) => Number(request.query.page));
		expect(Math.max(...pages)).toBeLessThanOrEqual(30);
	});

	it('splits by the user’s own date field when a range is given, and outputs one item per order', async () => {
		const bulk = addBulk(sandbox, 3500, '2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z');
		const { output } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: {
				authorizedAfter: '2026-10-01T00:00:00Z',
				authorizedBefore: '2026-10-03T00:00:00Z',
			},
			options: { sortField: 'orderId', sortDirection: 'asc' },
		});
		expect(output.map((order) => order.orderId)).toEqual(bulk.map((order) => order.orderId).sort());
		const splitQueries = listRequests(sandbox).filter(
			(request) => request.query.f_authorizedDate !== undefined,
		);
		expect(
			new Set(splitQueries.map((request) => request.query.f_authorizedDate)).size,
		).toBeGreaterThanOrEqual(3);
	});

	it('reads a Limit above 3,000 as Return All does, then cuts it, oldest first when ascending', async () => {
		const bulk = addBulk(sandbox, 3100, '2026-10-01T00:00:00.000Z', '2026-10-05T00:00:00.000Z');
		const { output } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			limit: 3050,
			filters: { createdAfter: '2026-10-01T00:00:00Z' },
			options: { sortDirection: 'asc', output: 'summary' },
		});
		const oldestFirst = newestFirst(bulk).reverse();
		const ids = (output[0].orders as IDataObject[]).map((order) => order.orderId);
		expect(ids).toHaveLength(3050);
		expect(new Set(ids).size).toBe(3050);
		// Ties (three orders to a millisecond) keep VTEX's order, by order ID, as the sandbox ranks them.
		expect(
			ids.map((id) => Date.parse(String(bulk.find((o) => o.orderId === id)!.creationDate))),
		).toEqual(
			oldestFirst
				.slice(0, 3050)
				.map((id) => Date.parse(bulk.find((o) => o.orderId === id)!.creationDate)),
		);
		// The twelve seeded orders, created later, match too.
		expect(output[0]).toMatchObject({ reported: 3112, returned: 3050 });
		expect(output[0].queries).toBeGreaterThan(1);
	});

	it('fails clearly when more than 3,000 orders share one instant', async () => {
		addBulk(sandbox, 3001, '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z');
		const { output, error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: { createdAfter: '2026-10-01T00:00:00Z', createdBefore: '2026-10-01T00:00:00Z' },
		});
		expect(output).toHaveLength(0);
		expect(error?.message).toMatch(/3,001 orders match creationDate:\[2026-10-01T00:00:00.000Z/);
		expect(error?.message).toMatch(/at most 3,000/);
	});

	it('simplifies list entries, and reads each order in full when asked', async () => {
		const listed = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			simplify: true,
			filters: { search: '1003-01' },
		});
		expect(listed.output).toEqual([
			expect.objectContaining({
				orderId: '1003-01',
				status: 'invoiced',
				total: { cents: 7190, decimal: 71.9 },
				customerName: 'Ana Souza',
			}),
		]);
		expect(listed.output[0]).not.toHaveProperty('items');

		const full = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			simplify: true,
			filters: { search: '1003-01' },
			options: { readInFull: true },
		});
		expect(full.output[0].items).toEqual([expect.objectContaining({ skuId: '303' })]);
		expect(sandbox.requests({ pathPrefix: '/api/oms/pvt/orders/1003-01' })).toHaveLength(1);
	});

	it('lists an order as VTEX indexed it, minutes behind its changes', async () => {
		const list = listOf(sandbox.state);
		let now = Date.now();
		list.settings.now = () => now;
		sandbox.state.setStatus(sandbox.state.findOrder('1001-01')!, 'handling');
		const ids = async () =>
			(
				await runOperation(sandbox, {
					resource: 'order',
					operation: 'getMany',
					filters: { statuses: ['ready-for-handling'] },
				})
			).output.map((order) => order.orderId);
		expect(await ids()).toContain('1001-01');
		now += list.settings.indexingDelayMs;
		expect(await ids()).not.toContain('1001-01');
	});

	it('refuses a range that ends before it starts, naming the field', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			filters: { createdAfter: '2026-10-02T00:00:00Z', createdBefore: '2026-10-01T00:00:00Z' },
		});
		expect(error?.message).toMatch(/"Created Before": is earlier than its "After" date/);
		expect(listRequests(sandbox)).toHaveLength(0);
	});

	it('refuses a search with "+", which VTEX does not allow, before sending anything', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'getMany',
			filters: { search: 'ana+souza@example.com' },
		});
		expect(error?.message).toMatch(/"Search": may not contain "\+"/);
		expect(listRequests(sandbox)).toHaveLength(0);
	});
});
