import { randomUUID } from 'node:crypto';

import type { Route, SandboxRequest, SandboxResponse } from '../http';
import { json, omsError } from '../http';
import type { LogisticsInfo, Order, OrderItem } from '../model';
import type { SandboxState } from '../state';
import { receiptBody } from '../state';

/**
 * Order modifications, VTEX's Change v2 (developers.vtex.com/docs/guides/order-modifications): preview, an
 * asynchronous create that moves through its statuses on its own, detail, history, retry, cancel
 * and the account's settings. Change v1 (POST /api/oms/pvt/orders/{orderId}/changes) is
 * shut down (VTEX deactivated it on 2026-03-01) and not served.
 *
 * VTEX documents neither the HTTP status nor the body of a Change v2 error. The sandbox answers
 * the OMS envelope `{error:{code,message,exception}}` with the codes and messages of section
 * 4.9.9: 400 for a malformed request, 404 for an unknown order or change, 409 when the order's
 * state forbids the change.
 */

/** Statuses in which VTEX changes an order (the order-modifications guide; CHK0124 otherwise). */
export const MODIFIABLE_STATUSES = ['handling', 'waiting-for-fulfillment', 'ready-for-invoicing'];

/** `done` = applied, `canceled` = not applied (Get order modification details). */
const FINAL_STATUSES = ['done', 'canceled'];

/**
 * SKUs the sandbox's catalog sells, unit prices in cents: the seeded orders' SKUs and two more,
 * so a change can add or swap in an item the order does not hold.
 */
export const CATALOG: Record<string, { name: string; price: number }> = {
	'101': { name: 'Camiseta Algodão Azul M', price: 4990 },
	'102': { name: 'Camiseta Algodão Azul G', price: 5290 },
	'202': { name: 'Caneca Cerâmica 300ml', price: 1999 },
	'303': { name: 'Boné Aba Curva', price: 5990 },
	'404': { name: 'Meia Esportiva Par', price: 1590 },
};

export interface ChangeSettings {
	paymentConfiguration: { customPaymentSystemsAllowed: string[] };
	rolloutConfiguration: {
		usingDefaultBehavior: boolean;
		enableApi: boolean;
		enableAdminOrders: { enabledWorkspaces: string[] };
		enableMyOrders: { enabledWorkspaces: string[] };
	};
	pipelineConfiguration: {
		enableTaxHubRecalculation: boolean;
		compensateShippingChanges: boolean;
		enablePromotionRecalculation: boolean;
		enableNativeTaxRecalculation: boolean;
	};
}

interface ChangeLog {
	date: string;
	message: string;
	source: string;
	status: string;
}

/** A change request as Get order modification details shows it (developers.vtex.com/docs/api-reference/orders-api#get-/api/order-system/orders/-changeOrderId-/changes/-changeRequestId-). */
export interface ChangeRecord {
	requestId: string;
	workflowId: string;
	status: string;
	inProgress: boolean;
	reason: string;
	manualDiscountValue: number;
	manualIncrementValue: number;
	totalChangeValue: number;
	totals: Array<{ id: string; name: string; value: number }>;
	add: unknown;
	remove: unknown;
	replace: unknown;
	date: string;
	origin: { account: string; orderId: string; component: string };
	settings: { customPaymentSystemsAllowed: string[] };
	/** Fields VTEX's Help Center describes for a change: the processing log and why a change was canceled. */
	logs: ChangeLog[];
	cancellationData: { requestedByUser: boolean; reason: string; cancellationDate: string } | null;
}

export interface OrderChangesFamily {
	settings: ChangeSettings;
	/**
	 * Time each status lasts before the change moves on by itself (waiting-acknowledgement, then
	 * waiting-confirmation, then done or canceled). Tests set it small, or large to see a timeout.
	 */
	stepDelayMs: number;
	/**
	 * The next change created stops on this error in waiting-confirmation (a log entry with
	 * status "error") until it is retried or canceled: the case Retry and Cancel exist for.
	 */
	stopNextOnError?: string;
	changes: ChangeRecord[];
	snapshot(): unknown;
}

interface ChangeItem {
	id?: unknown;
	uniqueId?: unknown;
	quantity?: unknown;
	price?: unknown;
}

interface ChangeBody {
	reason?: unknown;
	manualDiscountValue?: unknown;
	manualIncrementValue?: unknown;
	add?: { items?: ChangeItem[] } | null;
	remove?: { items?: ChangeItem[] } | null;
	replace?: Array<{ from?: { items?: ChangeItem[] }; to?: { items?: ChangeItem[] } }> | null;
}

/**
 * VTEX's default for `enableApi` is false (order-modifications guide; settings at
 * developers.vtex.com/docs/api-reference/orders-api#get-/api/order-system/orders/changes/settings). The sandbox account is one that has
 * switched it on; tests switch it off through PUT settings or `orderChangesOf(state)`.
 */
function defaultSettings(): ChangeSettings {
	return {
		paymentConfiguration: { customPaymentSystemsAllowed: [] },
		rolloutConfiguration: {
			usingDefaultBehavior: false,
			enableApi: true,
			enableAdminOrders: { enabledWorkspaces: ['*'] },
			enableMyOrders: { enabledWorkspaces: [] },
		},
		pipelineConfiguration: {
			enableTaxHubRecalculation: false,
			compensateShippingChanges: false,
			enablePromotionRecalculation: false,
			enableNativeTaxRecalculation: false,
		},
	};
}

/** The family's state; tests reach it in-process to set the step delay or the settings. */
export function orderChangesOf(state: SandboxState): OrderChangesFamily {
	return state.family<OrderChangesFamily>('orderChanges', () => {
		const family: OrderChangesFamily = {
			settings: defaultSettings(),
			stepDelayMs: 100,
			changes: [],
			snapshot: () => ({
				settings: family.settings,
				stepDelayMs: family.stepDelayMs,
				stopNextOnError: family.stopNextOnError ?? null,
				changes: family.changes,
			}),
		};
		return family;
	});
}

type Failure = { status: number; code: string; message: string };

function fail(status: number, code: string, message: string): Failure {
	return { status, code, message };
}

/** The OMS envelope without a code, for refusals whose code VTEX does not document. */
export function uncodedError(status: number, message: string): SandboxResponse {
	return json(status, { error: { code: null, message, exception: null } });
}

function answer(failure: Failure): SandboxResponse {
	return failure.code
		? omsError(failure.status, failure.code, failure.message)
		: uncodedError(failure.status, failure.message);
}

const isCents = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0;

function itemsOf(list: { items?: ChangeItem[] } | null | undefined): ChangeItem[] {
	return Array.isArray(list?.items) ? list.items : [];
}

/** The lines a change takes out and puts in, in request order. */
function sides(body: ChangeBody): { outgoing: ChangeItem[]; incoming: ChangeItem[] } {
	const replace = Array.isArray(body.replace) ? body.replace : [];
	return {
		outgoing: [...itemsOf(body.remove), ...replace.flatMap((entry) => itemsOf(entry.from))],
		incoming: [...itemsOf(body.add), ...replace.flatMap((entry) => itemsOf(entry.to))],
	};
}

/**
 * What VTEX checks as soon as the request arrives: the request's own shape (CHK0022, CHK0023,
 * CHK0098) and whether the order may change now (SalesOrderSystem008, CHK0124,
 * SalesOrderSystem046). The reason is required by the spec; VTEX's message for a missing one is
 * not documented.
 */
function checkRequest(order: Order, body: ChangeBody): Failure | undefined {
	if (typeof body.reason !== 'string' || body.reason.trim() === '') {
		return fail(400, '', 'The field reason is required.');
	}
	for (const key of ['manualDiscountValue', 'manualIncrementValue'] as const) {
		if (body[key] !== undefined && !isCents(body[key])) {
			return fail(400, 'CHK0098', 'The change value needs to be greater or equal than zero.');
		}
	}
	const { outgoing, incoming } = sides(body);
	for (const item of [...outgoing, ...incoming]) {
		if (typeof item.id !== 'string' || item.id.trim() === '')
			return fail(400, 'CHK0022', 'Invalid id for item.');
		if (
			typeof item.quantity !== 'number' ||
			!Number.isInteger(item.quantity) ||
			item.quantity < 1
		) {
			return fail(400, 'CHK0023', 'Invalid quantity for item.');
		}
		if (item.price !== undefined && item.price !== null && !isCents(item.price)) {
			return fail(400, 'CHK0098', 'The change value needs to be greater or equal than zero.');
		}
	}
	const moneyOnly = Boolean(body.manualDiscountValue) || Boolean(body.manualIncrementValue);
	if (outgoing.length + incoming.length === 0 && !moneyOnly) {
		// VTEX's v1 message for the same case (order-modifications guide); v2's is not documented.
		return fail(
			400,
			'',
			'Invalid change for order: nothing to add, remove or replace, and no manual value.',
		);
	}
	if (order.status === 'canceled')
		return fail(409, 'SalesOrderSystem008', 'Cannot Change Cancelled Order.');
	if (!MODIFIABLE_STATUSES.includes(order.status)) {
		return fail(
			409,
			'CHK0124',
			`Invalid change for order. Allowed states: ${MODIFIABLE_STATUSES.join(', ')}.`,
		);
	}
	if (order.packageAttachment.packages.some((invoice) => invoice.type === 'Output')) {
		return fail(
			409,
			'SalesOrderSystem046',
			'The order change is not allowed after the item invoice has been issued.',
		);
	}
	return undefined;
}

interface Plan {
	removals: Array<{ line: number; quantity: number }>;
	additions: Array<{ id: string; quantity: number; price: number; name: string }>;
	itemsDelta: number;
	shippingDelta: number;
	manualDelta: number;
	discount: number;
	increment: number;
	totalChangeValue: number;
	totals: ChangeRecord['totals'];
}

/**
 * VTEX's arithmetic for a change, in cents (Preview, developers.vtex.com/docs/api-reference/orders-api#post-/api/order-system/orders/-changeOrderId-/changes/preview): items out at the line's selling price,
 * items in at the given price or the catalog's, shipping of lines removed entirely, and the manual
 * values. VTEX also re-quotes freight for new items; the sandbox charges none for them (VTEX's
 * freight rules are not documented). A change that does not fit the order fails with the codes of
 * the order-modifications guide's "Errors in Change v2": SalesOrderSystem010 (no such line), 026 (ambiguous line), 011 (more than the order
 * holds), CHK0022 (unknown SKU), CHK0034 (worth more than the order).
 */
export function planChange(order: Order, body: ChangeBody): { plan?: Plan; failure?: Failure } {
	const remaining = order.items.map((item) => item.quantity);
	const removals: Plan['removals'] = [];
	const { outgoing, incoming } = sides(body);
	for (const item of outgoing) {
		const id = String(item.id);
		const candidates = order.items
			.map((line, index) => ({ line, index }))
			.filter(({ line }) => (item.uniqueId ? line.uniqueId === item.uniqueId : line.id === id))
			.filter(
				({ line }) =>
					item.price === undefined || item.price === null || line.sellingPrice === item.price,
			);
		if (candidates.length === 0) {
			return {
				failure: fail(
					409,
					'SalesOrderSystem010',
					`It's not possible to remove the item of ID ${id} from the original order. Validate your remove operation items IDs.`,
				),
			};
		}
		if (candidates.length > 1) {
			return {
				failure: fail(
					409,
					'SalesOrderSystem026',
					"Unable to match an item to the information provided. Try providing the item's uniqueId for identification.",
				),
			};
		}
		const { index } = candidates[0];
		const quantity = Number(item.quantity);
		if (quantity > remaining[index]) {
			return {
				failure: fail(
					409,
					'SalesOrderSystem011',
					`It's not possible to remove more than ${remaining[index]} quantities of the item of ID ${id} from the original order. Validate your items quantities at Remove or Replace From operations.`,
				),
			};
		}
		remaining[index] -= quantity;
		removals.push({ line: index, quantity });
	}
	const additions: Plan['additions'] = [];
	for (const item of incoming) {
		const id = String(item.id);
		const line = order.items.find((candidate) => candidate.id === id);
		const known = CATALOG[id] ?? (line && { name: line.name, price: line.sellingPrice });
		if (!known) return { failure: fail(400, 'CHK0022', 'Invalid id for item.') };
		const price = typeof item.price === 'number' ? item.price : known.price;
		additions.push({ id, quantity: Number(item.quantity), price, name: known.name });
	}
	const itemsDelta =
		additions.reduce((sum, item) => sum + item.price * item.quantity, 0) -
		removals.reduce(
			(sum, removal) => sum + order.items[removal.line].sellingPrice * removal.quantity,
			0,
		);
	const shippingDelta = -order.shippingData.logisticsInfo
		.filter((info) => remaining[info.itemIndex] === 0)
		.reduce((sum, info) => sum + info.price, 0);
	const discount = Number(body.manualDiscountValue ?? 0);
	const increment = Number(body.manualIncrementValue ?? 0);
	const manualDelta = increment - discount;
	const totalChangeValue = itemsDelta + shippingDelta + manualDelta;
	if (order.value + totalChangeValue < 0) {
		return { failure: fail(409, 'CHK0034', "The value of the change exceed the order's price.") };
	}
	return {
		plan: {
			removals,
			additions,
			itemsDelta,
			shippingDelta,
			manualDelta,
			discount,
			increment,
			totalChangeValue,
			totals: [
				{ id: 'Items', name: 'Items Total', value: itemsDelta },
				{ id: 'Shipping', name: 'Shipping Total', value: shippingDelta },
				{ id: 'ManualValues', name: 'Manual Values Total', value: manualDelta },
			],
		},
	};
}

function totalEntry(order: Order, id: string, name: string): { value: number } {
	let entry = order.totals.find((total) => total.id === id);
	if (!entry) {
		entry = { id, name, value: 0 };
		order.totals.push(entry);
	}
	return entry;
}

/**
 * A done change, applied to the order as Get order shows it (orders-api#get-/api/oms/pvt/orders/-orderId-): items, logistics,
 * totals, value and the payment in cents, and an entry in `changesAttachment` (the shape of the
 * spec's example). Lines brought to zero leave the order with their logistics entry. VTEX does not
 * document how the order's totals show manual values: the sandbox keeps them in one entry with the
 * id the change's own totals use, "ManualValues", so `value` stays the sum of `totals`.
 */
function applyPlan(order: Order, plan: Plan, reason: string): void {
	const itemsRemoved = plan.removals.map(({ line, quantity }) => {
		const item = order.items[line];
		return {
			id: item.id,
			name: item.name,
			quantity,
			price: item.sellingPrice,
			unitMultiplier: item.unitMultiplier,
		};
	});
	for (const { line, quantity } of plan.removals) order.items[line].quantity -= quantity;

	const kept: OrderItem[] = [];
	const logistics: LogisticsInfo[] = [];
	order.items.forEach((item, index) => {
		if (item.quantity <= 0) return;
		const info = order.shippingData.logisticsInfo.find((entry) => entry.itemIndex === index);
		if (info) logistics.push({ ...info, itemIndex: kept.length });
		kept.push(item);
	});
	for (const addition of plan.additions) {
		const same = kept.find(
			(item) => item.id === addition.id && item.sellingPrice === addition.price,
		);
		if (same) {
			same.quantity += addition.quantity;
			continue;
		}
		const template = kept[0] ?? order.items[0];
		kept.push({
			...template,
			uniqueId: randomUUID().replace(/-/g, '').toUpperCase(),
			id: addition.id,
			productId: `P${addition.id}`,
			ean: `789000000${addition.id.padStart(4, '0')}`,
			refId: `REF-${addition.id}`,
			sellerSku: addition.id,
			name: addition.name,
			quantity: addition.quantity,
			price: addition.price,
			listPrice: addition.price,
			sellingPrice: addition.price,
		});
		const logisticsTemplate = logistics[0] ?? order.shippingData.logisticsInfo[0];
		logistics.push({
			...logisticsTemplate,
			itemIndex: kept.length - 1,
			price: 0,
			listPrice: 0,
			sellingPrice: 0,
		});
	}
	order.items = kept;
	order.shippingData.logisticsInfo = logistics;

	totalEntry(order, 'Items', 'Total dos Itens').value += plan.itemsDelta;
	totalEntry(order, 'Shipping', 'Total do Frete').value += plan.shippingDelta;
	if (plan.manualDelta !== 0)
		totalEntry(order, 'ManualValues', 'Manual Values Total').value += plan.manualDelta;
	order.value = order.totals.reduce((sum, total) => sum + total.value, 0);
	const transactions = (order.paymentData.transactions ?? []) as Array<{
		payments?: Array<{ value: number }>;
	}>;
	const payment = transactions[0]?.payments?.[0];
	if (payment) payment.value = order.value;

	order.changesAttachment ??= { id: 'changeAttachment', changesData: [] };
	order.changesAttachment.changesData.push({
		reason,
		discountValue: plan.discount,
		incrementValue: plan.increment,
		itemsAdded: plan.additions.map((item) => ({
			id: item.id,
			name: item.name,
			quantity: item.quantity,
			price: item.price,
			unitMultiplier: null,
		})),
		itemsRemoved,
		receipt: receiptBody(order.orderId),
	});
	order.lastChange = new Date().toISOString();
}

function log(change: ChangeRecord, status: string, message: string): void {
	change.logs.push({ date: new Date().toISOString(), message, source: 'sandbox', status });
}

/** The account query parameter each endpoint's API reference declares: `accountName` on the PATCH, `an` elsewhere. */
function checkAccount(
	state: SandboxState,
	request: SandboxRequest,
	key: 'an' | 'accountName',
): SandboxResponse | undefined {
	if (request.query[key] === state.account) return undefined;
	// VTEX does not document the answer to a missing or wrong account parameter.
	return uncodedError(
		400,
		`The query parameter "${key}" must name the account (${state.account}).`,
	);
}

function findChange(
	family: OrderChangesFamily,
	orderId: string,
	requestId: string,
): ChangeRecord | undefined {
	return family.changes.find(
		(change) => change.origin.orderId === orderId && change.requestId === requestId,
	);
}

const changeNotFound = (requestId: string) =>
	omsError(404, 'CHK0289', `Change order request ${requestId} not found.`);
const orderNotFound = (orderId: string) => omsError(404, 'CHK0201', `Order ${orderId} not found.`);

/**
 * Moves a change along its statuses on a timer (the statuses Get order modification details shows: waiting-acknowledgement →
 * waiting-confirmation → done | canceled). The change is checked against the order at the last
 * step, as VTEX's pipeline does, so an invalid change is accepted with 202 and ends `canceled`
 * with the reason in `cancellationData` and `logs`.
 */
function advance(
	family: OrderChangesFamily,
	change: ChangeRecord,
	order: Order,
	body: ChangeBody,
): void {
	const schedule = (step: () => void) => setTimeout(step, family.stepDelayMs).unref();
	schedule(() => {
		if (FINAL_STATUSES.includes(change.status)) return;
		change.status = 'waiting-confirmation';
		log(change, 'info', 'Change acknowledged by the participants.');
		if (family.stopNextOnError) {
			log(change, 'error', family.stopNextOnError);
			family.stopNextOnError = undefined;
			stopped.set(change, () => advanceFromConfirmation(family, change, order, body));
			return;
		}
		schedule(() => finish(change, order, body));
	});
}

/** Changes stopped on an error, and what Retry resumes. */
const stopped = new WeakMap<ChangeRecord, () => void>();

function advanceFromConfirmation(
	family: OrderChangesFamily,
	change: ChangeRecord,
	order: Order,
	body: ChangeBody,
): void {
	setTimeout(() => finish(change, order, body), family.stepDelayMs).unref();
}

function finish(change: ChangeRecord, order: Order, body: ChangeBody): void {
	if (FINAL_STATUSES.includes(change.status)) return;
	const { plan, failure } = planChange(order, body);
	const now = new Date().toISOString();
	change.inProgress = false;
	if (!plan) {
		change.status = 'canceled';
		const reason = `${failure!.code}: ${failure!.message}`;
		change.cancellationData = { requestedByUser: false, reason, cancellationDate: now };
		log(change, 'error', reason);
		return;
	}
	applyPlan(order, plan, change.reason);
	change.totals = plan.totals;
	change.totalChangeValue = plan.totalChangeValue;
	change.status = 'done';
	log(change, 'info', 'Change applied to the order.');
}

function publicSettings(settings: ChangeSettings) {
	return { customPaymentSystemsAllowed: settings.paymentConfiguration.customPaymentSystemsAllowed };
}

/** Change v2 endpoints (developers.vtex.com/docs/api-reference/orders-api#patch-/api/order-system/orders/-changeOrderId-/changes and its neighbours) and the sandbox's own control of the family. */
export function orderChangeRoutes(state: SandboxState): Route[] {
	const family = orderChangesOf(state);
	const base = '/api/order-system/orders';

	/** The checks every endpoint of one change shares: the account parameter, then the change itself. */
	const withChange = (
		request: SandboxRequest,
		handle: (change: ChangeRecord) => SandboxResponse,
	): SandboxResponse => {
		const wrongAccount = checkAccount(state, request, 'an');
		if (wrongAccount) return wrongAccount;
		const change = findChange(family, request.params.orderId, request.params.requestId);
		return change ? handle(change) : changeNotFound(request.params.requestId);
	};

	/** The checks preview and create share; the order when the change may go ahead. */
	const admit = (
		request: SandboxRequest,
		accountKey: 'an' | 'accountName',
	): { order?: Order; refusal?: SandboxResponse } => {
		const wrongAccount = checkAccount(state, request, accountKey);
		if (wrongAccount) return { refusal: wrongAccount };
		if (!family.settings.rolloutConfiguration.enableApi) {
			// https://developers.vtex.com/docs/guides/order-modifications (settings): no change by API while enableApi is false. VTEX documents neither the
			// status nor the body of this refusal; the sandbox answers 400 without a code.
			return {
				refusal: uncodedError(400, 'Order modifications via API are not enabled for this account.'),
			};
		}
		const order = state.findOrder(request.params.orderId);
		if (!order) return { refusal: orderNotFound(request.params.orderId) };
		const failure = checkRequest(order, (request.body ?? {}) as ChangeBody);
		return failure ? { refusal: answer(failure) } : { order };
	};

	const summary = (order: Order, body: ChangeBody, plan: Plan | undefined) => ({
		reason: String(body.reason),
		manualDiscountValue: Number(body.manualDiscountValue ?? 0),
		manualIncrementValue: Number(body.manualIncrementValue ?? 0),
		totalChangeValue: plan?.totalChangeValue ?? 0,
		totals: plan?.totals ?? [],
		add: body.add ?? null,
		remove: body.remove ?? null,
		replace: body.replace ?? null,
		date: new Date().toISOString(),
		// VTEX's examples show "MarketplaceComponent"; other values are not documented.
		origin: { account: state.account, orderId: order.orderId, component: 'MarketplaceComponent' },
	});

	return [
		{
			// Create (orders-api#patch-…/changes): 202 with the request; the change then runs on its own.
			method: 'PATCH',
			pattern: `${base}/:orderId/changes`,
			permission: 'Change order',
			handler: (request) => {
				const { order, refusal } = admit(request, 'accountName');
				if (!order) return refusal!;
				if (
					family.changes.some(
						(change) =>
							change.origin.orderId === order.orderId && !FINAL_STATUSES.includes(change.status),
					)
				) {
					return omsError(409, 'SalesOrderSystem014', 'Change In Progress.');
				}
				const body = request.body as ChangeBody;
				const change: ChangeRecord = {
					requestId: randomUUID(),
					workflowId: randomUUID(),
					status: 'waiting-acknowledgement',
					inProgress: true,
					...summary(order, body, planChange(order, body).plan),
					settings: publicSettings(family.settings),
					logs: [],
					cancellationData: null,
				};
				log(change, 'info', 'Change requested.');
				family.changes.push(change);
				advance(family, change, order, body);
				const accepted: Record<string, unknown> = { ...change, settings: family.settings };
				for (const key of ['status', 'inProgress', 'logs', 'cancellationData'])
					delete accepted[key];
				return json(202, accepted);
			},
		},
		{
			// Preview (orders-api#post-…/changes/preview): the change's totals, nothing changed; no requestId.
			method: 'POST',
			pattern: `${base}/:orderId/changes/preview`,
			permission: 'Change order',
			handler: (request) => {
				const { order, refusal } = admit(request, 'an');
				if (!order) return refusal!;
				const body = request.body as ChangeBody;
				const { plan, failure } = planChange(order, body);
				if (!plan) return answer(failure!);
				return json(200, {
					...summary(order, body, plan),
					settings: publicSettings(family.settings),
				});
			},
		},
		{
			// History (orders-api#get-…/changes).
			method: 'GET',
			pattern: `${base}/:orderId/changes`,
			permission: 'Change order',
			handler: (request) => {
				const wrongAccount = checkAccount(state, request, 'an');
				if (wrongAccount) return wrongAccount;
				if (!state.findOrder(request.params.orderId)) return orderNotFound(request.params.orderId);
				return json(200, {
					requests: family.changes.filter(
						(change) => change.origin.orderId === request.params.orderId,
					),
					actions: [],
				});
			},
		},
		{
			// Detail (orders-api#get-…/changes/-changeRequestId-).
			method: 'GET',
			pattern: `${base}/:orderId/changes/:requestId`,
			permission: 'Change order',
			handler: (request) => withChange(request, (change) => json(200, change)),
		},
		{
			// Retry (orders-api#post-…/changes/-changeRequestId-/retry): 204; SalesOrderSystem016 once the change is done or canceled.
			method: 'POST',
			pattern: `${base}/:orderId/changes/:requestId/retry`,
			permission: 'Change order',
			handler: (request) =>
				withChange(request, (change) => {
					if (FINAL_STATUSES.includes(change.status))
						return omsError(409, 'SalesOrderSystem016', 'Cannot Retry Change.');
					const resume = stopped.get(change);
					if (resume) {
						stopped.delete(change);
						log(change, 'info', 'Change retried.');
						resume();
					}
					return { status: 204 };
				}),
		},
		{
			// Cancel a change stopped on an error (orders-api#post-…/changes/-changeRequestId-/cancel): body {reason}, 200 without a body.
			method: 'POST',
			pattern: `${base}/:orderId/changes/:requestId/cancel`,
			permission: 'Change order',
			handler: (request) =>
				withChange(request, (change) => {
					const reason = (request.body as { reason?: unknown } | undefined)?.reason;
					if (typeof reason !== 'string' || reason.trim() === '') {
						return uncodedError(400, 'The field reason is required.');
					}
					if (change.status === 'canceled') return { status: 200 };
					if (!stopped.has(change)) {
						// https://developers.vtex.com/docs/guides/order-modifications: only a change stopped on an error can be canceled. VTEX's answer otherwise is not documented.
						return uncodedError(
							409,
							'Only a change stopped on an error can be canceled; a processed change cannot.',
						);
					}
					stopped.delete(change);
					change.status = 'canceled';
					change.inProgress = false;
					change.cancellationData = {
						requestedByUser: true,
						reason,
						cancellationDate: new Date().toISOString(),
					};
					log(change, 'info', `Canceled: ${reason}`);
					return { status: 200 };
				}),
		},
		{
			// Settings (orders-api#get-/api/order-system/orders/changes/settings; GET needs "View order" or "Orders Full Access").
			method: 'GET',
			pattern: `${base}/changes/settings`,
			permission: 'View order',
			handler: (request) => checkAccount(state, request, 'an') ?? json(200, family.settings),
		},
		{
			// PUT settings (orders-api#put-/api/order-system/orders/changes/settings): the same document without usingDefaultBehavior.
			method: 'PUT',
			pattern: `${base}/changes/settings`,
			permission: 'Change order',
			handler: (request) => {
				const wrongAccount = checkAccount(state, request, 'an');
				if (wrongAccount) return wrongAccount;
				const body = (request.body ?? {}) as Partial<ChangeSettings>;
				family.settings = {
					paymentConfiguration: {
						...family.settings.paymentConfiguration,
						...body.paymentConfiguration,
					},
					rolloutConfiguration: {
						...family.settings.rolloutConfiguration,
						...body.rolloutConfiguration,
						usingDefaultBehavior: false,
					},
					pipelineConfiguration: {
						...family.settings.pipelineConfiguration,
						...body.pipelineConfiguration,
					},
				};
				return json(200, family.settings);
			},
		},
		{
			// Sandbox control, not VTEX: `{stepDelayMs, enableApi, stopNextOnError}`.
			method: 'PUT',
			pattern: '/_sandbox/order-changes',
			permission: null,
			handler: ({ body }) => {
				const settings = (body ?? {}) as {
					stepDelayMs?: number;
					enableApi?: boolean;
					stopNextOnError?: string | null;
				};
				if (typeof settings.stepDelayMs === 'number') family.stepDelayMs = settings.stepDelayMs;
				if (typeof settings.enableApi === 'boolean')
					family.settings.rolloutConfiguration.enableApi = settings.enableApi;
				if (settings.stopNextOnError !== undefined)
					family.stopNextOnError = settings.stopNextOnError ?? undefined;
				return json(200, family.snapshot());
			},
		},
	];
}
