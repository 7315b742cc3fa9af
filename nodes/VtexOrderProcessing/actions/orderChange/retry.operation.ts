import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField } from '../../../shared/orders';
import { replayFields, sendOrConverge } from '../converge';
import type { InputOf } from '../operationInput';
import type { OperationRun } from '../types';
import { changeActionDone } from './changeReplay';
import { actOnChange, changeRequestIdField, changeReferenceInput } from './changeRequests';

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['retry'] } },
	[orderIdField, changeRequestIdField],
);

export const itemInput = changeReferenceInput;

/**
 * Retry: POST …/changes/{changeRequestId}/retry?an= (https://developers.vtex.com/docs/guides/order-modifications), 204 without a body. VTEX
 * retries the same change request instead of creating a new one, so sending it twice never
 * changes the order twice: it counts as safe to repeat. (A repeat that finds the change already
 * finished answers SalesOrderSystem016.) The spec attaches a change body to this endpoint, which
 * reads as a documentation artefact: none is sent.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const reference = input;
	const { sent, replay } = await sendOrConverge(
		async () => await actOnChange(client, reference, 'retry', itemIndex),
		async () => await changeActionDone(client, reference, 'retry', itemIndex),
	);
	if (replay)
		return { success: true, action: 'retry', ...replayFields(replay.evidence), ...replay.output };
	return {
		...sent,
		...replayFields(),
		message: `VTEX is retrying change ${reference.changeRequestId} of order ${reference.orderId}. Follow it with Order Change > Get.`,
	};
}
