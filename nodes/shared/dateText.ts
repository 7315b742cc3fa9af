import { DateTime, FixedOffsetZone } from 'luxon';
import type { Zone } from 'luxon';

/**
 * The date texts a date field reads: a full calendar date (year, month and day), with or without
 * a time, in one of the forms below. Nothing is completed with a guess: a month alone, a week or
 * day-of-year date, a time without a date, a two-digit year, an offset no place on Earth has, or a
 * day the month does not have are refused, with the reason. (luxon's own ISO and SQL parsers
 * accept `2026-11` as the 1st of November, `2026-W48` as a Monday, `09:30` as today and `+25:00`
 * as an offset, so they are not used on user text.)
 *
 * - ISO 8601 / RFC 3339, and the SQL-like form with a space: `2024-01-31`,
 *   `2024-01-31T18:25`, `2024-01-31 18:25:43`, `2024-01-31T18:25:43.123-03:00`, with an optional
 *   offset `Z`, `±hh:mm`, `±hhmm` or `±hh` after a time (VTEX's invoicing guide writes `-0300`);
 * - `dd/mm/yyyy`, optionally followed by ` hh:mm` or ` hh:mm:ss` (day first, as in Brazil);
 * - RFC 2822 (e-mail and HTTP dates): `Wed, 31 Jan 2024 18:25:43 GMT` or `… -0300`.
 * Without an offset, the date is read in the workflow's time zone.
 */

export type DateTextResult = { ok: true; date: DateTime } | { ok: false; reason?: string };

/** UTC offsets in use run from -12:00 (Baker Island) to +14:00 (Line Islands). */
const OFFSET_MIN_MINUTES = -12 * 60;
const OFFSET_MAX_MINUTES = 14 * 60;

const TIME =
	'(?:[T ]([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(?:[.,](\\d{1,9}))?)?(?: ?(Z|[+-]\\d{2}(?::?\\d{2})?))?)?';
const ISO = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${TIME}$`, 'i');
const DAY_FIRST = /^(\d{2})\/(\d{2})\/(\d{4})(?: ([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?)?$/;
const RFC2822 =
	/^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(UT|GMT|Z|[ECMP][SD]T|[+-]\d{4})$/i;

/** Forms that are not a full date, each with what it lacks. */
const NOT_FULL: Array<[RegExp, string]> = [
	[/^\d{4}-?W\d{2}(?:-?\d)?$/i, 'a week date: give the calendar date, such as 2026-11-23'],
	[/^\d{4}-\d{3}$/, 'a day-of-year date: give the calendar date, such as 2026-11-28'],
	[
		/^\d{4}-\d{1,2}$|^\d{1,2}\/\d{4}$/,
		'a month without its day: give the day too, such as 2026-11-01',
	],
	[
		/^T?\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i,
		'a time without a date: give the date too, such as 2026-11-24 09:30',
	],
	[/^\d{1,2}\/\d{1,2}$/, 'a day and month without the year: give the year too, such as 24/11/2026'],
	[
		/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}(?:\s|$)/,
		'a two-digit year: write the year in full, such as 24/11/2026',
	],
];

/** An offset text (`Z`, `±hh`, `±hhmm`, `±hh:mm`) as a zone, or the reason it is impossible. */
function offsetZone(text: string): Zone | string {
	if (/^z$/i.test(text)) return FixedOffsetZone.utcInstance;
	const [, sign, hours, minutes = '00'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(text) ?? [];
	const total = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
	if (Number(minutes) > 59 || total < OFFSET_MIN_MINUTES || total > OFFSET_MAX_MINUTES) {
		return `the offset ${text} does not exist: offsets run from -12:00 to +14:00, with minutes 00 to 59`;
	}
	return FixedOffsetZone.instance(total);
}

function impossibleDay(year: string, month: string, day: string): string {
	return Number(month) < 1 || Number(month) > 12
		? `there is no month ${month}`
		: `${year}-${month} has no day ${day}`;
}

/** Reads one of the forms above; `zone` is the workflow's time zone, for a date without an offset. */
/** A date from the digits a form matched (time and fraction optional), or why that day does not exist. */
function fromParts(
	[year, month, day, hour, minute, second, fraction]: Array<string | undefined>,
	zone: string | Zone,
): DateTextResult {
	const date = DateTime.fromObject(
		{
			year: Number(year),
			month: Number(month),
			day: Number(day),
			hour: Number(hour ?? 0),
			minute: Number(minute ?? 0),
			second: Number(second ?? 0),
			millisecond: Number((fraction ?? '').padEnd(3, '0').slice(0, 3)),
		},
		{ zone },
	);
	return date.isValid
		? { ok: true, date }
		: { ok: false, reason: impossibleDay(year ?? '', month ?? '', day ?? '') };
}

export function parseDateText(text: string, zone: string): DateTextResult {
	const iso = ISO.exec(text);
	if (iso) {
		const [, year, month, day, hour, minute, second, fraction, offset] = iso;
		const offsetOrReason = offset ? offsetZone(offset) : zone;
		if (typeof offsetOrReason === 'string' && offset) return { ok: false, reason: offsetOrReason };
		return fromParts([year, month, day, hour, minute, second, fraction], offsetOrReason);
	}
	const dayFirst = DAY_FIRST.exec(text);
	if (dayFirst) {
		const [, day, month, year, hour, minute, second] = dayFirst;
		return fromParts([year, month, day, hour, minute, second, undefined], zone);
	}
	const rfc = RFC2822.exec(text);
	if (rfc) {
		const offset = /^[+-]/.test(rfc[1]) ? offsetZone(rfc[1]) : undefined;
		if (typeof offset === 'string') return { ok: false, reason: offset };
		const date = DateTime.fromRFC2822(text, { zone, setZone: true });
		return date.isValid
			? { ok: true, date }
			: { ok: false, reason: 'the weekday or the day does not match the calendar' };
	}
	const lacking = NOT_FULL.find(([form]) => form.test(text));
	return { ok: false, reason: lacking ? `${lacking[1]}` : undefined };
}
