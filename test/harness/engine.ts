import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	IExecuteResponsePromiseData,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { HarnessCredentialsHelper } from './credentials';
import { HarnessNodeTypes } from './nodeTypes';

export interface HarnessWorkflow {
	name?: string;
	nodes: INode[];
	connections: IConnections;
}

export interface RunOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Called as each node starts and ends (the benchmark measures one node's CPU this way). */
	onNodeEvent?: (event: 'before' | 'after', nodeName: string) => void;
	/** The node to start from; by default the first trigger, else the first node. */
	startNode?: string;
	/** Items the start node receives (for a Webhook start: what the caller posted). */
	startItems?: INodeExecutionData[];
	mode?: WorkflowExecuteMode;
	/** The workflow's static data (what n8n stores with the workflow), shared with the caller. */
	staticData?: IDataObject;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** Output items of a node's first run, output 0 unless given. */
	items(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** Their JSON. */
	json(nodeName: string, outputIndex?: number): IDataObject[];
	/** The error a node stopped the run with, if any. */
	nodeError(nodeName: string): Error | undefined;
	/** Names of the nodes that ran, in order. */
	executed: string[];
	/** What Respond to Webhook nodes sent the caller (the `sendResponse` hook), in order. */
	responses: IExecuteResponsePromiseData[];
}

export const nodeTypes = new HarnessNodeTypes();

/**
 * Runs a workflow through n8n's real execution engine (n8n-core's WorkflowExecute) with this
 * package's nodes and credential, and returns every node's output.
 */
export async function runWorkflow(
	definition: HarnessWorkflow,
	options: RunOptions,
): Promise<RunResult> {
	const workflow = harnessWorkflow(definition, { active: false, staticData: options.staticData });
	const workflowData: IWorkflowBase = {
		id: 'harness',
		name: definition.name ?? 'harness',
		active: false,
		isArchived: false,
		nodes: definition.nodes,
		connections: definition.connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, `harness-${Date.now()}`, workflowData);
	const executed: string[] = [];
	hooks.addHandler('nodeExecuteBefore', (nodeName: string) => {
		options.onNodeEvent?.('before', nodeName);
	});
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		options.onNodeEvent?.('after', nodeName);
		executed.push(nodeName);
	});
	const responses: IExecuteResponsePromiseData[] = [];
	hooks.addHandler('sendResponse', (response: IExecuteResponsePromiseData) => {
		responses.push(response);
	});
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolveFinished(run));

	const additionalData = createAdditionalData(options.credentials, hooks);

	const startNode =
		(options.startNode ? workflow.getNode(options.startNode) : undefined) ??
		workflow.getStartNode() ??
		definition.nodes[0];
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [options.startItems ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	const engine = new WorkflowExecute(additionalData, mode, runExecutionData);
	await engine.processRunExecutionData(workflow);
	const run = await finished;

	const taskData = (nodeName: string) => run.data.resultData.runData[nodeName]?.[0];
	return {
		run,
		status: run.status,
		executed,
		responses,
		items: (nodeName, outputIndex = 0) => taskData(nodeName)?.data?.main?.[outputIndex] ?? [],
		json: (nodeName, outputIndex = 0) =>
			(taskData(nodeName)?.data?.main?.[outputIndex] ?? []).map(
				(item: INodeExecutionData) => item.json,
			),
		nodeError: (nodeName) => taskData(nodeName)?.error as Error | undefined,
	};
}

/** n8n's Workflow object for a harness workflow, with this package's node types. */
export function harnessWorkflow(
	definition: HarnessWorkflow,
	options: { active: boolean; staticData?: IDataObject },
): Workflow {
	return new Workflow({
		id: 'harness',
		name: definition.name ?? 'harness',
		nodes: definition.nodes,
		connections: definition.connections,
		nodeTypes,
		active: options.active,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
}

/** The additionalData n8n's server would build, reduced to what running nodes needs. */
export function createAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new HarnessCredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported in the test harness');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in the test harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}
