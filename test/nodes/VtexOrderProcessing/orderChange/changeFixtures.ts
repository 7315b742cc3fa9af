import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { orderChangesOf } from '../../../sandbox/families/orderChanges';
import { runOperation } from '../../../harness/workflow';

/** A change of order 1002-01 (handling) that VTEX accepts: one pair of socks in, one mug out. */
export const SOCKS_FOR_A_MUG: INodeParameters = {
	resource: 'orderChange',
	orderId: '1002-01',
	reason: 'A mug out of stock: socks instead',
	itemsToAdd: { item: [{ id: '404', quantity: 1 }] },
	itemsToRemove: { item: [{ id: '202', quantity: 1 }] },
};

/** Creates that change without waiting; the sandbox moves it on after `stepDelayMs`. Returns its request ID. */
export async function startChange(
	sandbox: Sandbox,
	options: { stopOnError?: string; reason?: string } = {},
): Promise<string> {
	const family = orderChangesOf(sandbox.state);
	family.stepDelayMs = 20;
	family.stopNextOnError = options.stopOnError;
	// The same change sent again is a replay of the order's latest change: another reason makes a new one.
	const reason = options.reason ?? SOCKS_FOR_A_MUG.reason;
	const { output, error } = await runOperation(sandbox, {
		...SOCKS_FOR_A_MUG,
		reason,
		operation: 'create',
		waitForCompletion: false,
	});
	if (error) throw error;
	return String(output[0].requestId);
}

/** Resolves once the sandbox's change reaches a status for which `accept` is true. */
export async function changeReaches(
	sandbox: Sandbox,
	requestId: string,
	accept: (status: string, logs: string[]) => boolean,
): Promise<void> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const change = orderChangesOf(sandbox.state).changes.find(
			(candidate) => candidate.requestId === requestId,
		);
		if (
			change &&
			accept(
				change.status,
				change.logs.map((entry) => entry.status),
			)
		)
			return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`change ${requestId} never reached the expected state`);
}

/** True once a change stopped on an error. */
export const stoppedOnError = (_status: string, logs: string[]) => logs.includes('error');
