import { DateTime } from 'luxon';

import { parseDateText } from './dateText';
import { isBlank, shown } from './values';
import { z } from './zod';

/**
 * ERPs send dates in every shape. This reads the common ones (dateText.ts lists the text forms)
 * and gives back a DateTime; a date without an offset is read in the workflow's time zone, as n8n
 * users expect. A number is read by the same rules as digits in text, so `20240131` and
 * `"20240131"` are the same day. Only a full date is read: nothing is completed with a guess.
 */

export type DateResult = { ok: true; date: DateTime } | { ok: false; message: string };

const DATE_EXAMPLE =
	'a full date such as 2024-01-31T18:25:43-03:00, 2024-01-31 18:25, 31/01/2024, 20240131 or Unix time';

const DIGITS_RULE =
	'digits are read as Unix time when there are 10 (seconds) or 13 (milliseconds), as yyyymmdd when there are 8';

/** The earliest date accepted: VTEX's OMS has no order from before it, so an earlier one is a wrong value. */
export const EARLIEST_YEAR = 2000;

/** How far ahead a date may be: an invoice or a delivery years away is a wrong value. */
export const MAX_YEARS_AHEAD = 5;

/**
 * Text already parsed, by time zone and text: a date given once for every item (a fixed Issuance
 * Date) is parsed once, not once per item. A DateTime never changes, so one may be shared. Bounded:
 * dates that differ per item only pass through.
 */
const parsedTexts = new Map<string, DateResult>();
const PARSED_TEXTS_KEPT = 64;

function parseAnyOnce(value: unknown, zone: string): DateResult {
	if (typeof value !== 'string') return parseAny(value, zone);
	const key = `${zone}\n${value}`;
	let parsed = parsedTexts.get(key);
	if (!parsed) {
		parsed = parseAny(value, zone);
		if (parsedTexts.size >= PARSED_TEXTS_KEPT) parsedTexts.clear();
		parsedTexts.set(key, parsed);
	}
	return parsed;
}

/** Reads a date and checks it is plausible; the message says what was wrong. */
export function readDate(value: unknown, zone: string): DateResult {
	const parsed = parseAnyOnce(value, zone);
	if (!parsed.ok) return parsed;
	const { date } = parsed;
	if (date.year < EARLIEST_YEAR) {
		return {
			ok: false,
			message: `reads as ${describe(date)}, before ${EARLIEST_YEAR}: not a date VTEX has orders for. Got ${shown(value)}; ${DIGITS_RULE}`,
		};
	}
	if (moreThanMaxYearsAhead(date)) {
		return {
			ok: false,
			message: `reads as ${describe(date)}, more than ${MAX_YEARS_AHEAD} years ahead. Got ${shown(value)}; ${DIGITS_RULE}`,
		};
	}
	return parsed;
}

/**
 * Five calendar years are never shorter than 5 × 365 days less an hour (a daylight-saving shift):
 * a date before that needs no calendar arithmetic (luxon's `plus` in a time zone costs as much as
 * the rest of an item's checks).
 */
const SURELY_WITHIN_AHEAD_MS = (MAX_YEARS_AHEAD * 365 * 24 - 1) * 3_600_000;

function moreThanMaxYearsAhead(date: DateTime): boolean {
	const millis = date.toMillis();
	if (millis <= Date.now() + SURELY_WITHIN_AHEAD_MS) return false;
	return date > DateTime.now().plus({ years: MAX_YEARS_AHEAD });
}

/** The date as readDate reads it, or undefined when it does not parse or is out of range. */
export function parseDate(value: unknown, zone: string): DateTime | undefined {
	const result = readDate(value, zone);
	return result.ok ? result.date : undefined;
}

function describe(date: DateTime): string {
	return date.toUTC().toISO({ suppressMilliseconds: true }) ?? String(date.toMillis());
}

function parseAny(value: unknown, zone: string): DateResult {
	const refused: DateResult = {
		ok: false,
		message: `must be ${DATE_EXAMPLE}, got ${shown(value)}`,
	};
	if (DateTime.isDateTime(value)) return value.isValid ? { ok: true, date: value } : refused;
	if (value instanceof Date) {
		const fromDate = DateTime.fromJSDate(value, { zone });
		return fromDate.isValid ? { ok: true, date: fromDate } : refused;
	}
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value < 0) {
			return {
				ok: false,
				message: `must be ${DATE_EXAMPLE}, got the number ${shown(value)}; ${DIGITS_RULE}`,
			};
		}
		return parseDigits(String(value), value, zone);
	}
	if (typeof value !== 'string') return refused;
	const text = value.trim();
	if (/^\d+$/.test(text)) return parseDigits(text, value, zone);
	const parsed = parseDateText(text, zone);
	if (parsed.ok) return parsed;
	return parsed.reason ? { ok: false, message: `${refused.message}: ${parsed.reason}` } : refused;
}

function parseDigits(digits: string, value: unknown, zone: string): DateResult {
	let date: DateTime | undefined;
	if (digits.length === 10) date = DateTime.fromSeconds(Number(digits), { zone });
	else if (digits.length === 13) date = DateTime.fromMillis(Number(digits), { zone });
	else if (digits.length === 8) date = DateTime.fromFormat(digits, 'yyyyMMdd', { zone });
	else
		return { ok: false, message: `must be ${DATE_EXAMPLE}, got ${shown(value)}: ${DIGITS_RULE}` };
	return date.isValid
		? { ok: true, date }
		: { ok: false, message: `must be ${DATE_EXAMPLE}, got ${shown(value)}` };
}

/**
 * ISO 8601 with its offset, as VTEX's invoice `issuanceDate` wants
 * (developers.vtex.com/docs/guides/formatting-order-invoicing-time).
 */
export function toIsoWithOffset(date: DateTime): string {
	let text = isoTexts.get(date);
	if (text === undefined) {
		text = date.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? '';
		isoTexts.set(date, text);
	}
	return text;
}

/** A DateTime never changes: one parsed once for every item (see parsedTexts) is written once. */
const isoTexts = new WeakMap<DateTime, string>();

/**
 * `yyyy-mm-dd hh:mm`, the format of tracking `deliveredDate` (developers.vtex.com/docs/api-reference/orders-api#put-/api/oms/pvt/orders/-orderId-/invoice/-invoiceNumber-/tracking).
 */
export function toVtexDeliveredDate(date: DateTime): string {
	return date.toFormat('yyyy-MM-dd HH:mm');
}

/** `yyyy-mm-dd`, as the same endpoint shows its events' dates. */
export function toVtexEventDate(date: DateTime): string {
	return date.toFormat('yyyy-MM-dd');
}

/**
 * A zod field for a date in any shape `readDate` reads, yielding a luxon DateTime. Empty gives
 * undefined (the operation decides the default); anything else that does not parse, or lies
 * outside the plausible range, is refused.
 */
export function dateSchema(zone: string) {
	return z.any().transform((value, ctx): DateTime | undefined => {
		if (isBlank(value)) return undefined;
		const result = readDate(value, zone);
		if (result.ok) return result.date;
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
		return z.NEVER;
	});
}

/** As `dateSchema`, but the date must be given. */
export function requiredDateSchema(zone: string) {
	return dateSchema(zone).transform((value, ctx): DateTime => {
		if (value === undefined) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is required (${DATE_EXAMPLE})` });
			return z.NEVER;
		}
		return value;
	});
}
