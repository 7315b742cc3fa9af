import { defineResource } from '../defineResource';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getHistory from './getHistory.operation';
import * as getSettings from './getSettings.operation';
import * as preview from './preview.operation';
import * as retry from './retry.operation';

/** Order modifications, VTEX's Change v2 (VTEX's guide "Order modifications", https://developers.vtex.com/docs/guides/order-modifications). Change v1 is shut down and not offered. */
export const orderChange = defineResource(
	{ value: 'orderChange', name: 'Order Change', defaultOperation: 'preview' },
	{
		preview: {
			module: preview,
			name: 'Preview',
			description: 'Compute what a change would do, without changing the order',
			action: 'Preview an order change',
		},
		create: {
			module: create,
			name: 'Create',
			description:
				'Add, remove or replace items, or apply a manual discount or increment, and wait for VTEX to apply it',
			action: 'Create an order change',
		},
		get: {
			module: get,
			name: 'Get',
			description: 'Read one change and its status',
			action: 'Get an order change',
		},
		getHistory: {
			module: getHistory,
			name: 'Get History',
			description: 'List every change of an order',
			action: 'Get the change history of an order',
		},
		retry: {
			module: retry,
			name: 'Retry',
			description: 'Retry a change that was not fully processed',
			action: 'Retry an order change',
		},
		cancel: {
			module: cancel,
			name: 'Cancel',
			description: 'Cancel a change that stopped on an error',
			action: 'Cancel an order change',
		},
		getSettings: {
			module: getSettings,
			name: 'Get Settings',
			description: "Read the account's order modifications settings",
			action: 'Get order change settings',
		},
	},
);
