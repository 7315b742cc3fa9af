/**
 * The workflows `npm run bench:n8n` runs in real n8n: Manual Trigger → Code (the N invoices as
 * items) → the contender, a node named "Contender" that invoices every item against the sandbox.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { invoiceBody, invoiceParameters } from '../bench/invoice';

/** The node whose execution time and outcome the benchmark reads from n8n's execution data. */
export const CONTENDER = 'Contender';

export interface Sandbox {
	baseUrl: string;
	appKey: string;
	appToken: string;
}

export interface ContenderSpec {
	key: string;
	label: string;
	/** Runs only when named in --contenders. */
	optIn?: boolean;
	/** The contender node (name, position and id are added by `benchWorkflow`). */
	node(sandbox: Sandbox, credential: { id: string; name: string }): IDataObject;
}

/** HTTP Request node settings: batching (items per batch, ms between batches) and the node's Retry On Fail. */
interface HttpSettings {
	batch?: { size: number; intervalMs: number };
	retry?: { maxTries: number; waitMs: number };
	continueOnFail: boolean;
}

/**
 * n8n's HTTP Request node (4.2) sending exactly the request this package's node sends for an item:
 * `POST /api/oms/pvt/orders/{orderId}/invoice` with the app key and token as headers.
 */
function httpRequestNode(sandbox: Sandbox, settings: HttpSettings): IDataObject {
	const options: IDataObject = settings.batch
		? {
				batching: {
					batch: { batchSize: settings.batch.size, batchInterval: settings.batch.intervalMs },
				},
			}
		: {};
	const body = JSON.stringify(invoiceBody('__NUMBER__')).replace(
		'"__NUMBER__"',
		'$json.invoiceNumber',
	);
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `=${sandbox.baseUrl}/api/oms/pvt/orders/{{ $json.orderId }}/invoice`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'X-VTEX-API-AppKey', value: sandbox.appKey },
					{ name: 'X-VTEX-API-AppToken', value: sandbox.appToken },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify(${body}) }}`,
			options,
		},
		...(settings.retry
			? {
					retryOnFail: true,
					maxTries: settings.retry.maxTries,
					waitBetweenTries: settings.retry.waitMs,
				}
			: {}),
		...(settings.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

export const CONTENDERS: ContenderSpec[] = [
	{
		key: 'node',
		label: 'this node, Order → Invoice, default options',
		node: (_sandbox, credential) => ({
			type: 'n8n-nodes-vtex-order-processing.vtexOrderProcessing',
			typeVersion: 1,
			parameters: invoiceParameters(),
			credentials: { vtexOrderProcessingApi: credential },
		}),
	},
	{
		key: 'http50',
		label: 'HTTP Request, batching 50 / 500 ms (100/s), Retry On Fail (3 tries, 1 s), continue',
		node: (sandbox) =>
			httpRequestNode(sandbox, {
				batch: { size: 50, intervalMs: 500 },
				retry: { maxTries: 3, waitMs: 1000 },
				continueOnFail: true,
			}),
	},
	{
		// n8n re-runs a node with Retry On Fail when it throws (or, with continue, only when its FIRST
		// output item is an error): every item is sent again, the ones VTEX already accepted included.
		key: 'httpRetry',
		label:
			'HTTP Request, batching 50 / 500 ms (100/s), Retry On Fail (5 tries, 5 s), stop on error',
		node: (sandbox) =>
			httpRequestNode(sandbox, {
				batch: { size: 50, intervalMs: 500 },
				retry: { maxTries: 5, waitMs: 5000 },
				continueOnFail: false,
			}),
	},
	{
		// Not in the default set: the HTTP Request node tuned by hand to a real limit of 50/s (as
		// http20 is to 20/s), so its run lasts as long as this node's at that limit.
		key: 'http25',
		label: 'HTTP Request, batching 25 / 500 ms (50/s), Retry On Fail (3 tries, 1 s), continue',
		optIn: true,
		node: (sandbox) =>
			httpRequestNode(sandbox, {
				batch: { size: 25, intervalMs: 500 },
				retry: { maxTries: 3, waitMs: 1000 },
				continueOnFail: true,
			}),
	},
	{
		// Not in the default set: the HTTP Request node tuned by hand to a real limit of 20/s, so its
		// run lasts as long as this node's at that limit and the two CPU figures cover the same time.
		key: 'http20',
		label: 'HTTP Request, batching 10 / 500 ms (20/s), Retry On Fail (3 tries, 1 s), continue',
		optIn: true,
		node: (sandbox) =>
			httpRequestNode(sandbox, {
				batch: { size: 10, intervalMs: 500 },
				retry: { maxTries: 3, waitMs: 1000 },
				continueOnFail: true,
			}),
	},
	{
		key: 'httpDefaults',
		label: 'HTTP Request, defaults (no batching, no retry, stop on error)',
		node: (sandbox) => httpRequestNode(sandbox, { continueOnFail: false }),
	},
];

/** Manual Trigger → Code (returns `items`) → the contender. */
export function benchWorkflow(
	name: string,
	items: IDataObject[],
	contender: IDataObject,
): IDataObject {
	const node = (nodeName: string, x: number, rest: IDataObject) => ({
		id: randomUUID(),
		name: nodeName,
		position: [x, 0],
		...rest,
	});
	return {
		name,
		nodes: [
			node('Start', 0, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }),
			node('Invoices', 220, {
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
			}),
			node(CONTENDER, 440, contender),
		],
		connections: {
			Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: CONTENDER, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}
