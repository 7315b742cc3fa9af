import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import type { ExpectedAnswer, VtexClient } from '../../../shared/transport';
import { LIMITS } from '../../../shared/limits';
import { z } from '../../../shared/zod';
import { orderIdField, orderIdSchema } from '../../../shared/orders';
import { pathSegment } from '../../../shared/paths';
import { fieldInput } from '../operationInput';
import { CHANGE_CODE_HINTS } from './changeCodeHints';

/**
 * Order modifications (Change v2): developers.vtex.com/docs/guides/order-modifications and the
 * "Order modifications" endpoints of developers.vtex.com/docs/api-reference/orders-api. Every
 * path lives under /api/order-system; the path parameter VTEX calls `changeOrderId` is the order ID.
 */

/**
 * VTEX's reference names "Change order" (OMS), "Cancel order" (OMS) or "Orders Full Access"
 * (Checkout) for the Change v2 endpoints; "Change order" is the narrowest.
 */
export const CHANGE_PERMISSION = 'Change order';

/**
 * Change request IDs are GUIDs (the `requestId` of Create's 202 answer); any ID VTEX could give
 * is accepted, in letters, digits, "-" and "_", which also keeps it one path segment.
 */
export const changeRequestIdSchema = z
	.string({ invalid_type_error: 'must be text, such as e8532a32-7f7e-434a-88ec-29609f0ede46' })
	.trim()
	.min(1, 'is required (the requestId VTEX returned when the change was created)')
	.max(LIMITS.orderId, 'is longer than any VTEX change request ID')
	.regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "-" and "_"');

export function changesPath(orderId: string, suffix = ''): string {
	return `/api/order-system/orders/${pathSegment(orderId, 'Order ID')}/changes${suffix}`;
}

export function changePath(orderId: string, changeRequestId: string, suffix = ''): string {
	return changesPath(orderId, `/${pathSegment(changeRequestId, 'Change Request ID')}${suffix}`);
}

export const SETTINGS_PATH = '/api/order-system/orders/changes/settings';

/**
 * VTEX's spec names the account query parameter `accountName` on the PATCH that creates a
 * change and `an` on every other Change v2 endpoint (as VTEX's API reference for each endpoint names it).
 * Each request sends the one its endpoint documents.
 */
export async function accountQuery(
	client: VtexClient,
	key: 'an' | 'accountName',
): Promise<IDataObject> {
	return { [key]: await client.accountName() };
}

interface ChangeCall {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	idempotent: boolean;
	action: string;
	answer: ExpectedAnswer;
	itemIndex: number;
	permission?: string;
	accountKey?: 'an' | 'accountName';
}

/** One Change v2 request with the account query parameter its endpoint wants. */
export async function changeRequest<T = IDataObject>(
	client: VtexClient,
	call: ChangeCall,
): Promise<T> {
	return await client.request<T>({
		method: call.method,
		path: call.path,
		qs: await accountQuery(client, call.accountKey ?? 'an'),
		body: call.body,
		idempotent: call.idempotent,
		action: call.action,
		answer: call.answer,
		permission: call.permission ?? CHANGE_PERMISSION,
		notFoundHint:
			'VTEX found no such order or change request in this account. Check the Order ID and the Change Request ID (the requestId VTEX returned on Create).',
		codeHints: CHANGE_CODE_HINTS,
		itemIndex: call.itemIndex,
	});
}

/**
 * Get order modifications history (GET /api/order-system/orders/{orderId}/changes?an=): every
 * change request of the order, `{requests[], actions[]}`; empty lists when VTEX answers without a
 * body. A read: safe to repeat.
 */
export async function readChangeHistory(
	client: VtexClient,
	orderId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const history = await changeRequest<IDataObject | undefined>(client, {
		method: 'GET',
		path: changesPath(orderId),
		idempotent: true,
		action: `Get the change history of order ${orderId}`,
		answer: 'objectOrNothing',
		itemIndex,
	});
	return history ?? { requests: [], actions: [] };
}

/** Get order modification details (developers.vtex.com/docs/api-reference/orders-api#get-/api/order-system/orders/-changeOrderId-/changes/-changeRequestId-). A read: safe to repeat. */
export async function readChange(
	client: VtexClient,
	orderId: string,
	changeRequestId: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await changeRequest(client, {
		method: 'GET',
		path: changePath(orderId, changeRequestId),
		idempotent: true,
		action: `Get change ${changeRequestId} of order ${orderId}`,
		answer: 'object',
		itemIndex,
	});
}

/**
 * Retry or cancel (developers.vtex.com/docs/api-reference/orders-api, "Order modifications") one change request: a POST keyed by the
 * change's ID, so repeating it never touches another change (safe to repeat). VTEX answers
 * without a body; the output says what was done.
 */
export async function actOnChange(
	client: VtexClient,
	reference: { orderId: string; changeRequestId: string },
	action: 'retry' | 'cancel',
	itemIndex: number,
	body?: IDataObject,
): Promise<IDataObject> {
	const { orderId, changeRequestId } = reference;
	await changeRequest(client, {
		method: 'POST',
		path: changePath(orderId, changeRequestId, `/${action}`),
		body,
		idempotent: true,
		action: `${action === 'retry' ? 'Retry' : 'Cancel'} change ${changeRequestId} of order ${orderId}`,
		answer: 'nothing',
		itemIndex,
	});
	return { orderId, changeRequestId, success: true, action };
}

/** Get order modifications settings (developers.vtex.com/docs/api-reference/orders-api#get-/api/order-system/orders/changes/settings). Needs "View order" or "Orders Full Access". */
export async function readChangeSettings(
	client: VtexClient,
	itemIndex: number,
): Promise<IDataObject> {
	return await changeRequest(client, {
		method: 'GET',
		path: SETTINGS_PATH,
		idempotent: true,
		action: 'Get order modifications settings',
		answer: 'object',
		permission: 'View order',
		itemIndex,
	});
}

/** `done` means VTEX applied the change, `canceled` that it did not (developers.vtex.com/docs/api-reference/orders-api#get-/api/order-system/orders/-changeOrderId-/changes/-changeRequestId-). */
export const APPLIED_STATUS = 'done';
export const CANCELED_STATUS = 'canceled';

/**
 * True when VTEX will not move the change any further. The status vocabulary is open (the spec
 * and the Help Center disagree): `done` and `canceled` end a change, and so does
 * the Help Center's `finished: true`. The spec's `inProgress` describes the order's flow, not the
 * change, so it is not read here.
 */
export function isFinished(change: IDataObject): boolean {
	const status = String(change.status ?? '');
	return status === APPLIED_STATUS || status === CANCELED_STATUS || change.finished === true;
}

export const changeRequestIdField: INodeProperties = {
	displayName: 'Change Request ID',
	name: 'changeRequestId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. e8532a32-7f7e-434a-88ec-29609f0ede46',
	description:
		'The requestId VTEX returned when the change was created (Create outputs it; Get History lists them all)',
};

export const changeReferenceSchema = z.object({
	orderId: orderIdSchema,
	changeRequestId: changeRequestIdSchema,
});

/** Order ID and Change Request ID of one item, checked before anything is sent. */
export const changeReferenceInput = fieldInput({
	properties: [orderIdField, changeRequestIdField],
	schema: changeReferenceSchema,
});
