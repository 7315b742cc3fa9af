import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';

import { VtexOrderHookTrigger } from '../../nodes/VtexOrderHookTrigger/VtexOrderHookTrigger.node';
import { VtexOrderProcessing } from '../../nodes/VtexOrderProcessing/VtexOrderProcessing.node';
import { VtexOrderProcessingTrigger } from '../../nodes/VtexOrderProcessingTrigger/VtexOrderProcessingTrigger.node';
import { coreNodeTypes } from './coreNodes';
import { TransportProbe } from './probeNode';

export const PACKAGE = 'n8n-nodes-vtex-order-processing';

/**
 * A node type as n8n's loader serves it: a node with `polling: true` gets n8n's "Poll Times"
 * field put in front of its own, in place (`properties.unshift` in
 * DirectoryLoader.applySpecialNodeParameters, n8n-core), as here: a properties array two types
 * shared would show the field twice.
 */
function asLoaded<T extends INodeType>(type: T): T {
	if (type.description.polling) type.description.properties.unshift(...commonPollingParameters);
	return type;
}

/** This package's nodes, under the type names n8n gives a community package's nodes. */
export const packageNodeTypes: Record<string, INodeType> = {
	[`${PACKAGE}.vtexOrderProcessing`]: new VtexOrderProcessing(),
	[`${PACKAGE}.vtexOrderProcessingTrigger`]: asLoaded(new VtexOrderProcessingTrigger()),
	[`${PACKAGE}.vtexOrderHookTrigger`]: asLoaded(new VtexOrderHookTrigger()),
};

export class HarnessNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType> = {
		...coreNodeTypes,
		...packageNodeTypes,
		'test.transportProbe': new TransportProbe(),
	};

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType} in the test harness`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	register(name: string, type: INodeType): void {
		this.types[name] = type;
	}
}
