import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationRun } from '../types';
import { CHANGE_WINDOW_PATH, SELLER_PERMISSION } from './sellerRequests';

/** No fields of its own: the window is the account's. */
export const description = [];

/**
 * Get change window: GET /api/checkout/pvt/configuration/window-to-change-seller
 * VTEX answers a bare integer, the days; the output names it.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex }: OperationRun,
): Promise<IDataObject> {
	const days = await client.request<unknown>({
		method: 'GET',
		path: CHANGE_WINDOW_PATH,
		idempotent: true,
		action: 'Get the window to change seller',
		// A bare integer (days).
		answer: 'number',
		permission: SELLER_PERMISSION,
		itemIndex,
	});
	return { waitingTimeDays: typeof days === 'number' ? days : Number(days) };
}
