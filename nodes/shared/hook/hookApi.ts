import type { IDataObject } from 'n8n-workflow';

import type { VtexClient } from '../transport';
import { getVtexDetails } from '../transport';
import { FEED_PERMISSION } from '../feed/feedApi';
import { hookHeadersOf } from './hookConfig';

/**
 * The orders hook configuration requests (Orders API `GET|POST|DELETE /api/orders/hook/config`,
 * https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/hook/config),
 * shared by the hook trigger and the action node's Hook resource. One hook per app key.
 */

/** The hook takes the same License Manager resources as the feed ("Feed v3 and Hook …"). */
export const HOOK_PERMISSION = FEED_PERMISSION;

/** The advice a refused configuration gets: VTEX answers 400 when the URL did not answer its ping 200. */
export const HOOK_URL_HINT =
	'VTEX saves a hook configuration only after it POSTs {"hookConfig": "ping"} to the URL and gets HTTP 200 back, and it accepts only public HTTPS URLs. Check that the URL is reachable from the internet over HTTPS (for n8n: set WEBHOOK_URL to its public HTTPS address) and answers 200.';

/** Get hook configuration; `undefined` when VTEX answers 404 (no hook for this app key). */
export async function getHookConfiguration(
	client: VtexClient,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	return await client
		.request<IDataObject | undefined>({
			method: 'GET',
			path: '/api/orders/hook/config',
			idempotent: true,
			action: 'Get the orders hook configuration',
			answer: 'objectOrNothing',
			permission: HOOK_PERMISSION,
			itemIndex,
		})
		.then(
			// VTEX documents no body for the GET; an empty answer means no hook.
			(body) =>
				body && typeof body === 'object' && Object.keys(body).length > 0 ? body : undefined,
			(error: unknown) => {
				if (getVtexDetails(error).status === 404) return undefined;
				throw error;
			},
		);
}

/**
 * Create or update hook configuration. VTEX pings the URL first and refuses (400) when the ping
 * does not get 200. Sending the same configuration twice leaves the same configuration.
 */
export async function setHookConfiguration(
	client: VtexClient,
	body: IDataObject,
	itemIndex?: number,
): Promise<void> {
	await client.request({
		method: 'POST',
		path: '/api/orders/hook/config',
		body,
		idempotent: true,
		action: 'Set the orders hook configuration',
		answer: 'nothing',
		// VTEX may echo the configuration in a refusal: the header values (the trigger's secret, an
		// ERP's Authorization) never reach an error or an output.
		secrets: Object.values(hookHeadersOf(body)),
		permission: HOOK_PERMISSION,
		statusHints: { 400: HOOK_URL_HINT },
		itemIndex,
	});
}

/** Delete hook configuration; false when there was none (404). Safe to repeat. */
export async function deleteHookConfiguration(
	client: VtexClient,
	itemIndex?: number,
): Promise<boolean> {
	return await client
		.request({
			method: 'DELETE',
			path: '/api/orders/hook/config',
			idempotent: true,
			action: 'Delete the orders hook configuration',
			answer: 'nothing',
			permission: HOOK_PERMISSION,
			itemIndex,
		})
		.then(
			() => true,
			(error: unknown) => {
				if (getVtexDetails(error).status === 404) return false;
				throw error;
			},
		);
}
