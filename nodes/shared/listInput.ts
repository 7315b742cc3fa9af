import type { INode, INodeProperties } from 'n8n-workflow';

import { cutAtCharacter } from './characters';
import { LIMITS } from './limits';
import { invalidField, tooLong } from './validation';

/**
 * Inputs given either with fields in the node ("Define Below") or as JSON ("Using JSON"),
 * typically an ERP's line items mapped from the previous node. The same words everywhere; the
 * stored values stay as each operation first saved them (`list` for invoice items and tracking
 * events, `fields` for order change items), so saved workflows keep working.
 */

export const DEFINE_BELOW = 'Define Below';
export const USING_JSON = 'Using JSON';

/** The choice between fields and JSON. */
export function inputModeField(options: {
	name: string;
	displayName: string;
	fieldsValue: 'list' | 'fields';
	fieldsDescription: string;
	jsonDescription: string;
	description: string;
}): INodeProperties {
	const fieldsValue = options.fieldsValue;
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'options',
		default: fieldsValue,
		options: [
			{ name: DEFINE_BELOW, value: options.fieldsValue, description: options.fieldsDescription },
			{ name: USING_JSON, value: 'json', description: options.jsonDescription },
		],
		description: options.description,
	};
}

/** A JSON field: empty by default, its placeholder showing the shape expected. */
export function jsonField(options: {
	name: string;
	displayName: string;
	example: string;
	description: string;
	show: Record<string, string[]>;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'json',
		default: '',
		placeholder: options.example,
		displayOptions: { show: options.show },
		description: options.description,
	};
}

/**
 * A JSON field's value, parsed when it holds text (an expression may give the object itself).
 * Empty gives `empty`. Text that is too long or does not parse is refused, naming the field.
 */
export function parseJsonField(
	node: INode,
	raw: unknown,
	label: string,
	expected: { empty: unknown; example: string },
	itemIndex: number,
): unknown {
	if (typeof raw !== 'string') return raw ?? expected.empty;
	if (raw.trim() === '') return expected.empty;
	if (raw.length > LIMITS.jsonText)
		throw invalidField(node, label, tooLong(raw, LIMITS.jsonText), itemIndex);
	try {
		return JSON.parse(raw) as unknown;
	} catch (error) {
		throw invalidField(
			node,
			label,
			`is not valid JSON (${cutAtCharacter((error as Error).message, 200)}). Expected ${expected.example.replace(/\s+/g, ' ')}`,
			itemIndex,
		);
	}
}

/**
 * A list an operation sends (invoice items, tracking events) given as rows or as a JSON array.
 * Both arrive under the list's name and are validated by the same schema.
 */
export interface ListInput {
	/** Base parameter name: `{name}Input` is the choice, `{name}` the rows, `{name}Json` the JSON. */
	name: string;
	/** "Items": the rows' label; "Items (JSON)" labels the JSON field. */
	displayName: string;
	/** Name and label of one row. */
	entryName: string;
	entryDisplayName: string;
	/** The fields of one row; their names are the JSON keys too. */
	values: INodeProperties[];
	/** Shown as the JSON field's placeholder and in errors, so the expected shape is visible. */
	jsonExample: string;
}

/** The choice between rows and JSON, the rows, and the JSON field. */
export function listInputFields(list: ListInput): INodeProperties[] {
	const keys = list.values.map((value) => value.name).join(', ');
	return [
		inputModeField({
			name: `${list.name}Input`,
			displayName: `${list.displayName} Input`,
			fieldsValue: 'list',
			fieldsDescription: `Add each ${list.entryDisplayName.toLowerCase()} as a row in this node`,
			jsonDescription: 'A JSON array, typically an expression that reads it from the previous node',
			description: `How the ${list.displayName.toLowerCase()} are given`,
		}),
		{
			displayName: list.displayName,
			name: list.name,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: `Add ${list.entryDisplayName}`,
			default: {},
			displayOptions: { show: { [`${list.name}Input`]: ['list'] } },
			options: [{ name: list.entryName, displayName: list.entryDisplayName, values: list.values }],
		},
		jsonField({
			name: `${list.name}Json`,
			displayName: `${list.displayName} (JSON)`,
			example: list.jsonExample,
			show: { [`${list.name}Input`]: ['json'] },
			description: `A JSON array of objects with the keys ${keys}`,
		}),
	];
}

/**
 * Puts the list under its name in one item's field values (as `readFields` read them): the rows,
 * or the JSON parsed. `rename` labels the list "… (JSON)" in errors when it came as JSON.
 */
export function takeListInput(
	node: INode,
	values: Record<string, unknown>,
	list: ListInput,
	itemIndex: number,
): { values: Record<string, unknown>; rename: Record<string, string> } {
	const { [`${list.name}Input`]: mode, [`${list.name}Json`]: json, ...rest } = values;
	if (mode !== 'json') return { values: rest, rename: {} };
	const label = `${list.displayName} (JSON)`;
	const parsed = parseJsonField(
		node,
		json,
		label,
		{ empty: [], example: `an array such as ${list.jsonExample}` },
		itemIndex,
	);
	return { values: { ...rest, [list.name]: parsed }, rename: { [list.name]: label } };
}
