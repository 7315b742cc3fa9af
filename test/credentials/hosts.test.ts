import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { testCredential } from '../harness/credentialTest';
import { blockEgress, egress, restoreEgress } from '../harness/noEgress';
import { activateTrigger } from '../harness/trigger';
import { activateWebhookTrigger } from '../harness/webhookTrigger';
import { runOperation, runProbe, sandboxCredentials } from '../harness/workflow';
import { feedWorkflow } from '../nodes/VtexOrderFeedTrigger/fixtures';
import { hookWorkflow } from '../nodes/VtexOrderHookTrigger/fixtures';

/**
 * Where the App Key and App Token may go: Account Name and Environment are single DNS labels, a
 * Base URL is https (http only on loopback) without query, fragment or user info. Anything else
 * is refused before any connection, naming the field, in the node and in the credential test.
 * Every outgoing connection is caught: nothing leaves the machine.
 */

const BAD_ACCOUNT_NAMES = [
	'evil.example/x',
	'evil.example#',
	'x@evil.example/',
	'169.254.169.254/',
	'evil.example',
	'my store',
	'MyStore',
	'mystore?',
	'mystore:443',
	'-mystore',
	'a'.repeat(64),
	'mystore\u0000',
	'mystöre',
];

const BAD_ENVIRONMENTS = [
	'vtexcommercestable.com.br@evil.example/',
	'vtexcommercestable.com.br/x',
	'evil.example#',
	'vtex commerce',
	'VTEXCOMMERCESTABLE',
];

/** Base URLs refused, with a word the reason must hold. */
const BAD_BASE_URLS: Array<[string, RegExp]> = [
	['http://evil.example', /unencrypted/],
	['http://mystore.vtexcommercestable.com.br', /unencrypted/],
	['http://169.254.169.254/', /unencrypted/],
	['https://mystore.vtexcommercestable.com.br?an=mystore', /query/],
	['https://mystore.vtexcommercestable.com.br/#x', /fragment/],
	['https://mystore.vtexcommercestable.com.br?', /query/],
	['https://user:secret@mystore.vtexcommercestable.com.br', /user name or password/],
	['https://mystore.vtexcommercestable.com.br@evil.example/', /user name or password/],
	['not a url', /space/],
	['mystore.vtexcommercestable.com.br', /absolute URL/],
	['https://', /absolute URL/],
	['ftp://mystore.vtexcommercestable.com.br', /https:\/\//],
	['https://evil.example\\@mystore.vtexcommercestable.com.br', /backslash/],
	['https://mystore.vtexcommercestable.com.br/\napi', /control character/],
];

describe('credential hosts: nothing is sent to a host the credential does not name', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
		blockEgress();
	});
	afterAll(async () => {
		restoreEgress();
		await sandbox.stop();
	});
	beforeEach(() => {
		sandbox.reset();
		egress.attempts.length = 0;
	});

	const vtexHost = (overrides: Record<string, string>) =>
		sandboxCredentials(sandbox, { baseUrl: '', ...overrides });

	it.each(BAD_ACCOUNT_NAMES)(
		'the credential test refuses Account Name %j before connecting',
		async (accountName) => {
			const result = await testCredential(
				'vtexOrderProcessingApi',
				vtexHost({ accountName }).vtexOrderProcessingApi,
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Account Name/);
			expect(egress.attempts).toEqual([]);
			expect(sandbox.requests()).toEqual([]);
		},
	);

	it.each(BAD_ENVIRONMENTS)(
		'the credential test refuses Environment %j before connecting',
		async (environment) => {
			const result = await testCredential(
				'vtexOrderProcessingApi',
				vtexHost({ accountName: 'mystore', environment }).vtexOrderProcessingApi,
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Environment/);
			expect(egress.attempts).toEqual([]);
		},
	);

	it.each(BAD_BASE_URLS)(
		'the credential test refuses Base URL %j, saying why',
		async (baseUrl, why) => {
			const result = await testCredential(
				'vtexOrderProcessingApi',
				vtexHost({ baseUrl }).vtexOrderProcessingApi,
			);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Base URL/);
			expect(result.message).toMatch(why);
			expect(result.message).not.toMatch(/no answer from VTEX/);
			expect(egress.attempts).toEqual([]);
		},
	);

	it('a valid account goes to https://{account}.{environment}.com.br and nowhere else (caught here)', async () => {
		const result = await testCredential(
			'vtexOrderProcessingApi',
			vtexHost({ accountName: 'mystore', environment: 'vtexcommercebeta' }).vtexOrderProcessingApi,
		);
		expect(result.status).toBe('Error');
		expect(egress.attempts).toEqual(['mystore.vtexcommercebeta.com.br (DNS)']);
	});

	it('a Base URL on loopback over http (the sandbox) passes the credential test', async () => {
		const result = await testCredential(
			'vtexOrderProcessingApi',
			sandboxCredentials(sandbox).vtexOrderProcessingApi,
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests()).toHaveLength(1);
	});

	it.each([
		...BAD_ACCOUNT_NAMES.slice(0, 5).map((accountName) => ({ accountName })),
		...BAD_ENVIRONMENTS.slice(0, 2).map((environment) => ({ accountName: 'mystore', environment })),
	])('the node refuses %j naming the field, and sends nothing', async (overrides) => {
		const { error } = await runOperation(
			sandbox,
			{ resource: 'order', operation: 'get', orderId: '1001-01' },
			{ credentials: vtexHost(overrides) },
		);
		expect(error?.message).toMatch('environment' in overrides ? /Environment/ : /Account Name/);
		expect(egress.attempts).toEqual([]);
	});

	it.each(BAD_BASE_URLS.slice(0, 9))(
		'the node refuses Base URL %j naming the field',
		async (baseUrl, why) => {
			const { output, error } = await runOperation(
				sandbox,
				{ resource: 'order', operation: 'get', orderId: '1001-01' },
				{ credentials: vtexHost({ baseUrl }), continueOnFail: true },
			);
			expect(error).toBeUndefined();
			expect(String(output[0].error)).toMatch(/Base URL/);
			expect(String(output[0].error)).toMatch(why);
			expect(egress.attempts).toEqual([]);
		},
	);

	it('the transport refuses before the first request, whatever the request', async () => {
		const { error } = await runProbe(
			sandbox,
			{ method: 'POST', path: '/api/orders/feed', idempotent: true, body: { handles: ['h'] } },
			{},
			vtexHost({ accountName: 'x@evil.example/' }),
		);
		expect(error?.message).toMatch(/Account Name/);
		expect(egress.attempts).toEqual([]);
	});

	it.each<Record<string, string>>([
		{ accountName: 'evil.example/x' },
		{ baseUrl: 'http://evil.example' },
	])('the feed trigger refuses %j, naming the field, and sends nothing', async (overrides) => {
		// Activation (or, if it got that far, the first poll) fails; nothing is emitted.
		const failure = await activateTrigger(feedWorkflow({}), {
			credentials: vtexHost(overrides),
		}).then(
			async (trigger) => {
				await trigger.poll();
				expect(trigger.emitted()).toEqual([]);
				return trigger.failedPolls[0];
			},
			(error: Error) => error,
		);
		expect(String(failure?.message)).toMatch(
			'accountName' in overrides ? /Account Name/ : /Base URL/,
		);
		expect(egress.attempts).toEqual([]);
		expect(sandbox.requests()).toEqual([]);
	});

	it.each<Record<string, string>>([
		{ environment: 'x.com.br@evil.example/' },
		{ baseUrl: 'https://evil.example/?' },
	])(
		'the hook trigger refuses %j at activation, naming the field, and sends nothing',
		async (overrides) => {
			const activation = activateWebhookTrigger(hookWorkflow({}), {
				credentials: vtexHost({ accountName: 'mystore', ...overrides }),
			});
			await expect(activation).rejects.toThrow(
				'environment' in overrides ? /Environment/ : /Base URL/,
			);
			expect(egress.attempts).toEqual([]);
			expect(sandbox.requests()).toEqual([]);
		},
	);
});
