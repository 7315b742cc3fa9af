import {
	listSchema,
	requiredTextSchema,
	textSchema,
	urlSchema,
	wholeNumberSchema,
} from '../../../nodes/shared/validation';
import { z } from '../../../nodes/shared/zod';

const messageOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
	result.error?.issues[0].message;

describe('shared validation schemas', () => {
	it('reads whole numbers from numbers and digits, and refuses the rest (the one quantity rule)', () => {
		expect(wholeNumberSchema(1).parse(3)).toBe(3);
		expect(wholeNumberSchema(1).parse(' 3 ')).toBe(3);
		expect(messageOf(wholeNumberSchema(1).safeParse(0))).toBe(
			'must be a whole number of at least 1, got 0',
		);
		expect(messageOf(wholeNumberSchema(1).safeParse('1.5'))).toBe(
			'must be a whole number of at least 1, got "1.5"',
		);
		expect(messageOf(wholeNumberSchema(1).safeParse('2.0'))).toBe(
			'must be a whole number of at least 1, got "2.0"',
		);
		expect(messageOf(wholeNumberSchema(0, 30).safeParse(31))).toBe(
			'must be a whole number from 0 to 30, got 31',
		);
		expect(messageOf(wholeNumberSchema(1).safeParse(''))).toBe('is required');
		expect(
			messageOf(wholeNumberSchema(1).safeParse(`${'9'.repeat(100_000)}`))?.length,
		).toBeLessThan(150);
	});

	it('trims text, takes numbers as text, and applies length limits', () => {
		expect(textSchema({ max: 5 }).parse('  a  ')).toBe('a');
		expect(textSchema({ max: 5 }).parse('')).toBeUndefined();
		expect(requiredTextSchema({ max: 5 }).parse(101)).toBe('101');
		expect(messageOf(requiredTextSchema({ max: 5, example: 'such as 101' }).safeParse(' '))).toBe(
			'is required (such as 101)',
		);
		expect(messageOf(textSchema({ max: 3 }).safeParse('abcd'))).toBe(
			'is 4 characters long; at most 3 are accepted',
		);
		expect(messageOf(textSchema({ max: 3, byVtex: true }).safeParse('abcd'))).toBe(
			'is 4 characters long; VTEX accepts at most 3',
		);
		expect(messageOf(textSchema({ max: 5 }).safeParse({}))).toBe('must be text, got object');
	});

	it('accepts only http(s) addresses within the limit', () => {
		expect(urlSchema(100).parse('https://x.example/a')).toBe('https://x.example/a');
		expect(urlSchema(100).parse('')).toBeUndefined();
		expect(urlSchema(100).safeParse('ftp://x').success).toBe(false);
		expect(messageOf(urlSchema(20).safeParse(`https://x.example/${'a'.repeat(20)}`))).toMatch(
			/at most 20 are accepted/,
		);
	});

	it("checks a list's length before its entries", () => {
		let checked = 0;
		const entry = z.any().transform((value) => {
			checked++;
			return value as unknown;
		});
		const list = listSchema(entry, { max: 3, min: 1, noun: 'item', example: '[1]' });
		expect(messageOf(list.safeParse(new Array(100_000).fill(1)))).toBe(
			'holds 100,000 items; at most 3 are accepted',
		);
		expect(checked).toBe(0);
		expect(messageOf(list.safeParse([]))).toBe('must hold at least one item');
		expect(messageOf(list.safeParse('x'))).toBe('must be a list of items such as [1]');
		expect(list.parse([1, 2])).toEqual([1, 2]);
	});
});
