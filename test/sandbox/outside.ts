import type { Route } from './http';
import { json } from './http';
import type { SandboxState } from './state';

/**
 * Stand-ins for the systems around VTEX that the example workflows call: the integrator's ERP
 * (`POST /_sandbox/erp/orders`) and a chat incoming webhook that notifies someone
 * (`POST /_sandbox/notify`, shaped like Slack's or Teams'). Not VTEX: they live under /_sandbox,
 * need no key, are not written to the request log, and record what they received so the demo and
 * the end-to-end tests can show it.
 */

export interface ErpOrder {
	erpOrderId: string;
	receivedAt: string;
	body: unknown;
}

export interface Notification {
	receivedAt: string;
	body: unknown;
}

export interface OutsideSystems {
	erpOrders: ErpOrder[];
	notifications: Notification[];
	snapshot(): unknown;
}

export function outsideOf(state: SandboxState): OutsideSystems {
	return state.family<OutsideSystems>('outside', () => {
		const family: OutsideSystems = {
			erpOrders: [],
			notifications: [],
			snapshot: () => ({ erpOrders: family.erpOrders, notifications: family.notifications }),
		};
		return family;
	});
}

export function outsideRoutes(state: SandboxState): Route[] {
	const outside = outsideOf(state);
	return [
		{
			// A typical ERP order import: 201 with the ERP's own ID for the order.
			method: 'POST',
			pattern: '/_sandbox/erp/orders',
			permission: null,
			handler: ({ body }) => {
				const erpOrderId = `ERP-${String(outside.erpOrders.length + 1).padStart(6, '0')}`;
				outside.erpOrders.push({ erpOrderId, receivedAt: new Date().toISOString(), body });
				return json(201, { accepted: true, erpOrderId });
			},
		},
		{
			method: 'GET',
			pattern: '/_sandbox/erp/orders',
			permission: null,
			handler: () => json(200, outside.erpOrders),
		},
		{
			// Slack's incoming webhooks answer 200 with the text "ok"; a JSON `{ok: true}` keeps the example's HTTP node simple.
			method: 'POST',
			pattern: '/_sandbox/notify',
			permission: null,
			handler: ({ body }) => {
				outside.notifications.push({ receivedAt: new Date().toISOString(), body });
				return json(200, { ok: true });
			},
		},
		{
			method: 'GET',
			pattern: '/_sandbox/notify',
			permission: null,
			handler: () => json(200, outside.notifications),
		},
	];
}
