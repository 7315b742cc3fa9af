import type { INode, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { HookDelivery } from '../../sandbox/families/hook';
import { hookOf } from '../../sandbox/families/hook';
import type { HarnessWorkflow } from '../../harness/engine';
import type { ActivateWebhookOptions, ActiveWebhookTrigger } from '../../harness/webhookTrigger';
import { activateWebhookTrigger, hookTriggerNode } from '../../harness/webhookTrigger';
import { chain, node, sandboxCredentials } from '../../harness/workflow';

/** Shared pieces of the hook trigger's tests. */

/**
 * A sandbox per test file, re-seeded before each test, whose hook retries after 20 ms, then 40,
 * 80… (VTEX's pauses are longer; the tests wait for states, not times), at most 4 attempts.
 */
export function useHookSandbox(): () => Sandbox {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => {
		await hookOf(sandbox).settled();
		await sandbox.stop();
	});
	beforeEach(() => {
		sandbox.reset();
		Object.assign(hookOf(sandbox).settings, { retryBaseMs: 20, maxAttempts: 4 });
	});
	return () => sandbox;
}

/** VTEX Order Hook Trigger → the given nodes (a No Op when none). */
export function hookWorkflow(parameters: INodeParameters, ...downstream: INode[]): HarnessWorkflow {
	return chain(
		hookTriggerNode('Hook', parameters),
		...(downstream.length ? downstream : [node('Done', 'n8n-nodes-base.noOp', {})]),
	);
}

const active: ActiveWebhookTrigger[] = [];

/** Activates the workflow against the sandbox; every trigger still open is closed after the test. */
export async function activate(
	sandbox: Sandbox,
	workflow: HarnessWorkflow,
	options: Partial<ActivateWebhookOptions> = {},
): Promise<ActiveWebhookTrigger> {
	const trigger = await activateWebhookTrigger(workflow, {
		credentials: sandboxCredentials(sandbox),
		...options,
	});
	active.push(trigger);
	return trigger;
}

afterEach(async () => {
	for (const trigger of active.splice(0)) await trigger.close().catch(() => undefined);
});

/** Waits until the sandbox's deliveries ended and the trigger served them and their executions. */
export async function settle(sandbox: Sandbox, trigger: ActiveWebhookTrigger): Promise<void> {
	await hookOf(sandbox).settled();
	await trigger.settled();
}

/** The status of each attempt of a delivery. */
export function attemptStatuses(delivery: HookDelivery): number[] {
	return delivery.attempts.map((attempt) => attempt.status);
}
