import { defineResource } from '../defineResource';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as invoice from './invoice.operation';
import * as sendTrackingEvents from './sendTrackingEvents.operation';
import * as startHandling from './startHandling.operation';
import * as updateTracking from './updateTracking.operation';

export const order = defineResource(
	{ value: 'order', name: 'Order', defaultOperation: 'get' },
	{
		get: {
			module: get,
			name: 'Get',
			description:
				'Read one order by its ID: status, items, totals, customer, shipping, invoices and tracking',
			action: 'Get an order',
		},
		getMany: {
			module: getMany,
			name: 'Get Many',
			description:
				'List orders by status, date range, customer (name, email, document) or sales channel, for reports, reconciliation and lookups',
			action: 'Get many orders',
		},
		startHandling: {
			module: startHandling,
			name: 'Start Handling',
			description: 'Move an order from ready-for-handling to handling',
			action: 'Start handling an order',
		},
		invoice: {
			module: invoice,
			name: 'Invoice',
			description: 'Send a sale or return invoice, whole or partial',
			action: 'Invoice an order',
		},
		updateTracking: {
			module: updateTracking,
			name: 'Update Tracking',
			description: 'Set the tracking number, URL and courier of an invoice',
			action: 'Update the tracking of an invoice',
		},
		sendTrackingEvents: {
			module: sendTrackingEvents,
			name: 'Send Tracking Events',
			description: "Send the delivery progress of an invoice's package",
			action: 'Send tracking events for an invoice',
		},
		cancel: {
			module: cancel,
			name: 'Cancel',
			description: 'Cancel an order that has no invoice yet',
			action: 'Cancel an order',
		},
	},
);
