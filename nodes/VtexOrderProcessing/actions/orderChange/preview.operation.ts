import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { money } from '../../../shared/money';
import type { OperationRun } from '../types';
import { changeFields, readChangeInput } from './changeInput';
import { submitChange } from './submitChange';

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['preview'] } },
	changeFields,
);

/**
 * Preview: POST /api/order-system/orders/{orderId}/changes/preview (VTEX_API_REFERENCE.md
 * section 4.9.2). VTEX computes the change's totals and changes nothing: the dry run to check a
 * change before it touches a customer's order.
 */
export async function execute(this: IExecuteFunctions, { client, itemIndex }: OperationRun): Promise<IDataObject> {
	const input = readChangeInput(this, itemIndex);
	const preview = await submitChange(client, input, 'preview', itemIndex);
	return {
		orderId: input.orderId,
		previewOnly: true,
		totalChange: money(preview.totalChangeValue),
		...preview,
	};
}
