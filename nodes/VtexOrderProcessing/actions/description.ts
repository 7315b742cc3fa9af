import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsField } from '../../shared/transport';
import { resources } from './resources';

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

/** The node's fields: resource picker, then each resource's operation picker and fields. */
export const nodeProperties: INodeProperties[] = [
	resourceField,
	...Object.values(resources).flatMap((resource) => [
		resource.operationField,
		...Object.values(resource.operations).flatMap((operation) => operation.description),
	]),
	requestOptionsField,
];
