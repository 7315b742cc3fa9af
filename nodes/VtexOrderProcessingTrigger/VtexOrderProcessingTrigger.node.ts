import type { INodeTypeDescription } from 'n8n-workflow';

import { VtexOrderFeedTrigger } from '../VtexOrderFeedTrigger/VtexOrderFeedTrigger.node';

/**
 * The VTEX Order Feed Trigger under the type name n8n's node creator files under the action
 * node: the editor merges a trigger into an app's panel ("VTEX Order Processing → Triggers") only
 * when its type name is the app's with "Trigger" appended (`generateMergedNodesAndActions` in
 * n8n's editor-ui, `trigger.name.replace('Trigger', '') === app.name`). Same node, same fields and
 * behaviour; new workflows get this type. The original type, `vtexOrderFeedTrigger`, stays
 * registered but hidden from the panel, so workflows saved with it open and run unchanged.
 */
export class VtexOrderProcessingTrigger extends VtexOrderFeedTrigger {
	constructor() {
		super();
		const shown: INodeTypeDescription = {
			...this.description,
			name: 'vtexOrderProcessingTrigger',
			hidden: undefined,
		};
		this.description = shown;
	}
}
