import { requiredTextSchema, textSchema, urlSchema, wholeNumberSchema } from '../../../nodes/shared/validation';

const messageOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues[0].message;

describe('shared validation schemas', () => {
	it('reads whole numbers from numbers and digits, and refuses the rest', () => {
		expect(wholeNumberSchema(1).parse(3)).toBe(3);
		expect(wholeNumberSchema(1).parse(' 3 ')).toBe(3);
		expect(messageOf(wholeNumberSchema(1).safeParse(0))).toBe('must be a whole number of at least 1, got 0');
		expect(messageOf(wholeNumberSchema(1).safeParse('1.5'))).toBe('must be a whole number of at least 1, got "1.5"');
		expect(messageOf(wholeNumberSchema(1).safeParse(''))).toBe('is required');
	});

	it('trims text, takes numbers as text, and applies length limits', () => {
		expect(textSchema().parse('  a  ')).toBe('a');
		expect(textSchema().parse('')).toBeUndefined();
		expect(requiredTextSchema().parse(101)).toBe('101');
		expect(messageOf(requiredTextSchema({ example: 'such as 101' }).safeParse(' '))).toBe('is required (such as 101)');
		expect(messageOf(textSchema({ maxLength: 3 }).safeParse('abcd'))).toBe('is 4 characters long; VTEX accepts at most 3');
		expect(messageOf(textSchema().safeParse({}))).toBe('must be text, got object');
	});

	it('accepts only http(s) addresses', () => {
		expect(urlSchema().parse('https://x.example/a')).toBe('https://x.example/a');
		expect(urlSchema().parse('')).toBeUndefined();
		expect(urlSchema().safeParse('ftp://x').success).toBe(false);
	});
});
