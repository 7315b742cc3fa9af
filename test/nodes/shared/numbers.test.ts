import { notationProblem, readNumber } from '../../../nodes/shared/numbers';
import { toCents } from '../../../nodes/shared/money';

describe('numbers: one reader, no notation but decimal digits', () => {
	it.each([
		[12, 12],
		['12', 12],
		[' 12 ', 12],
		['-3', -3],
		['0.5', 0.5],
		['007', 7],
	])('reads %p as %p', (input, number) => {
		expect(readNumber(input)).toEqual({ ok: true, number });
	});

	it.each([
		['0x10', /hexadecimal/],
		['0b11', /binary/],
		['0o7', /octal/],
		['1e3', /exponent/],
		['1.5e-3', /exponent/],
		['+5', /leading "\+"/],
		['1_000', /"_"/],
		['Infinity', /finite/],
		['   ', /only spaces/],
		['\t', /only spaces/],
	])('refuses %p, saying why', (input, reason) => {
		const read = readNumber(input);
		expect(read.ok).toBe(false);
		expect((read as { reason?: string }).reason).toMatch(reason);
	});

	it.each(['1,000', '0,5', '.5', '5.', '1 000', 'two', '١٢', '１２'])('refuses %p', (input) => {
		expect(readNumber(input).ok).toBe(false);
	});

	it.each([Infinity, -Infinity, NaN])('refuses the number %p', (input) => {
		expect(readNumber(input).ok).toBe(false);
	});

	it('gives money the same refusals, in both formats', () => {
		for (const format of ['cents', 'decimal'] as const) {
			for (const text of ['0x10', '1e3', '+5', '1_000', '   ']) {
				const result = toCents(text, format);
				expect(result).toEqual({
					ok: false,
					message: `${JSON.stringify(text)} ${notationProblem(text.trim())}`,
				});
			}
		}
	});
});
