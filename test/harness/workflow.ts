import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
} from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import type { HarnessWorkflow, RunResult } from './engine';
import { runWorkflow } from './engine';
import { PACKAGE } from './nodeTypes';

export const VTEX_NODE_TYPE = `${PACKAGE}.vtexOrderProcessing`;

/** What a credential needs from a sandbox: the benchmark's runs in another process than it. */
export type SandboxAddress = Pick<Sandbox, 'baseUrl' | 'defaultKey'> & {
	state: Pick<Sandbox['state'], 'account'>;
};

/** The credential a workflow uses to reach a sandbox (any field may be overridden). */
export function sandboxCredentials(
	sandbox: SandboxAddress,
	overrides: Partial<
		Record<'accountName' | 'environment' | 'baseUrl' | 'appKey' | 'appToken', string>
	> = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		vtexOrderProcessingApi: {
			accountName: sandbox.state.account,
			environment: 'vtexcommercestable',
			baseUrl: sandbox.baseUrl,
			appKey: sandbox.defaultKey.appKey,
			appToken: sandbox.defaultKey.appToken,
			...overrides,
		},
	};
}

let nodeCounter = 0;

export function node(
	name: string,
	type: string,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
): INode {
	return {
		id: `node-${++nodeCounter}`,
		name,
		type,
		typeVersion: type === 'n8n-nodes-base.set' ? 3.4 : 1,
		position: [nodeCounter * 220, 0],
		parameters,
		...extra,
	};
}

export function vtexNode(
	name: string,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
): INode {
	return node(name, VTEX_NODE_TYPE, parameters, {
		credentials: { vtexOrderProcessingApi: { id: 'sandbox', name: 'VTEX sandbox' } },
		...extra,
	});
}

/** Nodes connected one after another, main output 0 to main input 0. */
export function chain(...nodes: INode[]): HarnessWorkflow {
	const connections: HarnessWorkflow['connections'] = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return { nodes, connections };
}

export interface OperationRun {
	result: RunResult;
	/** The VTEX node's output JSON. */
	output: IDataObject[];
	/** The error that stopped the VTEX node, if it failed without continue-on-fail. */
	error?: Error & { description?: string; context?: IDataObject };
}

/** Manual Trigger → Edit Fields (one item per entry of `items`) → VTEX Order Processing ("VTEX"). */
export function operationWorkflow(
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
): HarnessWorkflow {
	return chain(
		node('Start', 'n8n-nodes-base.manualTrigger', {}),
		node('Items', 'n8n-nodes-base.set', {
			mode: 'raw',
			jsonOutput: JSON.stringify(options.items ?? [{}]),
		}),
		vtexNode(
			'VTEX',
			parameters,
			options.continueOnFail ? { onError: 'continueRegularOutput' } : {},
		),
	);
}

/**
 * Manual Trigger → Edit Fields (one item per entry of `items`) → VTEX Order Processing with
 * `parameters`, run through the engine against the sandbox.
 */
export async function runOperation(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: {
		items?: IDataObject[];
		continueOnFail?: boolean;
		credentials?: Record<string, ICredentialDataDecryptedObject>;
	} = {},
): Promise<OperationRun> {
	const workflow = operationWorkflow(parameters, options);
	const result = await runWorkflow(workflow, {
		credentials: options.credentials ?? sandboxCredentials(sandbox),
	});
	return {
		result,
		output: result.json('VTEX'),
		error: result.nodeError('VTEX') as OperationRun['error'],
	};
}

/** Manual Trigger → Transport Probe: one request through the transport, with test settings. */
export async function runProbe(
	sandbox: Sandbox,
	request: {
		method: string;
		path: string;
		idempotent: boolean;
		body?: IDataObject;
		/** What the request expects of the 2xx answer (ExpectedAnswer); "nothing" by default. */
		answer?: unknown;
	},
	settings: IDataObject = {},
	credentials?: Record<string, ICredentialDataDecryptedObject>,
): Promise<OperationRun> {
	const workflow = chain(
		node('Start', 'n8n-nodes-base.manualTrigger', {}),
		node(
			'Probe',
			'test.transportProbe',
			{
				method: request.method,
				path: request.path,
				idempotent: request.idempotent,
				body: request.body ? JSON.stringify(request.body) : '',
				answer: JSON.stringify(request.answer ?? 'nothing'),
				settings: JSON.stringify({
					backoffBaseSeconds: 0.05,
					defaultRetryAfterSeconds: 0.2,
					...settings,
				}),
			},
			{ credentials: { vtexOrderProcessingApi: { id: 'sandbox', name: 'VTEX sandbox' } } },
		),
	);
	const result = await runWorkflow(workflow, {
		credentials: credentials ?? sandboxCredentials(sandbox),
	});
	return {
		result,
		output: result.json('Probe'),
		error: result.nodeError('Probe') as OperationRun['error'],
	};
}
