import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LIMITS } from '../../../shared/limits';
import { orderIdField } from '../../../shared/orders';
import { requiredTextSchema } from '../../../shared/validation';
import { replayFields, sendOrConverge } from '../converge';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { changeActionDone } from './changeReplay';
import { actOnChange, changeReferenceSchema, changeRequestIdField } from './changeRequests';

const properties: INodeProperties[] = [
	orderIdField,
	changeRequestIdField,
	{
		displayName: 'Cancellation Reason',
		name: 'cancellationReason',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Stopped on a payment error; the ERP will send a new change',
		description:
			'Why the change is canceled. Kept in the change history; the shopper does not see it.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['cancel'] } },
	properties,
);

const inputSchema = changeReferenceSchema.extend({
	cancellationReason: requiredTextSchema({
		max: LIMITS.changeReason,
		example: 'say why the change is canceled',
	}),
});
export const itemInput = fieldInput({ properties, schema: inputSchema });

/**
 * Cancel: POST …/changes/{changeRequestId}/cancel?an= with `{reason}` (https://developers.vtex.com/docs/guides/order-modifications), 200
 * without a body. Only for a change that stopped on an error; a change that is done stays done
 * (revert it with a new change). Canceling the same change request twice cannot cancel anything
 * else, so it counts as safe to repeat.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const { orderId, changeRequestId, cancellationReason: reason } = input;
	const reference = { orderId, changeRequestId };
	const { sent, replay } = await sendOrConverge(
		async () => await actOnChange(client, reference, 'cancel', itemIndex, { reason }),
		async () => await changeActionDone(client, reference, 'cancel', itemIndex),
	);
	if (replay)
		return { success: true, action: 'cancel', ...replayFields(replay.evidence), ...replay.output };
	return {
		...sent,
		...replayFields(),
		message: `VTEX canceled change ${changeRequestId} of order ${orderId}; the order keeps its items.`,
	};
}
