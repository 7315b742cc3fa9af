import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Order statuses VTEX lists for the feed's FromWorkflow filter (the `filter.status` description of
 * https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed/config), then
 * the ones only its Help Center table adds (https://help.vtex.com/en/tutorial/order-flow-and-status--tutorials_196).
 * VTEX warns that the list is not closed, so every status field also takes free text.
 */
export const VTEX_ORDER_STATUSES = [
	'order-created',
	'on-order-completed',
	'on-order-completed-ffm',
	'payment-pending',
	'waiting-for-order-authorization',
	'approve-payment',
	'payment-approved',
	'request-cancel',
	'waiting-for-seller-decision',
	'waiting-ffmt-authorization',
	'waiting-for-authorization',
	'waiting-for-manual-authorization',
	'authorize-fulfillment',
	'order-create-error',
	'order-creation-error',
	'window-to-cancel',
	'window-to-change-seller',
	'waiting-for-mkt-authorization',
	'waiting-seller-handling',
	'ready-for-handling',
	'start-handling',
	'handling',
	'invoice-after-cancellation-deny',
	'order-accepted',
	'invoice',
	'invoiced',
	'replaced',
	'cancellation-requested',
	'cancel',
	'canceled',
	'window-to-change-payment',
	'waiting-for-fulfillment',
	'ready-for-invoicing',
] as const;

export type VtexOrderStatus = (typeof VTEX_ORDER_STATUSES)[number];

/**
 * What each status is called in words. VTEX Admin's own names where VTEX gives one ("Handling
 * shipping" for `handling`, "Verifying invoice" for `invoice`, per the Help Center table above),
 * the code in words otherwise.
 */
export const STATUS_NAMES: Readonly<Record<VtexOrderStatus, string>> = {
	'order-created': 'Order Created',
	'on-order-completed': 'Order Completed',
	'on-order-completed-ffm': 'Order Completed for Fulfillment',
	'payment-pending': 'Payment Pending',
	'waiting-for-order-authorization': 'Waiting for Order Authorization',
	'approve-payment': 'Approve Payment',
	'payment-approved': 'Payment Approved',
	'request-cancel': 'Cancellation Request',
	'waiting-for-seller-decision': 'Waiting for Seller Decision',
	'waiting-ffmt-authorization': 'Waiting for Fulfillment Authorization',
	'waiting-for-authorization': 'Waiting for Authorization',
	'waiting-for-manual-authorization': 'Waiting for Manual Authorization',
	'authorize-fulfillment': 'Authorize Fulfillment',
	'order-create-error': 'Order Create Error',
	'order-creation-error': 'Order Creation Error',
	'window-to-cancel': 'Window to Cancel',
	'window-to-change-seller': 'Window to Change Seller',
	'waiting-for-mkt-authorization': 'Waiting for Marketplace Authorization',
	'waiting-seller-handling': 'Waiting for Seller Handling',
	'ready-for-handling': 'Ready for Handling',
	'start-handling': 'Start Handling',
	handling: 'Handling Shipping',
	'invoice-after-cancellation-deny': 'Invoice After Cancellation Denied',
	'order-accepted': 'Order Accepted',
	invoice: 'Verifying Invoice',
	invoiced: 'Invoiced',
	replaced: 'Replaced',
	'cancellation-requested': 'Cancellation Requested',
	cancel: 'Canceling',
	canceled: 'Canceled',
	'window-to-change-payment': 'Window to Change Payment',
	'waiting-for-fulfillment': 'Waiting for Fulfillment',
	'ready-for-invoicing': 'Ready for Invoicing',
};

/**
 * The statuses as options of a multi-select: a readable name with VTEX's code beside it, as
 * n8n's own nodes show API values; the stored value is VTEX's code. Sorted by name, as n8n's
 * linter asks.
 */
export const statusOptions: INodePropertyOptions[] = VTEX_ORDER_STATUSES.map((status) => ({
	name: `${STATUS_NAMES[status]} (${status})`,
	value: status,
})).sort((a, b) => a.name.localeCompare(b.name));

/**
 * The statuses picked in a multi-select plus those typed as free text (comma, space or new line
 * separated), without repeats.
 */
export function selectedStatuses(picked: unknown, typed: unknown): string[] {
	const fromList = Array.isArray(picked) ? picked.map((status) => String(status).trim()) : [];
	const fromText = String(typed ?? '')
		.split(/[\s,]+/)
		.map((status) => status.trim());
	return [...new Set([...fromList, ...fromText].filter(Boolean))];
}
