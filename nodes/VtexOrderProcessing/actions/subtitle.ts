import type { INodePropertyOptions } from 'n8n-workflow';

import type { ResourceModule } from './types';

/** Display names by value, from an options field's options. */
function namesByValue(options: INodePropertyOptions[]): Record<string, string> {
	return Object.fromEntries(options.map((option) => [String(option.value), option.name]));
}

/**
 * An object literal for an n8n expression. Every closing brace has a space before it: the
 * expression ends at the first `}}`, so nested literals must never close with two braces in a row.
 */
function literal(value: Record<string, unknown>): string {
	const entries = Object.entries(value).map(
		([key, entry]) =>
			`${JSON.stringify(key)}: ${typeof entry === 'string' ? JSON.stringify(entry) : literal(entry as Record<string, unknown>)}`,
	);
	return `{ ${entries.join(', ')} }`;
}

/**
 * The node's canvas subtitle: the operation's and the resource's display names, as the fields
 * show them ("Invoice: Order", "Get Many: Note"), not their values ("invoice: order"). n8n
 * evaluates a subtitle as an expression over the node's parameters, so the names are looked up
 * in tables built from the fields themselves; an unknown value shows as it is.
 */
export function canvasSubtitle(
	resourceOptions: INodePropertyOptions[],
	resources: Record<string, ResourceModule>,
): string {
	const resourceNames = namesByValue(resourceOptions);
	const operationNames = Object.fromEntries(
		Object.entries(resources).map(([resource, module]) => [
			resource,
			namesByValue((module.operationField.options ?? []) as INodePropertyOptions[]),
		]),
	);
	const resource = '$parameter["resource"]';
	const operation = '$parameter["operation"]';
	return (
		`={{ ((${literal(operationNames)})[${resource}] || {})[${operation}] || ${operation} }}` +
		`: {{ (${literal(resourceNames)})[${resource}] || ${resource} }}`
	);
}
