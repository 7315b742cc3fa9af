import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as commit from './commit.operation';
import * as deleteConfiguration from './deleteConfiguration.operation';
import * as getConfiguration from './getConfiguration.operation';
import * as getItems from './getItems.operation';
import * as setConfiguration from './setConfiguration.operation';
import * as testExpression from './testExpression.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['feed'] } },
	options: [
		{
			name: 'Commit',
			value: 'commit',
			description: 'Remove events from the feed by their handles, so VTEX does not deliver them again',
			action: 'Commit feed events',
		},
		{
			name: 'Delete Configuration',
			value: 'deleteConfiguration',
			description: "Remove this app key's feed",
			action: 'Delete the feed configuration',
		},
		{
			name: 'Get Configuration',
			value: 'getConfiguration',
			description: "Read this app key's feed filter, queue settings and backlog",
			action: 'Get the feed configuration',
		},
		{
			name: 'Get Items',
			value: 'getItems',
			description: 'Read up to 10 events from the orders feed',
			action: 'Get feed items',
		},
		{
			name: 'Set Configuration',
			value: 'setConfiguration',
			description: "Create or replace this app key's feed filter and queue settings",
			action: 'Set the feed configuration',
		},
		{
			name: 'Test Expression',
			value: 'testExpression',
			description: 'Check a JSONata feed filter against an order document',
			action: 'Test a feed filter expression',
		},
	],
	default: 'getItems',
};

export const feed: ResourceModule = {
	displayName: 'Feed',
	operationField,
	operations: { commit, deleteConfiguration, getConfiguration, getItems, setConfiguration, testExpression },
};
