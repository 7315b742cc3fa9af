import type { IDataObject } from 'n8n-workflow';

import { readOrder } from '../../../shared/orders';
import type { VtexClient } from '../../../shared/transport';
import { objectsIn } from '../../../shared/values';

/**
 * Change seller's goal is reached when the marketplace order's seller is already the new one
 * (https://developers.vtex.com/docs/guides/change-seller): an earlier run, or a request whose
 * answer was lost, changed it. VTEX documents no answer to a change to the order's current
 * seller, so the node does not send one.
 */
export function sellerAlreadyChanged(
	order: IDataObject,
	orderId: string,
	newSellerId: string,
): IDataObject | undefined {
	const sellers = objectsIn(order.sellers);
	if (sellers.length === 0 || String(sellers[0].id ?? '') !== newSellerId) return undefined;
	return {
		orderId,
		newSellerId,
		status: order.status ?? null,
		message: `Order ${orderId} already belongs to seller ${newSellerId}: the change was applied before (an earlier attempt or run).`,
	};
}

/** Reads the order and checks (after a refusal or a lost answer). */
export async function sellerChangeDone(
	client: VtexClient,
	orderId: string,
	newSellerId: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	return sellerAlreadyChanged(await readOrder(client, orderId, itemIndex), orderId, newSellerId);
}
