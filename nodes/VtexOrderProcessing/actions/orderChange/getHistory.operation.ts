import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField, readOrderId } from '../../../shared/orders';
import type { OperationRun } from '../types';
import { changeRequest, changesPath } from './changeRequests';

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['getHistory'] } },
	[orderIdField],
);

/**
 * Get History: GET /api/order-system/orders/{orderId}/changes?an=: every change
 * request of the order, `{requests[], actions[]}`, as one item.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const orderId = readOrderId(this, itemIndex);
	const history = await changeRequest<IDataObject | undefined>(client, {
		method: 'GET',
		path: changesPath(orderId),
		idempotent: true,
		action: `Get the change history of order ${orderId}`,
		itemIndex,
	});
	return { orderId, ...(history ?? { requests: [], actions: [] }) };
}
