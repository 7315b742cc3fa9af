import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField, orderPath, readOrderId } from '../../../shared/orders';
import { replayFields, replayOutput, sendOrConverge } from '../converge';
import type { InputOf } from '../operationInput';
import { inputReadBy } from '../operationInput';
import type { OperationRun } from '../types';
import { startHandlingDone } from './replays';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['startHandling'] } },
	[orderIdField],
);

export const itemInput = inputReadBy(readOrderId);

/**
 * Start handling: POST /api/oms/pvt/orders/{orderId}/start-handling
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/start-handling).
 * VTEX answers 204 without a body, and only from "ready-for-handling" (OMS003 otherwise). VTEX's
 * ERP guide asks integrations to retry it when the answer is not 204, so it counts as safe to
 * repeat. A refusal or a lost answer is followed by a read of the order: in "handling" or past
 * it, the goal is reached and the item succeeds as a replay.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const orderId = input;
	const { replay } = await sendOrConverge(
		async () =>
			await client.request({
				method: 'POST',
				path: orderPath(orderId, '/start-handling'),
				idempotent: true,
				action: `Start handling order ${orderId}`,
				// 204 without a body.
				answer: 'nothing',
				permission: 'Change order workflow status',
				notFoundHint: `VTEX has no order "${orderId}" in this account.`,
				itemIndex,
			}),
		async (failure) => await startHandlingDone(client, orderId, itemIndex, failure),
	);
	if (replay) return replayOutput('startHandling', replay);
	return {
		orderId,
		success: true,
		action: 'startHandling',
		...replayFields(),
		message: `VTEX accepted Start Handling for order ${orderId}; it moves from "ready-for-handling" to "handling".`,
	};
}
