import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { hookTriggerProperties } from './description';
import { receiveNotification } from './receive';
import { createHook, deleteHook, hookExists } from './registration';

export class VtexOrderHookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VTEX Order Hook Trigger',
		name: 'vtexOrderHookTrigger',
		icon: { light: 'file:vtex.svg', dark: 'file:vtex.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Orders hook',
		description:
			'Starts a workflow when VTEX notifies an order status change through its orders hook',
		eventTriggerDescription: 'Waiting for VTEX to notify an order status change',
		activationMessage:
			'VTEX now sends order status changes to this workflow. VTEX removes a hook that sends nothing for three days.',
		defaults: {
			name: 'VTEX Order Hook Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'vtexOrderProcessingApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The node writes every answer itself (receive.ts), before n8n creates the execution; these
				// apply only if n8n ever answered for it: at once, with an empty 200 (VTEX reads only the status).
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: hookTriggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await hookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createHook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteHook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveNotification.call(this);
	}
}
