import type { Route } from '../http';
import { json, omsError } from '../http';
import type { SandboxState } from '../state';
import { receiptBody } from '../state';
import { orderNotFound } from './oms';

/**
 * Statuses the platform changes by itself, which "do not allow modification or cancellation"
 * (https://help.vtex.com/en/tutorial/order-flow-and-status--tutorials_196: the statuses the platform sets on its own), and the end states.
 */
const NOT_CANCELABLE = new Set([
	'order-created',
	'cancel',
	'invoice',
	'start-handling',
	'invoiced',
	'canceled',
]);

/** Cancel order (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/cancel). */
export function omsCancelRoutes(state: SandboxState): Route[] {
	return [
		{
			// Body {reason, requestedByUser} (requestedByUser from VTEX's order-canceling guide); 200
			// {date, orderId, receipt}. Refused when the order has any invoice, partial or full ("cancellation
			// attempts will result in a 400"), when it is invoiced, and for incomplete orders (VTEX's
			// API reference, above). VTEX documents no body for the 400; the sandbox uses the OMS error envelope {error: {code, message, exception}} with
			// a code of its own.
			method: 'POST',
			pattern: '/api/oms/pvt/orders/:orderId/cancel',
			permission: 'Cancel order',
			handler: ({ params, body }) => {
				const order = state.findOrder(params.orderId);
				if (!order) return orderNotFound(params.orderId);
				const request = (body ?? {}) as { reason?: unknown; requestedByUser?: unknown };
				if (order.packageAttachment.packages.length > 0) {
					return omsError(
						400,
						'OrderHasInvoice',
						`Order ${order.orderId} has an invoice and cannot be canceled. Partially invoiced and invoiced orders cannot be canceled.`,
					);
				}
				// A canceled order is in NOT_CANCELABLE: VTEX is silent on what cancel of a canceled order
				// answers (its guide lists "already canceled" among the 400s of deny-cancellation only), so
				// the sandbox refuses it with the same 400 as any status that cannot be canceled.
				if (!order.isCompleted || NOT_CANCELABLE.has(order.status)) {
					return omsError(
						400,
						'InvalidStatus',
						`Order ${order.orderId} cannot be canceled in status ${order.status}`,
					);
				}
				const answer = receiptBody(order.orderId);
				const reason = typeof request.reason === 'string' ? request.reason : null;
				order.cancelReason = reason;
				// The cancel guide shows cancellationData in camelCase (https://developers.vtex.com/docs/guides/order-canceling-improvements).
				order.cancellationData = {
					requestedByUser: request.requestedByUser === true,
					reason,
					cancellationDate: answer.date,
					cancellationRequestId: answer.receipt,
				};
				// VTEX passes through cancel* on its way to canceled (order flow, above); the sandbox applies it at once.
				state.setStatus(order, 'canceled');
				return json(200, answer);
			},
		},
	];
}
