import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as deleteConfiguration from './deleteConfiguration.operation';
import * as getConfiguration from './getConfiguration.operation';
import * as setConfiguration from './setConfiguration.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['hook'] } },
	options: [
		{
			name: 'Delete Configuration',
			value: 'deleteConfiguration',
			description: "Remove this app key's hook: VTEX stops sending notifications",
			action: 'Delete the hook configuration',
		},
		{
			name: 'Get Configuration',
			value: 'getConfiguration',
			description: "Read this app key's hook: its URL, header names and filter",
			action: 'Get the hook configuration',
		},
		{
			name: 'Set Configuration',
			value: 'setConfiguration',
			description: "Create or replace this app key's hook: the URL VTEX notifies, its headers and filter",
			action: 'Set the hook configuration',
		},
	],
	default: 'getConfiguration',
};

export const hook: ResourceModule = {
	displayName: 'Hook',
	operationField,
	operations: { deleteConfiguration, getConfiguration, setConfiguration },
};
