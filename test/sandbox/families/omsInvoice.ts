import type { Route, SandboxRequest } from '../http';
import { json, omsError } from '../http';
import type { InvoicePackage, Order } from '../model';
import type { SandboxState } from '../state';
import { receiptBody } from '../state';
import { orderNotFound } from './oms';

type Body = Record<string, unknown>;

/**
 * VTEX documents no error body for the invoice and tracking endpoints (the Orders API reference
 * lists only 200 for invoice notification, partial invoice update and tracking status). Where the
 * sandbox refuses a request it answers 400 with the OMS error envelope
 * (`{error: {code, message, exception}}`) and a code of its own that names the rule, so tests can
 * tell the rules apart.
 */
function refuse(code: string, message: string) {
	return omsError(400, code, message);
}

function outputTotal(order: Order): number {
	return order.packageAttachment.packages
		.filter((invoice) => invoice.type === 'Output')
		.reduce((sum, invoice) => sum + invoice.invoiceValue, 0);
}

function findInvoice(order: Order, invoiceNumber: string): InvoicePackage | undefined {
	return order.packageAttachment.packages.find(
		(invoice) => invoice.invoiceNumber === invoiceNumber,
	);
}

/** `invoiceValue` is a string of cents (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice); a JSON number is also accepted (integrations send both). */
function readCents(value: unknown): number | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	if (!/^\d+$/.test(text)) return undefined;
	const cents = Number(text);
	return Number.isSafeInteger(cents) ? cents : undefined;
}

function isText(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

function textOrNull(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

/** What is wrong with an invoice body, checked against the request schema of https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice. */
function invoiceBodyProblem(body: Body, order: Order): string | undefined {
	if (body.type !== 'Output' && body.type !== 'Input') return 'type must be "Output" or "Input"';
	if (!isText(body.invoiceNumber)) return 'invoiceNumber is required';
	if (!isText(body.issuanceDate) || Number.isNaN(Date.parse(body.issuanceDate))) {
		return 'issuanceDate must be a date and time, e.g. 2024-01-31T18:25:43-05:00';
	}
	// "Must be greater than 0. Do not use any decimal separator."
	const value = readCents(body.invoiceValue);
	if (value === undefined || value <= 0)
		return 'invoiceValue must be a positive whole number of cents, e.g. "2499"';
	if (!Array.isArray(body.items)) return 'items is required';
	for (const [index, item] of (body.items as Body[]).entries()) {
		if (!item || !isText(item.id)) return `items[${index}].id is required`;
		if (!Number.isInteger(item.price) || (item.price as number) < 0)
			return `items[${index}].price must be an integer of cents`;
		if (!Number.isInteger(item.quantity) || (item.quantity as number) < 1) {
			return `items[${index}].quantity must be a positive integer`;
		}
		// VTEX is silent on SKUs that are not in the order; the sandbox refuses them so a wrong
		// SKU ID cannot pass unnoticed in tests.
		if (!order.items.some((line) => line.id === item.id))
			return `items[${index}].id ${String(item.id)} is not an item of this order`;
	}
	return undefined;
}

function keyHas(state: SandboxState, appKey: string | undefined, resource: string): boolean {
	const key = state.keys.find((candidate) => candidate.appKey === appKey);
	return !!key && (key.resources === '*' || key.resources.includes(resource));
}

/** An invoice package as Get order shows it (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-, packageAttachment.packages[]). */
function toPackage(body: Body, order: Order, receipt: string): InvoicePackage {
	const items = (body.items as Body[]).map((item) => {
		return {
			// Get order keys invoice lines by itemIndex: the first order line of this SKU.
			itemIndex: order.items.findIndex((line) => line.id === item.id),
			id: String(item.id),
			quantity: item.quantity as number,
			price: item.price as number,
			...(typeof item.description === 'string' ? { description: item.description } : {}),
		};
	});
	return {
		type: body.type as 'Output' | 'Input',
		invoiceNumber: body.invoiceNumber as string,
		invoiceValue: readCents(body.invoiceValue)!,
		issuanceDate: body.issuanceDate as string,
		invoiceKey: textOrNull(body.invoiceKey),
		invoiceUrl: textOrNull(body.invoiceUrl),
		embeddedInvoice: textOrNull(body.embeddedInvoice),
		courier: textOrNull(body.courier),
		trackingNumber: textOrNull(body.trackingNumber),
		trackingUrl: textOrNull(body.trackingUrl),
		dispatchedDate: textOrNull(body.dispatchedDate),
		items,
		courierStatus: null,
		receipt,
		cfop: null,
	};
}

/** Order invoice notification, tracking and tracking events (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice, https://developers.vtex.com/docs/api-reference/orders-api#patch-/api/oms/pvt/orders/-orderId-/invoice/-invoiceNumber-, https://developers.vtex.com/docs/api-reference/orders-api#put-/api/oms/pvt/orders/-orderId-/invoice/-invoiceNumber-/tracking). */
export function omsInvoiceRoutes(state: SandboxState): Route[] {
	const withOrder =
		(handler: (order: Order, request: SandboxRequest) => ReturnType<Route['handler']>) =>
		(request: SandboxRequest) => {
			const order = state.findOrder(request.params.orderId);
			return order ? handler(order, request) : orderNotFound(request.params.orderId);
		};
	const withInvoice = (
		handler: (order: Order, invoice: InvoicePackage, body: Body) => ReturnType<Route['handler']>,
	) =>
		withOrder((order, request) => {
			const invoice = findInvoice(order, request.params.invoiceNumber);
			// VTEX documents no answer for an unknown invoice number; the sandbox says 404.
			if (!invoice)
				return omsError(
					404,
					'InvoiceNotFound',
					`Invoice ${request.params.invoiceNumber} not found on order ${order.orderId}`,
				);
			return handler(order, invoice, (request.body ?? {}) as Body);
		});

	return [
		{
			// Order invoice notification, https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice. Permission "Notify invoice", plus "Notify
			// refund" for Input invoices.
			method: 'POST',
			pattern: '/api/oms/pvt/orders/:orderId/invoice',
			permission: 'Notify invoice',
			handler: withOrder((order, request) => {
				const body = (request.body ?? {}) as Body;
				const problem = invoiceBodyProblem(body, order);
				if (problem) return refuse('InvalidInvoice', problem);
				if (body.type === 'Input' && !keyHas(state, request.appKey, 'Notify refund')) {
					return json(403, {
						error: {
							code: 'Forbidden',
							message:
								'The credentials are not enabled to access the service. Missing resource: Notify refund',
							exception: null,
						},
					});
				}
				// VTEX documents no status precondition for invoicing. The sandbox refuses only
				// canceled orders (a canceled order has nothing to invoice; VTEX is silent here).
				if (order.status === 'canceled') {
					return refuse(
						'OrderCanceled',
						`Order ${order.orderId} is canceled and cannot be invoiced`,
					);
				}
				// The same invoice number again: a new receipt overrides the previous one, and "you cannot
				// change other information, only the receipt code" (the invoice notification's description). No second invoice.
				const existing = findInvoice(order, body.invoiceNumber as string);
				if (existing) {
					const answer = receiptBody(order.orderId);
					existing.receipt = answer.receipt;
					return json(200, answer);
				}
				const value = readCents(body.invoiceValue)!;
				// "Once an order is invoiced, its status cannot be changed" (VTEX's invoice notification description): a sale invoice
				// beyond the total of an invoiced order is refused. VTEX is silent on the exact answer.
				if (
					body.type === 'Output' &&
					order.status === 'invoiced' &&
					outputTotal(order) + value > order.value
				) {
					return refuse(
						'OrderAlreadyInvoiced',
						`Order ${order.orderId} is already fully invoiced (${outputTotal(order)} of ${order.value} cents)`,
					);
				}
				const answer = receiptBody(order.orderId);
				order.packageAttachment.packages.push(toPackage(body, order, answer.receipt));
				// Partial invoices accumulate; the order is invoiced when its Output invoices sum to its
				// total (https://developers.vtex.com/docs/guides/erp-integration-set-up-order-processing). Input invoices are returns and do not count. VTEX moves through
				// invoice* on the way; the sandbox applies it at once. A sum above the total (VTEX is
				// silent on it) also completes the order.
				if (
					body.type === 'Output' &&
					order.status !== 'invoiced' &&
					outputTotal(order) >= order.value
				) {
					order.invoicedDate = new Date().toISOString();
					state.setStatus(order, 'invoiced');
				}
				return json(200, answer);
			}),
		},
		{
			// Update order's partial invoice (send tracking), https://developers.vtex.com/docs/api-reference/orders-api#patch-/api/oms/pvt/orders/-orderId-/invoice/-invoiceNumber-: all four fields are
			// required in the schema; trackingNumber is a string, the others may be null.
			method: 'PATCH',
			pattern: '/api/oms/pvt/orders/:orderId/invoice/:invoiceNumber',
			permission: 'Notify invoice',
			handler: withInvoice((order, invoice, body) => {
				if (!isText(body.trackingNumber))
					return refuse('InvalidTracking', 'trackingNumber is required');
				for (const field of ['trackingUrl', 'dispatchedDate', 'courier']) {
					if (!(field in body))
						return refuse('InvalidTracking', `${field} is required (it may be null)`);
				}
				invoice.trackingNumber = body.trackingNumber;
				invoice.trackingUrl = textOrNull(body.trackingUrl);
				invoice.dispatchedDate = textOrNull(body.dispatchedDate);
				invoice.courier = textOrNull(body.courier);
				return json(200, receiptBody(order.orderId));
			}),
		},
		{
			// Update order tracking status, https://developers.vtex.com/docs/api-reference/orders-api#put-/api/oms/pvt/orders/-orderId-/invoice/-invoiceNumber-/tracking: "sends a tracking event to an order that
			// already has a tracking number registered to its invoice". VTEX documents no refusal body.
			method: 'PUT',
			pattern: '/api/oms/pvt/orders/:orderId/invoice/:invoiceNumber/tracking',
			permission: 'Notify invoice',
			handler: withInvoice((order, invoice, body) => {
				if (!invoice.trackingNumber) {
					return refuse(
						'TrackingNumberMissing',
						`Invoice ${invoice.invoiceNumber} has no tracking number; send it first (PATCH .../invoice/${invoice.invoiceNumber})`,
					);
				}
				const problem = trackingBodyProblem(body);
				if (problem) return refuse('InvalidTracking', problem);
				const now = new Date().toISOString();
				// A PUT: the sandbox keeps the events of the last call (VTEX is silent on whether they accumulate).
				invoice.courierStatus = {
					status: body.isDelivered ? 'delivered' : 'in-transit',
					finished: body.isDelivered as boolean,
					deliveredDate: (body.deliveredDate as string | null) ?? null,
					data: (body.events as Body[]).map((event) => ({
						city: event.city as string,
						state: event.state as string,
						description: event.description as string,
						createDate: event.date as string,
						lastChange: now,
					})),
				};
				return json(200, receiptBody(order.orderId), {
					'Content-Type': 'application/json; charset=utf-8',
				});
			}),
		},
	];
}

/** The body of https://developers.vtex.com/docs/api-reference/orders-api#put-/api/oms/pvt/orders/-orderId-/invoice/-invoiceNumber-/tracking: isDelivered, deliveredDate `yyyy-mm-dd hh:mm` or null, events[]. */
function trackingBodyProblem(body: Body): string | undefined {
	if (typeof body.isDelivered !== 'boolean') return 'isDelivered must be true or false';
	if (!('deliveredDate' in body)) return 'deliveredDate is required (it may be null)';
	if (
		body.deliveredDate !== null &&
		!(
			typeof body.deliveredDate === 'string' &&
			/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(body.deliveredDate)
		)
	) {
		return 'deliveredDate must be yyyy-mm-dd hh:mm, e.g. "2022-10-01 21:15"';
	}
	if (!Array.isArray(body.events)) return 'events is required';
	for (const [index, event] of (body.events as Body[]).entries()) {
		for (const field of ['city', 'state', 'description', 'date']) {
			if (!event || !isText(event[field])) return `events[${index}].${field} is required`;
		}
	}
	return undefined;
}
