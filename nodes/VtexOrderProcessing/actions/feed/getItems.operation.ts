import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { MAX_FEED_LOT, readFeed } from '../../../shared/feed/feedApi';
import { validateInput } from '../../../shared/validation';
import type { OperationRun } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Max Items',
		name: 'maxItems',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_FEED_LOT },
		default: MAX_FEED_LOT,
		description:
			'How many events to read, at most 10 (VTEX’s limit). Events read are hidden for the feed’s visibility timeout and come back unless committed (Feed → Commit).',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['feed'], operation: ['getItems'] } }, properties);

const inputSchema = z.object({
	maxItems: z
		.number({ invalid_type_error: 'must be a number from 1 to 10' })
		.int('must be a whole number from 1 to 10')
		.min(1, 'must be at least 1')
		.max(MAX_FEED_LOT, 'must be at most 10, the most VTEX returns per read'),
});

/**
 * Retrieve feed items: GET /api/orders/feed?maxlot={n} (VTEX_API_REFERENCE.md section 4.11.1).
 * One output item per event, each with the handle that commits it. Nothing is committed here.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject[]> {
	const { maxItems } = validateInput(
		this.getNode(),
		inputSchema,
		{ maxItems: this.getNodeParameter('maxItems', itemIndex, MAX_FEED_LOT) },
		{ maxItems: 'Max Items' },
		itemIndex,
	);
	const events = await readFeed(client, maxItems, itemIndex);
	return events.map((event) => ({ ...event }));
}
