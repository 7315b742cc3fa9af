import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Order statuses VTEX lists for the feed's FromWorkflow filter (VTEX_API_REFERENCE.md section
 * 3.1, source A), then the ones only its Help Center table adds (source B). VTEX warns that the
 * list is not closed, so every status field also takes free text.
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

/** The statuses as options of a multi-select, sorted by name as n8n's linter asks. */
export const statusOptions: INodePropertyOptions[] = [...VTEX_ORDER_STATUSES]
	.sort((a, b) => a.localeCompare(b))
	.map((status) => ({ name: status, value: status }));

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
