// The VTEX Order Hook Trigger inside real n8n 2.40.7 (`n8n start`), against the VTEX sandbox:
// activating example 7 registers its production URL as the app key's hook (VTEX's ping answered),
// each status change the sandbox makes is POSTed to n8n and starts an execution, a notification
// without the secret header gets 401 and starts none, and deactivating removes the hook.
// Run through scripts/e2e/run-e2e.mjs (`npm run test:e2e`) after `npm run build`.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	REPO_DIR,
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
} from '../n8n.mjs';

const catalogue = JSON.parse(
	fs.readFileSync(path.join(REPO_DIR, 'test/workflows-examples/catalogue.json'), 'utf8'),
);
const entry = catalogue.examples.find((example) => example.hookTrigger);
const SECRET_HEADER = 'x-workflow-hook-verification';

/** Example 7 with its placeholder URLs pointed at the sandbox's stand-ins. */
function loadExample(sandboxBaseUrl) {
	let text = fs.readFileSync(path.join(REPO_DIR, 'workflows-examples', entry.file), 'utf8');
	for (const [placeholder, sandboxPath] of Object.entries(catalogue.placeholders))
		text = text.split(placeholder).join(`${sandboxBaseUrl}${sandboxPath}`);
	return JSON.parse(text);
}

describe('VTEX Order Hook Trigger in real n8n (n8n start)', { timeout: 10 * 60_000 }, () => {
	let inst;
	let sandbox;
	let server;

	before(async () => {
		const { tarball } = await prepare();
		inst = await createInstance({ tarball });
		sandbox = await startSandboxProcess();
		// VTEX's pause before a retry is not documented; short ones keep the test quick.
		await sandbox.api('PUT', '/_sandbox/hook/settings', { retryBaseMs: 200, maxAttempts: 3 });
		log(`N8N_USER_FOLDER=${inst.userFolder}, sandbox at ${sandbox.baseUrl}`);
	});

	after(async () => {
		await server?.stop();
		await sandbox?.stop();
		if (inst && !process.env.E2E_KEEP) await destroyInstance(inst);
	});

	test('activation registers the hook; notifications start executions, one without the secret none; deactivation removes it', async () => {
		const workflow = loadExample(sandbox.baseUrl);
		const trigger = workflow.nodes.find((node) => node.name === entry.hookTrigger);
		const { id: credentialId, name: credentialName } = trigger.credentials.vtexOrderProcessingApi;
		await importVtexCredential(inst, {
			...sandbox.credential,
			id: credentialId,
			name: credentialName,
		});
		const workflowId = await importWorkflow(inst, workflow);
		await publishWorkflow(inst, workflowId);
		const webhookPath = `${trigger.webhookId}/webhook`;
		server = await startN8n(inst, { webhooks: [{ path: webhookPath, method: 'POST' }] });
		const productionUrl = `${server.baseUrl}/webhook/${webhookPath}`;
		const appKey = sandbox.credential.appKey;

		// Activation: VTEX (the sandbox) pinged the URL, got 200, and saved the hook with the secret header.
		const registered = await waitFor(
			'the hook to be registered',
			async () => (await sandbox.hook()).hooks[appKey],
		);
		assert.equal(registered.url, productionUrl);
		assert.deepEqual(registered.headerNames, [SECRET_HEADER]);
		assert.deepEqual(registered.filter, { type: 'FromWorkflow', status: ['ready-for-handling'] });
		const ping = (await sandbox.hook()).deliveries.find((delivery) => delivery.kind === 'ping');
		assert.equal(ping?.attempts.at(-1)?.status, 200, JSON.stringify(ping));

		// A status change the filter takes: VTEX notifies n8n, the workflow hands the order to the ERP and starts handling.
		await sandbox.api('POST', '/_sandbox/orders/1007-01/status', { status: 'ready-for-handling' });
		await waitFor(
			'order 1007-01 to be handled',
			async () => (await sandbox.order('1007-01')).status === 'handling',
			120_000,
		);
		const [notified] = (await sandbox.hook()).deliveries.filter(
			(delivery) => delivery.kind === 'notification',
		);
		assert.deepEqual(
			notified.attempts.map((attempt) => attempt.status),
			[200],
		);
		assert.ok(notified.attempts[0].ms < 5000, `answered in ${notified.attempts[0].ms} ms`);

		// Without the secret: 401, and the order is never handed to the ERP.
		const refused = await sandbox.api('POST', '/_sandbox/hook/notify', {
			omitHeaders: true,
			retry: false,
			change: { orderId: '1008-01', state: 'ready-for-handling' },
		});
		assert.deepEqual(
			refused.attempts.map((attempt) => attempt.status),
			[401],
		);
		// A real one after it, to know the workflow had its chance to run.
		await sandbox.api('POST', '/_sandbox/orders/1009-01/status', { status: 'ready-for-handling' });
		await waitFor(
			'order 1009-01 to be handled',
			async () => (await sandbox.order('1009-01')).status === 'handling',
			120_000,
		);
		const erpOrders = (await sandbox.api('GET', '/_sandbox/erp/orders')).map(
			(received) => received.body.orderId,
		);
		assert.deepEqual(erpOrders.sort(), ['1007-01', '1009-01']);
		assert.notEqual((await sandbox.order('1008-01')).status, 'handling');

		// The executions n8n recorded: one per accepted notification.
		const rest = await ownerSession(server);
		const executions = await rest.executions(workflowId);
		assert.equal(
			executions.length,
			2,
			JSON.stringify(executions.map((execution) => execution.status)),
		);

		// Deactivation: the node's delete method removes the hook, since it is this workflow's.
		await rest.deactivate(workflowId);
		await waitFor('the hook to be removed', async () => !(await sandbox.hook()).hooks[appKey]);
		const output = server.output();
		assert.ok(
			!output.includes(
				(
					await sandbox.api(
						'GET',
						'/_sandbox/requests?pathPrefix=/api/orders/hook/config&method=POST',
					)
				)[0].body.hook.headers[SECRET_HEADER],
			),
			'n8n logged the hook secret',
		);
	});
});
