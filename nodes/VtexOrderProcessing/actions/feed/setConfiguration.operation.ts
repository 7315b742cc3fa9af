import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { feedConfigFields, feedConfigInputFrom, statusesFrom } from '../../../shared/feed/descriptions';
import { setFeedConfiguration } from '../../../shared/feed/feedApi';
import { FEED_CONFIG_LABELS, feedConfigBody, feedConfigSchema, normalizeFeedConfig } from '../../../shared/feed/feedConfig';
import { validateInput } from '../../../shared/validation';
import type { OperationRun } from '../types';

export const description = feedConfigFields({ show: { resource: ['feed'], operation: ['setConfiguration'] } }, true);

/**
 * Create or update feed configuration: POST /api/orders/feed/config (section 4.11.3), with the
 * spec's request spelling (`MessageRetentionPeriodInSeconds`). Every bound is checked before
 * the request. The feed is shared by everyone using this app key.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const parameter = (name: string, fallback: unknown) => this.getNodeParameter(name, itemIndex, fallback);
	const input = validateInput(
		this.getNode(),
		feedConfigSchema,
		feedConfigInputFrom(parameter, statusesFrom(parameter)),
		FEED_CONFIG_LABELS,
		itemIndex,
	);
	const body = feedConfigBody(input);
	await setFeedConfiguration(client, body, itemIndex);
	const { filter, queue } = normalizeFeedConfig(body);
	return { success: true, filter, queue };
}
