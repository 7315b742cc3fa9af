import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['note'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: "Add a note to an order's timeline",
			action: 'Create a note',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List an order's notes",
			action: 'Get many notes',
		},
	],
	default: 'create',
};

export const note: ResourceModule = {
	displayName: 'Note',
	operationField,
	operations: { create, getMany },
};
