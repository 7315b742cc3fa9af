import zlib from 'zlib';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { AnswerServer } from '../../../harness/answerServer';
import { blockEgress, egress, restoreEgress } from '../../../harness/noEgress';
import { runOperation, runProbe, sandboxCredentials } from '../../../harness/workflow';
import { invoice } from '../../VtexOrderProcessing/inputs/parameters';

/**
 * What VTEX's 2xx answers must be before anything is output as a success, how large they may be,
 * and how they are decoded. A loopback server stands between the node and the sandbox: it sends
 * the scripted answer for one endpoint and passes every other request to the sandbox.
 */

const ORDER_PATH = '/api/oms/pvt/orders/1002-01';
const INVOICE_PATH = '/api/oms/pvt/orders/1002-01/invoice';
const HTML = '<!DOCTYPE html><html><body>Under maintenance</body></html>';
const MiB = 1024 * 1024;

/** 2xx answers that are not an order, nor a receipt, nor anything VTEX sends. */
const NOT_AN_OBJECT: Array<[string, { headers: Record<string, string>; body: string }]> = [
	[
		'HTML sent as application/json',
		{ headers: { 'Content-Type': 'application/json' }, body: HTML },
	],
	['HTML sent as text/plain', { headers: { 'Content-Type': 'text/plain' }, body: `  ${HTML}` }],
	['HTML as text/html', { headers: { 'Content-Type': 'text/html' }, body: '<p>login</p>' }],
	['an empty body', { headers: { 'Content-Type': 'application/json' }, body: '' }],
	['null', { headers: { 'Content-Type': 'application/json' }, body: 'null' }],
	['[]', { headers: { 'Content-Type': 'application/json' }, body: '[]' }],
	['a number', { headers: { 'Content-Type': 'application/json' }, body: '42' }],
	['text', { headers: { 'Content-Type': 'text/plain' }, body: 'OK' }],
	['a JSON string', { headers: { 'Content-Type': 'application/json' }, body: '"accepted"' }],
];

describe("VTEX's answers: shape, size, charset, secrets", () => {
	let sandbox: Sandbox;
	let server: AnswerServer;
	beforeAll(async () => {
		sandbox = await startSandbox();
		server = new AnswerServer(sandbox.baseUrl);
		await server.start();
		blockEgress();
	});
	afterAll(async () => {
		restoreEgress();
		await server.stop();
		await sandbox.stop();
	});
	beforeEach(() => {
		sandbox.reset();
		server.reset();
		egress.attempts.length = 0;
	});
	afterEach(() => expect(egress.attempts).toEqual([]));

	const credentials = () => sandboxCredentials(sandbox, { baseUrl: server.url });
	const getOrder = async () =>
		await runOperation(
			sandbox,
			{ resource: 'order', operation: 'get', orderId: '1002-01' },
			{ credentials: credentials(), continueOnFail: true },
		);

	describe('reads', () => {
		it.each([
			...NOT_AN_OBJECT,
			[
				'an object without orderId',
				{ headers: { 'Content-Type': 'application/json' }, body: '{"status":"ok"}' },
			],
			[
				'an empty orderId',
				{ headers: { 'Content-Type': 'application/json' }, body: '{"orderId":""}' },
			],
		] as typeof NOT_AN_OBJECT)(
			'Get Order answered 200 with %s fails, saying what came back',
			async (_, answer) => {
				server.script('GET', ORDER_PATH, answer);
				const { output } = await getOrder();
				expect(output).toHaveLength(1);
				expect(output[0].orderId).toBeUndefined();
				expect(String(output[0].error)).toMatch(/^Get order 1002-01 failed: VTEX answered/);
				expect(String(output[0].error)).toMatch(
					/HTML|empty body|null|list|number|not JSON|without orderId/,
				);
			},
		);

		it('the error shows what came back, cut and without the App Token', async () => {
			const token = String(credentials().vtexOrderProcessingApi.appToken);
			server.script('GET', ORDER_PATH, {
				headers: { 'Content-Type': 'text/plain' },
				body: `gateway says: token ${token} ${'x'.repeat(5000)}`,
			});
			const { result } = await runOperation(
				sandbox,
				{ resource: 'order', operation: 'get', orderId: '1002-01' },
				{ credentials: credentials() },
			);
			const error = result.nodeError('VTEX') as Error & { description?: string };
			expect(error.message).toMatch(/text that is not JSON/);
			expect(error.description).toMatch(/gateway says: token \*\*\*/);
			expect(error.description!.length).toBeLessThan(600);
			expect(JSON.stringify(result)).not.toContain(token);
		});

		it.each([
			[
				'Feed → Get Items',
				{ resource: 'feed', operation: 'getItems' },
				'/api/orders/feed',
				'{"events":[]}',
			],
			['Feed → Get Items', { resource: 'feed', operation: 'getItems' }, '/api/orders/feed', HTML],
			[
				'Seller → Get Change Window',
				{ resource: 'seller', operation: 'getChangeWindow' },
				'/api/checkout/pvt/configuration/window-to-change-seller',
				'"soon"',
			],
			[
				'Note → Get Many',
				{ resource: 'note', operation: 'getMany', orderId: '1002-01' },
				'/api/do/notes',
				'null',
			],
			[
				'Hook → Get Configuration',
				{ resource: 'hook', operation: 'getConfiguration' },
				'/api/orders/hook/config',
				'[1]',
			],
		])('%s answered 200 with a wrong shape fails (%#)', async (_, parameters, path, body) => {
			server.script('GET', path, { body });
			const { output } = await runOperation(sandbox, parameters, {
				credentials: credentials(),
				continueOnFail: true,
			});
			expect(output).toHaveLength(1);
			expect(String(output[0].error)).toMatch(
				/failed: VTEX answered|not a list of events|HTML page/,
			);
		});
	});

	describe('writes', () => {
		it.each([
			...NOT_AN_OBJECT,
			['{} (no receipt)', { headers: { 'Content-Type': 'application/json' }, body: '{}' }],
		] as typeof NOT_AN_OBJECT)(
			'an Invoice answered 200 with %s is never a success',
			async (_, answer) => {
				server.script('POST', INVOICE_PATH, answer);
				const { output } = await runOperation(sandbox, invoice(), {
					credentials: credentials(),
					continueOnFail: true,
				});
				expect(output).toHaveLength(1);
				expect(output[0].success).not.toBe(true);
				expect(String(output[0].error)).toMatch(/^Invoice order 1002-01 \(invoice NF-1\) failed/);
				// Treated as a lost answer: the order was read after the POST to find out.
				const paths = server.received.map(
					(request) => `${request.method} ${request.path.split('?')[0]}`,
				);
				expect(paths.slice(paths.indexOf(`POST ${INVOICE_PATH}`))).toContain(`GET ${ORDER_PATH}`);
				expect(sandbox.state.orders.get('1002-01')?.packageAttachment?.packages ?? []).toEqual([]);
			},
		);

		it('an Invoice whose answer was not understood but that VTEX applied converges to success', async () => {
			// The sandbox applies the invoice; the answer on the way back is replaced by an HTML page.
			server.script('POST', INVOICE_PATH, (request) => {
				void fetch(`${sandbox.baseUrl}${request.path}`, {
					method: 'POST',
					headers: request.headers as Record<string, string>,
					body: request.body,
				});
				return { headers: { 'Content-Type': 'application/json' }, body: HTML };
			});
			await waitUntilServed(sandbox);
			const { output } = await runOperation(sandbox, invoice(), {
				credentials: credentials(),
				continueOnFail: true,
			});
			expect(output[0]).toMatchObject({
				success: true,
				replay: true,
				replayEvidence: 'vtexAnswered',
			});
		});

		it.each(['', '[]', '{"x":1}'])(
			'Start Handling, documented without a body, takes any answer but a page (%j)',
			async (body) => {
				server.script('POST', '/api/oms/pvt/orders/1001-01/start-handling', { body });
				const { output } = await runOperation(
					sandbox,
					{ resource: 'order', operation: 'startHandling', orderId: '1001-01' },
					{ credentials: credentials(), continueOnFail: true },
				);
				expect(output[0]).toMatchObject({ success: true, replay: false });
			},
		);

		it('Start Handling answered with an HTML page reads the order: not started, it fails', async () => {
			server.script('POST', '/api/oms/pvt/orders/1001-01/start-handling', { body: HTML });
			const { output } = await runOperation(
				sandbox,
				{ resource: 'order', operation: 'startHandling', orderId: '1001-01' },
				{ credentials: credentials(), continueOnFail: true },
			);
			expect(String(output[0].error)).toMatch(/HTML page/);
			expect(server.received.map((request) => request.method)).toEqual(['POST', 'GET']);
		});
	});

	describe('secrets', () => {
		it('a 200 order that echoes the request headers does not put the App Key or App Token in the output', async () => {
			server.script('GET', ORDER_PATH, (request) => ({
				body: JSON.stringify({
					orderId: '1002-01',
					echo: request.headers,
					nested: [{ note: `token=${String(request.headers['x-vtex-api-apptoken'])};` }],
				}),
			}));
			const { output } = await getOrder();
			const { appKey, appToken } = credentials().vtexOrderProcessingApi;
			expect(output[0].orderId).toBe('1002-01');
			const text = JSON.stringify(output);
			expect(text).not.toContain(String(appToken));
			expect(text).not.toContain(String(appKey));
			expect((output[0].nested as Array<{ note: string }>)[0].note).toBe('token=***;');
		});

		it.each([400, 409, 500])(
			'Hook → Set Configuration refused with an echo (%i) keeps the header values out',
			async (status) => {
				server.script('POST', '/api/orders/hook/config', (request) => ({
					status,
					body: JSON.stringify({
						error: { code: 'HK01', message: `Invalid hook ${request.body}` },
					}),
				}));
				const { output, result } = await runOperation(
					sandbox,
					{
						resource: 'hook',
						operation: 'setConfiguration',
						url: 'https://erp.example.com/vtex-hook',
						headers: {
							header: [
								{ name: 'Authorization', value: 'Bearer erp-0123456789-secret' },
								{ name: 'X-Short', value: 'abcd' },
							],
						},
						statuses: ['ready-for-handling'],
					},
					{ credentials: credentials(), continueOnFail: true },
				);
				expect(String(output[0].error)).toMatch(/Set the orders hook configuration failed/);
				const text = JSON.stringify(result);
				expect(text).not.toContain('erp-0123456789-secret');
				expect(text).not.toContain('"abcd"');
				expect(server.received.at(-1)?.body).toContain('erp-0123456789-secret');
			},
		);
	});

	describe('size', () => {
		it('refuses an answer that announces more than the cap without reading it', async () => {
			let written = 0;
			server.script('GET', ORDER_PATH, {
				headers: { 'Content-Type': 'application/json', 'Content-Length': String(400 * MiB) },
				body: (response) => {
					const chunk = Buffer.alloc(MiB, 0x20);
					const write = () => {
						while (written < 400 * MiB && response.write(chunk)) written += chunk.length;
					};
					response.on('drain', write);
					response.on('close', () => response.removeAllListeners('drain'));
					write();
				},
			});
			const { output } = await getOrder();
			expect(String(output[0].error)).toMatch(/announces 400 MiB, more than the 16 MiB/);
			expect(written).toBeLessThan(400 * MiB);
		});

		it('stops reading an answer without Content-Length past the cap', async () => {
			let written = 0;
			server.script('GET', ORDER_PATH, {
				body: (response) => {
					response.write('{"orderId":"1002-01","pad":"');
					const chunk = Buffer.alloc(MiB, 0x61);
					const write = () => {
						while (written < 400 * MiB && response.write(chunk)) written += chunk.length;
						if (written >= 400 * MiB) response.end('"}');
					};
					response.on('drain', write);
					response.on('close', () => response.removeAllListeners('drain'));
					write();
				},
			});
			const { output } = await getOrder();
			expect(String(output[0].error)).toMatch(/went on past 16 MiB/);
			expect(written).toBeLessThan(64 * MiB);
		});

		it.each(['gzip', 'deflate', 'br'])(
			'refuses a small %s body that inflates past the cap',
			async (encoding) => {
				// 17 MiB of one letter: a few kilobytes once compressed (fastest settings: the test
				// is about the size, not the ratio).
				const inflated = Buffer.concat([
					Buffer.from('{"orderId":"1002-01","pad":"'),
					Buffer.alloc(17 * MiB, 0x61),
					Buffer.from('"}'),
				]);
				const compressed =
					encoding === 'gzip'
						? zlib.gzipSync(inflated, { level: 1 })
						: encoding === 'deflate'
							? zlib.deflateSync(inflated, { level: 1 })
							: zlib.brotliCompressSync(inflated, {
									params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 },
								});
				expect(compressed.length).toBeLessThan(MiB);
				server.script('GET', ORDER_PATH, {
					headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
					body: compressed,
				});
				const { output } = await getOrder();
				expect(String(output[0].error)).toMatch(/went on past 16 MiB/);
			},
		);

		it('reads a gzip answer under the cap as usual', async () => {
			const order = {
				orderId: '1002-01',
				items: Array.from({ length: 500 }, (_, id) => ({ id, name: 'Produto' })),
			};
			server.script('GET', ORDER_PATH, {
				headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
				body: zlib.gzipSync(JSON.stringify(order)),
			});
			const { output } = await getOrder();
			expect(output[0]).toEqual(order);
		});

		it('keeps a refusal whose body is larger than any error, reporting the status', async () => {
			server.script('GET', ORDER_PATH, {
				status: 503,
				headers: { 'Content-Type': 'text/plain' },
				body: 'x'.repeat(20 * MiB),
			});
			const { output } = await runOperation(
				sandbox,
				{
					resource: 'order',
					operation: 'get',
					orderId: '1002-01',
					requestOptions: { maxAttempts: 1 },
				},
				{ credentials: credentials(), continueOnFail: true },
			);
			expect(String(output[0].error)).toMatch(/Get order 1002-01 failed/);
			expect(String(output[0].error).length).toBeLessThan(1000);
		});
	});

	describe('charset', () => {
		it.each([
			['ISO-8859-1', 'latin1'],
			['iso-8859-1', 'latin1'],
			['windows-1252', 'latin1'],
			['"ISO-8859-1"', 'latin1'],
			['utf-16le', 'utf16le'],
		] as const)('decodes an answer declared as charset=%s', async (charset, bytes) => {
			server.script('GET', ORDER_PATH, {
				headers: { 'Content-Type': `application/json; charset=${charset}` },
				body: Buffer.from(JSON.stringify({ orderId: '1002-01', name: 'José Conceição' }), bytes),
			});
			const { output } = await getOrder();
			expect(output[0]).toEqual({ orderId: '1002-01', name: 'José Conceição' });
		});

		it('decodes UTF-8 when no charset is declared (JSON is UTF-8)', async () => {
			server.script('GET', ORDER_PATH, {
				body: Buffer.from(JSON.stringify({ orderId: '1002-01', name: 'José 🛒' }), 'utf8'),
			});
			const { output } = await getOrder();
			expect(output[0].name).toBe('José 🛒');
		});

		it.each([
			[
				'Latin-1 bytes sent as UTF-8',
				'application/json; charset=utf-8',
				Buffer.from('{"orderId":"1002-01","name":"José"}', 'latin1'),
				/not valid utf-8/,
			],
			[
				'Latin-1 bytes without a charset',
				'application/json',
				Buffer.from('{"orderId":"1002-01","name":"José"}', 'latin1'),
				/not valid utf-8/,
			],
			[
				'an unknown charset',
				'application/json; charset=x-klingon',
				Buffer.from('{"orderId":"1002-01"}'),
				/charset "x-klingon"/,
			],
		])('refuses %s rather than guess', async (_, contentType, body, why) => {
			server.script('GET', ORDER_PATH, { headers: { 'Content-Type': contentType }, body });
			const { output } = await getOrder();
			expect(String(output[0].error)).toMatch(why);
		});
	});

	it('the transport probe sees the parsed answer it declared', async () => {
		server.script('GET', '/probe', { body: '{"a":1}' });
		const { output } = await runProbe(
			sandbox,
			{ method: 'GET', path: '/probe', idempotent: true, answer: 'object' },
			{},
			credentials(),
		);
		expect(output[0].body).toEqual({ a: 1 });
	});
});

/** Resolves once the sandbox serves nothing (a forwarded write has been applied), at most 5 s. */
async function waitUntilServed(sandbox: Sandbox): Promise<void> {
	for (let waited = 0; sandbox.load.inFlight > 0 && waited < 5000; waited += 20)
		await new Promise((resolve) => setTimeout(resolve, 20));
}
