import type { IDataObject } from 'n8n-workflow';

import { cutAtCharacter } from './characters';

/** Small rules about input values that every operation shares. */

/** Empty for every field: undefined, null, or text of spaces only. */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** The entries whose value is not undefined: optional fields are left out of a request body. */
export function definedOnly<T extends object>(values: T): IDataObject {
	return Object.fromEntries(
		Object.entries(values).filter(([, value]) => value !== undefined),
	) as IDataObject;
}

/** The longest input value an error message repeats; longer ones are cut, saying their length. */
export const SHOWN_VALUE_MAX = 60;

/**
 * An input value as an error message shows it: text in quotes, anything else as JSON, cut to
 * SHOWN_VALUE_MAX characters so a 10 MB field does not become a 10 MB error. The cut falls between
 * two characters, never inside an emoji.
 */
export function shown(value: unknown, options: { bare?: boolean } = {}): string {
	let text: string;
	if (typeof value === 'string') text = options.bare ? value : JSON.stringify(value);
	else if (typeof value === 'number' || typeof value === 'boolean' || value === null)
		text = String(value);
	else if (value === undefined) text = 'nothing';
	else {
		try {
			text = JSON.stringify(value) ?? typeof value;
		} catch {
			text = typeof value;
		}
	}
	if (text.length <= SHOWN_VALUE_MAX) return text;
	const length = typeof value === 'string' ? value.length : text.length;
	return `${cutAtCharacter(text, SHOWN_VALUE_MAX)}… (${length.toLocaleString('en-US')} characters)`;
}

/** The objects of a list VTEX sent, or none when the field is missing or not a list. */
export function objectsIn(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}
