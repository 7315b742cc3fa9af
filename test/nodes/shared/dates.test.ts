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
		expect(bad.error?.issues[0].message).toMatch(/^must be a date such as .*, got "2024-02-30"$/);
		expect(
			dateSchema(ZONE).safeParse('x'.repeat(100_000)).error?.issues[0].message.length,
		).toBeLessThan(250);
		const missing = requiredDateSchema(ZONE).safeParse(undefined);
		expect(missing.error?.issues[0].message).toMatch(/^is required/);
	});
});
