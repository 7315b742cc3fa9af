import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getHookConfiguration } from '../../../shared/hook/hookApi';
import { normalizeHookConfig } from '../../../shared/hook/hookConfig';
import type { OperationRun } from '../types';

export const description = updateDisplayOptions(
	{ show: { resource: ['hook'], operation: ['getConfiguration'] } },
	[],
);

/** Without a hook (VTEX's 404) the output says so; a workflow can then set it again. */
export const NO_HOOK_MESSAGE =
	'This app key has no hook: none was set, it was deleted, or VTEX removed it after three days without notifications.';

/**
 * Get hook configuration: GET /api/orders/hook/config. Outputs `{configured: true, filter, hook:
 * {url, headers}}` with every header value hidden (they hold the receiver's credentials), or
 * `{configured: false, message}` when the app key has no hook: an answer, not a failure, so a
 * scheduled workflow can notice that VTEX removed the hook and register it again.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex }: OperationRun,
): Promise<IDataObject> {
	const raw = await getHookConfiguration(client, itemIndex);
	return raw ? normalizeHookConfig(raw) : { configured: false, message: NO_HOOK_MESSAGE };
}
