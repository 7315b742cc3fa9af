import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyCollection,
} from 'n8n-workflow';

import { readItemParameter } from './parameterReads';
import type { Labeller } from './validation';

/**
 * An operation declares each field once, as an n8n property; these read the fields an item
 * has from that list, and name them in errors with each property's displayName. So adding a
 * field is the property, its rule in the operation's schema, and its place in the body.
 */

type Values = Record<string, unknown>;

/**
 * Reads one parameter, with the value to use when it is not stored: an action node's
 * `getNodeParameter(name, itemIndex, fallback)`, a trigger's `getNodeParameter(name, fallback)`.
 */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

/** The options of a fixedCollection, or undefined for other types. */
function collectionOptions(property: INodeProperties): INodePropertyCollection[] | undefined {
	return property.type === 'fixedCollection'
		? (property.options as INodePropertyCollection[])
		: undefined;
}

/**
 * Whether a property shows, from the values of the fields its `displayOptions` name. Only the
 * forms this package uses are read: `show`/`hide` with lists of values. Conditions on fields
 * outside the list (resource, operation) are the node's routing and hold here.
 */
function isShown(
	property: INodeProperties,
	valueOf: (name: string) => unknown,
	known: Set<string>,
): boolean {
	const { show, hide } = property.displayOptions ?? {};
	for (const [name, allowed] of Object.entries(show ?? {})) {
		if (known.has(name) && !(allowed as unknown[]).includes(valueOf(name))) return false;
	}
	for (const [name, refused] of Object.entries(hide ?? {})) {
		if (known.has(name) && (refused as unknown[]).includes(valueOf(name))) return false;
	}
	return true;
}

/**
 * One item's values of its fields, keyed by property name. A field hidden by its display
 * conditions gives its default, as in n8n's editor: a stale value behind a switched-off option
 * is never read. A
 * `collection` (Additional Fields) gives its members at the top level; a `fixedCollection` list
 * with one kind of row gives its rows as a list.
 */
export function readFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
): Values {
	// A lone item field is read from the item (see parameterReads).
	return readFieldsWith(
		(name, fallback) => readItemParameter(ctx, name, itemIndex, fallback),
		properties,
	);
}

/** An operation's properties by name, built once per list (each item reads the same list). */
const indexes = new WeakMap<
	INodeProperties[],
	{ byName: Map<string, INodeProperties>; known: Set<string> }
>();

function indexOf(properties: INodeProperties[]) {
	let index = indexes.get(properties);
	if (!index) {
		const byName = new Map(properties.map((property) => [property.name, property]));
		index = { byName, known: new Set(byName.keys()) };
		indexes.set(properties, index);
	}
	return index;
}

/** As `readFields`, through any parameter reader (a trigger has no items). */
export function readFieldsWith(
	getParameter: ParameterReader,
	properties: INodeProperties[],
): Values {
	const { byName, known } = indexOf(properties);
	const read = new Map<string, unknown>();
	const shown = new Map<string, boolean>();
	// A hidden field counts as its default, as in n8n's editor, which drops a hidden field's value.
	const valueOf = (name: string): unknown => {
		const property = byName.get(name);
		if (!property) return undefined;
		if (!isShownOnce(property)) return property.default;
		if (!read.has(name)) {
			read.set(name, getParameter(name, property.default ?? ''));
		}
		return read.get(name);
	};
	const isShownOnce = (property: INodeProperties): boolean => {
		let result = shown.get(property.name);
		if (result === undefined) {
			// Conditions form no cycle in a valid node; the guard keeps a mistake from looping.
			shown.set(property.name, true);
			result = isShown(property, valueOf, known);
			shown.set(property.name, result);
		}
		return result;
	};

	const values: Values = {};
	for (const property of properties) {
		if (property.type === 'notice') continue;
		const value = valueOf(property.name);
		if (property.type === 'collection') {
			Object.assign(values, (value ?? {}) as IDataObject);
			continue;
		}
		const options = collectionOptions(property);
		if (options?.length === 1 && property.typeOptions?.multipleValues) {
			values[property.name] = ((value ?? {}) as IDataObject)[options[0].name] ?? [];
			continue;
		}
		values[property.name] = value;
	}
	return values;
}

/** The properties a path segment may name inside `property`: a collection's members or a list's row fields. */
function childrenOf(property: INodeProperties): INodeProperties[] | undefined {
	if (property.type === 'collection') return property.options as INodeProperties[];
	const options = collectionOptions(property);
	return options?.flatMap((option) => option.values);
}

function find(properties: INodeProperties[], name: string): INodeProperties | undefined {
	for (const property of properties) {
		if (property.name === name) return property;
	}
	// Members of Additional Fields are read at the top level.
	for (const property of properties) {
		if (property.type !== 'collection') continue;
		const member = (property.options as INodeProperties[]).find((option) => option.name === name);
		if (member) return member;
	}
	return undefined;
}

/**
 * Names a path in the words of the node's UI, from the properties' displayNames, nested
 * collections included: `['items', 0, 'quantity']` reads "Items › item 1 › Quantity".
 * `rename` gives a top-level key another label (a list given as JSON: "Items (JSON)"); below a
 * renamed key the JSON's own keys are shown as written.
 */
export function labelsFrom(
	properties: INodeProperties[],
	rename: Record<string, string> = {},
): Labeller {
	return (path) => {
		if (path.length === 0) return 'Input';
		const words: string[] = [];
		let scope: INodeProperties[] | undefined = properties;
		path.forEach((segment, position) => {
			if (typeof segment === 'number') {
				words.push(`item ${segment + 1}`);
				return;
			}
			if (position === 0 && rename[segment] !== undefined) {
				words.push(rename[segment]);
				scope = undefined;
				return;
			}
			const property: INodeProperties | undefined = scope ? find(scope, segment) : undefined;
			words.push(property?.displayName ?? segment);
			scope = property ? childrenOf(property) : undefined;
		});
		return words.join(' › ');
	};
}
