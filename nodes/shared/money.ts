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
	if (value === undefined || value === null || value === '') return { ok: false, message: 'is required' };
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
			message: `must be a whole number of cents (e.g. 2499 for 24.99), got "${text}". Pick Money Format "Decimal" to send amounts like 24.99`,
		};
	}
	const cents = Number(text.split('.')[0]);
	if (!Number.isSafeInteger(cents)) return { ok: false, message: 'is too large' };
	return { ok: true, cents };
}

function centsFromDecimalInput(value: number | string): MoneyResult {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { ok: false, message: 'must be a finite number' };
		// A JS number such as 0.30000000000000004 (0.1 + 0.2 upstream) is a float that means 0.30;
		// anything farther than a millionth of a cent from a whole cent has real sub-cent digits.
		const scaled = value * 100;
		const cents = Math.round(scaled);
		if (Math.abs(scaled - cents) > 1e-6) {
			return { ok: false, message: `has fractions of a cent (${value}); use at most 2 decimal places` };
		}
		return { ok: true, cents: cents === 0 ? 0 : cents };
	}
	const text = value.trim().replace(/\s/g, '');
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

/** Cents as a decimal string with two places (for outputs people read): 2499 -> "24.99". */
export function centsToDecimal(cents: number): number {
	return Number((cents / 100).toFixed(2));
}

/** A zod field that accepts money in the chosen format and yields integer cents. */
export function moneySchema(format: MoneyFormat, rule: 'positive' | 'nonNegative' = 'positive') {
	return z.any().transform((value, ctx) => {
		const result = toCents(value, format);
		if (!result.ok) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
			return z.NEVER;
		}
		if (rule === 'positive' && result.cents <= 0) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be greater than 0, got ${String(value)}` });
			return z.NEVER;
		}
		if (rule === 'nonNegative' && result.cents < 0) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must not be negative, got ${String(value)}` });
			return z.NEVER;
		}
		return result.cents;
	});
}

/** Sum of integer cents; the inputs are integers, so the result is exact. */
export function sumCents(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
