import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { HarnessWorkflow } from '../../harness/engine';
import type { ActiveTrigger } from '../../harness/trigger';
import { activateTrigger, feedTriggerNode } from '../../harness/trigger';
import { chain, node, sandboxCredentials, vtexNode } from '../../harness/workflow';

/** Shared pieces of the feed trigger's tests. */

export { useFeedSandbox } from '../shared/feed/useFeedSandbox';

/** VTEX Order Feed Trigger → the given nodes (a No Op when none). */
export function feedWorkflow(parameters: INodeParameters, ...downstream: INode[]): HarnessWorkflow {
	return chain(
		feedTriggerNode('Feed', parameters),
		...(downstream.length ? downstream : [node('Done', 'n8n-nodes-base.noOp', {})]),
	);
}

/** A VTEX node reading each event's order, once (no retries), so a sandbox fault fails the execution. */
export function getOrderNode(): INode {
	return vtexNode('Get Order', {
		resource: 'order',
		operation: 'get',
		orderId: '={{ $json.orderId }}',
		requestOptions: { maxAttempts: 1 },
	});
}

export async function activate(
	sandbox: Sandbox,
	workflow: HarnessWorkflow,
	staticData?: IDataObject,
): Promise<ActiveTrigger> {
	return await activateTrigger(workflow, { credentials: sandboxCredentials(sandbox), staticData });
}

/** The eventIds the trigger emitted, one per item, over all executions. */
export function emittedEventIds(trigger: ActiveTrigger): string[] {
	return trigger.emitted().flatMap((items) => items.map((item) => String(item.eventId)));
}

/** Resolves once `condition` holds (checked every 10 ms), so tests wait for a state, not a time. */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
