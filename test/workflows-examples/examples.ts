import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeExecutionData, IWorkflowSettings } from 'n8n-workflow';
import { getGlobalState, setGlobalState } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import type { HarnessWorkflow, RunResult } from '../harness/engine';
import { runWorkflow } from '../harness/engine';
import { activateTrigger } from '../harness/trigger';
import { activateWebhookTrigger } from '../harness/webhookTrigger';
import { hookOf } from '../sandbox/families/hook';
import { sandboxCredentials } from '../harness/workflow';
import catalogue from './catalogue.json';

/**
 * Loads the workflows in workflows-examples/ and runs them through the engine harness against a
 * sandbox: the demo (scripts/demo.ts) and examples.test.ts use it. The real-n8n e2e test reads
 * the same catalogue (catalogue.json) and imports the same files into n8n.
 */

export const EXAMPLES_DIR = path.resolve(__dirname, '../../workflows-examples');

export interface Example {
	file: string;
	title: string;
	/** The Manual Trigger that runs the example headless with its sample data. */
	manualTrigger: string;
	/** The feed trigger node, for the example that starts from the orders feed. */
	feedTrigger?: string;
	/** The hook trigger node, for the example that starts from the orders hook. */
	hookTrigger?: string;
}

export const EXAMPLES: Example[] = catalogue.examples;

/** An example as n8n exports it: nodes and connections, plus the settings the harness honours. */
export interface ExampleWorkflow extends HarnessWorkflow {
	name: string;
	settings?: IWorkflowSettings;
}

/**
 * The example's JSON with its placeholder URLs (the ERP, the team's chat webhook) pointed at the
 * sandbox's stand-ins for them. Nothing else changes: the credential is the sandbox's, given to
 * the run.
 */
export function loadExample(example: Example, sandboxBaseUrl: string): ExampleWorkflow {
	let text = readFileSync(path.join(EXAMPLES_DIR, example.file), 'utf8');
	for (const [placeholder, sandboxPath] of Object.entries(catalogue.placeholders)) {
		text = text.split(placeholder).join(`${sandboxBaseUrl}${sandboxPath}`);
	}
	return JSON.parse(text) as ExampleWorkflow;
}

/**
 * Runs `fn` with the workflow's time zone as n8n would use it: n8n-workflow's Workflow takes
 * `settings.timezone`, else the instance's default, which the harness's Workflow is built with.
 */
async function inTimezone<T>(
	settings: IWorkflowSettings | undefined,
	fn: () => Promise<T>,
): Promise<T> {
	const previous = getGlobalState().defaultTimezone;
	if (settings?.timezone && settings.timezone !== 'DEFAULT')
		setGlobalState({ defaultTimezone: settings.timezone });
	try {
		return await fn();
	} finally {
		setGlobalState({ defaultTimezone: previous });
	}
}

/**
 * Runs an example headless as `n8n execute` does: from the node n8n picks (n8n-workflow's
 * `Workflow.getStartNode()`: the first node with a trigger method, the Manual Trigger in every
 * example). Or from another start node with the items it would receive (a Webhook with what the
 * caller posted).
 */
export async function runExample(
	sandbox: Sandbox,
	example: Example,
	start: { node?: string; items?: INodeExecutionData[] } = {},
): Promise<RunResult> {
	const workflow = loadExample(example, sandbox.baseUrl);
	return await inTimezone(
		workflow.settings,
		async () =>
			await runWorkflow(workflow, {
				credentials: sandboxCredentials(sandbox),
				startNode: start.node,
				startItems: start.items,
			}),
	);
}

/** The items one output of a node produced over all its runs (a node fed by two samples runs twice). */
export function outputOf(result: RunResult, nodeName: string, outputIndex = 0): IDataObject[] {
	const runs = result.run.data.resultData.runData[nodeName] ?? [];
	return runs.flatMap((run) => (run.data?.main?.[outputIndex] ?? []).map((item) => item.json));
}

/** What one poll of an example's feed trigger did. */
export interface FeedTriggerRun {
	/** Items each execution the poll started received. */
	emitted: IDataObject[][];
	executions: RunResult[];
}

/**
 * Activates the example's feed trigger as n8n does, fires its schedule once (one poll: reads,
 * executions, commits) and deactivates it.
 */
export async function pollFeedTriggerOnce(
	sandbox: Sandbox,
	example: Example,
): Promise<FeedTriggerRun> {
	if (!example.feedTrigger) throw new Error(`${example.file} has no feed trigger`);
	const workflow = loadExample(example, sandbox.baseUrl);
	return await inTimezone(workflow.settings, async () => {
		const active = await activateTrigger(workflow, {
			credentials: sandboxCredentials(sandbox),
			triggerNode: example.feedTrigger!,
		});
		try {
			await active.poll();
		} finally {
			await active.close();
		}
		return { emitted: active.emitted(), executions: active.executions };
	});
}

/** What the example's hook trigger did while it was active. */
export interface HookTriggerRun {
	/** Items each execution received. */
	emitted: IDataObject[][];
	executions: RunResult[];
}

/**
 * Activates the example's hook trigger as n8n does (it registers its URL at the sandbox, which
 * pings it), moves each order to `status` as VTEX's own workflow would (the sandbox POSTs each
 * change the hook's filter takes to the trigger), waits for the notifications and the executions
 * they started, and deactivates it (the hook is deleted).
 */
export async function notifyHookTrigger(
	sandbox: Sandbox,
	example: Example,
	orderIds: string[],
	status = 'ready-for-handling',
): Promise<HookTriggerRun> {
	if (!example.hookTrigger) throw new Error(`${example.file} has no hook trigger`);
	const workflow = loadExample(example, sandbox.baseUrl);
	return await inTimezone(workflow.settings, async () => {
		const active = await activateWebhookTrigger(workflow, {
			credentials: sandboxCredentials(sandbox),
			triggerNode: example.hookTrigger!,
		});
		try {
			for (const orderId of orderIds) {
				const order = sandbox.state.findOrder(orderId);
				if (!order) throw new Error(`the sandbox has no order ${orderId}`);
				sandbox.state.setStatus(order, status);
			}
			await hookOf(sandbox).settled();
			await active.settled();
		} finally {
			await active.close();
		}
		return { emitted: active.emitted(), executions: active.executions };
	});
}
