import type { IDataObject } from 'n8n-workflow';

import { money } from '../../../shared/money';

/**
 * The fields a report or a lookup needs from one List orders entry
 * (developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders), amounts in cents
 * and in decimal as Order → Get's Simplify gives them. The list has no items (VTEX stopped
 * sending them on October 3rd, 2018); an order read in full (Read Each Order in Full) is
 * simplified by simplifyOrder instead, items included.
 */
export function simplifyListedOrder(entry: IDataObject): IDataObject {
	return {
		orderId: entry.orderId,
		sequence: entry.sequence,
		marketplaceOrderId: entry.marketPlaceOrderId,
		status: entry.status,
		statusDescription: entry.statusDescription,
		creationDate: entry.creationDate,
		authorizedDate: entry.authorizedDate,
		currencyCode: entry.currencyCode,
		total: money(entry.totalValue),
		totalItems: entry.totalItems,
		customerName: entry.clientName,
		salesChannel: entry.salesChannel,
		origin: entry.origin,
		paymentNames: entry.paymentNames,
		shippingEstimatedDate: entry.ShippingEstimatedDate,
	};
}
