import type { IDataObject } from 'n8n-workflow';

import { pathSegment } from '../../../shared/paths';

/**
 * Change seller lives on the Checkout API of the marketplace account
 * (developers.vtex.com/docs/guides/change-seller). VTEX documents no License Manager resource for these endpoints; Checkout's
 * private endpoints are opened by "Orders Full Access", which is named on a 403.
 */
export const SELLER_PERMISSION = 'Orders Full Access';

export const CHANGE_WINDOW_PATH = '/api/checkout/pvt/configuration/window-to-change-seller';

export function changeSellerPath(orderId: string): string {
	return `/api/checkout/pvt/orders/${pathSegment(orderId, 'Order ID')}/sellers`;
}

/** The statuses in which VTEX's guide allows a seller change. */
export const SELLER_CHANGE_STATUSES = [
	'window-to-change-seller',
	'payment-pending',
	'waiting-for-authorization',
];

/** The body of Change seller, from checked input: the payment in integer cents, one logistics row per item. */
export function changeSellerBody(input: {
	newSellerId: string;
	marketplacePaymentValue: number;
	logisticsInfo: Array<{ itemIndex: number; selectedSla: string; selectedDeliveryChannel: string }>;
}): IDataObject {
	return {
		marketplacePaymentValue: input.marketplacePaymentValue,
		newSellerId: input.newSellerId,
		shippingData: { logisticsInfo: input.logisticsInfo },
	};
}
