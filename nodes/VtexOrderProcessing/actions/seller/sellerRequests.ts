import { pathSegment } from '../../../shared/paths';

/**
 * Change seller lives on the Checkout API of the marketplace account (VTEX_API_REFERENCE.md
 * section 4.10). VTEX documents no License Manager resource for these endpoints; Checkout's
 * private endpoints are opened by "Orders Full Access", which is named on a 403.
 */
export const SELLER_PERMISSION = 'Orders Full Access';

export const CHANGE_WINDOW_PATH = '/api/checkout/pvt/configuration/window-to-change-seller';

export function changeSellerPath(orderId: string): string {
	return `/api/checkout/pvt/orders/${pathSegment(orderId, 'Order ID')}/sellers`;
}

/** The statuses in which VTEX's guide allows a seller change (section 3.3 and 4.10). */
export const SELLER_CHANGE_STATUSES = ['window-to-change-seller', 'payment-pending', 'waiting-for-authorization'];
