import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { money } from '../../../shared/money';
import type { InputOf } from '../operationInput';
import { inputReadBy } from '../operationInput';
import type { OperationRun } from '../types';
import { changeProperties } from './changeFields';
import { readChangeInput } from './changeInput';
import { submitChange } from './submitChange';

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['preview'] } },
	changeProperties,
);

export const itemInput = inputReadBy(readChangeInput);

/**
 * Preview: POST /api/order-system/orders/{orderId}/changes/preview (VTEX's "Preview order
 * modification", developers.vtex.com/docs/api-reference/orders-api). VTEX computes the change's totals and changes nothing: the dry run to check a
 * change before it touches a customer's order.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const preview = await submitChange(client, input, 'preview', itemIndex);
	return {
		orderId: input.orderId,
		previewOnly: true,
		totalChange: money(preview.totalChangeValue),
		...preview,
	};
}
