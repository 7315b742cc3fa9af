import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { requestOptionsField } from '../../shared/transport';
import { resources } from './resources';
import { canvasSubtitle } from './subtitle';

const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Feed',
			value: 'feed',
		},
		{
			name: 'Note',
			value: 'note',
		},
		{
			name: 'Order',
			value: 'order',
		},
		{
			name: 'Order Change',
			value: 'orderChange',
		},
		{
			name: 'Seller',
			value: 'seller',
		},
	],
	default: 'order',
};

/** The node's canvas subtitle, e.g. "Invoice: Order". */
export const nodeSubtitle = canvasSubtitle(resourceField.options as INodePropertyOptions[], resources);

/** The node's fields: resource picker, then each resource's operation picker and fields. */
export const nodeProperties: INodeProperties[] = [
	resourceField,
	...Object.values(resources).flatMap((resource) => [
		resource.operationField,
		...Object.values(resource.operations).flatMap((operation) => operation.description),
	]),
	requestOptionsField,
];
