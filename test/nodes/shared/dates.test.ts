import {
	dateSchema,
	parseDate,
	readDate,
	requiredDateSchema,
	toIsoWithOffset,
	toVtexDeliveredDate,
	toVtexEventDate,
} from '../../../nodes/shared/dates';

const ZONE = 'America/Sao_Paulo';
const iso = (value: unknown) => {
	const date = parseDate(value, ZONE);
	return date ? toIsoWithOffset(date) : undefined;
};

describe('dates: any ERP format in, VTEX formats out', () => {
	it.each([
		['2024-01-31T18:25:43-05:00', '2024-01-31T18:25:43-05:00'],
		['2017-10-05T11:32:11-0300', '2017-10-05T11:32:11-03:00'],
		['2024-01-31T18:25:43Z', '2024-01-31T18:25:43Z'],
		['2024-01-31T18:25:43', '2024-01-31T18:25:43-03:00'],
		['2024-01-31 18:25', '2024-01-31T18:25:00-03:00'],
		['2024-01-31', '2024-01-31T00:00:00-03:00'],
		['31/01/2024 18:25', '2024-01-31T18:25:00-03:00'],
		['31/01/2024', '2024-01-31T00:00:00-03:00'],
		['Wed, 31 Jan 2024 18:25:43 GMT', '2024-01-31T18:25:43Z'],
		['1706725543', '2024-01-31T15:25:43-03:00'],
		[1706725543000, '2024-01-31T15:25:43-03:00'],
		[1706725543, '2024-01-31T15:25:43-03:00'],
		['20240131', '2024-01-31T00:00:00-03:00'],
		[20240131, '2024-01-31T00:00:00-03:00'],
		[new Date('2024-01-31T18:25:43Z'), '2024-01-31T15:25:43-03:00'],
		['2024-01-31T18:25:43.123Z', '2024-01-31T18:25:43.123Z'],
		['2024-01-31t18:25:43z', '2024-01-31T18:25:43Z'],
		['2024-01-31T18:25:43+05:45', '2024-01-31T18:25:43+05:45'],
		['2024-01-31T18:25-03', '2024-01-31T18:25:00-03:00'],
		['2024-01-31T18:25:43+14:00', '2024-01-31T18:25:43+14:00'],
		['2024-01-31T18:25:43-12:00', '2024-01-31T18:25:43-12:00'],
		['2024-01-31 18:25:43 -03:00', '2024-01-31T18:25:43-03:00'],
		['31/01/2024 18:25:43', '2024-01-31T18:25:43-03:00'],
		['Wed, 31 Jan 2024 18:25:43 -0300', '2024-01-31T18:25:43-03:00'],
		['2024-02-29', '2024-02-29T00:00:00-03:00'],
	])('reads %p as %p (a date without an offset in the workflow zone)', (input, expected) => {
		expect(iso(input)).toBe(expected);
	});

	it.each([
		'2024-02-30',
		'2024-13-01',
		'31/02/2024',
		'yesterday',
		'now',
		'',
		null,
		undefined,
		{},
		true,
		20240230,
		'2024',
		2024,
		1.7e9 + 0.5,
	])('refuses %p', (input) => {
		expect(parseDate(input, ZONE)).toBeUndefined();
	});

	it.each([
		[0, /got the number 0|got 0: digits are read/],
		[-1, /got the number -1/],
		[
			12345,
			/got 12345: digits are read as Unix time when there are 10 \(seconds\) or 13 \(milliseconds\), as yyyymmdd when there are 8/,
		],
		['12345', /got "12345": digits are read/],
		[123456789, /got 123456789: digits are read/],
		['0000-01-01', /reads as .*, before 2000: not a date VTEX has orders for\. Got "0000-01-01"/],
		['1999-12-31T23:59:59Z', /before 2000/],
		['0946684799', /before 2000/],
		['2099-01-01', /more than 5 years ahead/],
		[4102444800000, /more than 5 years ahead/],
	])('refuses %p with a message that says why', (input, message) => {
		const result = readDate(input, ZONE);
		expect(result.ok).toBe(false);
		expect((result as { message: string }).message).toMatch(message);
	});

	it.each([
		['2026-11', /a month without its day/],
		['2026-1', /a month without its day/],
		['11/2026', /a month without its day/],
		['2026-W48', /a week date/],
		['2026-W48-1', /a week date/],
		['2026W481', /a week date/],
		['2026-332', /a day-of-year date/],
		['09:30', /a time without a date/],
		['T09:30', /a time without a date/],
		['09:30:15.5Z', /a time without a date/],
		['24/11', /without the year/],
		['24/11/26', /a two-digit year/],
		['2026-11-22T10:00:00+25:00', /the offset \+25:00 does not exist/],
		['2026-11-22T10:00:00+99:00', /the offset \+99:00 does not exist/],
		['2026-11-22T10:00:00+05:60', /the offset \+05:60 does not exist/],
		['2026-11-22T10:00:00-12:30', /the offset -12:30 does not exist/],
		['2026-11-22T10:00:00+1430', /the offset \+1430 does not exist/],
		['Sun, 22 Nov 2026 10:00:00 +2500', /the offset \+2500 does not exist/],
		['Mon, 22 Nov 2026 10:00:00 GMT', /the weekday or the day does not match/],
		['2026-02-30', /2026-02 has no day 30/],
		['2026-02-29T10:00', /2026-02 has no day 29/],
		['30/02/2026', /2026-02 has no day 30/],
		['2026-13-01', /there is no month 13/],
		['2026-11-22T24:00', /must be a full date/],
		['2026-11-22T10:60', /must be a full date/],
		['2026-11-22Z', /must be a full date/],
		['Sunday, 22-Nov-26 10:00:00 GMT', /must be a full date/],
	])('refuses %p, a date that would be completed with a guess, saying why', (input, reason) => {
		const result = readDate(input, ZONE);
		expect(result.ok).toBe(false);
		const { message } = result as { message: string };
		expect(message).toMatch(reason);
		expect(message).toContain(JSON.stringify(input));
	});

	it('never writes a local-mean-time offset: every accepted date is after 2000', () => {
		const date = parseDate('2000-01-01', ZONE)!;
		expect(toIsoWithOffset(date)).toBe('2000-01-01T00:00:00-02:00');
	});

	it("writes VTEX's tracking formats", () => {
		const date = parseDate('2022-10-01T21:15:59-03:00', ZONE)!;
		expect(toVtexDeliveredDate(date)).toBe('2022-10-01 21:15');
		expect(toVtexEventDate(date)).toBe('2022-10-01');
	});

	it('gives zod fields that name the problem', () => {
		expect(dateSchema(ZONE).parse('')).toBeUndefined();
		const bad = dateSchema(ZONE).safeParse('2024-02-30');
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toMatch(
			/^must be a full date such as .*, got "2024-02-30": 2024-02 has no day 30$/,
		);
		expect(
			dateSchema(ZONE).safeParse('x'.repeat(100_000)).error?.issues[0].message.length,
		).toBeLessThan(250);
		const missing = requiredDateSchema(ZONE).safeParse(undefined);
		expect(missing.error?.issues[0].message).toMatch(/^is required/);
	});
});
