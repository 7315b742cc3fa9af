import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField, readOrderId } from '../../../shared/orders';
import type { OperationRun } from '../types';
import { readChangeHistory } from './changeRequests';

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['getHistory'] } },
	[orderIdField],
);

/**
 * Get History: GET /api/order-system/orders/{orderId}/changes?an=: every change
 * request of the order, `{requests[], actions[]}`, as one item.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex }: OperationRun,
): Promise<IDataObject> {
	const orderId = readOrderId(this, itemIndex);
	return { orderId, ...(await readChangeHistory(client, orderId, itemIndex)) };
}
