import type { FaultRule, RateLimit } from './faults';
import type { Route } from './http';
import { json } from './http';
import type { Order } from './model';
import type { Sandbox } from './server';

/**
 * Admin endpoints under /_sandbox, a prefix VTEX does not use. They need no key and are not
 * written to the request log, so tests can read state without disturbing it.
 */
export function adminRoutes(sandbox: Sandbox): Route[] {
	const { state } = sandbox;
	return [
		{
			method: 'GET',
			pattern: '/_sandbox/state',
			permission: null,
			handler: () =>
				json(200, {
					account: state.account,
					orders: [...state.orders.values()],
					families: Object.fromEntries(
						state.familyNames().map((name) => [name, state.familySnapshot(name)]),
					),
					faults: sandbox.faults.stats,
				}),
		},
		{
			method: 'GET',
			pattern: '/_sandbox/orders/:orderId',
			permission: null,
			handler: ({ params }) => {
				const order = state.findOrder(params.orderId);
				return order ? json(200, order) : json(404, { message: 'no such order' });
			},
		},
		{
			method: 'PUT',
			pattern: '/_sandbox/orders/:orderId',
			permission: null,
			handler: ({ params, body }) => {
				state.putOrder({ ...(body as Order), orderId: params.orderId });
				return json(200, state.findOrder(params.orderId));
			},
		},
		{
			// Moves an order to a status as VTEX's own workflow would (a payment approved, a window
			// closed): the feed and the hook hear of it like of any other status change.
			method: 'POST',
			pattern: '/_sandbox/orders/:orderId/status',
			permission: null,
			handler: ({ params, body }) => {
				const order = state.findOrder(params.orderId);
				const status = (body as { status?: unknown } | undefined)?.status;
				if (!order) return json(404, { message: 'no such order' });
				if (typeof status !== 'string' || !status)
					return json(400, { message: 'status is required' });
				state.setStatus(order, status);
				return json(200, order);
			},
		},
		{
			method: 'GET',
			pattern: '/_sandbox/requests',
			permission: null,
			handler: ({ query }) =>
				json(200, sandbox.requests({ method: query.method, pathPrefix: query.pathPrefix })),
		},
		{
			method: 'DELETE',
			pattern: '/_sandbox/requests',
			permission: null,
			handler: () => {
				state.requests = [];
				return json(200, { cleared: true });
			},
		},
		{
			method: 'POST',
			pattern: '/_sandbox/faults',
			permission: null,
			handler: ({ body }) => {
				const rules = Array.isArray(body) ? body : [body];
				for (const rule of rules as FaultRule[]) sandbox.addFault(rule);
				return json(200, { added: rules.length });
			},
		},
		{
			method: 'PUT',
			pattern: '/_sandbox/settings',
			permission: null,
			handler: ({ body }) => {
				const settings = (body ?? {}) as { latencyMs?: number; rateLimit?: RateLimit | null };
				if (settings.latencyMs !== undefined) sandbox.faults.latencyMs = settings.latencyMs;
				if (settings.rateLimit !== undefined)
					sandbox.faults.rateLimit = settings.rateLimit ?? undefined;
				return json(200, {
					latencyMs: sandbox.faults.latencyMs,
					rateLimit: sandbox.faults.rateLimit ?? null,
				});
			},
		},
		{
			method: 'DELETE',
			pattern: '/_sandbox/faults',
			permission: null,
			handler: () => {
				sandbox.faults.clear();
				return json(200, { cleared: true });
			},
		},
		{
			method: 'POST',
			pattern: '/_sandbox/reset',
			permission: null,
			handler: () => {
				sandbox.reset();
				return json(200, { reset: true });
			},
		},
	];
}
