// A new user's path through the README in real n8n 2.40.7 (Node 24), with this package installed
// as n8n installs a community package and the VTEX sandbox as a child process:
//   - the owner account is set up (n8n's first-run form) and a VTEX credential created as the
//     editor creates one, under the name the editor proposes;
//   - every file of workflows-examples/ is imported as the README says, both ways, as written:
//     `n8n import:workflow --input=<file>` (the file untouched: no id added) and the editor's
//     Import from File (the REST calls the editor makes after login), and each VTEX node comes out
//     linked to that credential;
//   - the node panel's data: the feed trigger is offered under the action node (its type name is
//     the action node's plus "Trigger"), the earlier type is hidden;
//   - an imported example runs from its Manual Trigger, as the sticky note says (Execute workflow →
//     from Run with Sample Data), and VTEX's state shows it.
// Run through scripts/e2e/run-e2e.mjs (`npm run test:e2e`) after `npm run build`.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	N8N_MAJOR,
	N8N_VERSION,
	REPO_DIR,
	createInstance,
	destroyInstance,
	log,
	logIn,
	n8n,
	prepare,
	setUpOwner,
	startN8n,
	startSandboxProcess,
} from '../n8n.mjs';

const EXAMPLES_DIR = path.join(REPO_DIR, 'workflows-examples');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')).name;
const catalogue = JSON.parse(
	fs.readFileSync(path.join(REPO_DIR, 'test/workflows-examples/catalogue.json'), 'utf8'),
);
const FILES = fs
	.readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.sort();
const readExample = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));

/**
 * The name n8n's editor proposes for a new credential: the type's display name without the words
 * API, OAuth1, OAuth2 and MCP, then " account" (n8n 2.40.7's credentials store,
 * getNewCredentialName), made unique by GET /rest/credentials/new.
 */
async function editorCredentialName(session, type) {
	const types = (await session.request('GET', '/types/credentials.json')).json;
	const { displayName } = types.find((candidate) => candidate.name === type);
	const appName = displayName
		.split(' ')
		.filter((word) => !['API', 'OAuth1', 'OAuth2', 'MCP'].includes(word))
		.join(' ');
	const { name } = await session.get(
		`/rest/credentials/new?name=${encodeURIComponent(`${appName} account`)}`,
	);
	return name;
}

/** The VTEX nodes' credential references of a stored workflow. */
const vtexCredentials = (workflow) =>
	workflow.nodes
		.filter((node) => node.type.startsWith(`${PACKAGE}.`))
		.map((node) => [node.name, node.credentials?.vtexOrderProcessingApi]);

// The editor's import is replayed as n8n 2.x's editor sends it (recorded in 2.40.7's editor; the
// server links the credential by name). n8n 1.x's server keeps the id it is given and runs a
// workflow through other REST routes, so the editor steps are checked on the 2.x leg only; the
// CLI import, which both lines link by name, is checked on both.
const editorSteps =
	N8N_MAJOR >= 2
		? {}
		: {
				skip: `the editor's REST calls are recorded from n8n 2.x; n8n ${N8N_VERSION} sends others`,
			};

describe('a new user, following the README in real n8n', { timeout: 20 * 60_000 }, () => {
	let inst;
	let sandbox;
	let server;
	let session;
	let credential;
	const editorIds = {};

	before(async () => {
		const { tarball } = await prepare();
		inst = await createInstance({ tarball });
		sandbox = await startSandboxProcess();
		server = await startN8n(inst);
		log(
			`N8N_USER_FOLDER=${inst.userFolder}, n8n at ${server.baseUrl}, sandbox at ${sandbox.baseUrl}`,
		);
	});

	after(async () => {
		await server?.stop();
		await sandbox?.stop();
		if (inst && !process.env.E2E_KEEP) await destroyInstance(inst);
	});

	test('sets up the owner and creates the credential under the name the editor proposes', async () => {
		assert.equal(await setUpOwner(server.baseUrl), true);
		session = await logIn(server.baseUrl);
		const name = await editorCredentialName(session, 'vtexOrderProcessingApi');
		assert.equal(name, 'VTEX Order Processing account');
		assert.equal(
			name,
			catalogue.credentialName,
			'the examples reference the credential by this name',
		);
		credential = await session.post('/rest/credentials', {
			name,
			type: 'vtexOrderProcessingApi',
			data: { ...sandbox.credential, environment: 'vtexcommercestable' },
		});
		assert.ok(credential.id);
	});

	test('finds the feed trigger under VTEX Order Processing in the node panel, with Poll Times once', async () => {
		const types = (await session.request('GET', '/types/nodes.json')).json;
		const byName = (name) => types.find((type) => type.name === `${PACKAGE}.${name}`);
		// n8n's node creator merges a trigger into an app when trigger.name.replace('Trigger', '') === app.name.
		const app = byName('vtexOrderProcessing');
		assert.ok(app);
		const trigger = byName('vtexOrderProcessingTrigger');
		assert.ok(trigger, 'no vtexOrderProcessingTrigger');
		assert.equal(trigger.name.replace('Trigger', ''), app.name);
		assert.ok(!trigger.hidden);
		// One feed trigger type: no second copy whose properties array n8n's loader fills twice.
		// (n8n also serves the action node's AI-tool variant, `vtexOrderProcessingTool`, which it
		// derives from `usableAsTool`; it is not a type of the package's own.)
		assert.deepEqual(
			types
				.filter((type) => type.name.startsWith(`${PACKAGE}.`))
				.map((type) => type.name)
				.filter((name) => name !== `${PACKAGE}.vtexOrderProcessingTool`)
				.sort(),
			['vtexOrderHookTrigger', 'vtexOrderProcessing', 'vtexOrderProcessingTrigger'].map(
				(name) => `${PACKAGE}.${name}`,
			),
		);
		for (const type of [trigger, app, byName('vtexOrderHookTrigger')]) {
			const names = type.properties.map((property) => property.name);
			assert.equal(
				names.filter((name) => name === 'pollTimes').length,
				type.polling ? 1 : 0,
				type.name,
			);
		}
		// The merged entry "VTEX Order Processing" shows the trigger's description (n8n's
		// generateMergedNodesAndActions): it must speak for the action node first.
		assert.match(trigger.description, /^Send ERP and WMS order updates to VTEX/);
	});

	for (const file of FILES) {
		test(`CLI: n8n import:workflow --input=workflows-examples/${file} imports it as it is, credential linked`, async () => {
			assert.ok(credential, 'no credential');
			const { id } = readExample(file);
			assert.ok(id, `${file} has no workflow id`);
			const result = await n8n(
				inst,
				['import:workflow', `--input=${path.join(EXAMPLES_DIR, file)}`],
				{ env: { N8N_LOG_LEVEL: 'info' } },
			);
			assert.match(result.stdout + result.stderr, /Successfully imported 1 workflow/);
			const stored = await session.get(`/rest/workflows/${id}`);
			assert.equal(
				stored.settings?.timezone,
				readExample(file).settings?.timezone,
				'the command-line import keeps the time zone',
			);
			const linked = vtexCredentials(stored);
			assert.ok(linked.length > 0);
			assert.deepEqual(
				linked,
				linked.map(([node]) => [node, { id: credential.id, name: credential.name }]),
			);
		});

		test(
			`editor: Import from File of workflows-examples/${file}, credential linked`,
			editorSteps,
			async () => {
				assert.ok(credential, 'no credential');
				const example = readExample(file);
				// What the editor posts when a file is imported into a new workflow: its nodes, connections
				// and pinned data under the file's name; not the file's id, nor its settings.
				const created = await session.post('/rest/workflows', {
					name: example.name,
					nodes: example.nodes,
					connections: example.connections,
					pinData: example.pinData ?? {},
					settings: { executionOrder: 'v1' },
					active: false,
				});
				assert.notEqual(created.id, example.id);
				// The README says so: set the time zone after an editor import.
				assert.equal(created.settings?.timezone, undefined);
				editorIds[file] = created.id;
				assert.deepEqual(
					vtexCredentials(created),
					vtexCredentials(created).map(([node]) => [
						node,
						{ id: credential.id, name: credential.name },
					]),
				);
			},
		);
	}

	test(
		'runs the imported invoice example from its Manual Trigger, as its sticky note says',
		editorSteps,
		async () => {
			const entry = catalogue.examples.find((example) => example.file.startsWith('01'));
			const id = editorIds[entry.file];
			assert.ok(id, 'example 1 was not imported through the editor');
			const note = readExample(entry.file).nodes.find(
				(node) =>
					node.type === 'n8n-nodes-base.stickyNote' &&
					/\*\*Execute workflow\*\*/.test(node.parameters.content),
			);
			assert.match(note.parameters.content, new RegExp(`\\*\\*from ${entry.manualTrigger}\\*\\*`));
			// Execute workflow, "from Run with Sample Data" chosen: the editor's request.
			const { executionId } = await session.post(`/rest/workflows/${id}/run`, {
				workflowId: id,
				startNodes: [],
				triggerToStartFrom: { name: entry.manualTrigger },
			});
			let execution;
			const deadline = Date.now() + 120_000;
			do {
				await new Promise((resolve) => setTimeout(resolve, 500));
				execution = await session.get(`/rest/executions/${executionId}`);
			} while (
				!['success', 'error', 'crashed', 'canceled'].includes(execution.status) &&
				Date.now() < deadline
			);
			assert.equal(execution.status, 'success', String(execution.data).slice(0, 2000));
			const order = await sandbox.order('1002-01');
			assert.equal(order.status, 'invoiced');
			assert.equal(order.packageAttachment.packages[0].invoiceNumber, 'NF-2001');
		},
	);
});
