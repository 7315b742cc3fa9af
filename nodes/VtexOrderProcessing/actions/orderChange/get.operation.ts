import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField } from '../../../shared/orders';
import type { InputOf } from '../operationInput';
import type { OperationRun } from '../types';
import { changeRequestIdField, readChange, changeReferenceInput } from './changeRequests';

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['get'] } },
	[orderIdField, changeRequestIdField],
);

export const itemInput = changeReferenceInput;

/**
 * Get: GET /api/order-system/orders/{orderId}/changes/{changeRequestId}?an=
 * VTEX's answer as is: `status` (`done` applied, `canceled` not applied, anything else still
 * running), the items, the totals in cents.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const { orderId, changeRequestId } = input;
	return await readChange(client, orderId, changeRequestId, itemIndex);
}
