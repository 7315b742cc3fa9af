import { defineResource } from '../defineResource';
import * as commit from './commit.operation';
import * as deleteConfiguration from './deleteConfiguration.operation';
import * as getConfiguration from './getConfiguration.operation';
import * as getItems from './getItems.operation';
import * as setConfiguration from './setConfiguration.operation';
import * as testExpression from './testExpression.operation';

export const feed = defineResource(
	{ value: 'feed', name: 'Feed', defaultOperation: 'getItems' },
	{
		commit: {
			module: commit,
			name: 'Commit',
			description:
				'Remove events from the feed by their handles, so VTEX does not deliver them again',
			action: 'Commit feed events',
		},
		deleteConfiguration: {
			module: deleteConfiguration,
			name: 'Delete Configuration',
			description: "Remove this app key's feed",
			action: 'Delete the feed configuration',
		},
		getConfiguration: {
			module: getConfiguration,
			name: 'Get Configuration',
			description: "Read this app key's feed filter, queue settings and backlog",
			action: 'Get the feed configuration',
		},
		getItems: {
			module: getItems,
			name: 'Get Items',
			description: 'Read up to 10 events from the orders feed',
			action: 'Get feed items',
		},
		setConfiguration: {
			module: setConfiguration,
			name: 'Set Configuration',
			description: "Create or replace this app key's feed filter and queue settings",
			action: 'Set the feed configuration',
		},
		testExpression: {
			module: testExpression,
			name: 'Test Expression',
			description: 'Check a JSONata feed filter against an order document',
			action: 'Test a feed filter expression',
		},
	},
);
