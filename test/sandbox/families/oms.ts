import type { Route } from '../http';
import { json, omsError } from '../http';
import type { SandboxState } from '../state';

/** VTEX answers an unknown order with OMS007 (reference section 1.5, third-party observation). */
export function orderNotFound(orderId: string) {
	return omsError(404, 'OMS007', `Order Not Found: ${orderId}`);
}

/** OMS order reads and status actions (VTEX_API_REFERENCE.md sections 4.1 and 4.3). */
export function omsRoutes(state: SandboxState): Route[] {
	return [
		{
			// Get order, section 4.1: 200 with the order; `seq{n}` also finds it.
			method: 'GET',
			pattern: '/api/oms/pvt/orders/:orderId',
			permission: 'View order',
			handler: ({ params }) => {
				const order = state.findOrder(params.orderId);
				return order ? json(200, order) : orderNotFound(params.orderId);
			},
		},
		{
			// Start handling, section 4.3: 204 without a body, only from ready-for-handling,
			// else 409 OMS003 with the body the spec documents.
			method: 'POST',
			pattern: '/api/oms/pvt/orders/:orderId/start-handling',
			permission: 'Change order workflow status',
			handler: ({ params }) => {
				const order = state.findOrder(params.orderId);
				if (!order) return orderNotFound(params.orderId);
				if (order.status !== 'ready-for-handling') {
					return omsError(409, 'OMS003', 'Order status should be ready-for-handling to perform this action');
				}
				// VTEX passes through start-handling* on its way to handling (section 3.2).
				state.setStatus(order, 'handling');
				return { status: 204 };
			},
		},
	];
}
