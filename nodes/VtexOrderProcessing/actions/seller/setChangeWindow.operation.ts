import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { wholeNumberSchema } from '../../../shared/validation';
import { z } from '../../../shared/zod';
import { replayNotCheckedFields } from '../converge';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { CHANGE_WINDOW_PATH, SELLER_PERMISSION } from './sellerRequests';

const properties: INodeProperties[] = [
	{
		displayName: 'Days',
		name: 'waitingTimeDays',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, maxValue: 30, numberPrecision: 0 },
		default: 2,
		description:
			"Days after a seller cancels an order during which the marketplace may give it to another seller. 0 to 30; 0 turns the window off. VTEX's default is 2.",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['seller'], operation: ['setChangeWindow'] } },
	properties,
);

const inputSchema = z.object({ waitingTimeDays: wholeNumberSchema(0, 30) });
export const itemInput = fieldInput({ properties, schema: inputSchema });

/**
 * Set change window: POST /api/checkout/pvt/configuration/window-to-change-seller with
 * `{waitingTime}` (developers.vtex.com/docs/guides/change-seller), 201. Setting the same value twice leaves the same window, so it
 * is safe to repeat.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const { waitingTimeDays: waitingTime } = input;
	await client.request({
		method: 'POST',
		path: CHANGE_WINDOW_PATH,
		body: { waitingTime },
		idempotent: true,
		action: `Set the window to change seller to ${waitingTime} day(s)`,
		answer: 'nothing',
		permission: SELLER_PERMISSION,
		itemIndex,
	});
	return { waitingTimeDays: waitingTime, success: true, ...replayNotCheckedFields() };
}
