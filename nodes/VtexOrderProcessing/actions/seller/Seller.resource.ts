import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as change from './change.operation';
import * as getChangeWindow from './getChangeWindow.operation';
import * as setChangeWindow from './setChangeWindow.operation';

/** Change seller and its window, on the marketplace account (VTEX's guide "Change seller", https://developers.vtex.com/docs/guides/change-seller). */
const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['seller'] } },
	options: [
		{
			name: 'Change',
			value: 'change',
			description: "Give a marketplace order to another seller",
			action: 'Change the seller of an order',
		},
		{
			name: 'Get Change Window',
			value: 'getChangeWindow',
			description: 'Read how many days the marketplace has to change the seller after a seller cancels',
			action: 'Get the window to change seller',
		},
		{
			name: 'Set Change Window',
			value: 'setChangeWindow',
			description: 'Set how many days the marketplace has to change the seller after a seller cancels',
			action: 'Set the window to change seller',
		},
	],
	default: 'change',
};

export const seller: ResourceModule = {
	displayName: 'Seller',
	operationField,
	operations: { change, getChangeWindow, setChangeWindow },
};
