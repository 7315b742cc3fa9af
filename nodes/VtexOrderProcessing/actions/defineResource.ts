import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule, ResourceModule } from './types';

/** One operation of a resource, with the words its operation picker shows. */
export interface OperationEntry {
	module: OperationModule;
	/** The picker's name, e.g. "Get Many". */
	name: string;
	description: string;
	/** n8n's action text, shown in the nodes panel, e.g. "Get many notes". */
	action: string;
}

/**
 * A resource from its operations: the operation picker, shown for this resource only, with the
 * options sorted by name as n8n's linter asks of a literal list; and the operations by value.
 * Each resource declares only what differs (its names, descriptions and default).
 */
export function defineResource(
	resource: { value: string; name: string; defaultOperation: string },
	operations: Record<string, OperationEntry>,
): ResourceModule {
	const { value: resourceValue, defaultOperation } = resource;
	const operationField: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resourceValue] } },
		options: Object.entries(operations)
			.map(([value, { name, description, action }]) => ({ name, value, description, action }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
	return {
		name: resource.name,
		operationField,
		operations: Object.fromEntries(
			Object.entries(operations).map(([value, entry]) => [value, entry.module]),
		),
	};
}
