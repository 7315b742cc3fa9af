import { z } from 'zod';

/**
 * VTEX's OMS counts money in integer cents (VTEX_API_REFERENCE.md section 1.4). Users may give
 * cents, or decimal amounts such as 24.99; either way the package sends integer cents, and all
 * arithmetic happens on integers so 0.1 + 0.2 and 19.99 * 3 come out exact.
 */
export type MoneyFormat = 'cents' | 'decimal';

export type MoneyResult = { ok: true; cents: number } | { ok: false; message: string };

const DECIMAL_TEXT = /^(-?)(\d+)(?:[.,](\d*))?$/;

export function toCents(value: unknown, format: MoneyFormat): MoneyResult {
	if (isBlank(value)) return { ok: false, message: 'is required' };
	if (typeof value === 'boolean' || (typeof value !== 'number' && typeof value !== 'string')) {
		return { ok: false, message: `must be a number, got ${typeof value}` };
	}
	if (format === 'cents') return centsFromCentsInput(value);
	return centsFromDecimalInput(value);
}

function centsFromCentsInput(value: number | string): MoneyResult {
	const text = String(value).trim();
	if (!/^-?\d+(\.0+)?$/.test(text)) {
		return {
			ok: false,
			message: `must be a whole number of cents (e.g. 2499 for 24.99), got "${text}". Pick Money Format "Decimal Amount" to send amounts like 24.99`,
		};
	}
	const cents = Number(text.split('.')[0]);
	if (!Number.isSafeInteger(cents)) return { ok: false, message: 'is too large' };
	return { ok: true, cents };
}

function centsFromDecimalInput(value: number | string): MoneyResult {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { ok: false, message: 'must be a finite number' };
		const digits = decimalDigitsOf(value);
		if (digits === 'tooSmall') {
			return { ok: false, message: `has fractions of a cent (${value}); use at most 2 decimal places` };
		}
		if (digits === 'tooLarge') return { ok: false, message: 'is too large' };
		text = digits;
	} else {
		text = value.trim().replace(/\s/g, '');
	}
	const match = DECIMAL_TEXT.exec(text);
	if (!match) {
		return { ok: false, message: `must be a decimal amount such as 24.99, got "${value}"` };
	}
	const [, sign, whole, fraction = ''] = match;
	if (fraction.replace(/0+$/, '').length > 2) {
		return { ok: false, message: `has fractions of a cent ("${value}"); use at most 2 decimal places` };
	}
	const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
	if (!Number.isSafeInteger(cents)) return { ok: false, message: 'is too large' };
	return { ok: true, cents: sign === '-' && cents !== 0 ? -cents : cents };
}

/**
 * The decimal digits a JS number stands for. A double holds 15 significant digits exactly, so
 * rounding to 15 drops only float noise: 0.1 + 0.2 (0.30000000000000004) reads "0.3" and
 * 19.99 * 3 (59.97000000000001) reads "59.97", while 24.999 keeps its third decimal and is
 * refused. The digits are then read as text, with no float arithmetic on money.
 */
function decimalDigitsOf(value: number): string | 'tooSmall' | 'tooLarge' {
	// Beyond 13 integer digits, 15 significant digits no longer reach the cents.
	if (Math.abs(value) >= 1e13) return 'tooLarge';
	const text = String(Number(value.toPrecision(15)));
	if (!/e/i.test(text)) return text;
	return Math.abs(value) < 1 ? 'tooSmall' : 'tooLarge';
}

/** Cents as a decimal amount (for outputs people read): 2499 -> 24.99. */
export function centsToDecimal(cents: number): number {
	return Number((cents / 100).toFixed(2));
}

export type MoneyRule = 'positive' | 'nonNegative';

/** Integer cents from money in the chosen format, with the rule applied, or a message saying why not. */
export function checkMoney(value: unknown, format: MoneyFormat, rule: MoneyRule): MoneyResult {
	const result = toCents(value, format);
	if (!result.ok) return result;
	if (rule === 'positive' && result.cents <= 0) {
		return { ok: false, message: `must be greater than 0, got ${String(value)}` };
	}
	if (rule === 'nonNegative' && result.cents < 0) {
		return { ok: false, message: `must not be negative, got ${String(value)}` };
	}
	return result;
}

function centsOrIssue(value: unknown, format: MoneyFormat, rule: MoneyRule, ctx: z.RefinementCtx): number {
	const result = checkMoney(value, format, rule);
	if (result.ok) return result.cents;
	ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
	return z.NEVER;
}

/** A zod field that accepts money in the chosen format and yields integer cents. */
export function moneySchema(format: MoneyFormat, rule: MoneyRule = 'positive') {
	return z.any().transform((value, ctx) => centsOrIssue(value, format, rule, ctx));
}

/** As `moneySchema`, but empty gives undefined (the operation computes the amount). */
export function optionalMoneySchema(format: MoneyFormat, rule: MoneyRule = 'positive') {
	return z.any().transform((value, ctx) => (isBlank(value) ? undefined : centsOrIssue(value, format, rule, ctx)));
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Unit price times quantity, in cents; undefined if the product is beyond exact integers. */
export function lineTotalCents(unitCents: number, quantity: number): number | undefined {
	const total = unitCents * quantity;
	return Number.isSafeInteger(total) ? total : undefined;
}

/** Sum of integer cents; the inputs are integers, so the result is exact. */
export function sumCents(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
