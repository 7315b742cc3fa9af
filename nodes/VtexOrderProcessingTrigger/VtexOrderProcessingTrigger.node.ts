import type {
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties } from '../VtexOrderFeedTrigger/description';
import { startTrigger } from '../VtexOrderFeedTrigger/startTrigger';

/**
 * The VTEX Order Feed Trigger. Its type name is the action node's with "Trigger" appended because
 * that is how n8n's node creator files a trigger under its app ("VTEX Order Processing →
 * Triggers": `generateMergedNodesAndActions` in n8n's editor-ui, where
 * `trigger.name.replace('Trigger', '') === app.name`). The code lives in ../VtexOrderFeedTrigger.
 */
export class VtexOrderProcessingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VTEX Order Feed Trigger',
		name: 'vtexOrderProcessingTrigger',
		icon: { light: 'file:vtex.svg', dark: 'file:vtex.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Orders feed v3',
		// n8n adds its "Poll Times" field and labels the test button "Fetch Test Event".
		polling: true,
		// n8n's node creator shows a merged trigger's description on its app's entry ("default to
		// trigger description" in generateMergedNodesAndActions), and nowhere else: so this text
		// introduces the whole package, the action node first.
		description:
			'Send ERP and WMS order updates to VTEX (invoices, tracking, cancellations, order changes) and start workflows when an order changes status',
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
		// A copy: n8n's loader puts its "Poll Times" field in front of this very array, and an array
		// shared with another node type would get it once per type.
		properties: [...triggerProperties],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startTrigger.call(this);
	}
}
