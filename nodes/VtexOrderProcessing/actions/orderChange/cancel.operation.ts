import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { validateInput } from '../../../shared/validation';
import { orderIdField } from '../common.descriptions';
import { replayFields, sendOrConverge } from '../converge';
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
		description: 'Why the change is canceled. Kept in the change history; the shopper does not see it.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['cancel'] } },
	properties,
);

const inputSchema = changeReferenceSchema.extend({
	reason: z
		.string({ invalid_type_error: 'must be text' })
		.trim()
		.min(1, 'is required: say why the change is canceled')
		.max(500, 'must be at most 500 characters'),
});

/**
 * Cancel: POST …/changes/{changeRequestId}/cancel?an= with `{reason}` (https://developers.vtex.com/docs/guides/order-modifications), 200
 * without a body. Only for a change that stopped on an error; a change that is done stays done
 * (revert it with a new change). Canceling the same change request twice cannot cancel anything
 * else, so it counts as safe to repeat.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const { orderId, changeRequestId, reason } = validateInput(
		this.getNode(),
		inputSchema,
		{
			orderId: this.getNodeParameter('orderId', itemIndex),
			changeRequestId: this.getNodeParameter('changeRequestId', itemIndex),
			reason: this.getNodeParameter('cancellationReason', itemIndex, ''),
		},
		{ orderId: 'Order ID', changeRequestId: 'Change Request ID', reason: 'Cancellation Reason' },
		itemIndex,
	);
	const reference = { orderId, changeRequestId };
	const { sent, replay } = await sendOrConverge(
		async () => await actOnChange(client, reference, 'cancel', itemIndex, { reason }),
		async () => await changeActionDone(client, reference, 'cancel', itemIndex),
	);
	if (replay) return { success: true, action: 'cancel', ...replayFields(replay.evidence), ...replay.output };
	return {
		...sent,
		...replayFields(),
		message: `VTEX canceled change ${changeRequestId} of order ${orderId}; the order keeps its items.`,
	};
}
