import type { IDataObject } from 'n8n-workflow';
import type { DateTime } from 'luxon';

import { toIsoWithOffset, toVtexDeliveredDate, toVtexEventDate } from '../../../shared/dates';
import { orderPath } from '../../../shared/orders';
import { pathSegment } from '../../../shared/paths';
import { definedOnly } from '../../../shared/values';
import type { InvoiceInput, TrackingEventsInput, TrackingInput } from './invoiceInput';
import type { InvoiceItem } from './invoiceTotals';

/**
 * The requests of VTEX's invoice endpoints, built by pure functions from checked input
 * (developers.vtex.com/docs/api-reference/orders-api, "Invoice" section).
 */

/** `/api/oms/pvt/orders/{orderId}/invoice/{invoiceNumber}{suffix}`: Update Tracking and Send Tracking Events. */
export function invoicePath(orderId: string, invoiceNumber: string, suffix = ''): string {
	return orderPath(orderId, `/invoice/${pathSegment(invoiceNumber, 'Invoice Number')}${suffix}`);
}

/**
 * Order invoice notification. `invoiceValue` is a string of cents and each item's `price` the
 * integer unit price in cents, as VTEX's spec types them; optional fields are left out when empty.
 */
export function invoiceBody(
	input: InvoiceInput,
	content: { items: InvoiceItem[]; valueCents: number },
	issuanceDate: DateTime,
): IDataObject {
	return {
		type: input.type,
		issuanceDate: toIsoWithOffset(issuanceDate),
		invoiceNumber: input.invoiceNumber,
		invoiceValue: String(content.valueCents),
		items: content.items.map(({ id, quantity, price, description }) =>
			definedOnly({ id, quantity, price, description }),
		),
		...definedOnly({
			invoiceKey: input.invoiceKey,
			invoiceUrl: input.invoiceUrl,
			embeddedInvoice: input.embeddedInvoice,
			courier: input.courier,
			trackingNumber: input.trackingNumber,
			trackingUrl: input.trackingUrl,
			dispatchedDate: input.dispatchedDate ? toIsoWithOffset(input.dispatchedDate) : undefined,
		}),
	};
}

/**
 * Update order's partial invoice (send tracking). VTEX's schema requires all four fields, so
 * the ones left empty are sent as null (and replace earlier values).
 */
export function trackingBody(input: TrackingInput): IDataObject {
	return {
		trackingNumber: input.trackingNumber,
		trackingUrl: input.trackingUrl ?? null,
		dispatchedDate: input.dispatchedDate ? toIsoWithOffset(input.dispatchedDate) : null,
		courier: input.courier ?? null,
	};
}

/**
 * Update order tracking status. `deliveredDate` is `yyyy-mm-dd hh:mm` with no offset, so it is
 * written in the workflow's time zone (`now` when delivered without a date); event dates are
 * `yyyy-mm-dd`.
 */
export function trackingEventsBody(
	input: TrackingEventsInput,
	zone: string,
	now: DateTime,
): IDataObject {
	return {
		isDelivered: input.isDelivered,
		deliveredDate: input.isDelivered
			? toVtexDeliveredDate((input.deliveredDate ?? now).setZone(zone))
			: null,
		events: input.events.map((event) => ({
			city: event.city,
			state: event.state,
			description: event.description,
			date: toVtexEventDate(event.date.setZone(zone)),
		})),
	};
}
