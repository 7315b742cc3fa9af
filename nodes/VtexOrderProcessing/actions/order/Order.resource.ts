import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as invoice from './invoice.operation';
import * as sendTrackingEvents from './sendTrackingEvents.operation';
import * as startHandling from './startHandling.operation';
import * as updateTracking from './updateTracking.operation';

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			description: 'Cancel an order that has no invoice yet',
			action: 'Cancel an order',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Read an order',
			action: 'Get an order',
		},
		{
			name: 'Invoice',
			value: 'invoice',
			description: 'Send a sale or return invoice, whole or partial',
			action: 'Invoice an order',
		},
		{
			name: 'Send Tracking Events',
			value: 'sendTrackingEvents',
			description: "Send the delivery progress of an invoice's package",
			action: 'Send tracking events for an invoice',
		},
		{
			name: 'Start Handling',
			value: 'startHandling',
			description: 'Move an order from ready-for-handling to handling',
			action: 'Start handling an order',
		},
		{
			name: 'Update Tracking',
			value: 'updateTracking',
			description: 'Set the tracking number, URL and courier of an invoice',
			action: 'Update the tracking of an invoice',
		},
	],
	default: 'get',
};

export const order: ResourceModule = {
	displayName: 'Order',
	operationField,
	operations: { get, startHandling, invoice, updateTracking, sendTrackingEvents, cancel },
};
