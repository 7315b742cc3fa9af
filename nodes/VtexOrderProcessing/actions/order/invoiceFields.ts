import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { dateSchema } from '../../../shared/dates';
import { textSchema, tooLong, urlSchema } from '../../../shared/validation';
import { orderPath } from '../../../shared/orders';
import { LIMITS } from '../../../shared/limits';
import { pathSegment, pathSegmentProblem } from '../../../shared/paths';
import { isBlank, shown } from '../../../shared/values';

/** Fields and rules shared by Invoice, Update Tracking and Send Tracking Events. */

export const invoiceNumberField: INodeProperties = {
	displayName: 'Invoice Number',
	name: 'invoiceNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'NF-000123',
	description:
		'The invoice number as the ERP issued it. Use letters and digits: VTEX cannot process "#" or "/", nor spaces at either end.',
};

const INVOICE_NUMBER_EXAMPLE = 'such as NF-000123';

/**
 * VTEX's known issue 953285 ("Special characters in invoiceNumber cause post-purchase flow to
 * fail", help.vtex.com/known-issues) shows invoice numbers like "#123456", "123/456" and
 * "123456/": VTEX stores the invoice, but the order never reaches "invoiced", tracking updates
 * fail, and the invoice cannot be corrected afterwards. A space at either end is the same trap
 * in disguise (the ERP's "123 " is not VTEX's "123"), and "/" would also split the tracking
 * endpoints' path (reference 4.6, 4.7). So these are refused before anything is sent.
 */
export const invoiceNumberSchema = z.any().transform((value, ctx): string => {
	const fail = (message: string) => {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message });
		return z.NEVER;
	};
	if (typeof value === 'number') {
		// A number from an expression: only a whole one has one text form ("1e+21" or
		// "0.30000000000000004" would become an invoice number the ERP never issued).
		if (!Number.isSafeInteger(value) || value < 0) {
			return fail(`must be text or a whole number, got the number ${shown(value)}. Send the ERP's invoice number as text`);
		}
		return String(value);
	}
	if (isBlank(value)) return fail(`is required (the invoice number from the ERP, ${INVOICE_NUMBER_EXAMPLE})`);
	if (typeof value !== 'string') return fail(`must be text, ${INVOICE_NUMBER_EXAMPLE}`);
	if (value.length > LIMITS.invoiceNumber) return fail(tooLong(value, LIMITS.invoiceNumber));
	if (value !== value.trim()) {
		return fail(`${shown(value)} has a space at its start or end; VTEX would store a number the ERP does not know. Remove the spaces`);
	}
	if (/[#/]/.test(value)) {
		return fail(`${shown(value)} contains "#" or "/", which VTEX cannot process: the order would never reach "invoiced" (VTEX known issue 953285). Use letters and digits`);
	}
	const pathProblem = pathSegmentProblem(value);
	if (pathProblem) return fail(pathProblem);
	return value;
});

/** `/api/oms/pvt/orders/{orderId}/invoice/{invoiceNumber}{suffix}` (reference 4.6, 4.7). */
export function invoicePath(orderId: string, invoiceNumber: string, suffix = ''): string {
	return orderPath(orderId, `/invoice/${pathSegment(invoiceNumber, 'Invoice Number')}${suffix}`);
}

export const trackingNumberField: INodeProperties = {
	displayName: 'Tracking Number',
	name: 'trackingNumber',
	type: 'string',
	default: '',
	description: "The carrier's tracking number for this invoice's package",
};

export const trackingUrlField: INodeProperties = {
	displayName: 'Tracking URL',
	name: 'trackingUrl',
	type: 'string',
	default: '',
	placeholder: 'https://carrier.example/track/AB123456789BR',
	description: 'Where the customer can follow the package',
};

export const courierField: INodeProperties = {
	displayName: 'Courier',
	name: 'courier',
	type: 'string',
	default: '',
	description: 'The carrier that delivers the package',
};

export const dispatchedDateField: INodeProperties = {
	displayName: 'Dispatched Date',
	name: 'dispatchedDate',
	type: 'dateTime',
	default: '',
	description: 'When the package left. Any date format; a date without an offset is read in the workflow time zone.',
};

/** Rules for the four tracking fields, wherever they appear. */
export function trackingSchemas(zone: string) {
	return {
		trackingNumber: textSchema(),
		trackingUrl: urlSchema(),
		courier: textSchema(),
		dispatchedDate: dateSchema(zone),
	};
}

export const TRACKING_LABELS = {
	trackingNumber: 'Tracking Number',
	trackingUrl: 'Tracking URL',
	courier: 'Courier',
	dispatchedDate: 'Dispatched Date',
};
