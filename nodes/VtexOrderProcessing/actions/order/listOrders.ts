import type { IDataObject } from 'n8n-workflow';

import type { DateRange, ListFilters } from './listQuery';
import { LIST_ORDERS_SERVED, LIST_PAGE_SIZE, listQuery, mergeListed, rangeText } from './listQuery';

/** One page of List orders: its entries and the number of orders VTEX says the query matches. */
export interface ListPage {
	orders: IDataObject[];
	total: number;
}

/** Reads one page of a query (the transport, or a test's stand-in). */
export type PageReader = (query: IDataObject) => Promise<ListPage>;

export interface Listing {
	orders: IDataObject[];
	/** How many orders VTEX said the whole query matches (its first answer's `paging.total`). */
	reported: number;
	/** The queries sent: 1 when the match fit VTEX's 3,000, more when its date range was split. */
	queries: number;
	/** Page requests sent in all. */
	requests: number;
}

/** Thrown when more orders than VTEX serves share one instant: no date split can separate them. */
export class DenseInstantError extends Error {
	constructor(
		readonly range: DateRange,
		readonly total: number,
	) {
		super(
			`${total.toLocaleString('en-US')} orders match ${rangeText(range)}, a single instant, and VTEX serves at most ${LIST_ORDERS_SERVED.toLocaleString('en-US')} orders per query: they cannot all be listed`,
		);
	}
}

/** The pages of one query after its first: as many as its total needs, up to a short page. */
async function restOfQuery(
	read: PageReader,
	filters: ListFilters,
	first: ListPage,
	perPage: number,
	pagesWanted: number,
	split: DateRange | undefined,
	count: () => void,
): Promise<IDataObject[]> {
	const orders = [...first.orders];
	const pages = Math.min(pagesWanted, Math.ceil(first.total / perPage));
	let lastLength = first.orders.length;
	for (let page = 2; page <= pages && lastLength >= perPage; page++) {
		const answer = await read(listQuery(filters, page, perPage, split));
		count();
		orders.push(...answer.orders);
		lastLength = answer.orders.length;
	}
	return orders;
}

/**
 * The first `wanted` orders (at most VTEX's 3,000) of a query, in VTEX's order: pages of
 * `wanted` or 100, whichever is smaller, so a Limit of 5 reads one page of 5.
 */
export async function listFirst(
	read: PageReader,
	filters: ListFilters,
	wanted: number,
): Promise<Listing> {
	const perPage = Math.min(LIST_PAGE_SIZE, wanted);
	let requests = 1;
	const first = await read(listQuery(filters, 1, perPage));
	const pagesWanted = Math.ceil(Math.min(wanted, LIST_ORDERS_SERVED) / perPage);
	const orders = await restOfQuery(read, filters, first, perPage, pagesWanted, undefined, () => {
		requests++;
	});
	return {
		orders: mergeListed([orders], filters.sortField, filters.sortDirection).slice(0, wanted),
		reported: first.total,
		queries: 1,
		requests,
	};
}

/**
 * Every order a query matches. A query over VTEX's 3,000 is split in two halves of its date
 * range (the split field's: the user's range on it, else `fallback`), each half queried, and a
 * half still over 3,000 split again, until every part fits; the parts are merged in the query's
 * order, each order once. Ranges include both ends to the millisecond, so halves
 * [from, middle] and [middle + 1 ms, to] neither overlap nor leave a gap.
 */
export async function listAll(
	read: PageReader,
	filters: ListFilters,
	fallback: DateRange,
	tooDense: (range: DateRange, total: number) => Error = (range, total) =>
		new DenseInstantError(range, total),
): Promise<Listing> {
	let queries = 0;
	let requests = 0;
	const count = () => {
		requests++;
	};
	const pagesOfQuery = Math.ceil(LIST_ORDERS_SERVED / LIST_PAGE_SIZE);

	const collect = async (range: DateRange, first?: ListPage): Promise<IDataObject[][]> => {
		let answer = first;
		if (!answer) {
			queries++;
			requests++;
			answer = await read(listQuery(filters, 1, LIST_PAGE_SIZE, range));
		}
		if (answer.total <= LIST_ORDERS_SERVED) {
			return [await restOfQuery(read, filters, answer, LIST_PAGE_SIZE, pagesOfQuery, range, count)];
		}
		if (range.from >= range.to) throw tooDense(range, answer.total);
		const middle = range.from + Math.floor((range.to - range.from) / 2);
		const earlier = await collect({ ...range, to: middle });
		const later = await collect({ ...range, from: middle + 1 });
		return [...earlier, ...later];
	};

	queries++;
	requests++;
	const first = await read(listQuery(filters, 1, LIST_PAGE_SIZE));
	const userRange = filters.ranges.find((range) => range.field === fallback.field);
	let split: DateRange | undefined;
	let parts: IDataObject[][];
	if (first.total <= LIST_ORDERS_SERVED) {
		parts = [
			await restOfQuery(read, filters, first, LIST_PAGE_SIZE, pagesOfQuery, undefined, count),
		];
	} else {
		// The first answer is the user's own range (or the unfiltered query): split it at once.
		split = userRange ?? fallback;
		parts = await collect(split, userRange ? first : { ...first, orders: [] });
	}
	return {
		orders: mergeListed(parts, filters.sortField, filters.sortDirection, split?.field),
		reported: first.total,
		queries,
		requests,
	};
}
