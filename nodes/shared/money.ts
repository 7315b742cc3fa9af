import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { invalidField } from './validation';
import { isEmptyNumber, notationProblem } from './numbers';
import { shown } from './values';
import { z } from './zod';

/**
 * VTEX's OMS counts money in integer cents: `invoiceValue` and item `price` on the invoice
 * (developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice),
 * change and seller amounts alike. Users may give cents, or decimal amounts such as 24.99; either
 * way the package sends integer cents, read from the digits as text: no floating-point
 * arithmetic converts money, and an amount whose meaning is ambiguous is refused, never guessed.
 */
export type MoneyFormat = 'cents' | 'decimal';

export const MONEY_FORMATS: readonly MoneyFormat[] = ['cents', 'decimal'];

export type MoneyResult = { ok: true; cents: number } | { ok: false; message: string };

const fail = (message: string): MoneyResult => ({ ok: false, message });

const TOO_LARGE = fail('is too large');

/** How to write an amount, named in every refusal of a decimal amount. */
const DECIMAL_FORMS = '1000, 1000.00, 1000,00, 1.000,00 or 1,000.00';

export function toCents(value: unknown, format: MoneyFormat): MoneyResult {
	if (isEmptyNumber(value)) return fail('is required');
	// The notations no numeric field reads (hex, exponent, "+", "_", spaces only…), in one place.
	const notation = typeof value === 'string' ? notationProblem(value.trim()) : undefined;
	if (notation) return fail(`${shown(value)} ${notation}`);
	if (typeof value === 'boolean' || (typeof value !== 'number' && typeof value !== 'string')) {
		return fail(`must be a number, got ${typeof value}`);
	}
	if (typeof value === 'number' && !Number.isFinite(value)) return fail('must be a finite number');
	if (format === 'cents')
		return typeof value === 'number' ? centsFromCentsNumber(value) : centsFromCentsText(value);
	return typeof value === 'number' ? centsFromDecimalNumber(value) : centsFromDecimalText(value);
}

const CENTS_ADVICE = 'Pick Money Format "Decimal Amount" to send amounts like 24.99';

function centsFromCentsNumber(value: number): MoneyResult {
	if (!Number.isInteger(value)) {
		return fail(
			`must be a whole number of cents (e.g. 2499 for 24.99), got ${shown(value)}. ${CENTS_ADVICE}`,
		);
	}
	return Number.isSafeInteger(value) ? { ok: true, cents: value } : TOO_LARGE;
}

/**
 * Cents as text: digits, or digits with ".0"/".00" (an ERP's "2499.00"). "1.000" is refused: it
 * may be 1000 cents with a thousands separator, or 1 cent.
 */
function centsFromCentsText(value: string): MoneyResult {
	const text = value.trim();
	const match = /^(-?\d+)(?:([.,])(0+))?$/.exec(text);
	if (match && match[3] !== undefined && match[3].length === 3) {
		return fail(
			`${shown(text)} is ambiguous: it may be ${match[1]}000 cents with "${match[2]}" separating thousands, or ${match[1]} cent${match[1] === '1' ? '' : 's'}. Write whole cents without separators, such as ${match[1]}000`,
		);
	}
	if (!match || (match[3] !== undefined && match[3].length > 2)) {
		return fail(
			`must be a whole number of cents (e.g. 2499 for 24.99), got ${shown(text)}. ${CENTS_ADVICE}`,
		);
	}
	const cents = Number(match[1]);
	return Number.isSafeInteger(cents) ? { ok: true, cents: cents === 0 ? 0 : cents } : TOO_LARGE;
}

/**
 * A JS number from an expression. A double holds 15 significant digits exactly, so rounding to
 * 15 drops only float noise: 0.1 + 0.2 (0.30000000000000004) reads 0.3 and 19.99 * 3
 * (59.97000000000001) reads 59.97, while 24.999 keeps its third decimal and is refused. The
 * digits are then read as text; the "." of a number is always its decimal point.
 */
function centsFromDecimalNumber(value: number): MoneyResult {
	// Beyond 13 integer digits, 15 significant digits no longer reach the cents.
	if (Math.abs(value) >= 1e13) return TOO_LARGE;
	const text = String(Number(value.toPrecision(15)));
	if (/e/i.test(text)) return fractionsOfCent(value);
	const [whole, fraction = ''] = text.replace('-', '').split('.');
	if (fraction.length > 2) return fractionsOfCent(value);
	return centsOf(value < 0, whole, fraction);
}

function fractionsOfCent(value: unknown): MoneyResult {
	return fail(`has fractions of a cent (${shown(value)}); use at most 2 decimal places`);
}

const GROUPED = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;

/**
 * A decimal amount as text. Read exactly when its meaning is certain:
 * - digits only: `1000`;
 * - one separator, "." or ",", followed by 1 or 2 digits: the decimal point (`24.99`, `0,5`, `1000.5`);
 * - thousands grouped by one separator, with or without decimals after the other one:
 *   `1.234,56`, `1,234.56`, `1,000,000`, `1.000.000,00`.
 * One separator followed by exactly 3 digits (`1,000`, `2.500`, `24.990`) is refused as
 * ambiguous: it is a thousands separator in one convention and a decimal point in the other.
 */
function centsFromDecimalText(value: string): MoneyResult {
	const text = value.trim();
	const negative = text.startsWith('-');
	const body = negative ? text.slice(1) : text;
	if (/\s/.test(body))
		return fail(`must be written without spaces, such as ${DECIMAL_FORMS}; got ${shown(text)}`);
	if (/^\d+$/.test(body)) return centsOf(negative, body, '');

	const separators = body.replace(/[^.,]/g, '');
	if (separators.length === 1) {
		const match = /^(\d*)[.,](\d+)$/.exec(body);
		if (!match) return notAnAmount(text);
		const [, whole, fraction] = match;
		if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole))
			return ambiguous(text, whole, fraction, separators);
		if (fraction.length > 2) return fractionsOfCent(text);
		return centsOf(negative, whole || '0', fraction);
	}

	// Several separators: all the same one groups thousands; two kinds make the last the decimal point.
	const point = separators[separators.length - 1];
	if (separators[0] === point) {
		return GROUPED.test(body)
			? centsOf(negative, body.replace(/[.,]/g, ''), '')
			: notAnAmount(text);
	}
	const pointAt = body.lastIndexOf(point);
	const grouped = body.slice(0, pointAt);
	const fraction = body.slice(pointAt + 1);
	if (grouped.includes(point) || !GROUPED.test(grouped) || !/^\d+$/.test(fraction))
		return notAnAmount(text);
	if (fraction.length > 2) return fractionsOfCent(text);
	return centsOf(negative, grouped.replace(/[.,]/g, ''), fraction);
}

function ambiguous(text: string, whole: string, fraction: string, separator: string): MoneyResult {
	const thousands = `${whole}${fraction}`;
	const [pointWhole, pointFraction = ''] = [whole, fraction.replace(/0+$/, '')];
	const asDecimal = `${pointWhole}.${pointFraction.padEnd(2, '0')}`;
	return fail(
		`${shown(text)} is ambiguous: ${thousands} if "${separator}" separates thousands, ${pointFraction ? `${pointWhole}.${pointFraction}` : pointWhole} if "${separator}" is the decimal point. Write it with two decimals: ${thousands}.00 (or ${whole}.${fraction},00 or ${whole},${fraction}.00) for ${thousands}, ${asDecimal} for ${pointFraction ? `${pointWhole}.${pointFraction}` : pointWhole}; or pick Money Format "Cents (VTEX Native)"`,
	);
}

function notAnAmount(text: string): MoneyResult {
	return fail(
		`must be a decimal amount such as 24.99, 24,99, 1.234,56 or 1,234.56; got ${shown(text)}`,
	);
}

/** Integer cents from the digits of the whole part and of the (at most 2-digit) fraction. */
function centsOf(negative: boolean, whole: string, fraction: string): MoneyResult {
	const digits = `${whole}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
	if (digits.length > 16) return TOO_LARGE;
	const cents = Number(digits);
	if (!Number.isSafeInteger(cents)) return TOO_LARGE;
	return { ok: true, cents: negative && cents !== 0 ? -cents : cents };
}

/** Cents as a decimal amount (for outputs people read): 2499 -> 24.99. */
export function centsToDecimal(cents: number): number {
	return Number((cents / 100).toFixed(2));
}

/** Money as both units in an output: VTEX's cents and the decimal amount people read. */
export function money(cents: unknown): IDataObject {
	const value = typeof cents === 'number' ? cents : Number(cents ?? 0);
	return { cents: value, decimal: centsToDecimal(value) };
}

export type MoneyRule = 'positive' | 'nonNegative';

/** Integer cents from money in the chosen format, with the rule applied, or a message saying why not. */
export function checkMoney(value: unknown, format: MoneyFormat, rule: MoneyRule): MoneyResult {
	const result = toCents(value, format);
	if (!result.ok) return result;
	if (rule === 'positive' && result.cents <= 0) {
		return fail(`must be greater than 0, got ${shown(value, { bare: true })}`);
	}
	if (rule === 'nonNegative' && result.cents < 0) {
		return fail(`must not be negative, got ${shown(value, { bare: true })}`);
	}
	return result;
}

function centsOrIssue(
	value: unknown,
	format: MoneyFormat,
	rule: MoneyRule,
	ctx: z.RefinementCtx,
): number {
	const result = checkMoney(value, format, rule);
	if (result.ok) return result.cents;
	ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
	return z.NEVER;
}

/** A zod field that accepts money in the chosen format and yields integer cents. */
export function moneySchema(format: MoneyFormat, rule: MoneyRule = 'positive') {
	return z.any().transform((value, ctx) => centsOrIssue(value, format, rule, ctx));
}

/** As `moneySchema`, but empty gives undefined (the operation computes the amount, or leaves it out). */
export function optionalMoneySchema(format: MoneyFormat, rule: MoneyRule = 'positive') {
	return z
		.any()
		.transform((value, ctx) =>
			isEmptyNumber(value) ? undefined : centsOrIssue(value, format, rule, ctx),
		);
}

/** The Money Format field, the same in every operation with money. */
export const moneyFormatField: INodeProperties = {
	displayName: 'Money Format',
	name: 'moneyFormat',
	type: 'options',
	default: 'cents',
	options: [
		{
			name: 'Cents (VTEX Native)',
			value: 'cents',
			description: 'Whole numbers of cents: 2499 means 24.99',
		},
		{
			name: 'Decimal Amount',
			value: 'decimal',
			description:
				'Amounts with up to two decimals: 24.99, 24,99, 1.234,56 or 1,234.56. Sent to VTEX as cents.',
		},
	],
	description:
		'How the money fields of this operation are written. VTEX always receives integer cents.',
};

/** The item's Money Format, checked in this one place before its amounts are read. */
export function readMoneyFormat(node: INode, value: unknown, itemIndex: number): MoneyFormat {
	const format = value ?? 'cents';
	if (format === 'cents' || format === 'decimal') return format;
	throw invalidField(
		node,
		moneyFormatField.displayName,
		`must be "cents" or "decimal", got ${shown(format)}`,
		itemIndex,
	);
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
