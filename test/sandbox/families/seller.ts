import type { Route } from '../http';
import { json, omsError } from '../http';
import type { SandboxState } from '../state';
import { uncodedError } from './orderChanges';

/**
 * Change seller (developers.vtex.com/docs/guides/change-seller) and its window
 * (developers.vtex.com/docs/api-reference/orders-api#get-/api/checkout/pvt/configuration/window-to-change-seller),
 * on the marketplace account.
 *
 * The change call is documented only by VTEX's "Change seller" guide: its body, nothing about
 * types, errors, the response or the License Manager resource. The sandbox asks for Checkout's
 * "Orders Full Access" (the resource the node names on a 403), answers 204 without a body, and
 * refuses with the OMS envelope: 404 for an unknown order, 400 for a bad body or an unknown
 * seller, 409 for a status the guide does not allow.
 */

/** Statuses that allow a seller change, per VTEX's "Change seller" guide. */
export const SELLER_CHANGE_STATUSES = [
	'window-to-change-seller',
	'payment-pending',
	'waiting-for-authorization',
];

export interface SellerFamily {
	/** Days of the window to change seller; VTEX's default is 2 (help.vtex.com's "Change seller" tutorial gives 0 to 30). */
	windowDays: number;
	/** Sellers registered in the marketplace. VTEX's list lives in the Seller Register API, not served here. */
	sellers: string[];
	changes: Array<{
		orderId: string;
		from: string;
		to: string;
		marketplacePaymentValue: number;
		at: string;
	}>;
	snapshot(): unknown;
}

export function sellerFamilyOf(state: SandboxState): SellerFamily {
	return state.family<SellerFamily>('seller', () => {
		const family: SellerFamily = {
			windowDays: 2,
			sellers: ['1', 'sellerb', 'sellerc'],
			changes: [],
			snapshot: () => ({
				windowDays: family.windowDays,
				sellers: family.sellers,
				changes: family.changes,
			}),
		};
		return family;
	});
}

interface ChangeSellerBody {
	marketplacePaymentValue?: unknown;
	newSellerId?: unknown;
	shippingData?: {
		logisticsInfo?: Array<{
			itemIndex?: unknown;
			selectedSla?: unknown;
			selectedDeliveryChannel?: unknown;
		}>;
	};
}

export function sellerRoutes(state: SandboxState): Route[] {
	const family = sellerFamilyOf(state);
	const badRequest = (message: string) => uncodedError(400, message);
	return [
		{
			// Change seller (the guide above): PUT with {marketplacePaymentValue, newSellerId, shippingData.logisticsInfo[]}.
			method: 'PUT',
			pattern: '/api/checkout/pvt/orders/:orderId/sellers',
			permission: 'Orders Full Access',
			handler: ({ params, body }) => {
				const order = state.findOrder(params.orderId);
				if (!order) return omsError(404, 'CHK0201', `Order ${params.orderId} not found.`);
				const request = (body ?? {}) as ChangeSellerBody;
				if (typeof request.newSellerId !== 'string' || request.newSellerId.trim() === '') {
					return badRequest('newSellerId is required.');
				}
				if (!family.sellers.includes(request.newSellerId))
					return badRequest(`Seller ${request.newSellerId} not found in the marketplace.`);
				const value = request.marketplacePaymentValue;
				if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
					return badRequest('marketplacePaymentValue must be an integer amount in cents.');
				}
				const logistics = request.shippingData?.logisticsInfo ?? [];
				for (const info of logistics) {
					if (
						typeof info.itemIndex !== 'number' ||
						info.itemIndex < 0 ||
						info.itemIndex >= order.items.length
					) {
						return badRequest(
							`logisticsInfo itemIndex ${String(info.itemIndex)} is not an item of the order.`,
						);
					}
					if (typeof info.selectedSla !== 'string' || !info.selectedSla)
						return badRequest('logisticsInfo selectedSla is required.');
				}
				if (!SELLER_CHANGE_STATUSES.includes(order.status)) {
					return uncodedError(
						409,
						`Order status should be ${SELLER_CHANGE_STATUSES.join(', ')} to change its seller.`,
					);
				}
				const previous = order.sellers[0]?.id ?? '';
				order.sellers = [
					{ id: request.newSellerId, name: request.newSellerId, logo: '', fulfillmentEndpoint: '' },
				];
				for (const item of order.items) item.seller = request.newSellerId;
				// The guide: after the change the marketplace order's deliveryIds are empty.
				for (const info of order.shippingData.logisticsInfo) {
					const chosen = logistics.find((entry) => entry.itemIndex === info.itemIndex);
					if (chosen) {
						info.selectedSla = String(chosen.selectedSla);
						info.selectedDeliveryChannel = String(chosen.selectedDeliveryChannel ?? 'delivery');
					}
					info.deliveryIds = [];
				}
				order.lastChange = new Date().toISOString();
				family.changes.push({
					orderId: order.orderId,
					from: previous,
					to: request.newSellerId,
					marketplacePaymentValue: value,
					at: order.lastChange,
				});
				return { status: 204 };
			},
		},
		{
			// Get window to change seller: 200 with a bare integer (days), as the API reference's example.
			method: 'GET',
			pattern: '/api/checkout/pvt/configuration/window-to-change-seller',
			permission: 'Orders Full Access',
			handler: () => json(200, family.windowDays),
		},
		{
			// Update window to change seller (orders-api#post-/api/checkout/pvt/configuration/window-to-change-seller):
			// {waitingTime} in days (0 to 30), 201 without a body.
			method: 'POST',
			pattern: '/api/checkout/pvt/configuration/window-to-change-seller',
			permission: 'Orders Full Access',
			handler: ({ body }) => {
				const waitingTime = (body as { waitingTime?: unknown } | undefined)?.waitingTime;
				if (
					typeof waitingTime !== 'number' ||
					!Number.isInteger(waitingTime) ||
					waitingTime < 0 ||
					waitingTime > 30
				) {
					return badRequest('waitingTime must be a whole number of days from 0 to 30.');
				}
				family.windowDays = waitingTime;
				return { status: 201 };
			},
		},
	];
}
