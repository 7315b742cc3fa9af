import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteHookConfiguration } from '../../../shared/hook/hookApi';
import type { OperationRun } from '../types';

export const description = updateDisplayOptions(
	{ show: { resource: ['hook'], operation: ['deleteConfiguration'] } },
	[],
);

/**
 * Delete hook configuration: DELETE /api/orders/hook/config. Deleting a hook that does not exist
 * (404) succeeds with `deleted: false`, so the operation is safe to repeat. The hook belongs to
 * the app key: whoever uses the key stops receiving notifications.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex }: OperationRun,
): Promise<IDataObject> {
	const deleted = await deleteHookConfiguration(client, itemIndex);
	return {
		success: true,
		deleted,
		message: deleted
			? 'VTEX deleted the orders hook of this app key.'
			: 'This app key had no orders hook; nothing was deleted.',
	};
}
