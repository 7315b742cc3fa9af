import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * ERPs send dates in every shape. This reads the common ones and gives back a DateTime;
 * a date without an offset is read in the workflow's time zone, as n8n users expect.
 */
export function parseDate(value: unknown, zone: string): DateTime | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (DateTime.isDateTime(value)) return value.isValid ? value : undefined;
	if (value instanceof Date) {
		const fromDate = DateTime.fromJSDate(value, { zone });
		return fromDate.isValid ? fromDate : undefined;
	}
	if (typeof value === 'number') {
		// Epoch seconds (10 digits) or milliseconds (13 digits).
		const millis = Math.abs(value) < 1e11 ? value * 1000 : value;
		const fromNumber = DateTime.fromMillis(millis, { zone });
		return fromNumber.isValid ? fromNumber : undefined;
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d{10}$|^\d{13}$/.test(text)) return parseDate(Number(text), zone);

	const candidates: Array<() => DateTime> = [
		() => DateTime.fromISO(text, { zone, setZone: true }),
		() => DateTime.fromSQL(text, { zone, setZone: true }),
		() => DateTime.fromRFC2822(text, { zone, setZone: true }),
		() => DateTime.fromHTTP(text, { zone, setZone: true }),
		// The offset without a colon that VTEX's invoicing-time guide shows: 2017-10-05T11:32:11-0300
		() => DateTime.fromFormat(text, "yyyy-MM-dd'T'HH:mm:ssZZZ", { zone, setZone: true }),
		() => DateTime.fromFormat(text, 'dd/MM/yyyy HH:mm:ss', { zone }),
		() => DateTime.fromFormat(text, 'dd/MM/yyyy HH:mm', { zone }),
		() => DateTime.fromFormat(text, 'dd/MM/yyyy', { zone }),
	];
	for (const candidate of candidates) {
		const parsed = candidate();
		if (parsed.isValid) return parsed;
	}
	return undefined;
}

/** ISO 8601 with its offset, as VTEX's invoice `issuanceDate` wants (formatting-order-invoicing-time guide). */
export function toIsoWithOffset(date: DateTime): string {
	return date.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? '';
}

/** `yyyy-mm-dd hh:mm`, the format of tracking `deliveredDate` (VTEX_API_REFERENCE.md section 4.7). */
export function toVtexDeliveredDate(date: DateTime): string {
	return date.toFormat('yyyy-MM-dd HH:mm');
}

/** `yyyy-mm-dd`, as tracking events show their date (section 4.7). */
export function toVtexEventDate(date: DateTime): string {
	return date.toFormat('yyyy-MM-dd');
}

const DATE_EXAMPLE = 'a date such as 2024-01-31T18:25:43-03:00, 2024-01-31 18:25 or 31/01/2024';

/**
 * A zod field for a date in any shape `parseDate` reads, yielding a luxon DateTime. Empty gives
 * undefined (the operation decides the default); anything else that does not parse is refused.
 */
export function dateSchema(zone: string) {
	return z.any().transform((value, ctx): DateTime | undefined => {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			return undefined;
		}
		const parsed = parseDate(value, zone);
		if (!parsed) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be ${DATE_EXAMPLE}, got "${String(value)}"` });
			return z.NEVER;
		}
		return parsed;
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
