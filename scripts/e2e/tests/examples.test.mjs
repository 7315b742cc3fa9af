// The example workflows inside the leg's real n8n (2.40.7 on Node 24, or 1.123.81 on Node 22), with this package installed as n8n
// installs a community package. Against the VTEX sandbox, started as a child process, it:
//   - checks every example against the real node types: known types and versions, no parameter
//     n8n would drop, and n8n's import prints no warning;
//   - imports a credential and every example, runs each headless (`n8n execute --id`, from its
//     Manual Trigger and sample data) and asserts n8n's result and the sandbox's state;
//   - starts n8n with the invoice example and the orders-feed example active: a caller posts to
//     the invoice webhook, and the feed trigger polls twice, handling and committing the feed.
// Run through scripts/e2e/run-e2e.mjs (`npm run test:e2e`) after `npm run build`.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	N8N_DIR,
	N8N_PKG_DIR,
	N8N_VERSION,
	NODE_BIN,
	REPO_DIR,
	createInstance,
	destroyInstance,
	executeWorkflow,
	importVtexCredential,
	log,
	n8n,
	prepare,
	publishWorkflow,
	run,
	startN8n,
	startSandboxProcess,
} from '../n8n.mjs';

const catalogue = JSON.parse(
	fs.readFileSync(path.join(REPO_DIR, 'test/workflows-examples/catalogue.json'), 'utf8'),
);
const EXAMPLES_DIR = path.join(REPO_DIR, 'workflows-examples');
const FEED_TRIGGER_FILE = 'VtexOrderProcessingTrigger.node.js';

/** Lines of n8n's output that signal a problem with what it loaded, imported or ran. */
const WARNING =
	/\bwarn(?:ing)?\b|unrecogni[sz]ed|unknown|not (?:installed|known|found)|deprecated|skipped|could not|failed to load|invalid/i;
/** n8n says this on every CLI run of a fresh instance; it is about n8n's own encryption key. */
const HARMLESS = [/Legacy aes-256-cbc encryption key not found; falling back to instance key/];

// ---------------------------------------------------------------- examples

/** An example's JSON with its placeholder URLs pointed at the sandbox's ERP and chat stand-ins. */
function loadExample(entry, sandboxBaseUrl) {
	let text = fs.readFileSync(path.join(EXAMPLES_DIR, entry.file), 'utf8');
	for (const [placeholder, sandboxPath] of Object.entries(catalogue.placeholders)) {
		text = text.split(placeholder).join(`${sandboxBaseUrl}${sandboxPath}`);
	}
	return JSON.parse(text);
}

/**
 * Loads each node type the workflows use from n8n's own install (n8n-nodes-base) and from the
 * installed package, as n8n's loader would, and reports per node: an unknown type, an unknown
 * version, and every parameter key n8n's NodeHelpers.getNodeParameters drops (unknown, or not
 * shown for the values given): what n8n silently discards when it opens the workflow.
 */
async function nodeTypeReport(inst, workflows) {
	const script = `
		const path = require('path');
		const [n8nDir, packageDir] = process.argv.slice(1);
		const workflowsJson = require('fs').readFileSync(0, 'utf8');
		const modules = path.join(n8nDir, 'node_modules');
		const { NodeHelpers } = require(path.join(modules, 'n8n-workflow'));
		const { commonPollingParameters } = require(path.join(modules, 'n8n-core', 'dist', 'nodes-loader', 'constants'));
		const packages = {
			'n8n-nodes-base': path.join(modules, 'n8n-nodes-base'),
			[require(path.join(packageDir, 'package.json')).name]: packageDir,
		};
		const cache = new Map();
		function loadType(type) {
			if (cache.has(type)) return cache.get(type);
			const [pkg, name] = type.split('.');
			let found = null;
			if (packages[pkg]) {
				const files = require(path.join(packages[pkg], 'package.json')).n8n.nodes;
				const file = files.find((f) => path.basename(f).toLowerCase() === name.toLowerCase() + '.node.js');
				if (file) {
					const exported = require(path.join(packages[pkg], file));
					const Cls = Object.values(exported).find((value) => typeof value === 'function');
					found = new Cls();
				}
			}
			cache.set(type, found);
			return found;
		}
		function dropped(given, kept, prefix) {
			if (!given || typeof given !== 'object') return [];
			if (!kept || typeof kept !== 'object') return [prefix || '(all)'];
			return Object.entries(given).flatMap(([key, value]) => key in kept ? dropped(value, kept[key], prefix + key + '.') : [prefix + key]);
		}
		const problems = [];
		for (const workflow of JSON.parse(workflowsJson)) {
			for (const node of workflow.nodes) {
				const where = workflow.name + ' › ' + node.name + ' (' + node.type + ' v' + node.typeVersion + ')';
				const type = loadType(node.type);
				if (!type) { problems.push(where + ': unknown node type'); continue; }
				let versioned;
				try { versioned = NodeHelpers.getVersionedNodeType(type, node.typeVersion); } catch (e) { problems.push(where + ': ' + e.message); continue; }
				const description = versioned.description;
				const versions = [].concat(description.version);
				if (!versions.includes(node.typeVersion)) { problems.push(where + ': unknown version (has ' + versions.join(', ') + ')'); continue; }
				const properties = description.polling ? [...commonPollingParameters, ...description.properties] : description.properties;
				const kept = NodeHelpers.getNodeParameters(properties, node.parameters, true, false, node, description);
				for (const key of dropped(node.parameters, kept, '')) problems.push(where + ': parameter "' + key + '" is unknown or not shown');
			}
		}
		console.log(JSON.stringify(problems));`;
	// The package's bare requires resolve through the NODE_PATH n8n's loader sets (its own tree).
	const { stdout } = await run(NODE_BIN, ['-e', script, N8N_DIR, inst.packageDir], {
		env: {
			PATH: process.env.PATH,
			NODE_PATH: [path.join(N8N_PKG_DIR, 'node_modules'), path.join(N8N_DIR, 'node_modules')].join(
				path.delimiter,
			),
		},
		input: JSON.stringify(workflows),
	});
	return JSON.parse(stdout.trim().split('\n').pop());
}

const newId = () => randomBytes(8).toString('hex');

/** Lines of a CLI run's output that look like warnings, minus the execution JSON `n8n execute` prints. */
function warningsIn(output) {
	const json = output.indexOf('\n{\n');
	const text = json >= 0 ? output.slice(0, json) : output;
	return text
		.split('\n')
		.filter((line) => WARNING.test(line) && !HARMLESS.some((harmless) => harmless.test(line)));
}

/** Items of one output of a node, over every run of it (a node fed by two samples runs twice). */
const outputOf = (result, nodeName, outputIndex = 0) =>
	(result.run?.data?.resultData?.runData?.[nodeName] ?? []).flatMap((taskRun) =>
		(taskRun.data?.main?.[outputIndex] ?? []).map((item) => item.json),
	);

// -------------------------------------------------------------------- tests

describe('example workflows in real n8n', { timeout: 30 * 60_000 }, () => {
	let inst;
	let sandbox;
	let hasFeedTrigger;
	const ids = {};
	const runs = {};
	const byFile = (prefix) => catalogue.examples.find((entry) => entry.file.startsWith(prefix));

	before(async () => {
		const { tarball } = await prepare();
		inst = await createInstance({ tarball });
		sandbox = await startSandboxProcess();
		log(`N8N_USER_FOLDER=${inst.userFolder}, sandbox at ${sandbox.baseUrl}`);
		const nodes = JSON.parse(fs.readFileSync(path.join(inst.packageDir, 'package.json'), 'utf8'))
			.n8n.nodes;
		hasFeedTrigger = nodes.some((file) => path.basename(file) === FEED_TRIGGER_FILE);
		if (!hasFeedTrigger)
			log('the package has no VTEX Order Feed Trigger yet: example 2 is skipped');
	});

	after(async () => {
		await sandbox?.stop();
		if (inst && !process.env.E2E_KEEP) await destroyInstance(inst);
	});

	const examples = () => catalogue.examples.filter((entry) => !entry.feedTrigger || hasFeedTrigger);

	test(`every example uses known node types, versions and parameters of n8n ${N8N_VERSION} and this package`, async () => {
		const problems = await nodeTypeReport(
			inst,
			examples().map((entry) => loadExample(entry, sandbox.baseUrl)),
		);
		assert.deepEqual(problems, []);
	});

	test('n8n imports the credential and every example without a warning', async () => {
		const credential = await importVtexCredential(inst, {
			...sandbox.credential,
			name: catalogue.credentialName,
		});
		const workflows = examples().map((entry) => ({
			...loadExample(entry, sandbox.baseUrl),
			id: newId(),
		}));
		fs.mkdirSync(inst.tmpDir, { recursive: true });
		const file = path.join(inst.tmpDir, 'examples.json');
		fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
		const result = await n8n(inst, ['import:workflow', `--input=${file}`], {
			env: { N8N_LOG_LEVEL: 'info' },
		});
		assert.deepEqual(warningsIn(result.stdout + result.stderr), [], result.stdout + result.stderr);
		assert.match(
			result.stdout + result.stderr,
			new RegExp(`Successfully imported ${workflows.length} workflows`),
		);
		examples().forEach((entry, index) => (ids[entry.file] = workflows[index].id));
		log(`credential ${credential.id}; imported ${workflows.length} examples`);
	});

	/** Runs an example headless once and checks what every run must satisfy. */
	async function execute(prefix) {
		const entry = byFile(prefix);
		assert.ok(ids[entry.file], `${entry.file} was not imported`);
		const result = await executeWorkflow(inst, ids[entry.file]);
		assert.ok(result.ok, result.why);
		assert.deepEqual(warningsIn(result.stdout + result.stderr), [], result.stderr);
		assert.ok(
			outputOf(result, entry.manualTrigger).length > 0,
			`${entry.manualTrigger} did not start the run`,
		);
		log(`${entry.file}: ${result.ms} ms, last node ${result.lastNode}`);
		runs[prefix] = result;
		return result;
	}

	test('1. ERP → VTEX invoice: the order is invoiced in cents, with tracking, and the ERP gets the receipt', async () => {
		const result = await execute('01');
		const order = await sandbox.order('1002-01');
		assert.equal(order.status, 'invoiced');
		const [invoice] = order.packageAttachment.packages;
		assert.equal(invoice.invoiceNumber, 'NF-2001');
		assert.equal(invoice.invoiceValue, 23467);
		assert.equal(invoice.trackingNumber, 'AB123456789BR');
		assert.deepEqual(
			invoice.items.map((item) => [item.id, item.quantity, item.price]),
			[
				['101', 2, 4990],
				['202', 3, 1999],
				['303', 1, 5990],
			],
		);
		assert.equal(outputOf(result, 'Reply with Receipt')[0].receipt, invoice.receipt);
	});

	test('2. VTEX feed → ERP, from the sample event: the ERP gets the order, then handling starts', async (t) => {
		if (!hasFeedTrigger) return t.skip('the package has no VTEX Order Feed Trigger yet');
		await execute('02');
		const erpOrders = await sandbox.api('GET', '/_sandbox/erp/orders');
		assert.deepEqual(
			erpOrders.map((received) => received.body.orderId),
			['1001-01'],
		);
		assert.equal(erpOrders[0].body.total.cents, 17477);
		assert.equal((await sandbox.order('1001-01')).status, 'handling');
	});

	test('3. Carrier tracking: tracking number, events, delivered in the workflow time zone', async () => {
		await execute('03');
		const [invoice] = (await sandbox.order('1003-01')).packageAttachment.packages;
		assert.equal(invoice.trackingNumber, 'AB123456789BR');
		assert.equal(invoice.courierStatus.finished, true);
		assert.equal(invoice.courierStatus.deliveredDate, '2026-11-24 18:30');
		assert.deepEqual(
			invoice.courierStatus.data.map((event) => event.createDate),
			['2026-11-22', '2026-11-24'],
		);
	});

	test('4. Cancel with a note: canceled with a note; the invoiced order takes the error branch and the team is notified', async () => {
		const result = await execute('04');
		const state = await sandbox.state();
		assert.equal((await sandbox.order('1010-01')).status, 'canceled');
		assert.deepEqual(
			state.families.notes['1010-01'].map((note) => note.description),
			["Order canceled at the customer's request. Reason: Customer gave up: delivery too late"],
		);
		assert.equal((await sandbox.order('1003-01')).status, 'invoiced');
		const refused = outputOf(result, 'Cancel Order', 1);
		assert.deepEqual(
			refused.map((item) => [
				item.orderId,
				item.error.vtexCode,
				item.error.httpCode,
				typeof item.message,
			]),
			[['1003-01', 'OrderHasInvoice', 400, 'string']],
		);
		assert.deepEqual(
			outputOf(result, 'Reply Canceled').map((item) => item.orderId),
			['1010-01'],
		);
		const texts = state.families.outside.notifications.map((sent) => sent.body.text);
		assert.equal(texts.length, 1);
		assert.match(texts[0], /^VTEX refused to cancel order 1003-01 \(Duplicate order\)/);
	});

	test('5. Change items: previewed within the limit, created and applied', async () => {
		const result = await execute('05');
		const { changes } = (await sandbox.state()).families.orderChanges;
		assert.deepEqual(
			changes.map((change) => [change.origin.orderId, change.status, change.totalChangeValue]),
			[['1011-01', 'done', 300]],
		);
		assert.deepEqual(
			(await sandbox.order('1011-01')).items.map((item) => [item.id, item.quantity]),
			[
				['101', 1],
				['102', 1],
			],
		);
		assert.equal(outputOf(result, 'Create Change')[0].applied, true);
	});

	test('6. Change seller: the order goes to the new seller with the payment in cents', async () => {
		await execute('06');
		assert.equal((await sandbox.order('1005-01')).sellers[0].id, 'sellerb');
		const { changes } = (await sandbox.state()).families.seller;
		assert.deepEqual(
			changes.map((change) => [change.orderId, change.to, change.marketplacePaymentValue]),
			[['1005-01', 'sellerb', 15723]],
		);
	});

	test('8. Go-live, from the sample event: the order handled by example 2 is a replay, then invoiced whole, tracked and delivered', async (t) => {
		if (!hasFeedTrigger) return t.skip('the package has no VTEX Order Feed Trigger yet');
		const result = await execute('08');
		const order = await sandbox.order('1001-01');
		assert.equal(order.status, 'invoiced');
		const [invoice] = order.packageAttachment.packages;
		assert.deepEqual(
			[
				invoice.invoiceNumber,
				invoice.invoiceValue,
				invoice.trackingNumber,
				invoice.courierStatus.finished,
			],
			['NF-1001-01', order.value, 'BR100101', true],
		);
		assert.equal(outputOf(result, 'Start Handling')[0].replay, true);
	});

	test(
		'n8n start: a caller posts to the invoice webhook; the feed trigger polls twice and commits the feed',
		{ timeout: 10 * 60_000 },
		async () => {
			assert.ok(runs['01'], 'the invoice example did not run headless');
			await publishWorkflow(inst, ids[byFile('01').file]);
			const feedExample = byFile('02');
			if (hasFeedTrigger) {
				await sandbox.api('POST', '/_sandbox/feed/config', {});
				await sandbox.api('POST', '/_sandbox/feed/backlog', {
					count: 1,
					statuses: ['ready-for-handling'],
					orderIds: ['1009-01'],
				});
				await publishWorkflow(inst, ids[feedExample.file]);
			}
			const server = await startN8n(inst, {
				webhooks: [{ path: 'vtex/order-shipped', method: 'POST' }],
			});
			try {
				const response = await fetch(`${server.baseUrl}/webhook/vtex/order-shipped`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({
						orderId: '1012-01',
						invoice: {
							number: 'NF-3001',
							value: '169.70',
							items: [
								{ id: '101', quantity: 2, price: '49.90' },
								{ id: '303', quantity: 1, price: '59.90' },
							],
						},
					}),
				});
				const answer = await response.json();
				assert.equal(
					response.status,
					200,
					`${JSON.stringify(answer)}\n${server.output().slice(-3000)}`,
				);
				const order = await sandbox.order('1012-01');
				assert.equal(order.status, 'invoiced');
				assert.equal(answer.receipt, order.packageAttachment.packages[0].receipt);

				if (!hasFeedTrigger) {
					log('feed trigger part skipped: the package has no VTEX Order Feed Trigger yet');
					return;
				}
				// Two polls: the first handles the backlog event (and Start Handling adds a "handling"
				// event); by the end of the second every event read is committed.
				const deadline = Date.now() + 4 * 60_000;
				let stats;
				let polls = 0;
				while (Date.now() < deadline) {
					const reads = await sandbox.api(
						'GET',
						'/_sandbox/requests?method=GET&pathPrefix=/api/orders/feed',
					);
					const times = reads.map((read) => Date.parse(read.at));
					polls = times.filter(
						(time, index) => index === 0 || time - times[index - 1] > 30_000,
					).length;
					stats = (await sandbox.api('GET', '/_sandbox/feed')).feeds[sandbox.credential.appKey];
					if (polls >= 2 && stats.queued === 0 && stats.committed >= 2) break;
					await new Promise((resolve) => setTimeout(resolve, 2000));
				}
				const output = server.output();
				assert.ok(polls >= 2, `the trigger polled ${polls} time(s)\n${output.slice(-3000)}`);
				assert.equal(
					stats.queued,
					0,
					`events left in the feed: ${JSON.stringify(stats)}\n${output.slice(-3000)}`,
				);
				// The backlog event, the "handling" event Start Handling caused, and the "invoiced" event of
				// the webhook's invoice when it came after the feed was configured: all read, all committed.
				assert.ok(stats.committed >= 2, JSON.stringify(stats));
				assert.equal(
					stats.committed,
					stats.delivered,
					`every event read is committed: ${JSON.stringify(stats)}`,
				);
				const erpOrders = await sandbox.api('GET', '/_sandbox/erp/orders');
				assert.ok(
					erpOrders.some((received) => received.body.orderId === '1009-01'),
					'the ERP did not receive order 1009-01',
				);
				assert.equal((await sandbox.order('1009-01')).status, 'handling');
				assert.deepEqual(
					output
						.split('\n')
						.filter(
							(line) =>
								/VTEX Order Feed Trigger|vtexOrderProcessingTrigger/.test(line) &&
								WARNING.test(line),
						),
					[],
				);
			} finally {
				await server.stop();
			}
		},
	);
});
