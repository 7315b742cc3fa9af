import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getHistory from './getHistory.operation';
import * as getSettings from './getSettings.operation';
import * as preview from './preview.operation';
import * as retry from './retry.operation';

/** Order modifications, VTEX's Change v2 (developers.vtex.com/docs/guides/order-modifications). Change v1 is shut down and not offered. */
const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['orderChange'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			description: 'Cancel a change that stopped on an error',
			action: 'Cancel an order change',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Add, remove or replace items, or apply a manual discount or increment, and wait for VTEX to apply it',
			action: 'Create an order change',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Read one change and its status',
			action: 'Get an order change',
		},
		{
			name: 'Get History',
			value: 'getHistory',
			description: 'List every change of an order',
			action: 'Get the change history of an order',
		},
		{
			name: 'Get Settings',
			value: 'getSettings',
			description: "Read the account's order modifications settings",
			action: 'Get order change settings',
		},
		{
			name: 'Preview',
			value: 'preview',
			description: 'Compute what a change would do, without changing the order',
			action: 'Preview an order change',
		},
		{
			name: 'Retry',
			value: 'retry',
			description: 'Retry a change that was not fully processed',
			action: 'Retry an order change',
		},
	],
	default: 'preview',
};

export const orderChange: ResourceModule = {
	operationField,
	operations: { preview, create, get, getHistory, retry, cancel, getSettings },
};
