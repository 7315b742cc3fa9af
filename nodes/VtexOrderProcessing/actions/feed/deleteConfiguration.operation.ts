import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteFeedConfiguration } from '../../../shared/feed/feedApi';
import type { OperationRun } from '../types';

export const description = updateDisplayOptions(
	{ show: { resource: ['feed'], operation: ['deleteConfiguration'] } },
	[],
);

/**
 * Delete feed configuration: DELETE /api/orders/feed/config
 * (https://developers.vtex.com/docs/api-reference/orders-api#delete-/api/orders/feed/config). Deleting a feed
 * that does not exist (404) succeeds with `deleted: false`, so the operation is safe to repeat.
 * The feed is shared by everyone using this app key.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex }: OperationRun,
): Promise<IDataObject> {
	const deleted = await deleteFeedConfiguration(client, itemIndex);
	return {
		success: true,
		deleted,
		message: deleted
			? 'VTEX deleted the orders feed of this app key.'
			: 'This app key had no orders feed; nothing was deleted.',
	};
}
