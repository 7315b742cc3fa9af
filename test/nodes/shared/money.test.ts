import {
	centsToDecimal,
	checkMoney,
	lineTotalCents,
	moneySchema,
	optionalMoneySchema,
	toCents,
} from '../../../nodes/shared/money';

describe('money: everything in integer cents', () => {
	it.each([
		[2499, 2499],
		['2499', 2499],
		[' 2499 ', 2499],
		['2499.00', 2499],
		['2499,0', 2499],
		[0, 0],
		['-150', -150],
	])('reads cents %p as %p', (input, cents) => {
		expect(toCents(input, 'cents')).toEqual({ ok: true, cents });
	});

	it.each([
		'24.99',
		24.99,
		'1e3',
		'abc',
		'2 499',
		'1.000',
		'1,000',
		'2499.000',
		1e21,
		Number.NaN,
		Number.POSITIVE_INFINITY,
	])('refuses %p as cents', (input) => {
		expect(toCents(input, 'cents').ok).toBe(false);
	});

	it.each([
		['24.99', 2499],
		['24,99', 2499],
		['24.9', 2490],
		['24', 2400],
		['0.01', 1],
		['0,5', 50],
		['1000.5', 100050],
		['12.34', 1234],
		['1.234,56', 123456],
		['1,234.56', 123456],
		['1,000,000', 100000000],
		['1.000.000,00', 100000000],
		['1,000.5', 100050],
		['-1.234,56', -123456],
		['-3.5', -350],
		[24.99, 2499],
		[0.29, 29],
		[1.15, 115],
		[1234567.89, 123456789],
	])('reads the decimal amount %p as %p cents', (input, cents) => {
		expect(toCents(input, 'decimal')).toEqual({ ok: true, cents });
	});

	it('has no floating-point error: 0.1 + 0.2 is 30 cents, 19.99 * 3 is 5997, 4.35 is 435', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(toCents(0.1 + 0.2, 'decimal')).toEqual({ ok: true, cents: 30 });
		expect(toCents(19.99 * 3, 'decimal')).toEqual({ ok: true, cents: 5997 });
		expect(toCents('19.99', 'decimal')).toEqual({ ok: true, cents: 1999 });
		// 4.35 * 100 is 434.99999999999994: truncating would lose a cent.
		expect(4.35 * 100).not.toBe(435);
		expect(toCents(4.35, 'decimal')).toEqual({ ok: true, cents: 435 });
		expect(toCents(9.95 * 3, 'decimal')).toEqual({ ok: true, cents: 2985 });
		expect(toCents(1.1 * 1.1, 'decimal')).toEqual({ ok: true, cents: 121 });
		expect(toCents((0.1 + 0.2) * 15, 'decimal')).toEqual({ ok: true, cents: 450 });
	});

	it.each([
		'24.999',
		24.999,
		1.234,
		0.001,
		1e-7,
		'1.005',
		'abc',
		'24.',
		'1.5,00',
		'1,2,3',
		'1.234.5',
		'1,000.000',
		'01,234.56',
		'1 000',
		'+5',
		'',
		'   ',
		null,
		undefined,
		true,
		{},
	])('refuses %p as a decimal amount', (input) => {
		expect(toCents(input, 'decimal').ok).toBe(false);
	});

	it.each([
		['1,000', '1000', '1'],
		['2,500', '2500', '2.5'],
		['1.000', '1000', '1'],
		['24.990', '24990', '24.99'],
		['-12.345', '12345', '12.345'],
	])(
		'refuses the ambiguous amount %p, naming both readings and how to write it',
		(input, thousands, decimal) => {
			const result = toCents(input, 'decimal');
			expect(result.ok).toBe(false);
			const { message } = result as { message: string };
			expect(message).toContain(`"${input}" is ambiguous: ${thousands} if`);
			expect(message).toContain(`${decimal} if`);
			expect(message).toMatch(
				/Write it with two decimals: .*\.00 .*Money Format "Cents \(VTEX Native\)"/,
			);
		},
	);

	it('cuts a long input in its error message', () => {
		const result = toCents(`1${'0'.repeat(100_000)}.5x`, 'decimal') as { message: string };
		expect(result.message.length).toBeLessThan(200);
		expect(result.message).toContain('(100,004 characters)');
	});

	it('refuses amounts beyond exact integers instead of rounding them', () => {
		expect(toCents(1e20, 'decimal')).toEqual({ ok: false, message: 'is too large' });
		expect(toCents(1e21, 'decimal')).toEqual({ ok: false, message: 'is too large' });
		expect(toCents(1e21, 'cents')).toEqual({ ok: false, message: 'is too large' });
		expect(toCents(Number.MAX_SAFE_INTEGER + 2, 'cents')).toEqual({
			ok: false,
			message: 'is too large',
		});
		expect(toCents('99999999999999999999', 'decimal')).toEqual({
			ok: false,
			message: 'is too large',
		});
		expect(toCents('99999999999999999999', 'cents')).toEqual({
			ok: false,
			message: 'is too large',
		});
	});

	it('applies the positive and non-negative rules', () => {
		expect(checkMoney('0', 'cents', 'positive')).toEqual({
			ok: false,
			message: 'must be greater than 0, got 0',
		});
		expect(checkMoney('0', 'cents', 'nonNegative')).toEqual({ ok: true, cents: 0 });
		expect(checkMoney('-1', 'cents', 'nonNegative')).toEqual({
			ok: false,
			message: 'must not be negative, got -1',
		});
	});

	it('gives zod fields: required, and optional where empty means "compute it"', () => {
		expect(moneySchema('decimal').parse('19.99')).toBe(1999);
		expect(moneySchema('cents').safeParse('').success).toBe(false);
		expect(optionalMoneySchema('cents').parse('')).toBeUndefined();
		expect(optionalMoneySchema('cents').parse(undefined)).toBeUndefined();
		expect(optionalMoneySchema('cents').safeParse('-1').success).toBe(false);
	});

	it('multiplies and converts without losing cents', () => {
		expect(lineTotalCents(1999, 3)).toBe(5997);
		expect(lineTotalCents(Number.MAX_SAFE_INTEGER, 2)).toBeUndefined();
		expect(centsToDecimal(5997)).toBe(59.97);
		expect(centsToDecimal(30)).toBe(0.3);
	});
});
