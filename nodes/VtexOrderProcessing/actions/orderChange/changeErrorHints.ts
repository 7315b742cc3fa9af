import type { IDataObject } from 'n8n-workflow';

import type { VtexClient } from '../../../shared/transport';
import { getVtexDetails } from '../../../shared/transport';
import { readChangeSettings, SETTINGS_PATH } from './changeRequests';

/** A Change v2 code at the start of a text, e.g. "SalesOrderSystem011: It's not possible..." */
export function changeCodeIn(text: string): string | undefined {
	return /\b(CHK\d{3,5}|SalesOrderSystem\d{3})\b/.exec(text)?.[1];
}

/**
 * How to switch the API on, for an account whose `enableApi` is false (VTEX's order modifications
 * settings: developers.vtex.com/docs/guides/order-modifications, "Settings").
 */
export function enableApiAdvice(account: string): string {
	return [
		`Order modifications through the API are switched off for account "${account}": its order modifications setting rolloutConfiguration.enableApi is false, which is VTEX's default, and VTEX refuses every change until it is true.`,
		`To switch it on: run Order Change > Get Settings to read the current settings; set "rolloutConfiguration": {"enableApi": true} in that document; send the whole document with PUT ${SETTINGS_PATH}?an=${account} (an HTTP Request node with this credential works; the key needs "Change order" or "Orders Full Access").`,
		'Then run this item again.',
	].join(' ');
}

/**
 * When VTEX refuses a preview or a change, the reason may be that the account never enabled the
 * API. VTEX does not document the body of that refusal, so this reads the settings (a safe read)
 * and, when `enableApi` is false, puts the how-to-enable advice on the error. Any other refusal,
 * or a settings read that fails, leaves the error as it was.
 */
export async function explainDisabledApi(
	client: VtexClient,
	error: unknown,
	itemIndex: number,
): Promise<void> {
	const { status } = getVtexDetails(error);
	if (
		status === undefined ||
		status < 400 ||
		status >= 500 ||
		status === 401 ||
		status === 404 ||
		status === 429
	)
		return;
	let settings: IDataObject;
	try {
		settings = await readChangeSettings(client, itemIndex);
	} catch {
		return;
	}
	const rollout = (settings?.rolloutConfiguration ?? {}) as IDataObject;
	if (rollout.enableApi !== false) return;
	const { code } = getVtexDetails(error);
	const target = error as { message: string; description?: string | null };
	target.message = `${target.message} (the order modifications API is switched off for this account)`;
	target.description = `${enableApiAdvice(await client.accountName())} (VTEX answered HTTP ${status}${code ? `, error ${code}` : ''}.)`;
}
