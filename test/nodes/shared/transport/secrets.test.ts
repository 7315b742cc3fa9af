/**
 * No piece of the App Key or the App Token may reach an error, an item, the run data or the log,
 * whatever VTEX (or a proxy before it) echoes back, wherever in the answer, and however long the
 * answer is. A loopback server answers each path as a hostile or careless gateway would.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { runWorkflow } from '../../../harness/engine';
import { chain, node, runOperation, vtexNode } from '../../../harness/workflow';
import type { Sandbox } from '../../../sandbox';

const APP_KEY = 'vtexappkey-hostileshop-QWERTYUIOPASDF';
const APP_TOKEN = 'TOKENabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-secret-tail';

/** What the gateway answers for order `{id}`: status, content type and body. */
const ANSWERS: Record<string, { status: number; type: string; body: string }> = {
	// The token far into a text body: a cut at 500 characters would fall inside it.
	'token-at-440': {
		status: 500,
		type: 'text/plain',
		body: `${'x'.repeat(440)}${APP_TOKEN}${'y'.repeat(2000)}`,
	},
	// The token across the 300 characters an error message keeps of VTEX's message.
	'token-at-280': {
		status: 400,
		type: 'application/json',
		body: JSON.stringify({ error: { code: 'X1', message: `${'m'.repeat(280)}${APP_TOKEN}` } }),
	},
	// A gateway that cut its own echo: the body ends in the token's first 20 characters.
	'token-cut-by-server': {
		status: 500,
		type: 'text/plain',
		body: `echo: ${APP_TOKEN.slice(0, 20)}`,
	},
	// A piece from the token's middle.
	'token-middle': {
		status: 500,
		type: 'text/plain',
		body: `partial ${APP_TOKEN.slice(25, 60)} echo`,
	},
	// The App Key in a 403's message.
	'key-in-403': {
		status: 403,
		type: 'application/json',
		body: JSON.stringify({
			error: { code: '403', message: `Key ${APP_KEY} lacks access`, exception: null },
		}),
	},
	// VTEX's error code field holding the token, and the key in the message.
	'token-as-code': {
		status: 400,
		type: 'application/json',
		body: JSON.stringify({ code: APP_TOKEN, message: `bad ${APP_KEY}` }),
	},
	// A 100,000-character message.
	huge: {
		status: 400,
		type: 'application/json',
		body: JSON.stringify({ error: { code: 'BIG', message: 'z'.repeat(100_000) } }),
	},
};

/** The credential pointed at the gateway, as a sandbox-like address for the harness. */
let gateway: { baseUrl: string; close(): Promise<void> };

beforeAll(async () => {
	const server = createServer((req, res) => {
		const id = decodeURIComponent((req.url ?? '').split('/').pop()!.split('?')[0]);
		const answer = ANSWERS[id] ?? { status: 404, type: 'text/plain', body: 'unknown' };
		res.writeHead(answer.status, { 'Content-Type': answer.type });
		res.end(answer.body);
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	gateway = {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: async () => await new Promise<void>((closed) => server.close(() => closed())),
	};
});
afterAll(async () => await gateway.close());

const credentials = () => ({
	vtexOrderProcessingApi: {
		accountName: 'hostileshop',
		environment: 'vtexcommercestable',
		baseUrl: gateway.baseUrl,
		appKey: APP_KEY,
		appToken: APP_TOKEN,
	},
});

/** Every log call n8n's logger and n8n-workflow's LoggerProxy receive while `run` runs, as text. */
async function withLogs<T>(run: () => Promise<T>): Promise<{ value: T; logs: string }> {
	const calls: unknown[] = [];
	const logger = Container.get(Logger);
	const spies = (['error', 'warn', 'info', 'debug'] as const).flatMap((level) => [
		jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => void calls.push(args)),
		jest
			.spyOn(LoggerProxy, level)
			.mockImplementation((...args: unknown[]) => void calls.push(args)),
	]);
	try {
		const value = await run();
		return { value, logs: JSON.stringify(calls) };
	} finally {
		spies.forEach((spy) => spy.mockRestore());
	}
}

/** Every piece of `secret` of 4 characters or more that `text` holds. */
function piecesOf(secret: string, text: string): string[] {
	const found: string[] = [];
	for (let start = 0; start + 4 <= secret.length; start++) {
		const piece = secret.slice(start, start + 12);
		if (piece.length >= 12 && text.includes(piece)) found.push(piece);
	}
	// The head of a secret at any end of a string (where a cut falls): 4 characters or more.
	for (const end of text.matchAll(/([^"\\]{4,})(?:…|"|\\n)/g)) {
		for (let length = 4; length <= Math.min(secret.length, end[1].length); length++) {
			if (end[1].endsWith(secret.slice(0, length))) found.push(`…${secret.slice(0, length)}`);
		}
	}
	return found;
}

const getOrder = (orderId: string): INodeParameters => ({
	resource: 'order',
	operation: 'get',
	orderId,
});
const address = () => ({ baseUrl: gateway.baseUrl }) as unknown as Sandbox;

describe('secrets and answer texts through the engine', () => {
	it.each(Object.keys(ANSWERS))(
		'%s: no piece of the key or token in the error, its items, the run data or the log',
		async (id) => {
			const { value, logs } = await withLogs(async () => {
				const failed = await runOperation(address(), getOrder(id), { credentials: credentials() });
				const continued = await runOperation(address(), getOrder(id), {
					credentials: credentials(),
					continueOnFail: true,
				});
				const errorOutput = await runWorkflow(
					chain(
						node('Start', 'n8n-nodes-base.manualTrigger', {}),
						vtexNode(
							'VTEX',
							{ ...getOrder(id), requestOptions: { maxAttempts: 1 } },
							{ onError: 'continueErrorOutput' },
						),
					),
					{ credentials: credentials() },
				);
				return { failed, continued, errorOutput };
			});
			const { failed, continued, errorOutput } = value;

			// The failure is reported everywhere it should be...
			expect(failed.error?.message).toMatch(/failed/);
			expect(continued.output[0].error).toMatch(/failed/);
			expect(errorOutput.json('VTEX', 1)[0].message).toMatch(/failed/);
			// ... and every text it reached is short and holds nothing of either secret.
			expect(failed.error!.message.length).toBeLessThanOrEqual(520);
			expect(String(failed.error!.description ?? '').length).toBeLessThanOrEqual(1_500);
			const everything = [
				JSON.stringify([failed.result.run, continued.result.run, errorOutput.run]),
				JSON.stringify([
					failed.error,
					{ ...failed.error },
					failed.error?.message,
					failed.error?.description,
				]),
				JSON.stringify([continued.output, errorOutput.json('VTEX', 1)]),
				logs,
			].join('\n');
			expect(piecesOf(APP_TOKEN, everything)).toEqual([]);
			expect(piecesOf(APP_KEY, everything)).toEqual([]);
			for (const item of [...continued.output, ...errorOutput.json('VTEX', 1)]) {
				expect(JSON.stringify(item).length).toBeLessThan(4_000);
			}
		},
	);

	it('keeps what is not a secret: VTEX code and the start of its message', async () => {
		const { error } = await runOperation(address(), getOrder('huge'), {
			credentials: credentials(),
		});
		expect(error?.message).toMatch(/^Get order huge failed: z{100,}…$/);
		expect(error?.description).toMatch(/VTEX error BIG \(HTTP 400\)/);
		const { error: withKey } = await runOperation(address(), getOrder('key-in-403'), {
			credentials: credentials(),
		});
		expect(withKey?.message).toMatch(/Key \*\*\* lacks access/);
	});
});
