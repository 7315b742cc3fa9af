import type { IDataObject } from 'n8n-workflow';

import {
	DenseInstantError,
	listAll,
} from '../../../../nodes/VtexOrderProcessing/actions/order/listOrders';
import type { PageReader } from '../../../../nodes/VtexOrderProcessing/actions/order/listOrders';
import type { ListFilters } from '../../../../nodes/VtexOrderProcessing/actions/order/listQuery';
import { mergeListed } from '../../../../nodes/VtexOrderProcessing/actions/order/listQuery';

const filters: ListFilters = {
	statuses: [],
	ranges: [],
	sortField: 'creationDate',
	sortDirection: 'asc',
};

/** A List orders stand-in over `orders`, reading VTEX's query as the package sends it. */
function readerOver(orders: IDataObject[], onPage?: (page: number) => void): PageReader {
	return async (query) => {
		const range = /^creationDate:\[(.+) TO (.+)\]$/.exec(String(query.f_creationDate ?? ''));
		const [from, to] = range ? [Date.parse(range[1]), Date.parse(range[2])] : [-Infinity, Infinity];
		const matched = orders
			.filter((order) => {
				const millis = Date.parse(String(order.creationDate));
				return millis >= from && millis <= to;
			})
			.sort((a, b) => Date.parse(String(a.creationDate)) - Date.parse(String(b.creationDate)));
		const page = Number(query.page);
		const perPage = Number(query.per_page);
		onPage?.(page);
		const list = page > 30 ? [] : matched.slice((page - 1) * perPage, page * perPage);
		return { orders: list, total: matched.length };
	};
}

function ordersAt(times: number[]): IDataObject[] {
	return times.map((millis, index) => ({
		orderId: `o${index}`,
		creationDate: new Date(millis).toISOString(),
	}));
}

const span = { field: 'creationDate' as const, from: 0, to: 1_000_000_000 };

describe('listAll: splitting a query over VTEX’s 3,000', () => {
	it('returns 10,001 orders at random instants exactly once, in order, never asking past page 30', async () => {
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const orders = ordersAt(Array.from({ length: 10_001 }, () => Math.floor(random() * 1e9)));
		let highestPage = 0;
		const listing = await listAll(
			readerOver(orders, (page) => (highestPage = Math.max(highestPage, page))),
			filters,
			span,
		);
		expect(listing.orders).toHaveLength(10_001);
		expect(new Set(listing.orders.map((order) => order.orderId)).size).toBe(10_001);
		const times = listing.orders.map((order) => Date.parse(String(order.creationDate)));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(listing.reported).toBe(10_001);
		expect(highestPage).toBeLessThanOrEqual(30);
	});

	it('separates 3,000 orders at one instant from their neighbours, and refuses 3,001', async () => {
		const fits = ordersAt([...Array(3000).fill(500), 499, 501]);
		expect((await listAll(readerOver(fits), filters, span)).orders).toHaveLength(3002);
		const dense = ordersAt([...Array(3001).fill(500), 499]);
		await expect(listAll(readerOver(dense), filters, span)).rejects.toBeInstanceOf(
			DenseInstantError,
		);
	});

	it('merges parts without repeating an order seen on two pages', () => {
		const a = { orderId: 'a', creationDate: '2026-10-01T00:00:00Z' };
		const b = { orderId: 'b', creationDate: '2026-10-02T00:00:00Z' };
		expect(mergeListed([[b, a], [a]], 'creationDate', 'desc')).toEqual([b, a]);
	});
});
