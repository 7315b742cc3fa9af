import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import type { HarnessWorkflow, RunResult } from './engine';
import { createAdditionalData, harnessWorkflow, nodeTypes, runWorkflow } from './engine';
import { PACKAGE } from './nodeTypes';
import { node } from './workflow';

export const HOOK_TRIGGER_TYPE = `${PACKAGE}.vtexOrderHookTrigger`;

/** The hook trigger node with the sandbox credential and a fixed webhook ID (n8n gives every webhook node one). */
export function hookTriggerNode(
	name: string,
	parameters: INodeParameters,
	webhookId = 'b7c3a1d2-hook-4e5f-9a0b-harness00001',
): INode {
	return node(name, HOOK_TRIGGER_TYPE, parameters, {
		webhookId,
		credentials: { vtexOrderProcessingApi: { id: 'sandbox', name: 'VTEX sandbox' } },
	});
}

/** One answer the webhook gave a caller. */
export interface WebhookAnswer {
	status: number;
	body: unknown;
	/** Whether the node wrote the answer itself (else n8n answered for it). */
	answeredByNode: boolean;
}

export interface ActiveWebhookTrigger {
	/** The URL n8n gave the node (`getNodeWebhookUrl('default')`), served by this harness. */
	url: string;
	/** Every execution the webhook started, in the order they finished. */
	executions: RunResult[];
	/** The items each execution started with (the trigger node's output). */
	emitted(): IDataObject[][];
	/** Every answer, in the order of the requests. */
	answers: WebhookAnswer[];
	/** The workflow's static data, as n8n would store it. */
	staticData: IDataObject;
	/** Waits for the requests being served and the executions they started. */
	settled(): Promise<void>;
	/** Deactivates: n8n's `delete` webhook method, then the URL stops being served. */
	close(): Promise<void>;
	/** n8n shuts down: the URL stops being served, and nothing is deactivated (the hook stays at VTEX). */
	stop(): Promise<void>;
	/** The port the URL is served on, to start "n8n" again on the same URL. */
	port: number;
}

export interface ActivateWebhookOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The trigger node's name; by default the workflow's first node. */
	triggerNode?: string;
	/** Static data saved from an earlier activation. */
	staticData?: IDataObject;
	/**
	 * `activate`: the workflow is activated (production URL, mode 'trigger', requests in mode
	 * 'webhook'); `test`: "Listen for test event" (test URL, mode 'manual' throughout).
	 */
	as?: 'activate' | 'test';
	activation?: WorkflowActivateMode;
	/** The port to serve on (an n8n started again keeps its URL); a free one by default. */
	port?: number;
	/**
	 * The address VTEX is given instead of this server's (n8n's WEBHOOK_URL: a load balancer in
	 * front of several webhook processes); the node's webhook URL is built on it.
	 */
	publicBaseUrl?: string;
	/** Called once the URL is served on this server's own address, before the node registers. */
	onListening?: (localBaseUrl: string) => void;
	/**
	 * A webhook process of n8n's queue mode: it serves the URL but registers nothing (the main
	 * process activated the workflow), and `close()` deregisters nothing.
	 */
	serveOnly?: boolean;
	/** The node's implementation as this process loaded it (another process has its own module state). */
	nodeType?: INodeType;
	/**
	 * Runs before each execution starts: a test holds it to see what waits for it, or makes it
	 * throw, as n8n failing to store or queue the execution.
	 */
	beforeExecution?: () => Promise<void>;
}

/**
 * Activates a webhook trigger as n8n does, through n8n-core's own contexts:
 * - registration as n8n's WebhookService.createWebhookIfNotExists: the URL is served first (n8n
 *   stores the webhook before calling the node, so a service that calls back at once finds it),
 *   then the node's `checkExists` runs in a HookContext and `create` when it answered false;
 *   `close()` runs `delete` as deactivation does;
 * - each HTTP request to the URL as n8n's webhook helpers run it: the node's `webhook` in a
 *   WebhookContext with the request and response; when the node answered itself
 *   (`noWebhookResponse`) nothing more is sent; without `workflowData` n8n answers 200
 *   (`webhookResponse` or "Webhook call received") and starts nothing; with it, n8n starts an
 *   execution through the engine with the items as the trigger's output and, in response mode
 *   "onReceived", answers 200 once it started if the node has not (empty with responseData
 *   "noData", else `webhookResponse` or "Workflow was started"), as n8n 2.x does.
 * The body is parsed as JSON when it says so, as n8n's body parser does; a body that fails to
 * parse reaches the node as its raw text, so the node's own check for it is exercised.
 */
export async function activateWebhookTrigger(
	definition: HarnessWorkflow,
	options: ActivateWebhookOptions,
): Promise<ActiveWebhookTrigger> {
	const staticData = options.staticData ?? {};
	const isTest = options.as === 'test';
	const workflowFor = () => harnessWorkflow(definition, { active: !isTest, staticData });
	const workflow = workflowFor();
	const triggerNode = workflow.getNode(options.triggerNode ?? definition.nodes[0].name);
	if (!triggerNode) throw new Error('The trigger node is not in the workflow');
	const nodeType =
		options.nodeType ??
		(nodeTypes.getByNameAndVersion(triggerNode.type, triggerNode.typeVersion) as INodeType);
	const methods = nodeType.webhookMethods?.default;
	if (!nodeType.webhook || !methods)
		throw new Error(`${triggerNode.type} is not a webhook trigger with webhook methods`);
	const description = nodeType.description.webhooks?.find((webhook) => webhook.name === 'default');
	if (!description) throw new Error(`${triggerNode.type} has no default webhook`);

	const executions: RunResult[] = [];
	const answers: WebhookAnswer[] = [];
	let running: Array<Promise<unknown>> = [];

	const server: Server = createServer((req, res) => {
		running.push(serve(req, res));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const local = `http://127.0.0.1:${port}`;
	const base = options.publicBaseUrl ?? local;
	const additionalData = {
		...createAdditionalData(options.credentials),
		webhookBaseUrl: `${base}/webhook`,
		webhookTestBaseUrl: `${base}/webhook-test`,
	} as IWorkflowExecuteAdditionalData;
	const path = NodeHelpers.getNodeWebhookPath(workflow.id, triggerNode, String(description.path));
	const webhookData: IWebhookData = {
		httpMethod: description.httpMethod as IWebhookData['httpMethod'],
		node: triggerNode.name,
		path,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: triggerNode.webhookId,
		isTest,
	};
	const route = `/${isTest ? 'webhook-test' : 'webhook'}/${path}`;
	const setupMode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger';
	const activation: WorkflowActivateMode = options.activation ?? (isTest ? 'manual' : 'activate');
	const hookContext = () =>
		new HookContext(workflowFor(), triggerNode, additionalData, setupMode, activation, webhookData);

	async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawBody = await readBody(req);
		const url = new URL(req.url ?? '/', local);
		if (url.pathname !== route || req.method !== webhookData.httpMethod) {
			res
				.writeHead(404, { 'Content-Type': 'application/json' })
				.end(JSON.stringify({ message: 'The requested webhook is not registered' }));
			return;
		}
		let body: unknown = {};
		if (rawBody.length > 0) {
			body = rawBody;
			if (String(req.headers['content-type'] ?? '').includes('json')) {
				try {
					body = JSON.parse(rawBody) as unknown;
				} catch {
					// n8n's parser would fail here; the node sees the text and must refuse it.
				}
			}
		}
		const answer = expressLikeResponse(res, answers);
		const request = Object.assign(req, {
			body,
			rawBody: Buffer.from(rawBody),
			params: {},
			query: Object.fromEntries(url.searchParams),
		});
		const requestData = {
			...additionalData,
			httpRequest: request,
			httpResponse: answer,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(
			workflowFor(),
			triggerNode!,
			requestData,
			isTest ? 'manual' : 'webhook',
			webhookData,
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			expressLikeResponse(res, answers, false)
				.status(500)
				.json({ message: (error as Error).message });
			return;
		}
		const n8nAnswer = expressLikeResponse(res, answers, false);
		if (result.noWebhookResponse === true && !res.headersSent) n8nAnswer.status(200).end();
		if (result.workflowData === undefined) {
			if (!res.headersSent)
				n8nAnswer.status(200).json(
					(result.webhookResponse as IDataObject | undefined) ?? {
						message: 'Webhook call received',
					},
				);
			return;
		}
		try {
			await options.beforeExecution?.();
		} catch (error) {
			// n8n 2.x could not store or queue the execution: it answers with the error.
			if (!res.headersSent) n8nAnswer.status(500).json({ message: (error as Error).message });
			return;
		}
		const execution = runWorkflow(definition, {
			credentials: options.credentials,
			mode: isTest ? 'manual' : 'webhook',
			startNode: triggerNode!.name,
			startItems: result.workflowData[0],
			staticData,
		});
		// Response mode onReceived: n8n answers once the execution started, not when it ends.
		if (!res.headersSent) {
			if (description!.responseData === 'noData') n8nAnswer.status(200).end();
			else
				n8nAnswer.status(200).json(
					(result.webhookResponse as IDataObject | undefined) ?? {
						message: 'Workflow was started',
					},
				);
		}
		executions.push(await execution);
	}

	const settled = async () => {
		while (running.length > 0) {
			const batch = running;
			running = [];
			await Promise.all(batch);
		}
	};

	const stopServing = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};

	options.onListening?.(local);
	try {
		if (!options.serveOnly) {
			const exists = await methods.checkExists.call(hookContext());
			if (!exists) await methods.create.call(hookContext());
		}
	} catch (error) {
		// n8n removes the webhook it stored when the node cannot register it.
		await settled();
		await stopServing();
		throw error;
	}

	return {
		url: `${base}${route}`,
		executions,
		emitted: () => executions.map((result) => result.json(triggerNode.name)),
		answers,
		staticData,
		settled,
		port,
		async close() {
			await settled();
			try {
				if (!options.serveOnly) await methods.delete.call(hookContext());
			} finally {
				await stopServing();
			}
		},
		async stop() {
			await settled();
			await stopServing();
		},
	};
}

/** The part of express's Response a node (or n8n) uses to answer, recording what it sent. */
function expressLikeResponse(res: ServerResponse, answers: WebhookAnswer[], answeredByNode = true) {
	let statusCode = 200;
	const record = (body: unknown) => answers.push({ status: statusCode, body, answeredByNode });
	const response = {
		get headersSent() {
			return res.headersSent;
		},
		get statusCode() {
			return res.statusCode;
		},
		once(event: string, listener: () => void) {
			res.once(event, listener);
			return response;
		},
		status(code: number) {
			statusCode = code;
			return response;
		},
		setHeader(name: string, value: string) {
			res.setHeader(name, value);
			return response;
		},
		json(body: unknown) {
			record(body);
			res.writeHead(statusCode, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
			return response;
		},
		send(body?: unknown) {
			record(body);
			res.writeHead(statusCode).end(body === undefined ? undefined : String(body));
			return response;
		},
		end() {
			record(undefined);
			res.writeHead(statusCode).end();
			return response;
		},
	};
	return response;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}
