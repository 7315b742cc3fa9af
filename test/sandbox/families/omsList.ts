import type { Route, SandboxRequest } from '../http';
import { json, omsError } from '../http';
import type { Order } from '../model';
import { bulkOrders } from '../seed';
import type { BulkOrders } from '../seed';
import type { SandboxState, StatusChange } from '../state';

/**
 * List orders, GET /api/oms/pvt/orders
 * (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders): the
 * documented filters the package sends (f_status, f_creationDate, f_authorizedDate,
 * f_invoicedDate in the `field:[from TO to]` form, q, salesChannelId, f_affiliateId), orderBy,
 * pages of `per_page` (15 by default, 100 at most) and at most 30 pages per query. Only indexed
 * orders are listed: VTEX indexes an order "approximately four minutes" after it changes, so an
 * order shows here as it was `indexingDelayMs` ago (settable; `now` too, for a virtual clock).
 */

/** VTEX: "the default value is 15 and it goes up to 100 orders per page". */
const DEFAULT_PER_PAGE = 15;
const MAX_PER_PAGE = 100;
/** VTEX: "restricted to the limit of 30 pages". */
const MAX_PAGES = 30;
/** VTEX: indexing "takes approximately four minutes". */
export const DEFAULT_INDEXING_DELAY_MS = 240_000;

const DATE_FILTERS = ['creationDate', 'authorizedDate', 'invoicedDate'] as const;

interface Version {
	at: number;
	status: string;
}

export class ListFamily {
	settings = { indexingDelayMs: DEFAULT_INDEXING_DELAY_MS, now: () => Date.now() };

	/** Each changed order's statuses with the time each began, oldest first. */
	private versions = new Map<string, Version[]>();

	constructor(state: SandboxState) {
		state.onStatusChange((change) => this.remember(change));
	}

	private remember(change: StatusChange): void {
		let versions = this.versions.get(change.orderId);
		if (!versions) {
			versions = [{ at: Date.parse(change.lastChange), status: change.lastState }];
			this.versions.set(change.orderId, versions);
		}
		versions.push({ at: Date.parse(change.currentChange), status: change.state });
	}

	/** The status the index holds for an order, or undefined when it is not indexed yet. */
	indexedStatus(order: Order): string | undefined {
		const indexedUpTo = this.settings.now() - this.settings.indexingDelayMs;
		const versions = this.versions.get(order.orderId) ?? [
			{ at: Date.parse(order.lastChange), status: order.status },
		];
		let status: string | undefined;
		for (const version of versions) if (version.at <= indexedUpTo) status = version.status;
		return status;
	}

	snapshot() {
		return { indexingDelayMs: this.settings.indexingDelayMs, changedOrders: this.versions.size };
	}
}

export function listOf(state: SandboxState): ListFamily {
	return state.family('omsList', () => new ListFamily(state));
}

/** A List orders entry, with the fields VTEX's example shows (items is null since 2018). */
function entryOf(order: Order, status: string) {
	const client = order.clientProfileData;
	return {
		orderId: order.orderId,
		creationDate: order.creationDate,
		clientName: `${String(client.firstName ?? '')} ${String(client.lastName ?? '')}`.trim(),
		items: null,
		totalValue: order.value,
		paymentNames: 'Visa',
		status,
		statusDescription: status,
		marketPlaceOrderId: order.marketplaceOrderId || null,
		sequence: order.sequence,
		salesChannel: order.salesChannel,
		affiliateId: order.affiliateId,
		origin: order.origin,
		workflowInErrorState: false,
		workflowInRetry: false,
		ShippingEstimatedDate: order.shippingData.logisticsInfo[0]?.shippingEstimateDate ?? null,
		orderIsComplete: order.isCompleted,
		authorizedDate: order.authorizedDate ?? null,
		invoicedDate: order.invoicedDate,
		totalItems: order.items.reduce((sum, item) => sum + item.quantity, 0),
		currencyCode: order.storePreferencesData.currencyCode,
	};
}

type Entry = ReturnType<typeof entryOf>;

/** `creationDate:[2022-01-01T02:00:00.000Z TO 2022-01-02T01:59:59.999Z]`, both ends included. */
function parseRange(field: string, text: string): { from: number; to: number } | undefined {
	const match = /^(\w+):\[(.+) TO (.+)\]$/.exec(text.trim());
	if (!match || match[1] !== field) return undefined;
	const from = Date.parse(match[2]);
	const to = Date.parse(match[3]);
	return Number.isNaN(from) || Number.isNaN(to) ? undefined : { from, to };
}

function matches(entry: Entry, order: Order, query: Record<string, string>): boolean {
	if (query.f_status && !query.f_status.split(',').includes(entry.status)) return false;
	if (query.salesChannelId && entry.salesChannel !== query.salesChannelId) return false;
	if (query.f_affiliateId && entry.affiliateId !== query.f_affiliateId) return false;
	if (query.q) {
		// VTEX's full text matches the order ID and the client's email, document and name; how
		// loosely is not documented: the sandbox takes a case-insensitive part of any of them.
		const client = order.clientProfileData;
		const text = query.q.toLowerCase();
		const fields = [entry.orderId, client.email, client.document, entry.clientName];
		if (
			!fields.some((field) =>
				String(field ?? '')
					.toLowerCase()
					.includes(text),
			)
		)
			return false;
	}
	return true;
}

/** VTEX documents no default order nor how ties are broken: the sandbox lists newest first, ties by order ID. */
function sortEntries(entries: Entry[], orderBy: string | undefined): void {
	const [field = 'creationDate', direction = 'desc'] = (orderBy ?? '').split(',');
	const sign = direction === 'asc' ? 1 : -1;
	const key = (entry: Entry): number | string =>
		field === 'creationDate'
			? Date.parse(entry.creationDate)
			: field === 'items'
				? entry.totalItems
				: (entry[field as keyof Entry] as number | string);
	entries.sort((a, b) => {
		const [x, y] = [key(a), key(b)];
		if (x !== y) return x < y ? -sign : sign;
		return a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;
	});
}

function listOrders(state: SandboxState, { query }: SandboxRequest) {
	const family = listOf(state);
	const ranges: Array<{ field: string; from: number; to: number }> = [];
	for (const field of DATE_FILTERS) {
		const text = query[`f_${field}`];
		if (text === undefined) continue;
		const range = parseRange(field, text);
		// VTEX documents no answer to a malformed range: the sandbox refuses it, as it cannot filter by it.
		if (!range) return omsError(400, 'OMS001', `Invalid f_${field}: ${text}`);
		ranges.push({ field, ...range });
	}
	const entries: Entry[] = [];
	for (const order of state.orders.values()) {
		const status = family.indexedStatus(order);
		if (status === undefined) continue;
		const entry = entryOf(order, status);
		if (!matches(entry, order, query)) continue;
		const inRanges = ranges.every(({ field, from, to }) => {
			const value = entry[field as keyof Entry];
			const millis = typeof value === 'string' ? Date.parse(value) : NaN;
			return millis >= from && millis <= to;
		});
		if (inRanges) entries.push(entry);
	}
	sortEntries(entries, query.orderBy);
	// VTEX is silent on a per_page above 100 and a page beyond 30: the sandbox serves 100 per page
	// at most, and an empty list past page 30, so a client that reads on silently misses orders.
	const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(query.per_page) || DEFAULT_PER_PAGE));
	const page = Math.max(1, Number(query.page) || 1);
	const list = page > MAX_PAGES ? [] : entries.slice((page - 1) * perPage, page * perPage);
	return json(200, {
		list,
		facets: [],
		paging: {
			total: entries.length,
			pages: Math.ceil(entries.length / perPage),
			currentPage: page,
			perPage,
		},
		stats: { stats: {} },
	});
}

export function omsListRoutes(state: SandboxState): Route[] {
	listOf(state);
	return [
		{
			method: 'GET',
			pattern: '/api/oms/pvt/orders',
			permission: 'List Orders',
			handler: (request) => listOrders(state, request),
		},
		{
			// Sandbox only: the indexing delay, in milliseconds.
			method: 'PUT',
			pattern: '/_sandbox/list/settings',
			permission: null,
			handler: ({ body }) => {
				const delay = (body as { indexingDelayMs?: unknown } | undefined)?.indexingDelayMs;
				if (typeof delay === 'number' && delay >= 0) listOf(state).settings.indexingDelayMs = delay;
				return json(200, listOf(state).snapshot());
			},
		},
		{
			// Sandbox only: many orders at once (see bulkOrders), for listings over VTEX's 3,000.
			method: 'POST',
			pattern: '/_sandbox/orders/bulk',
			permission: null,
			handler: ({ body }) => {
				const orders = bulkOrders(state.account, body as BulkOrders);
				for (const order of orders) state.putOrder(order);
				return json(200, { added: orders.length });
			},
		},
	];
}
