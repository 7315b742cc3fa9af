import type { IDataObject } from 'n8n-workflow';

import { money } from '../../../shared/money';
import { objectsIn } from '../../../shared/values';

/** Sum of an order's totals[] entry by id ("Items", "Discounts", "Shipping", "Tax"), in cents. */
export function totalOf(order: IDataObject, id: string): number {
	const entry = objectsIn(order.totals).find((total) => total.id === id);
	return typeof entry?.value === 'number' ? entry.value : 0;
}

/**
 * The fields an ERP needs from Get order
 * (developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-), with every
 * amount in cents and in decimal.
 */
export function simplifyOrder(order: IDataObject): IDataObject {
	const shippingData = (order.shippingData ?? {}) as IDataObject;
	const logistics = objectsIn(shippingData.logisticsInfo);
	const client = (order.clientProfileData ?? {}) as IDataObject;
	const packages = objectsIn((order.packageAttachment as IDataObject | undefined)?.packages);
	const preferences = (order.storePreferencesData ?? {}) as IDataObject;

	return {
		orderId: order.orderId,
		sequence: order.sequence,
		marketplaceOrderId: order.marketplaceOrderId,
		status: order.status,
		creationDate: order.creationDate,
		lastChange: order.lastChange,
		currencyCode: preferences.currencyCode,
		total: money(order.value),
		totals: {
			items: money(totalOf(order, 'Items')),
			discounts: money(totalOf(order, 'Discounts')),
			shipping: money(totalOf(order, 'Shipping')),
			tax: money(totalOf(order, 'Tax')),
		},
		customer: {
			email: client.email,
			firstName: client.firstName,
			lastName: client.lastName,
			document: client.document,
			documentType: client.documentType,
			phone: client.phone,
		},
		items: objectsIn(order.items).map((item, itemIndex) => ({
			itemIndex,
			skuId: item.id,
			refId: item.refId,
			ean: item.ean,
			name: item.name,
			quantity: item.quantity,
			unitPrice: money(item.sellingPrice ?? item.price),
			listPrice: money(item.listPrice),
		})),
		shipping: {
			address: shippingData.address,
			logistics: logistics.map((info) => ({
				itemIndex: info.itemIndex,
				selectedSla: info.selectedSla,
				deliveryChannel: info.selectedDeliveryChannel,
				deliveryCompany: info.deliveryCompany,
				shippingEstimateDate: info.shippingEstimateDate,
				price: money(info.price),
			})),
		},
		invoices: packages.map((invoice) => ({
			type: invoice.type,
			invoiceNumber: invoice.invoiceNumber,
			invoiceValue: money(invoice.invoiceValue),
			issuanceDate: invoice.issuanceDate,
			invoiceKey: invoice.invoiceKey,
			invoiceUrl: invoice.invoiceUrl,
			courier: invoice.courier,
			trackingNumber: invoice.trackingNumber,
			trackingUrl: invoice.trackingUrl,
			items: invoice.items,
		})),
	};
}
