import type { IDataObject } from 'n8n-workflow';

/**
 * List orders: GET /api/oms/pvt/orders
 * (developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders). The query a
 * listing sends, built from filters already checked; no request is made here.
 */
export const LIST_ORDERS_PATH = '/api/oms/pvt/orders';

/** VTEX's largest page: `per_page` "goes up to 100 orders per page". */
export const LIST_PAGE_SIZE = 100;

/** VTEX serves at most 30 pages of one query ("the limit of information retrieval is 30 pages"). */
export const LIST_PAGES_SERVED = 30;

/** So one query yields at most 3,000 orders; a larger match is split by date. */
export const LIST_ORDERS_SERVED = LIST_PAGE_SIZE * LIST_PAGES_SERVED;

/** The date fields VTEX filters the list by, each in its own `f_` parameter. */
export const LIST_DATE_FIELDS = ['creationDate', 'authorizedDate', 'invoicedDate'] as const;
export type ListDateField = (typeof LIST_DATE_FIELDS)[number];

/** A date range, both ends included, in milliseconds since the epoch (VTEX's ranges end at .999Z). */
export interface DateRange {
	field: ListDateField;
	from: number;
	to: number;
}

/** The fields `orderBy` takes, and the directions. */
export const LIST_SORT_FIELDS = [
	'creationDate',
	'orderId',
	'totalValue',
	'origin',
	'items',
] as const;
export type ListSortField = (typeof LIST_SORT_FIELDS)[number];
export type ListSortDirection = 'asc' | 'desc';

export interface ListFilters {
	statuses: string[];
	/** Free text (`q`): an order ID, or a client's email, document or name. */
	search?: string;
	salesChannelId?: string;
	affiliateId?: string;
	/** At most one range per date field. */
	ranges: DateRange[];
	sortField: ListSortField;
	sortDirection: ListSortDirection;
}

/** `creationDate:[2022-01-01T02:00:00.000Z TO 2022-01-02T01:59:59.999Z]`, as VTEX's parameter descriptions show it. */
export function rangeText(range: DateRange): string {
	const iso = (millis: number) => new Date(millis).toISOString();
	return `${range.field}:[${iso(range.from)} TO ${iso(range.to)}]`;
}

/**
 * The query of one page. `split` replaces the range of its date field (a part of a split
 * query); the other filters stay. Several statuses are sent separated by commas: VTEX documents
 * one value, and its Admin sends a list that way.
 */
export function listQuery(
	filters: ListFilters,
	page: number,
	perPage: number,
	split?: DateRange,
): IDataObject {
	const query: IDataObject = {
		orderBy: `${filters.sortField},${filters.sortDirection}`,
		page,
		per_page: perPage,
	};
	if (filters.statuses.length > 0) query.f_status = filters.statuses.join(',');
	if (filters.search !== undefined) query.q = filters.search;
	if (filters.salesChannelId !== undefined) query.salesChannelId = filters.salesChannelId;
	if (filters.affiliateId !== undefined) query.f_affiliateId = filters.affiliateId;
	const ranges = filters.ranges.filter((range) => range.field !== split?.field);
	for (const range of split ? [...ranges, split] : ranges) {
		query[`f_${range.field}`] = rangeText(range);
	}
	return query;
}

/** The value an order is sorted by, read from a List orders entry. */
function sortValue(order: IDataObject, field: ListSortField): number | string {
	switch (field) {
		case 'creationDate': {
			const millis = Date.parse(String(order.creationDate ?? ''));
			return Number.isNaN(millis) ? 0 : millis;
		}
		case 'totalValue':
			return typeof order.totalValue === 'number' ? order.totalValue : 0;
		// The list has no items since 2018; its entries count them in totalItems.
		case 'items':
			return typeof order.totalItems === 'number' ? order.totalItems : 0;
		default:
			return String(order[field] ?? '');
	}
}

/**
 * Orders of several parts (a split query's, earliest range first) in the query's order, each
 * order once (the first time it is seen: an order that changed while the list was read can show
 * on two pages). One part keeps VTEX's order. Parts split by the sort field itself are already
 * sorted between them: they are joined, the latest first when descending. Otherwise the merge is
 * a stable sort, so orders VTEX ranks equal keep VTEX's order.
 */
export function mergeListed(
	parts: IDataObject[][],
	sortField: ListSortField,
	sortDirection: ListSortDirection,
	splitField?: ListDateField,
): IDataObject[] {
	const ordered = sortDirection === 'desc' ? [...parts].reverse() : parts;
	const seen = new Set<string>();
	const unique: IDataObject[] = [];
	for (const order of (splitField === sortField ? ordered : parts).flat()) {
		const id = String(order.orderId ?? '');
		if (seen.has(id)) continue;
		seen.add(id);
		unique.push(order);
	}
	if (parts.length <= 1 || splitField === sortField) return unique;
	const sign = sortDirection === 'asc' ? 1 : -1;
	const keyed = unique.map((order) => ({ order, key: sortValue(order, sortField) }));
	keyed.sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : 0));
	return keyed.map(({ order }) => order);
}
