import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getFeedConfiguration, NO_FEED_HINT } from '../../../shared/feed/feedApi';
import { normalizeFeedConfig } from '../../../shared/feed/feedConfig';
import type { OperationRun } from '../types';

export const description = updateDisplayOptions(
	{ show: { resource: ['feed'], operation: ['getConfiguration'] } },
	[],
);

/**
 * Get feed configuration: GET /api/orders/feed/config
 * (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed/config). VTEX spells some keys
 * two ways; the output has one spelling each. No feed (404) is an answer, not a failure:
 * `{configured: false}`, so a workflow can configure the feed when it is missing.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex }: OperationRun,
): Promise<IDataObject> {
	const raw = await getFeedConfiguration(client, itemIndex);
	return raw ? normalizeFeedConfig(raw) : { configured: false, message: NO_FEED_HINT };
}
