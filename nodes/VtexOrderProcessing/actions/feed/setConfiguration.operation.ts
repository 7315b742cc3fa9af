import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { labelsFrom, readFields } from '../../../shared/fields';
import { feedConfigFields } from '../../../shared/feed/descriptions';
import { setFeedConfiguration } from '../../../shared/feed/feedApi';
import {
	feedConfigBody,
	feedConfigSchema,
	normalizeFeedConfig,
} from '../../../shared/feed/feedConfig';
import { validateInput } from '../../../shared/validation';
import type { OperationRun } from '../types';

const properties = feedConfigFields(
	{ show: { resource: ['feed'], operation: ['setConfiguration'] } },
	true,
);

export const description = properties;

const labels = labelsFrom(properties);

/**
 * Create or update feed configuration: POST /api/orders/feed/config
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed/config), with
 * the request schema's spelling (`MessageRetentionPeriodInSeconds`). Every bound and size limit
 * is checked before the request. The feed is shared by everyone using this app key.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex }: OperationRun,
): Promise<IDataObject> {
	const input = validateInput(
		this.getNode(),
		feedConfigSchema,
		readFields(this, itemIndex, properties),
		labels,
		itemIndex,
	);
	const body = feedConfigBody(input);
	await setFeedConfiguration(client, body, itemIndex);
	const { filter, queue } = normalizeFeedConfig(body);
	return { success: true, filter, queue };
}
