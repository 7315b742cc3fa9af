import type {
	Cron,
	ExecutionError,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	ITriggerResponse,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { TriggerContext } from 'n8n-core';

import type { HarnessWorkflow, RunResult } from './engine';
import { createAdditionalData, harnessWorkflow, nodeTypes, runWorkflow } from './engine';
import { PACKAGE } from './nodeTypes';
import { node } from './workflow';

/** emit's done promise (n8n-workflow does not re-export its type). */
interface Deferred<T> {
	resolve: (value: T) => void;
	reject: (error: Error) => void;
}

export const FEED_TRIGGER_TYPE = `${PACKAGE}.vtexOrderProcessingTrigger`;

/** The feed trigger node with the sandbox credential. */
export function feedTriggerNode(name: string, parameters: INodeParameters): INode {
	return node(name, FEED_TRIGGER_TYPE, parameters, {
		credentials: { vtexOrderProcessingApi: { id: 'sandbox', name: 'VTEX sandbox' } },
	});
}

export interface ActiveTrigger {
	/**
	 * Fires the schedule now instead of waiting for cron (every tick the trigger registered) and
	 * waits for the poll: its reads, the executions it started and their commits.
	 */
	poll(): Promise<void>;
	/**
	 * Fires the schedule once and waits only for what the trigger's tick returns, not for the
	 * executions the harness runs: a test can see what one tick did while another poll is running.
	 */
	tick(): Promise<void>;
	/** Every execution the trigger started, in the order they finished. */
	executions: RunResult[];
	/** The items each execution started with (the trigger node's output). */
	emitted(): IDataObject[][];
	/** Errors the trigger recorded as failed executions (`saveFailedExecution`). */
	failedPolls: Error[];
	/** Errors the trigger reported as fatal (`emitError`). */
	fatalErrors: Error[];
	/** The schedules it registered. */
	crons: Cron[];
	/** The workflow's static data, as n8n would store it. */
	staticData: IDataObject;
	response: ITriggerResponse | undefined;
	/** Deactivates the workflow (the trigger's closeFunction). */
	close(): Promise<void>;
}

export interface ActivateOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The trigger node's name; by default the workflow's first node. */
	triggerNode?: string;
	/** Static data saved from an earlier activation. */
	staticData?: IDataObject;
	activation?: WorkflowActivateMode;
	/**
	 * Called with each execution as it finishes. With `keepExecutions: false` they are not kept in
	 * `executions` (the benchmark runs thousands and measures the trigger's memory, not the harness's).
	 */
	onExecution?: (result: RunResult) => void;
	keepExecutions?: boolean;
	/** Awaited before each execution starts, so a test can keep executions "running" while it acts. */
	beforeExecution?: () => Promise<void>;
}

/** Triggers activated and not closed yet. */
const stillActive = new Set<ITriggerResponse>();

// After each test, the triggers it left active are deactivated, as n8n deactivates a workflow:
// a feed trigger's follow-up polls would otherwise keep waiting and hold the test process.
// (Outside jest, e.g. the benchmark, there is no afterEach.)
if (typeof afterEach === 'function') {
	afterEach(async () => {
		for (const response of [...stillActive]) await response.closeFunction?.();
		stillActive.clear();
	});
}

/**
 * Activates a trigger node the way n8n's ActiveWorkflowManager does: n8n-core's TriggerContext
 * (the real ITriggerFunctions) in mode 'trigger', with `emit` starting a workflow execution
 * through the engine (`runWorkflow`) and resolving emit's done promise with that run's IRun, as
 * n8n resolves it when the execution finishes. The cron a trigger registers is kept and fired on
 * demand by `poll()`, so tests do not wait for the clock.
 */
export async function activateTrigger(
	definition: HarnessWorkflow,
	options: ActivateOptions,
): Promise<ActiveTrigger> {
	const staticData = options.staticData ?? {};
	const workflow = harnessWorkflow(definition, { active: true, staticData });
	const triggerNode = workflow.getNode(options.triggerNode ?? definition.nodes[0].name);
	if (!triggerNode) throw new Error('The trigger node is not in the workflow');

	const executions: RunResult[] = [];
	const failedPolls: Error[] = [];
	const fatalErrors: Error[] = [];
	const crons: Cron[] = [];
	const ticks: Array<(scheduledTime: Date) => unknown> = [];
	let running: Array<Promise<void>> = [];

	const emit = (
		data: INodeExecutionData[][],
		_responsePromise?: unknown,
		donePromise?: Deferred<IRun>,
	) => {
		const execution = (options.beforeExecution?.() ?? Promise.resolve())
			.then(
				async () =>
					await runWorkflow(definition, {
						credentials: options.credentials,
						mode: 'trigger',
						startNode: triggerNode.name,
						startItems: data[0],
					}),
			)
			.then(
				(result) => {
					if (options.keepExecutions !== false) executions.push(result);
					options.onExecution?.(result);
					donePromise?.resolve(result.run);
				},
				(error: Error) => donePromise?.reject(error),
			);
		running.push(execution);
	};

	const context = new TriggerContext(
		workflow,
		triggerNode,
		createAdditionalData(options.credentials),
		'trigger',
		options.activation ?? 'activate',
		emit as TriggerContext['emit'],
		(error: Error) => fatalErrors.push(error),
		(error: ExecutionError) => failedPolls.push(error),
		{
			registerCron: (cron, onTick) => {
				crons.push(cron);
				ticks.push(onTick);
			},
		},
	);
	const nodeType = nodeTypes.getByNameAndVersion(triggerNode.type, triggerNode.typeVersion);
	if (!nodeType.trigger) throw new Error(`${triggerNode.type} has no trigger method`);
	const response = await nodeType.trigger.call(context);
	if (response) stillActive.add(response);

	const settleExecutions = async () => {
		while (running.length > 0) {
			const batch = running;
			running = [];
			await Promise.all(batch);
		}
	};

	return {
		async poll() {
			await Promise.all(ticks.map((tick) => tick(new Date())));
			await settleExecutions();
		},
		async tick() {
			await Promise.all(ticks.map((tick) => tick(new Date())));
		},
		executions,
		emitted: () => executions.map((result) => result.json(triggerNode.name)),
		failedPolls,
		fatalErrors,
		crons,
		staticData,
		response,
		async close() {
			if (response) stillActive.delete(response);
			await response?.closeFunction?.();
			await settleExecutions();
		},
	};
}

/** A manual run from the trigger ("Fetch Test Event"), through the engine as the editor runs it. */
export async function runTriggerManually(
	definition: HarnessWorkflow,
	options: {
		credentials: Record<string, ICredentialDataDecryptedObject>;
		staticData?: IDataObject;
		triggerNode?: string;
	},
): Promise<RunResult> {
	return await runWorkflow(definition, {
		credentials: options.credentials,
		mode: 'manual',
		startNode: options.triggerNode ?? definition.nodes[0].name,
		staticData: options.staticData,
	});
}
