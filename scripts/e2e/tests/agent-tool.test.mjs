// The package's node as an AI Agent's tools in real n8n, with the example "where is my order?"
// (workflows-examples/10-customer-service-agent.json) run headless from its Manual Trigger:
//   - the chat model is a stand-in on loopback that answers in OpenAI's chat-completions format
//     (n8n's OpenAI credential takes its Base URL) and plays a scripted conversation: it calls
//     Get Order, Find Orders, then Add Note to Order with an ambiguous order ID (the node refuses
//     it, as it would a person's input), then with one ID, then answers with the status Get Order
//     returned;
//   - each tool's $fromAI() parameters are filled from the model's tool calls, and the VTEX
//     sandbox shows what was read and written.
// Needs n8n's AI Agent v3 and OpenAI Chat Model v1.2 (both lines ship them); a leg whose n8n
// lacks either skips the test and says why.
// Run: npm run build && node scripts/e2e/run-e2e.mjs --n8n 2.40.7 scripts/e2e/tests/agent-tool.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	N8N_PKG_DIR,
	N8N_VERSION,
	REPO_DIR,
	createInstance,
	destroyInstance,
	executeWorkflow,
	importCredentials,
	importVtexCredential,
	importWorkflow,
	log,
	prepare,
	startSandboxProcess,
} from '../n8n.mjs';

const EXAMPLE = path.join(REPO_DIR, 'workflows-examples/10-customer-service-agent.json');
const ORDER_ID = '1001-01';
const EMAIL = 'ana.souza@example.com';
const AMBIGUOUS_ORDER_ID = '1001-01 or 1009-01';
const NOTE = 'Customer asked where order 1001-01 is; told them its status.';

/**
 * The node types the example needs from n8n's AI nodes, with the versions it uses.
 * @type {Array<[string, number]>}
 */
const AI_NODES = [
	['nodes/agents/Agent/Agent.node.js', 3],
	['nodes/llms/LMChatOpenAi/LmChatOpenAi.node.js', 1.2],
];

/** Why this leg cannot run the test, or undefined when it can. */
function missingAiNodes() {
	const base = path.join(path.dirname(N8N_PKG_DIR), '@n8n', 'n8n-nodes-langchain', 'dist');
	for (const [file, version] of AI_NODES) {
		const full = path.join(base, file);
		if (!fs.existsSync(full)) return `n8n ${N8N_VERSION} has no ${file}`;
		if (
			!new RegExp(`\\b${String(version).replace('.', '\\.')}\\b`).test(
				fs.readFileSync(full, 'utf8'),
			)
		) {
			return `n8n ${N8N_VERSION}'s ${file} has no version ${version}`;
		}
	}
	return undefined;
}

/** The tool whose name (n8n derives it from the node's name) contains `words`. */
function toolNamed(tools, words) {
	const tool = tools.find((candidate) =>
		candidate.function.name
			.toLowerCase()
			.replace(/[^a-z]/g, '')
			.includes(words),
	);
	assert.ok(tool, `no tool like "${words}" among ${tools.map((t) => t.function.name).join(', ')}`);
	return tool.function.name;
}

/**
 * The scripted model: each answer depends on how many tool results the conversation holds, so
 * n8n's agent loop (model → tool → model …) walks the whole script in one execution.
 */
function scriptedAnswer(request) {
	const { messages, tools = [] } = request;
	const results = messages.filter((message) => message.role === 'tool');
	const call = (name, args) => ({
		role: 'assistant',
		content: null,
		tool_calls: [
			{
				id: `call_${results.length + 1}`,
				type: 'function',
				function: { name, arguments: JSON.stringify(args) },
			},
		],
	});
	switch (results.length) {
		case 0:
			return call(toolNamed(tools, 'getorder'), { orderId: ORDER_ID });
		case 1:
			return call(toolNamed(tools, 'findorders'), { search: EMAIL });
		case 2:
			return call(toolNamed(tools, 'addnote'), { orderId: AMBIGUOUS_ORDER_ID, note: NOTE });
		case 3:
			return call(toolNamed(tools, 'addnote'), { orderId: ORDER_ID, note: NOTE });
		default: {
			const status = /"status\\?":\s*\\?"([a-z-]+)/.exec(String(results[0].content))?.[1];
			return { role: 'assistant', content: `Your order ${ORDER_ID} is ${status ?? 'unknown'}.` };
		}
	}
}

/** OpenAI's chat-completions API on loopback, answering with the script (as one chunk when streamed). */
async function startChatModel() {
	const requests = [];
	const server = http.createServer(async (req, res) => {
		let text = '';
		for await (const chunk of req) text += chunk;
		if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `no ${req.method} ${req.url}` } }));
			return;
		}
		const request = JSON.parse(text);
		requests.push(request);
		const message = scriptedAnswer(request);
		const finish = message.tool_calls ? 'tool_calls' : 'stop';
		const base = { id: `chatcmpl-${requests.length}`, created: 1, model: request.model };
		if (request.stream) {
			const delta = message.tool_calls
				? { role: 'assistant', tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })) }
				: { role: 'assistant', content: message.content };
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			const chunk = (choice) =>
				`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [choice] })}\n\n`;
			res.write(chunk({ index: 0, delta, finish_reason: null }));
			res.write(chunk({ index: 0, delta: {}, finish_reason: finish }));
			res.end('data: [DONE]\n\n');
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify({
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message, finish_reason: finish }],
				usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
			}),
		);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {
		baseUrl: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/v1`,
		requests,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

describe('the node as an AI Agent tool in real n8n', { timeout: 15 * 60_000 }, () => {
	const missing = missingAiNodes();
	let inst;
	let sandbox;
	let model;

	before(async () => {
		if (missing) return;
		const { tarball } = await prepare();
		// Older n8n lines read this to let a community node be a tool; 1.123 and 2.40 no longer need it.
		inst = await createInstance({
			tarball,
			env: { N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' },
		});
		sandbox = await startSandboxProcess();
		model = await startChatModel();
		log(
			`N8N_USER_FOLDER=${inst.userFolder}, sandbox at ${sandbox.baseUrl}, model at ${model.baseUrl}`,
		);
	});

	after(async () => {
		await model?.close();
		await sandbox?.stop();
		if (inst && !process.env.E2E_KEEP) await destroyInstance(inst);
	});

	test(
		'"where is my order?": the agent reads the order, finds the customer’s orders, and notes the answer; an ambiguous order ID is refused',
		{ skip: missing },
		async () => {
			const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
			await importVtexCredential(inst, {
				...sandbox.credential,
				id: 'VtexExampleCred1',
				name: 'VTEX Order Processing account',
			});
			await importCredentials(inst, {
				id: 'VtexExampleOpenAi',
				name: 'OpenAI account',
				type: 'openAiApi',
				data: { apiKey: 'sk-stand-in', url: model.baseUrl },
			});
			const id = await importWorkflow(inst, example);
			const result = await executeWorkflow(inst, id);
			assert.ok(result.ok, result.why);

			// The answer came from what Get Order read at the sandbox.
			const [answer] = result.nodeOutput('Customer Service Agent');
			assert.equal(answer.output, `Your order ${ORDER_ID} is ready-for-handling.`);

			// Each tool call reached VTEX with the $fromAI() values the model gave.
			const requests = await sandbox.api('GET', '/_sandbox/requests');
			const reads = requests.filter(
				(r) => r.method === 'GET' && r.path === `/api/oms/pvt/orders/${ORDER_ID}`,
			);
			assert.equal(reads.length, 1);
			const lists = requests.filter((r) => r.method === 'GET' && r.path === '/api/oms/pvt/orders');
			assert.deepEqual(
				lists.map((r) => [r.query.q, r.query.per_page]),
				[[EMAIL, '5']],
			);
			const notes = requests.filter((r) => r.method === 'POST' && r.path === '/api/do/notes');
			// One note: the ambiguous order ID was refused before anything reached VTEX.
			assert.deepEqual(
				notes.map((r) => [r.body.target.id, r.body.description]),
				[[ORDER_ID, NOTE]],
			);
			assert.ok(notes[0].status < 300, `the note was answered ${notes[0].status}`);

			// The model saw the refusal, naming the field, and the list's result.
			const toolResults = model.requests.at(-1).messages.filter((m) => m.role === 'tool');
			assert.equal(toolResults.length, 4);
			assert.match(String(toolResults[1].content), new RegExp(ORDER_ID));
			assert.match(String(toolResults[2].content), /Order ID/);
			// The model was told what each tool is for, and which fields to fill.
			const tools = model.requests[0].tools.map((t) => t.function);
			const getOrder = tools.find((t) => t.name === toolNamed(model.requests[0].tools, 'getorder'));
			assert.match(getOrder.description, /by its order ID/);
			assert.deepEqual(Object.keys(getOrder.parameters.properties), ['orderId']);
		},
	);
});
