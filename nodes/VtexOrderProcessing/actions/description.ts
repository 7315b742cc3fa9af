import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { requestOptionsField } from '../../shared/transport';
import { resources } from './resources';
import { canvasSubtitle } from './subtitle';

/** The resource picker, from the registry of resources: a resource is listed in one place. */
const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(resources)
		.map(([value, resource]) => ({ name: resource.name, value }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'order',
};

/** The node's canvas subtitle, e.g. "Invoice: Order". */
export const nodeSubtitle = canvasSubtitle(
	resourceField.options as INodePropertyOptions[],
	resources,
);

/** The node's fields: resource picker, then each resource's operation picker and fields. */
export const nodeProperties: INodeProperties[] = [
	resourceField,
	...Object.values(resources).flatMap((resource) => [
		resource.operationField,
		...Object.values(resource.operations).flatMap((operation) => operation.description),
	]),
	requestOptionsField,
];
