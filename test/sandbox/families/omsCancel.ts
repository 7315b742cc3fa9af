import type { Route } from '../http';
import { json, omsError } from '../http';
import type { SandboxState } from '../state';
import { receiptBody } from '../state';
import { orderNotFound } from './oms';

/**
 * Statuses the platform changes by itself, which "do not allow modification or cancellation"
 * (reference 3.1, the starred statuses), and the end states.
 */
const NOT_CANCELABLE = new Set(['order-created', 'cancel', 'invoice', 'start-handling', 'invoiced', 'canceled']);

/** Cancel order (VTEX_API_REFERENCE.md section 4.4). */
export function omsCancelRoutes(state: SandboxState): Route[] {
	return [
		{
			// Body {reason, requestedByUser} (requestedByUser from VTEX's order-canceling guide); 200
			// {date, orderId, receipt}. Refused when the order has any invoice, partial or full ("cancellation
			// attempts will result in a 400"), when it is invoiced, and for incomplete orders (reference 3.3,
			// 4.4). VTEX documents no body for the 400; the sandbox uses the OMS envelope (section 1.5) with
			// a code of its own.
			method: 'POST',
			pattern: '/api/oms/pvt/orders/:orderId/cancel',
			permission: 'Cancel order',
			handler: ({ params, body }) => {
				const order = state.findOrder(params.orderId);
				if (!order) return orderNotFound(params.orderId);
				const request = (body ?? {}) as { reason?: unknown; requestedByUser?: unknown };
				if (order.packageAttachment.packages.length > 0) {
					return omsError(400, 'OrderHasInvoice', `Order ${order.orderId} has an invoice and cannot be canceled. Partially invoiced and invoiced orders cannot be canceled.`);
				}
				if (!order.isCompleted || NOT_CANCELABLE.has(order.status)) {
					return omsError(400, 'InvalidStatus', `Order ${order.orderId} cannot be canceled in status ${order.status}`);
				}
				const answer = receiptBody(order.orderId);
				const reason = typeof request.reason === 'string' ? request.reason : null;
				order.cancelReason = reason;
				// The cancel guide shows cancellationData in camelCase (reference 4.1).
				order.cancellationData = {
					requestedByUser: request.requestedByUser === true,
					reason,
					cancellationDate: answer.date,
					cancellationRequestId: answer.receipt,
				};
				// VTEX passes through cancel* on its way to canceled (section 3.2); the sandbox applies it at once.
				state.setStatus(order, 'canceled');
				return json(200, answer);
			},
		},
	];
}
