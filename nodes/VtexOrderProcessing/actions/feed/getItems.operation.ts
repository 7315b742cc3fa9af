import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MAX_FEED_LOT, readFeed } from '../../../shared/feed/feedApi';
import { wholeNumberSchema } from '../../../shared/validation';
import { z } from '../../../shared/zod';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
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

export const description = updateDisplayOptions(
	{ show: { resource: ['feed'], operation: ['getItems'] } },
	properties,
);

// At most 10: the most VTEX returns per read.
const inputSchema = z.object({ maxItems: wholeNumberSchema(1, MAX_FEED_LOT) });
export const itemInput = fieldInput({ properties, schema: inputSchema });

/**
 * Retrieve feed items: GET /api/orders/feed?maxlot={n}
 * (developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed).
 * One output item per event, each with the handle that commits it. Nothing is committed here.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject[]> {
	const { maxItems } = input;
	const events = await readFeed(client, maxItems, itemIndex);
	return events.map((event) => ({ ...event }));
}
