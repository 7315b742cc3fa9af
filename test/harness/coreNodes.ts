import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

/**
 * Stand-ins for the few n8n core nodes the tests and examples use. n8n-nodes-base cannot be
 * installed here (it pins a tarball from an unreachable host), so each stand-in implements the
 * subset of the real node's parameters that our workflows use, under the real node's type name,
 * so the same workflow JSON runs here and in real n8n (see test/README.md).
 */

function description(
	name: string,
	displayName: string,
	extra: Partial<INodeTypeDescription> = {},
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: [1, 2, 3, 3.1, 3.2, 3.3, 3.4],
		description: `${displayName} (test stand-in)`,
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	};
}

/** The "Options" collection most core nodes have, with the options the stand-in reads. */
function optionsField(options: INodeProperties[] = []): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', default: {}, options };
}

/** n8n-nodes-base.manualTrigger: starts the run with one empty item. */
export class ManualTrigger implements INodeType {
	description = description('manualTrigger', 'Manual Trigger', {
		group: ['trigger'],
		version: 1,
		inputs: [],
	});

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return {
			manualTriggerFunction: async () => {
				this.emit([this.helpers.returnJsonArray([{}])]);
			},
		};
	}
}

/**
 * n8n-nodes-base.scheduleTrigger: in real n8n it starts the workflow on its rule. The harness never
 * fires it: a test runs the same path from the workflow's Manual Trigger.
 */
export class ScheduleTrigger implements INodeType {
	description = description('scheduleTrigger', 'Schedule Trigger', {
		group: ['trigger', 'schedule'],
		version: [1, 1.1, 1.2, 1.3],
		inputs: [],
		properties: [{ displayName: 'Rule', name: 'rule', type: 'json', default: {} }],
	});

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return {};
	}
}

/** n8n-nodes-base.noOp: passes items through. */
export class NoOp implements INodeType {
	description = description('noOp', 'No Operation, do nothing', { version: 1 });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/**
 * n8n-nodes-base.set (Edit Fields) in "JSON" mode (`mode: 'raw'`, `jsonOutput`): each input
 * item becomes the JSON the expression yields; an array yields one item per element.
 * `includeOtherFields` is not supported: the examples do not use it.
 */
export class SetNode implements INodeType {
	description = description('set', 'Edit Fields (Set)', {
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [{ name: 'JSON', value: 'raw' }],
				default: 'raw',
			},
			{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}' },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const raw = this.getNodeParameter('jsonOutput', itemIndex) as unknown;
			const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
			const list = Array.isArray(value) ? value : [value];
			for (const json of list)
				output.push({ json: json as IDataObject, pairedItem: { item: itemIndex } });
		}
		return [output];
	}
}

/**
 * n8n-nodes-base.webhook (v2.1): the harness serves no HTTP. A run that starts here gets the
 * caller's request as its start items (`{ headers, params, query, body }`), and the engine passes
 * them through, as it does for the real node.
 */
export class Webhook implements INodeType {
	description = description('webhook', 'Webhook', {
		group: ['trigger'],
		version: [1, 1.1, 2, 2.1],
		inputs: [],
		properties: [
			{ displayName: 'HTTP Method', name: 'httpMethod', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'Respond', name: 'responseMode', type: 'string', default: 'onReceived' },
			optionsField(),
		],
	});

	async webhook(): Promise<IWebhookResponseData> {
		throw new Error(
			'The test harness serves no webhooks: start the run at the Webhook node with startItems',
		);
	}
}

/**
 * n8n-nodes-base.respondToWebhook (v1.5) with Respond With "JSON", "First Incoming Item" or
 * "No Data" and the Response Code option: it hands `{ body, headers, statusCode }` to the
 * execution's `sendResponse` hook (the harness records it) and passes its input items on.
 */
export class RespondToWebhook implements INodeType {
	description = description('respondToWebhook', 'Respond to Webhook', {
		version: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
		properties: [
			{
				displayName: 'Respond With',
				name: 'respondWith',
				type: 'string',
				default: 'firstIncomingItem',
			},
			{ displayName: 'Response Body', name: 'responseBody', type: 'json', default: '' },
			optionsField([
				{ displayName: 'Response Code', name: 'responseCode', type: 'number', default: 200 },
			]),
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const respondWith = this.getNodeParameter('respondWith', 0) as string;
		const options = this.getNodeParameter('options', 0, {}) as { responseCode?: number };
		let body: unknown;
		if (respondWith === 'json') {
			const raw = this.getNodeParameter('responseBody', 0) as unknown;
			body = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
		} else if (respondWith === 'firstIncomingItem') {
			body = items[0]?.json;
		} else if (respondWith !== 'noData') {
			throw new NodeOperationError(
				this.getNode(),
				`Respond With "${respondWith}" is not in the test stand-in`,
			);
		}
		await this.sendResponse({
			body: body as IDataObject,
			headers: {},
			statusCode: options.responseCode ?? 200,
		});
		return [items];
	}
}

/**
 * n8n-nodes-base.if (v2.x). `conditions` is a `filter` parameter: reading it with
 * `extractValue: true` makes n8n-core evaluate it (executeFilter), exactly as the real IfV2 does.
 */
export class If implements INodeType {
	description = description('if', 'If', {
		version: [2, 2.1, 2.2, 2.3],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		properties: [
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} },
			{
				displayName: 'Convert Types Where Required',
				name: 'looseTypeValidation',
				type: 'boolean',
				default: false,
			},
			optionsField(),
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const trueItems: INodeExecutionData[] = [];
		const falseItems: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			const pass = this.getNodeParameter('conditions', itemIndex, false, {
				extractValue: true,
			}) as boolean;
			(pass ? trueItems : falseItems).push({
				...item,
				pairedItem: item.pairedItem ?? { item: itemIndex },
			});
		});
		return [trueItems, falseItems];
	}
}

/**
 * n8n-nodes-base.httpRequest (v4.x) with a method, a URL and, when Send Body is on, a JSON body
 * ("Using JSON"). It really sends the request with `this.helpers.httpRequest`; a JSON object
 * answer becomes one item, an array one item per element.
 */
export class HttpRequest implements INodeType {
	description = description('httpRequest', 'HTTP Request', {
		version: [4, 4.1, 4.2, 4.3, 4.4, 4.5],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Send Body', name: 'sendBody', type: 'boolean', default: false },
			{ displayName: 'Specify Body', name: 'specifyBody', type: 'string', default: 'keypair' },
			{ displayName: 'JSON', name: 'jsonBody', type: 'json', default: '' },
			optionsField(),
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const sendBody = this.getNodeParameter('sendBody', itemIndex, false) as boolean;
			if (sendBody && this.getNodeParameter('specifyBody', itemIndex) !== 'json') {
				throw new NodeOperationError(
					this.getNode(),
					'The test stand-in sends JSON bodies only (Specify Body: Using JSON)',
				);
			}
			const raw = sendBody ? (this.getNodeParameter('jsonBody', itemIndex) as unknown) : undefined;
			const answer = (await this.helpers.httpRequest({
				method: this.getNodeParameter('method', itemIndex) as IHttpRequestMethods,
				url: this.getNodeParameter('url', itemIndex) as string,
				body:
					typeof raw === 'string'
						? (JSON.parse(raw) as IDataObject)
						: (raw as IDataObject | undefined),
				json: true,
			})) as unknown;
			const list = Array.isArray(answer) ? answer : [answer];
			for (const json of list) {
				output.push({
					json: (json && typeof json === 'object' ? json : { data: json }) as IDataObject,
					pairedItem: { item: itemIndex },
				});
			}
		}
		return [output];
	}
}

/** n8n-nodes-base.stickyNote: a note on the canvas; never connected, never run. */
export class StickyNote implements INodeType {
	description = description('stickyNote', 'Sticky Note', {
		group: ['input'],
		version: 1,
		inputs: [],
		outputs: [],
		properties: [
			{ displayName: 'Content', name: 'content', type: 'string', default: '' },
			{ displayName: 'Height', name: 'height', type: 'number', default: 160 },
			{ displayName: 'Width', name: 'width', type: 'number', default: 240 },
			{ displayName: 'Color', name: 'color', type: 'number', default: 1 },
		],
	});
}

/** Core node stand-ins by their n8n type name. */
export const coreNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.scheduleTrigger': new ScheduleTrigger(),
	'n8n-nodes-base.noOp': new NoOp(),
	'n8n-nodes-base.set': new SetNode(),
	'n8n-nodes-base.webhook': new Webhook(),
	'n8n-nodes-base.respondToWebhook': new RespondToWebhook(),
	'n8n-nodes-base.if': new If(),
	'n8n-nodes-base.httpRequest': new HttpRequest(),
	'n8n-nodes-base.stickyNote': new StickyNote(),
};
