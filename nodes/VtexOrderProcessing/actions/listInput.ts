import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField } from '../../shared/validation';

/**
 * A list an operation sends (invoice items, tracking events) that the user gives either as rows
 * in the node's UI or as JSON from the previous node, e.g. an ERP's line items. Both arrive as
 * one array that the operation validates with the same schema.
 */
export interface ListInput {
	/** Base parameter name: `{name}Input` is the choice, `{name}` the UI list, `{name}Json` the JSON. */
	name: string;
	/** "Items": the UI list's label; "Items (JSON)" labels the JSON field. */
	displayName: string;
	/** Name and label of one row of the UI list. */
	entryName: string;
	entryDisplayName: string;
	/** The fields of one row; their names are the JSON keys too. */
	values: INodeProperties[];
	/** Shown as the JSON field's placeholder and in errors, so the expected shape is visible. */
	jsonExample: string;
}

/** The choice between a UI list and JSON, the list, and the JSON field. */
export function listInputFields(list: ListInput): INodeProperties[] {
	const keys = list.values.map((value) => value.name).join(', ');
	return [
		{
			displayName: `${list.displayName} Input`,
			name: `${list.name}Input`,
			type: 'options',
			default: 'list',
			options: [
				{
					name: 'Define Below',
					value: 'list',
					description: `Add each ${list.entryDisplayName.toLowerCase()} as a row in this node`,
				},
				{
					name: 'From JSON',
					value: 'json',
					description: 'A JSON array, typically an expression that reads it from the previous node',
				},
			],
			description: `How the ${list.displayName.toLowerCase()} are given`,
		},
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
		{
			displayName: `${list.displayName} (JSON)`,
			name: `${list.name}Json`,
			type: 'json',
			default: '[]',
			placeholder: list.jsonExample,
			displayOptions: { show: { [`${list.name}Input`]: ['json'] } },
			description: `A JSON array of objects with the keys ${keys}`,
		},
	];
}

/**
 * Reads the list for one item as given, not yet validated, with the label errors should name:
 * the UI list's entries, or the JSON field parsed when it holds text.
 */
export function readListInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	list: ListInput,
): { value: unknown; label: string; fromJson: boolean } {
	const mode = ctx.getNodeParameter(`${list.name}Input`, itemIndex, 'list');
	if (mode !== 'json') {
		const collection = ctx.getNodeParameter(list.name, itemIndex, {}) as IDataObject;
		return { value: collection[list.entryName] ?? [], label: list.displayName, fromJson: false };
	}
	const label = `${list.displayName} (JSON)`;
	const raw = ctx.getNodeParameter(`${list.name}Json`, itemIndex, '[]');
	if (typeof raw !== 'string') return { value: raw, label, fromJson: true };
	if (raw.trim() === '') return { value: [], label, fromJson: true };
	try {
		return { value: JSON.parse(raw) as unknown, label, fromJson: true };
	} catch (error) {
		throw invalidField(
			ctx.getNode(),
			label,
			`is not valid JSON (${(error as Error).message}). Expected an array such as ${list.jsonExample.replace(/\s+/g, ' ')}`,
			itemIndex,
		);
	}
}
