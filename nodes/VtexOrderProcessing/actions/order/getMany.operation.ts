import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { cancelSignalOf, mapWithConcurrency } from '../../../shared/concurrency';
import { readOrder } from '../../../shared/orders';
import type { VtexClient } from '../../../shared/transport';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { getManyProperties } from './listFields';
import { getManySchema, listFiltersOf, splitRangeOf } from './listInput';
import type { ListPage, PageReader } from './listOrders';
import { DenseInstantError, listAll, listFirst } from './listOrders';
import type { DateRange } from './listQuery';
import { LIST_ORDERS_PATH, LIST_ORDERS_SERVED } from './listQuery';
import { simplifyListedOrder } from './simplifyListedOrder';
import { simplifyOrder } from './simplifyOrder';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getMany'] } },
	getManyProperties,
);

// The date filters are read in the workflow's time zone.
export const itemInput = fieldInput({
	properties: getManyProperties,
	schema: ({ ctx }) => getManySchema(ctx.getTimezone()),
});

/**
 * List orders: GET /api/oms/pvt/orders
 * (developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders). VTEX indexes an
 * order for the list minutes after it changes and says the list is not for integrations: it is
 * for reports, reconciliation and back-office lookups; the triggers stay the integration path.
 * Return All returns every match, splitting a query over VTEX's 3,000 by date (listOrders.ts).
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject[]> {
	const now = Date.now();
	const filters = listFiltersOf(input, now);
	const read = pageReader(this, client, itemIndex);
	// Returning fewer orders than match would hide some without saying so.
	const tooDense = (range: DateRange, total: number) =>
		new NodeOperationError(this.getNode(), new DenseInstantError(range, total).message, {
			itemIndex,
			description:
				'No order was returned, so none is missed silently. Narrow the query with another filter (statuses, sales channel, search).',
		});
	const listing =
		input.returnAll || input.limit > LIST_ORDERS_SERVED
			? await listAll(read, filters, splitRangeOf(filters, now), tooDense)
			: await listFirst(read, filters, input.limit);
	const listed = input.returnAll ? listing.orders : listing.orders.slice(0, input.limit);
	const orders = input.readInFull
		? (await readInFull(this, client, listed, itemIndex)).map((order) =>
				input.simplify ? simplifyOrder(order) : order,
			)
		: listed.map((entry) => (input.simplify ? simplifyListedOrder(entry) : entry));

	if (input.output === 'orders') return orders;
	return [
		{
			reported: listing.reported,
			returned: orders.length,
			queries: listing.queries,
			requests: listing.requests,
			orders,
		},
	];
}

/** One page through the transport, checked against the shape VTEX documents. */
function pageReader(ctx: IExecuteFunctions, client: VtexClient, itemIndex: number): PageReader {
	return async (query) => {
		const answer = await client.request<unknown>({
			method: 'GET',
			path: LIST_ORDERS_PATH,
			qs: query,
			idempotent: true,
			// A page: its orders in `list`, their count in `paging.total` (checked below).
			answer: { objectWith: ['list', 'paging'] },
			action: `List orders (page ${String(query.page)})`,
			permission: 'List Orders',
			itemIndex,
		});
		return readListPage(ctx, answer, itemIndex);
	};
}

function readListPage(ctx: IExecuteFunctions, answer: unknown, itemIndex: number): ListPage {
	const body = (answer ?? {}) as IDataObject;
	const total = (body.paging as IDataObject | undefined)?.total;
	if (!Array.isArray(body.list) || typeof total !== 'number') {
		throw new NodeOperationError(
			ctx.getNode(),
			'VTEX answered List orders without its "list" and "paging.total"',
			{ itemIndex, description: 'Nothing was returned, so no order is missed silently.' },
		);
	}
	return { orders: body.list as IDataObject[], total };
}

/** Each listed order read with Get order, as many at a time as the account's pace allows, in list order. */
async function readInFull(
	ctx: IExecuteFunctions,
	client: VtexClient,
	listed: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	return await mapWithConcurrency(
		listed.length,
		client.inFlightLimit(client.settings.concurrency),
		async (index) => await readOrder(client, String(listed[index].orderId), itemIndex),
		{ signal: cancelSignalOf(ctx) },
	);
}
