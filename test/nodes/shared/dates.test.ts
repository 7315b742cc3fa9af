import { dateSchema, parseDate, requiredDateSchema, toIsoWithOffset, toVtexDeliveredDate, toVtexEventDate } from '../../../nodes/shared/dates';

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
		[new Date('2024-01-31T18:25:43Z'), '2024-01-31T15:25:43-03:00'],
	])('reads %p as %p (a date without an offset in the workflow zone)', (input, expected) => {
		expect(iso(input)).toBe(expected);
	});

	it.each(['2024-02-30', '2024-13-01', '31/02/2024', 'yesterday', 'now', '', null, undefined, {}, true])('refuses %p', (input) => {
		expect(parseDate(input, ZONE)).toBeUndefined();
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
		const missing = requiredDateSchema(ZONE).safeParse(undefined);
		expect(missing.error?.issues[0].message).toMatch(/^is required/);
	});
});
