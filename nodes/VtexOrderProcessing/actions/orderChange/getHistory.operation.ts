import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField, readOrderId } from '../../../shared/orders';
import type { InputOf } from '../operationInput';
import { inputReadBy } from '../operationInput';
import type { OperationRun } from '../types';
import { readChangeHistory } from './changeRequests';

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['getHistory'] } },
	[orderIdField],
);

export const itemInput = inputReadBy(readOrderId);

/**
 * Get History: GET /api/order-system/orders/{orderId}/changes?an=: every change
 * request of the order, `{requests[], actions[]}`, as one item.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const orderId = input;
	return { orderId, ...(await readChangeHistory(client, orderId, itemIndex)) };
}
