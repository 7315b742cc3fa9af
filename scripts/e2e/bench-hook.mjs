#!/usr/bin/env node
// `npm run bench:hook [-- --count 2000 --concurrency 20 --repeats 200]`: a burst of VTEX order
// hook notifications into the VTEX Order Hook Trigger inside real n8n 2.40.7 (`n8n start`,
// Node 24, SQLite, regular mode), on this machine.
//
// The workflow: VTEX Order Hook Trigger (Ignore Repeated Notifications on) → HTTP Request that
// posts the item to the sandbox's ERP stand-in. Activating it registers the hook at the VTEX
// sandbox; the sandbox then sends `count` notifications of distinct orders, as fast as n8n takes
// them (`concurrency` in flight, the next as soon as one is answered), then `repeats` of them
// again with the same body, as VTEX resends a notification it thinks failed. It reports
// notifications per second, the slowest answer (VTEX wants every one within 5,000 ms), and
// whether every notification started exactly one execution: each order reached the ERP once,
// n8n recorded as many executions as distinct notifications, and no repeat started one.
// Exit code 1 when a target is missed.

import fs from 'node:fs';
import os from 'node:os';

import {
	createInstance,
	destroyInstance,
	importVtexCredential,
	importWorkflow,
	log,
	ownerSession,
	prepare,
	publishWorkflow,
	startN8n,
	startSandboxProcess,
	waitFor,
} from './n8n.mjs';

const option = (name, fallback) => {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const COUNT = option('count', 2000);
const CONCURRENCY = option('concurrency', 20);
const REPEATS = option('repeats', 200);
const WEBHOOK_ID = '5c0d7b1e-hook-4b8a-bench-000000000001';

function benchWorkflow(sandboxBaseUrl) {
	const credentials = { vtexOrderProcessingApi: { id: 'BenchVtexCred001', name: 'VTEX bench' } };
	return {
		name: 'VTEX hook burst',
		nodes: [
			{
				parameters: { ignoreRepeated: true },
				id: 'a6b1c2d3-0000-4000-8000-000000000001',
				name: 'VTEX Order Hook Trigger',
				type: 'n8n-nodes-vtex-order-processing.vtexOrderHookTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				credentials,
			},
			{
				parameters: {
					method: 'POST',
					url: `${sandboxBaseUrl}/_sandbox/erp/orders`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ $json }}',
					options: {},
				},
				id: 'a6b1c2d3-0000-4000-8000-000000000002',
				name: 'Send to ERP',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
			},
		],
		connections: {
			'VTEX Order Hook Trigger': { main: [[{ node: 'Send to ERP', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function main() {
	const { tarball } = await prepare();
	const inst = await createInstance({ tarball });
	const sandbox = await startSandboxProcess();
	let server;
	try {
		await importVtexCredential(inst, {
			...sandbox.credential,
			id: 'BenchVtexCred001',
			name: 'VTEX bench',
		});
		const workflowId = await importWorkflow(inst, benchWorkflow(sandbox.baseUrl));
		await publishWorkflow(inst, workflowId);
		server = await startN8n(inst, {
			webhooks: [{ path: `${WEBHOOK_ID}/webhook`, method: 'POST' }],
		});
		const appKey = sandbox.credential.appKey;
		await waitFor('the hook to be registered', async () => (await sandbox.hook()).hooks[appKey]);
		await sandbox.api('DELETE', '/_sandbox/hook/deliveries');
		log(
			`n8n ${server.baseUrl} registered its hook; sending ${COUNT} notifications (${CONCURRENCY} in flight), then ${REPEATS} repeats`,
		);

		const burst = await sandbox.api('POST', '/_sandbox/hook/burst', {
			count: COUNT,
			concurrency: CONCURRENCY,
			repeats: REPEATS,
		});
		const orderIds = new Set(burst.orderIds);
		const erpCount = async () => (await sandbox.api('GET', '/_sandbox/erp/orders')).length;
		// Until every order reached the ERP, or nothing more arrives for a minute (some were lost).
		let last = -1;
		let lastChange = Date.now();
		await waitFor(
			`the ERP to receive ${COUNT} orders`,
			async () => {
				const count = await erpCount();
				if (count !== last) [last, lastChange] = [count, Date.now()];
				return count >= COUNT || Date.now() - lastChange > 60_000;
			},
			30 * 60_000,
			1000,
		);
		// Give a late duplicate the time to show up before counting.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const received = (await sandbox.api('GET', '/_sandbox/erp/orders')).map(
			(order) => order.body.orderId,
		);
		const perOrder = new Map();
		for (const orderId of received) perOrder.set(orderId, (perOrder.get(orderId) ?? 0) + 1);
		const lost = [...orderIds].filter((orderId) => !perOrder.has(orderId)).length;
		const duplicated = [...perOrder.values()].filter((times) => times > 1).length;
		const strangers = [...perOrder.keys()].filter((orderId) => !orderIds.has(orderId)).length;
		const rest = await ownerSession(server);
		const data = await rest.get(
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=1`,
		);
		const executions = data.count;
		const failed = (
			await rest.get(
				`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId, status: ['error'] }))}&limit=1`,
			)
		).count;

		const seconds = burst.elapsedMs / 1000;
		const figures = {
			notifications: burst.sent,
			repeats: burst.repeats,
			elapsedSeconds: Number(seconds.toFixed(1)),
			notificationsPerSecond: burst.perSecond,
			slowestAnswerMs: burst.slowestMs,
			answeredNot200: burst.failedAttempts,
			executions,
			failedExecutions: failed,
			ordersAtErp: received.length,
			lost,
			duplicated: duplicated + strangers,
			machine: `${os.cpus().length} cores, load ${os
				.loadavg()
				.map((load) => load.toFixed(1))
				.join(' ')}`,
		};
		console.log(JSON.stringify(figures, null, 2));
		const targets = [
			[`slowest answer ${burst.slowestMs} ms < 5,000 ms`, burst.slowestMs < 5000],
			[`every answer 200 (${burst.failedAttempts} were not)`, burst.failedAttempts === 0],
			[
				`one execution per distinct notification (${executions} for ${COUNT})`,
				executions === COUNT,
			],
			[
				`0 lost (${lost}), 0 duplicated (${duplicated + strangers}) at the ERP`,
				lost === 0 && duplicated + strangers === 0,
			],
		];
		for (const [what, met] of targets) console.log(`${met ? 'met    ' : 'MISSED '} ${what}`);
		if (process.env.BENCH_HOOK_RESULT)
			fs.writeFileSync(process.env.BENCH_HOOK_RESULT, JSON.stringify(figures, null, 2));
		return targets.every(([, met]) => met) ? 0 : 1;
	} finally {
		await server?.stop();
		await sandbox.stop();
		if (!process.env.E2E_KEEP) await destroyInstance(inst);
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error?.stack ?? error);
		process.exit(1);
	},
);
