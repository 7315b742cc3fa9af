import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties, nodeSubtitle } from './actions/description';
import { router } from './actions/router';

export class VtexOrderProcessing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VTEX Order Processing',
		name: 'vtexOrderProcessing',
		icon: { light: 'file:vtex.svg', dark: 'file:vtex.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: nodeSubtitle,
		description:
			'Send an ERP or WMS order updates to VTEX: invoices, tracking, cancellations, order changes and the orders feed',
		defaults: {
			name: 'VTEX Order Processing',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'vtexOrderProcessingApi',
				required: true,
			},
		],
		properties: nodeProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
