import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	deleteHookConfiguration,
	getHookConfiguration,
	setHookConfiguration,
} from '../shared/hook/hookApi';
import { hookConfigBody, hookHeadersOf, hookUrlOf } from '../shared/hook/hookConfig';
import { VtexClient } from '../shared/transport';
import { headerOf } from '../shared/headers';
import { newHookSecret, HOOK_AUTH_HEADER_NAME, secretMatches } from './hookSecret';
import { readHookFilter, readReplaceExisting, readRequestSettings } from './hookSettings';

/**
 * n8n's webhookMethods for the hook: on activation (and on "Listen for test event", with the
 * test URL) n8n calls `checkExists`, then `create` when it answered false; on deactivation (and
 * when the test ends) `delete`. VTEX keeps one hook per app key, so the configuration is read
 * first every time: another URL's hook is never replaced unless the user asked for it, and never
 * deleted.
 */

/** Where the secret of this registration is kept: the node's static data, saved with the workflow. */
export const SECRET_KEY = 'hookSecret';

function webhookUrlOf(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

function clientOf(ctx: IHookFunctions): VtexClient {
	return new VtexClient(ctx, readRequestSettings(ctx));
}

/**
 * Whether VTEX already sends to this URL with this registration's secret (n8n restarted, or the
 * workflow was activated again without changes): then nothing needs to be created.
 */
export async function hookExists(this: IHookFunctions): Promise<boolean> {
	const current = await getHookConfiguration(clientOf(this));
	if (!current || hookUrlOf(current) !== webhookUrlOf(this)) return false;
	const secret = this.getWorkflowStaticData('node')[SECRET_KEY] as string | undefined;
	return secretMatches(headerOf(hookHeadersOf(current), HOOK_AUTH_HEADER_NAME), secret);
}

/**
 * Registers this workflow's URL with a new secret header. VTEX pings the URL before it saves the
 * configuration; the webhook answers the ping, so n8n must already serve the URL (it does: n8n
 * registers the webhook before calling create).
 */
export async function createHook(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrlOf(this);
	const filter = readHookFilter(this);
	const client = clientOf(this);
	const current = await getHookConfiguration(client);
	const currentUrl = hookUrlOf(current);
	if (currentUrl && currentUrl !== url && !readReplaceExisting(this)) {
		throw new NodeOperationError(
			this.getNode(),
			`This app key already has a VTEX hook, sending to ${currentUrl}`,
			{
				description: `VTEX keeps one hook per app key, and this one belongs to another URL: another system, another workflow, or this workflow's ${this.getMode() === 'manual' ? 'production URL (the workflow is active: deactivate it before listening for a test event)' : 'test URL'}. Nothing was changed. Give this workflow an app key of its own (VTEX Admin → Account settings → API keys), or turn on "Replace Existing Hook" to take the hook over: ${currentUrl} then stops receiving notifications.`,
			},
		);
	}
	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const secret = newHookSecret();
	staticData[SECRET_KEY] = secret;
	// A refused configuration (the ping failed) leaves the secret unused; it is replaced at the next try.
	await setHookConfiguration(
		client,
		hookConfigBody(filter, url, { [HOOK_AUTH_HEADER_NAME]: secret }),
	);
	return true;
}

/** Removes the hook, but only when it is this workflow's: a hook sending elsewhere is left alone. */
export async function deleteHook(this: IHookFunctions): Promise<boolean> {
	const client = clientOf(this);
	const current = await getHookConfiguration(client);
	if (current && hookUrlOf(current) === webhookUrlOf(this)) await deleteHookConfiguration(client);
	delete (this.getWorkflowStaticData('node') as IDataObject)[SECRET_KEY];
	return true;
}
