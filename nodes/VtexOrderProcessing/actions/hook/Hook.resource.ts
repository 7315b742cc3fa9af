import { defineResource } from '../defineResource';
import * as deleteConfiguration from './deleteConfiguration.operation';
import * as getConfiguration from './getConfiguration.operation';
import * as setConfiguration from './setConfiguration.operation';

export const hook = defineResource(
	{ value: 'hook', name: 'Hook', defaultOperation: 'getConfiguration' },
	{
		deleteConfiguration: {
			module: deleteConfiguration,
			name: 'Delete Configuration',
			description: "Remove this app key's hook: VTEX stops sending notifications",
			action: 'Delete the hook configuration',
		},
		getConfiguration: {
			module: getConfiguration,
			name: 'Get Configuration',
			description: "Read this app key's hook: its URL, header names and filter",
			action: 'Get the hook configuration',
		},
		setConfiguration: {
			module: setConfiguration,
			name: 'Set Configuration',
			description:
				"Create or replace this app key's hook: the URL VTEX notifies, its headers and filter",
			action: 'Set the hook configuration',
		},
	},
);
