// Smoke test of the real-n8n harness: this package installed as a community package in
// the leg's n8n (2.40.7 on Node 24, or 1.123.81 on Node 22; see lib/runtime.mjs), a credential pointing at a local stub server, headless runs of a
// VTEX workflow and of a core-nodes workflow, and `n8n start` serving a published webhook
// workflow. Run: `node scripts/e2e/smoke.mjs` (or through scripts/e2e/run-e2e.mjs).
// Needs `npm run build` first. Set E2E_VERBOSE=1 to stream n8n's output.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
	N8N_MAJOR,
	N8N_VERSION,
	PACKAGE_NAME,
	createInstance,
	destroyInstance,
	executeWorkflow,
	importVtexCredential,
	importWorkflows,
	log,
	missingWorkflowExports,
	prepare,
	publishWorkflow,
	resolutionReport,
	startN8n,
	startStubServer,
} from './n8n.mjs';

const NODE_TYPE = `${PACKAGE_NAME}.vtexOrderProcessing`;
const ORDER = { orderId: '1001-01', status: 'handling' };

const trigger = (name = 'Manual Trigger') => ({
	id: randomUUID(),
	name,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});
const link = (from, to, index = 0) => ({ [from]: { main: [[{ node: to, type: 'main', index }]] } });

function vtexGetOrderWorkflow(cred) {
	return {
		name: 'e2e smoke: VTEX get order',
		nodes: [
			trigger(),
			{
				id: randomUUID(),
				name: 'Get Order',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'order', operation: 'get', orderId: ORDER.orderId },
				credentials: { vtexOrderProcessingApi: { id: cred.id, name: cred.name } },
			},
		],
		connections: link('Manual Trigger', 'Get Order'),
		settings: { executionOrder: 'v1' },
	};
}

function coreNodesWorkflow() {
	return {
		name: 'e2e smoke: core nodes',
		nodes: [
			trigger(),
			{
				id: randomUUID(),
				name: 'Order JSON',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'raw',
					jsonOutput:
						'={\n  "orderId": "1001-01",\n  "totalCents": 2499,\n  "doubled": {{ 2 * 21 }}\n}',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Big Order?',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [440, 0],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: randomUUID(),
								leftValue: '={{ $json.totalCents }}',
								rightValue: 1000,
								operator: { type: 'number', operation: 'gt' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Big',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [660, -100],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'Small',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [660, 100],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'Sticky Note',
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [0, -240],
				parameters: {
					content: '## e2e\nCore nodes used by the example workflows.',
					height: 160,
					width: 300,
				},
			},
		],
		connections: {
			...link('Manual Trigger', 'Order JSON'),
			...link('Order JSON', 'Big Order?'),
			'Big Order?': {
				main: [
					[{ node: 'Big', type: 'main', index: 0 }],
					[{ node: 'Small', type: 'main', index: 0 }],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

function webhookWorkflow(cred, path) {
	return {
		name: 'e2e smoke: webhook → VTEX',
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { path, httpMethod: 'GET', responseMode: 'lastNode', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Get Order',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.query.orderId }}' },
				credentials: { vtexOrderProcessingApi: { id: cred.id, name: cred.name } },
			},
		],
		connections: link('Webhook', 'Get Order'),
		settings: { executionOrder: 'v1' },
	};
}

describe('n8n e2e smoke', { timeout: 30 * 60_000 }, () => {
	let inst;
	let stub;
	let cred;
	let ids;
	const webhookPath = `e2e-order-${Date.now()}`;

	before(async () => {
		const { tarball, runtime } = await prepare();
		log(`Node ${runtime.nodeVersion}, n8n ${runtime.n8nVersion}, package ${tarball}`);
		stub = await startStubServer(({ method, url }) => {
			if (method === 'GET' && url.split('?')[0] === `/api/oms/pvt/orders/${ORDER.orderId}`)
				return { json: ORDER };
			return undefined;
		});
		inst = await createInstance({ tarball });
		log(`N8N_USER_FOLDER=${inst.userFolder}, stub at ${stub.baseUrl}`);
		cred = await importVtexCredential(inst, { baseUrl: stub.baseUrl });
		const [vtex, core, hook] = await importWorkflows(inst, [
			vtexGetOrderWorkflow(cred),
			coreNodesWorkflow(),
			webhookWorkflow(cred, webhookPath),
		]);
		ids = { vtex: vtex.id, core: core.id, hook: hook.id };
	});

	after(async () => {
		await stub?.close();
		if (inst && !process.env.E2E_KEEP) await destroyInstance(inst);
	});

	test('peer dependencies resolve from n8n’s own tree, not from an install of ours', async () => {
		const report = await resolutionReport(inst);
		for (const name of ['n8n-workflow', 'zod', 'luxon']) {
			const r = report.modules[name];
			assert.ok(r, `${name} is not required by dist/?`);
			assert.equal(
				r.withoutNodePath,
				null,
				`${name} resolves without n8n's NODE_PATH: ${r.withoutNodePath}`,
			);
			assert.ok(r.n8nOwnTree, `${name} is not in n8n's own node_modules`);
		}
		for (const [name, r] of Object.entries(report.modules)) {
			assert.ok(
				r.n8nOwnTree,
				`${name} would only resolve outside the n8n install: ${JSON.stringify(r)}`,
			);
		}
		log(
			'resolution:',
			JSON.stringify(
				Object.fromEntries(
					Object.entries(report.modules).map(([k, v]) => [
						k,
						`${v.n8nOwnTree.version} @ ${v.n8nOwnTree.dir}`,
					]),
				),
			),
		);
	});

	test(`every name the package takes from n8n-workflow exists in n8n ${N8N_VERSION}'s`, async () => {
		const { version, used, missing } = await missingWorkflowExports(inst);
		assert.ok(used.length > 0, 'found no use of n8n-workflow in dist/');
		assert.deepEqual(missing, [], `n8n-workflow ${version} does not export: ${missing.join(', ')}`);
		log(`n8n-workflow ${version} exports all ${used.length} names used: ${used.join(', ')}`);
	});

	test('VTEX node: get order through the stub', async () => {
		const res = await executeWorkflow(inst, ids.vtex);
		assert.ok(res.ok, res.why);
		const out = res.nodeOutput('Get Order');
		assert.equal(out?.length, 1);
		assert.equal(out[0].orderId, ORDER.orderId);
		const req = stub.requests.find((r) => r.url.startsWith(`/api/oms/pvt/orders/${ORDER.orderId}`));
		assert.ok(req, 'the stub saw no request');
		assert.equal(req.headers['x-vtex-api-appkey'], 'vtexappkey-e2estore-TEST');
		assert.equal(req.headers['x-vtex-api-apptoken'], 'e2e-secret-token');
		log(`VTEX execute took ${res.ms} ms`);
	});

	test('core nodes: manualTrigger, set 3.4 raw JSON, if, noOp, stickyNote', async () => {
		const res = await executeWorkflow(inst, ids.core);
		assert.ok(res.ok, res.why);
		assert.deepEqual(res.nodeOutput('Order JSON'), [
			{ orderId: '1001-01', totalCents: 2499, doubled: 42 },
		]);
		assert.deepEqual(res.nodeOutput('Big'), [
			{ orderId: '1001-01', totalCents: 2499, doubled: 42 },
		]);
		assert.equal(res.nodeOutput('Small'), undefined);
		log(`core execute took ${res.ms} ms`);
	});

	test('n8n start serves a published webhook workflow that calls the VTEX node', async () => {
		await publishWorkflow(inst, ids.hook);
		const t0 = Date.now();
		const server = await startN8n(inst, { webhooks: [{ path: webhookPath, method: 'GET' }] });
		try {
			log(`n8n start ready in ${Date.now() - t0} ms on ${server.baseUrl}`);
			const res = await fetch(`${server.baseUrl}/webhook/${webhookPath}?orderId=${ORDER.orderId}`);
			const text = await res.text();
			assert.equal(res.status, 200, `${res.status} ${text}\n${server.output().slice(-3000)}`);
			assert.equal(JSON.parse(text).orderId, ORDER.orderId);
		} finally {
			await server.stop();
		}
	});

	const skipSsrf = process.env.E2E_SKIP_SSRF
		? 'E2E_SKIP_SSRF is set'
		: N8N_MAJOR < 2
			? `n8n ${N8N_VERSION} has no SSRF protection (n8n 2.x brought it)`
			: false;
	test(
		'SSRF protection, when enabled, blocks 127.0.0.1 unless allowed',
		{ skip: skipSsrf },
		async () => {
			const seen = stub.requests.length;
			const blocked = await executeWorkflow(inst, ids.vtex, {
				env: { N8N_SSRF_PROTECTION_ENABLED: 'true' },
			});
			assert.equal(blocked.ok, false, 'expected the request to 127.0.0.1 to be blocked');
			assert.equal(stub.requests.length, seen, 'the blocked request reached the stub');
			assert.match(String(blocked.error?.description), /restricted IP address/);
			log(`blocked with: ${blocked.error?.message} — ${blocked.error?.description}`);
			const allowed = await executeWorkflow(inst, ids.vtex, {
				env: { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' },
			});
			assert.ok(allowed.ok, allowed.why);
			assert.equal(allowed.nodeOutput('Get Order')?.[0]?.orderId, ORDER.orderId);
		},
	);
});
