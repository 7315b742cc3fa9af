import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationRun } from '../types';
import { readChangeSettings } from './changeRequests';

/** No fields of its own: the account comes from the credential. */
export const description = [];

/**
 * Get Settings: GET /api/order-system/orders/changes/settings?an=. Among them
 * rolloutConfiguration.enableApi, which must be true before VTEX accepts any change by API.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex }: OperationRun,
): Promise<IDataObject> {
	return (await readChangeSettings(client, itemIndex)) ?? {};
}
