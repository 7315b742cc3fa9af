import { defineResource } from '../defineResource';
import * as change from './change.operation';
import * as getChangeWindow from './getChangeWindow.operation';
import * as setChangeWindow from './setChangeWindow.operation';

/** Change seller and its window, on the marketplace account (VTEX's guide "Change seller", https://developers.vtex.com/docs/guides/change-seller). */
export const seller = defineResource(
	{ value: 'seller', name: 'Seller', defaultOperation: 'change' },
	{
		change: {
			module: change,
			name: 'Change',
			description: 'Give a marketplace order to another seller',
			action: 'Change the seller of an order',
		},
		getChangeWindow: {
			module: getChangeWindow,
			name: 'Get Change Window',
			description:
				'Read how many days the marketplace has to change the seller after a seller cancels',
			action: 'Get the window to change seller',
		},
		setChangeWindow: {
			module: setChangeWindow,
			name: 'Set Change Window',
			description:
				'Set how many days the marketplace has to change the seller after a seller cancels',
			action: 'Set the window to change seller',
		},
	},
);
