import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { feedConfigFields } from '../../../shared/feed/descriptions';
import { setFeedConfiguration } from '../../../shared/feed/feedApi';
import {
	feedConfigBody,
	feedConfigSchema,
	normalizeFeedConfig,
} from '../../../shared/feed/feedConfig';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';

const properties = feedConfigFields(
	{ show: { resource: ['feed'], operation: ['setConfiguration'] } },
	true,
);

export const description = properties;

export const itemInput = fieldInput({ properties, schema: feedConfigSchema });

/**
 * Create or update feed configuration: POST /api/orders/feed/config
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed/config), with
 * the request schema's spelling (`MessageRetentionPeriodInSeconds`). Every bound and size limit
 * is checked before the request. The feed is shared by everyone using this app key.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const body = feedConfigBody(input);
	await setFeedConfiguration(client, body, itemIndex);
	const { filter, queue } = normalizeFeedConfig(body);
	return { success: true, filter, queue };
}
