import type { Route } from '../http';
import { json, omsError } from '../http';
import type { SandboxState } from '../state';

/** VTEX answers an unknown order with OMS007 (observed by third-party clients; VTEX documents no body for it). */
export function orderNotFound(orderId: string) {
	return omsError(404, 'OMS007', `Order Not Found: ${orderId}`);
}

/** OMS order reads and status actions (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId- and #post-/api/oms/pvt/orders/-orderId-/start-handling). */
export function omsRoutes(state: SandboxState): Route[] {
	return [
		{
			// Get order: 200 with the order; `seq{n}` also finds it.
			method: 'GET',
			pattern: '/api/oms/pvt/orders/:orderId',
			permission: 'View order',
			handler: ({ params }) => {
				const order = state.findOrder(params.orderId);
				return order ? json(200, order) : orderNotFound(params.orderId);
			},
		},
		{
			// Start handling: 204 without a body, only from ready-for-handling,
			// else 409 OMS003 with the body the spec documents.
			method: 'POST',
			pattern: '/api/oms/pvt/orders/:orderId/start-handling',
			permission: 'Change order workflow status',
			handler: ({ params }) => {
				const order = state.findOrder(params.orderId);
				if (!order) return orderNotFound(params.orderId);
				// An order already in handling (a repeat whose first call VTEX applied) gets the same
				// refusal: VTEX's spec gives 409 OMS003 from any other status; third-party clients report the
				// same body with HTTP 400, and sometimes a 2xx with no effect. VTEX is silent on whether a
				// repeat on a handling order differs, so the sandbox answers it as any other status.
				if (order.status !== 'ready-for-handling') {
					return omsError(
						409,
						'OMS003',
						'Order status should be ready-for-handling to perform this action',
					);
				}
				// VTEX passes through start-handling* on its way to handling (https://help.vtex.com/en/tutorial/order-flow-and-status--tutorials_196).
				state.setStatus(order, 'handling');
				return { status: 204 };
			},
		},
	];
}
