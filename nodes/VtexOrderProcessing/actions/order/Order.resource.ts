import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as get from './get.operation';
import * as startHandling from './startHandling.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Read an order',
			action: 'Get an order',
		},
		{
			name: 'Start Handling',
			value: 'startHandling',
			description: 'Move an order from ready-for-handling to handling',
			action: 'Start handling an order',
		},
	],
	default: 'get',
};

export const order: ResourceModule = {
	operationField,
	operations: { get, startHandling },
};
