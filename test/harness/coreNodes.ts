import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Stand-ins for the few n8n core nodes the tests and examples use. n8n-nodes-base cannot be
 * installed here (it pins a tarball from an unreachable host), so each stand-in implements the
 * subset of the real node's parameters that our workflows use, under the real node's type name,
 * so the same workflow JSON runs here and in real n8n (see test/README.md).
 */

function description(name: string, displayName: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
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
			{ displayName: 'Mode', name: 'mode', type: 'options', options: [{ name: 'JSON', value: 'raw' }], default: 'raw' },
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
			for (const json of list) output.push({ json: json as IDataObject, pairedItem: { item: itemIndex } });
		}
		return [output];
	}
}

/** Core node stand-ins by their n8n type name. */
export const coreNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.noOp': new NoOp(),
	'n8n-nodes-base.set': new SetNode(),
};
