import type {
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties } from './description';
import { startTrigger } from './startTrigger';

export class VtexOrderFeedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VTEX Order Feed Trigger',
		name: 'vtexOrderFeedTrigger',
		icon: { light: 'file:vtex.svg', dark: 'file:vtex.dark.svg' },
		group: ['trigger'],
		version: 1,
		// Kept for workflows saved with this type; new ones get vtexOrderProcessingTrigger (same
		// node), which n8n's node creator lists under VTEX Order Processing → Triggers.
		hidden: true,
		subtitle: 'Orders feed v3',
		// n8n adds its "Poll Times" field and labels the test button "Fetch Test Event".
		polling: true,
		description: 'Starts a workflow when a VTEX order changes status, from the orders feed v3',
		eventTriggerDescription: 'Waiting for an order status change in the VTEX orders feed',
		activationMessage: 'The trigger now reads the VTEX orders feed on the schedule you set.',
		defaults: {
			name: 'VTEX Order Feed Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'vtexOrderProcessingApi',
				required: true,
			},
		],
		properties: triggerProperties,
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startTrigger.call(this);
	}
}
