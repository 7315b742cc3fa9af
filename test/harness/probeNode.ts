import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestSettingsFromOptions, VtexClient } from '../../nodes/shared/transport';
import type { ExpectedAnswer } from '../../nodes/shared/transport';

/**
 * A test-only node that sends one request through the package's transport, so transport rules
 * (retries, 429, what is never repeated) are tested through the engine on any path, including
 * writes of kinds that no operation of the package makes.
 */
export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends one request through VtexClient (tests only)',
		defaults: { name: 'Transport Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vtexOrderProcessingApi', required: true }],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/' },
			{ displayName: 'Idempotent', name: 'idempotent', type: 'boolean', default: true },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'Settings', name: 'settings', type: 'json', default: '{}' },
			// What the request expects of VTEX's 2xx answer (ExpectedAnswer), as JSON.
			{ displayName: 'Answer', name: 'answer', type: 'json', default: '"nothing"' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const parse = (value: unknown) =>
			typeof value === 'string' && value ? JSON.parse(value) : value || undefined;
		const settings = requestSettingsFromOptions(
			parse(this.getNodeParameter('settings', 0)) as IDataObject,
		);
		const client = new VtexClient(this, settings);
		const body = await client.request({
			method: this.getNodeParameter('method', 0) as IHttpRequestMethods,
			path: this.getNodeParameter('path', 0) as string,
			idempotent: this.getNodeParameter('idempotent', 0) as boolean,
			body: parse(this.getNodeParameter('body', 0)) as IDataObject | undefined,
			action: 'Probe request',
			answer: parse(this.getNodeParameter('answer', 0)) as ExpectedAnswer,
			permission: 'Probe permission',
			itemIndex: 0,
		});
		return [[{ json: { body: (body ?? null) as IDataObject }, pairedItem: { item: 0 } }]];
	}
}
