import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { DateTime } from 'luxon';

import { dateSchema, requiredDateSchema } from '../../../shared/dates';
import { labelsFrom, readFields } from '../../../shared/fields';
import { LIMITS } from '../../../shared/limits';
import type { ListInput } from '../../../shared/listInput';
import { takeListInput } from '../../../shared/listInput';
import type { MoneyFormat } from '../../../shared/money';
import { moneySchema, optionalMoneySchema, readMoneyFormat } from '../../../shared/money';
import { optionSchema } from '../../../shared/optionSchema';
import { orderIdSchema } from '../../../shared/orders';
import { executionNode } from '../../../shared/parameterReads';
import { pathSegmentProblem } from '../../../shared/paths';
import type { Labeller } from '../../../shared/validation';
import {
	booleanSchema,
	listSchema,
	requiredTextSchema,
	schemaPerKey,
	textSchema,
	tooLong,
	urlSchema,
	validateInput,
	wholeNumberSchema,
} from '../../../shared/validation';
import { isBlank, shown } from '../../../shared/values';
import { z } from '../../../shared/zod';
import {
	invoiceItemsList,
	invoiceProperties,
	trackingEventsList,
	trackingEventsProperties,
} from './invoiceFields';
import type { InvoiceItem } from './invoiceTotals';

/**
 * Reading and checking the input of VTEX's invoice endpoints (Invoice, Update Tracking, Send
 * Tracking Events), before anything is sent. Schemas are built once per time zone or money
 * format, at module level, and reused for every item.
 */

const INVOICE_NUMBER_EXAMPLE = 'such as NF-000123';

/**
 * VTEX's known issue, ID 953285 ("Special characters in invoiceNumber cause post-purchase flow to
 * fail", help.vtex.com/known-issues) shows invoice numbers like "#123456", "123/456" and
 * "123456/": VTEX stores the invoice, but the order never reaches "invoiced", tracking updates
 * fail, and the invoice cannot be corrected afterwards. A space at either end is the same trap
 * in disguise (the ERP's "123 " is not VTEX's "123"). The number also goes into the path of the
 * tracking endpoints, so the path rule applies ("." or ".." would reach another endpoint).
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
			return fail(
				`must be text or a whole number, got the number ${shown(value)}. Send the ERP's invoice number as text`,
			);
		}
		return String(value);
	}
	if (isBlank(value))
		return fail(`is required (the invoice number from the ERP, ${INVOICE_NUMBER_EXAMPLE})`);
	if (typeof value !== 'string') return fail(`must be text, ${INVOICE_NUMBER_EXAMPLE}`);
	if (value.length > LIMITS.invoiceNumber) return fail(tooLong(value, LIMITS.invoiceNumber));
	if (value !== value.trim()) {
		return fail(
			`${shown(value)} has a space at its start or end; VTEX would store a number the ERP does not know. Remove the spaces`,
		);
	}
	if (/[#/]/.test(value)) {
		return fail(
			`${shown(value)} contains "#" or "/", which VTEX cannot process: the order would never reach "invoiced" (VTEX known issue, ID 953285). Use letters and digits`,
		);
	}
	const pathProblem = pathSegmentProblem(value);
	if (pathProblem) return fail(pathProblem);
	return value;
});

/** Rules for the four tracking fields, wherever they appear. */
function trackingShape(zone: string) {
	return {
		trackingNumber: textSchema({ max: LIMITS.trackingNumber }),
		trackingUrl: urlSchema(LIMITS.url),
		courier: textSchema({ max: LIMITS.courier }),
		dispatchedDate: dateSchema(zone),
	};
}

/** One item's fields, with the list given as rows or JSON put under its name, and their labels. */
function fieldsOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
	list: ListInput,
): { values: Record<string, unknown>; labels: Labeller } {
	const { values, rename } = takeListInput(
		executionNode(ctx),
		readFields(ctx, itemIndex, properties),
		list,
		itemIndex,
	);
	return { values, labels: labelsFrom(properties, rename) };
}

// Invoice

export interface InvoiceInput {
	orderId: string;
	type: 'Output' | 'Input';
	invoiceNumber: string;
	issuanceDate?: DateTime;
	invoiceWholeOrder: boolean;
	/** Read the order before sending given content (Invoice Whole Order always reads it). */
	checkOrderFirst?: boolean;
	invoiceKey?: string;
	invoiceUrl?: string;
	embeddedInvoice?: string;
	courier?: string;
	trackingNumber?: string;
	trackingUrl?: string;
	dispatchedDate?: DateTime;
	/** The items and amounts given; absent with Invoice Whole Order, which computes them. */
	given?: { items: InvoiceItem[]; invoiceValue?: number; shippingValue?: number };
}

const invoiceItem = (format: MoneyFormat) =>
	z.object(
		{
			id: requiredTextSchema({ max: LIMITS.skuId, example: 'the VTEX SKU ID, such as 101' }),
			quantity: wholeNumberSchema(1),
			// Zero is a gift line; VTEX wants the unit price in integer cents.
			price: moneySchema(format, 'nonNegative'),
			description: textSchema({ max: LIMITS.lineText }),
		},
		{ invalid_type_error: 'must be an object with id, quantity and price' },
	);

/** Keyed by time zone, and by money format unless Invoice Whole Order computes the content. */
const invoiceSchema = schemaPerKey((key: string) => {
	const [zone, content] = key.split('\n') as [string, MoneyFormat | 'whole'];
	const header = z.object({
		orderId: orderIdSchema,
		type: optionSchema<'Output' | 'Input'>(
			invoiceProperties,
			'type',
			'must be "Output" (a sale) or "Input" (a return)',
		),
		invoiceNumber: invoiceNumberSchema,
		issuanceDate: dateSchema(zone),
		invoiceWholeOrder: booleanSchema,
		checkOrderFirst: booleanSchema,
		invoiceKey: textSchema({ max: LIMITS.invoiceKey }),
		invoiceUrl: urlSchema(LIMITS.url),
		embeddedInvoice: textSchema({ max: LIMITS.embeddedInvoice }),
		...trackingShape(zone),
	});
	if (content === 'whole') return header;
	return header.extend({
		items: listSchema(invoiceItem(content), {
			min: 1,
			max: LIMITS.invoiceItems,
			noun: 'item',
			example: '[{ "id": "101", "quantity": 2, "price": 4990 }]',
		}),
		invoiceValue: optionalMoneySchema(content, 'positive'),
		shippingValue: optionalMoneySchema(content, 'nonNegative'),
	});
});

/** Reads and checks one item's invoice; every problem is reported before anything is sent. */
export function readInvoiceInput(ctx: IExecuteFunctions, itemIndex: number): InvoiceInput {
	const node = executionNode(ctx);
	const { values, labels } = fieldsOf(ctx, itemIndex, invoiceProperties, invoiceItemsList);
	const wholeOrder = values.invoiceWholeOrder === true;
	const content = wholeOrder ? 'whole' : readMoneyFormat(node, values.moneyFormat, itemIndex);
	const input = validateInput(
		node,
		invoiceSchema(`${ctx.getTimezone()}\n${content}`),
		values,
		labels,
		itemIndex,
	) as Omit<InvoiceInput, 'given'> & Partial<NonNullable<InvoiceInput['given']>>;
	const { items, invoiceValue, shippingValue, ...header } = input;
	return wholeOrder
		? header
		: { ...header, given: { items: items ?? [], invoiceValue, shippingValue } };
}

/** The label errors give the invoice's fields, for rules checked after the schema. */
export const invoiceLabels = labelsFrom(invoiceProperties);

// Update Tracking

export interface TrackingInput {
	orderId: string;
	invoiceNumber: string;
	trackingNumber: string;
	trackingUrl?: string;
	courier?: string;
	dispatchedDate?: DateTime;
}

/** Update Tracking's rules, keyed by the workflow's time zone (the dispatched date's). */
export const trackingSchema = schemaPerKey((zone: string) =>
	z.object({
		orderId: orderIdSchema,
		invoiceNumber: invoiceNumberSchema,
		...trackingShape(zone),
		trackingNumber: requiredTextSchema({
			max: LIMITS.trackingNumber,
			example: "the carrier's tracking number",
		}),
	}),
);

// Send Tracking Events

export interface TrackingEvent {
	city: string;
	state: string;
	description: string;
	date: DateTime;
}

export interface TrackingEventsInput {
	orderId: string;
	invoiceNumber: string;
	isDelivered: boolean;
	deliveredDate?: DateTime;
	events: TrackingEvent[];
}

const trackingEventsSchema = schemaPerKey((zone: string) => {
	const event = z.object(
		{
			city: requiredTextSchema({ max: LIMITS.place, example: 'such as Rio de Janeiro' }),
			state: requiredTextSchema({ max: LIMITS.place, example: 'such as RJ' }),
			description: requiredTextSchema({
				max: LIMITS.lineText,
				example: 'such as Out for delivery',
			}),
			date: requiredDateSchema(zone),
		},
		{ invalid_type_error: 'must be an object with city, state, description and date' },
	);
	return z
		.object({
			orderId: orderIdSchema,
			invoiceNumber: invoiceNumberSchema,
			isDelivered: booleanSchema,
			deliveredDate: dateSchema(zone),
			events: listSchema(event, {
				max: LIMITS.trackingEvents,
				noun: 'event',
				example:
					'[{ "city": "Rio de Janeiro", "state": "RJ", "description": "Out for delivery", "date": "2026-11-24" }]',
			}),
		})
		.superRefine((input, ctx) => {
			if (!input.isDelivered && input.events.length === 0) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['events'],
					message: 'must hold at least one event, or turn on Delivered',
				});
			}
		});
});

export function readTrackingEventsInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
): TrackingEventsInput {
	const { values, labels } = fieldsOf(ctx, itemIndex, trackingEventsProperties, trackingEventsList);
	return validateInput(
		ctx.getNode(),
		trackingEventsSchema(ctx.getTimezone()),
		values,
		labels,
		itemIndex,
	);
}
