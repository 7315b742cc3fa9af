import { shown } from './values';
import { z } from './zod';

/**
 * The one reading of numbers from input, for every numeric field: quantities, indexes, counts,
 * seconds, a unit multiplier; money (money.ts) refuses the same notations before reading its own
 * formats. A number is a finite number from an expression, or text of decimal digits. JavaScript's
 * `Number()` would read `"0x10"` as 16, `"0b11"` as 3, `"0o7"` as 7, `"1e3"` as 1000, `"  "` as 0
 * and `"Infinity"` as infinite: each of those is refused here, never guessed.
 */

export type NumberRead = { ok: true; number: number } | { ok: false; reason?: string };

/** Text that is only spaces is refused, not read as empty: `Number("  ")` is 0. */
const ONLY_SPACES = 'is only spaces: give a number, or leave the field empty';

/** Empty for a numeric field: nothing, null or "". Text of spaces only is not empty but refused. */
export function isEmptyNumber(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/**
 * Why a text is written in a notation no numeric field reads, or undefined. The text is trimmed.
 * Said in words, so the user knows what to change.
 */
export function notationProblem(text: string): string | undefined {
	if (text.trim() === '') return ONLY_SPACES;
	const body = text.replace(/^-/, '');
	if (text.startsWith('+')) return 'has a leading "+": write the number without it';
	if (/^0x/i.test(body)) return 'is hexadecimal notation: write the number in decimal digits';
	if (/^0b/i.test(body)) return 'is binary notation: write the number in decimal digits';
	if (/^0o/i.test(body)) return 'is octal notation: write the number in decimal digits';
	if (/^(?:infinity|inf|nan)$/i.test(body)) return 'is not a finite number';
	if (body.includes('_')) return 'holds "_": write the digits without separators';
	if (/^[\d.,]*\d[.,]?e[+-]?\d+$/i.test(body))
		return 'is exponent notation: write every digit (1000, not 1e3)';
	return undefined;
}

/**
 * A plain number: a finite number, or text of decimal digits with an optional leading "-" and
 * an optional "." fraction (`12`, `-3`, `0.5`), spaces around it ignored. Anything else, a
 * decimal comma or thousands separators included, is refused: `1,000` is a thousand or one.
 */
export function readNumber(value: unknown): NumberRead {
	if (typeof value === 'number')
		return Number.isFinite(value)
			? { ok: true, number: value }
			: {
					ok: false,
					reason: 'is not a finite number',
				};
	if (typeof value !== 'string') return { ok: false };
	const text = value.trim();
	const notation = notationProblem(text);
	if (notation) return { ok: false, reason: notation };
	if (!/^-?\d+(?:\.\d+)?$/.test(text)) return { ok: false };
	const number = Number(text);
	return Number.isFinite(number) ? { ok: true, number } : { ok: false, reason: 'is too large' };
}

const issue = (ctx: z.RefinementCtx, message: string) => {
	ctx.addIssue({ code: z.ZodIssueCode.custom, message });
	return z.NEVER;
};

/** The refusal of a value that is no number: what was expected, what came, and why. */
function notANumber(expected: string, value: unknown, reason?: string): string {
	return reason
		? `must be ${expected}; ${shown(value)} ${reason}`
		: `must be ${expected}, got ${shown(value)}`;
}

/**
 * A required number, read by `readNumber`; pipe it into `z.number()` rules (`.int()`, `.min()`)
 * for fields whose bounds have their own wording.
 */
export const numberSchema = z.any().transform((value, ctx): number => {
	if (isEmptyNumber(value)) return issue(ctx, 'is required');
	const read = readNumber(value);
	return read.ok ? read.number : issue(ctx, notANumber('a number', value, read.reason));
});

/**
 * The one quantity rule: a whole number from `min` to `max`, given as a number or as digits
 * ("2" from a CSV column or an expression). 1.5, "2.0", -1, "0x10" and "two" are refused.
 */
export function wholeNumberSchema(min: number, max: number = Number.MAX_SAFE_INTEGER) {
	const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
	return z.any().transform((value, ctx): number => {
		if (isEmptyNumber(value)) return issue(ctx, 'is required');
		const read = readNumber(value);
		const whole = read.ok && (typeof value === 'number' || !String(value).includes('.'));
		if (!read.ok || !whole || !Number.isSafeInteger(read.number))
			return issue(
				ctx,
				notANumber(`a whole number ${range}`, value, read.ok ? undefined : read.reason),
			);
		if (read.number < min || read.number > max)
			return issue(ctx, notANumber(`a whole number ${range}`, value));
		return read.number === 0 ? 0 : read.number;
	});
}

/** An optional number greater than 0 (a unit multiplier); empty gives undefined. */
export function positiveNumberSchema() {
	return z.any().transform((value, ctx): number | undefined => {
		if (isEmptyNumber(value)) return undefined;
		const read = readNumber(value);
		if (!read.ok || read.number <= 0)
			return issue(
				ctx,
				notANumber('a number greater than 0', value, read.ok ? undefined : read.reason),
			);
		return read.number;
	});
}
