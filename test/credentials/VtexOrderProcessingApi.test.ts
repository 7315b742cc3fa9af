import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { testCredential } from '../harness/credentialTest';
import { sandboxCredentials } from '../harness/workflow';
import { credentialTypes } from '../harness/credentials';

describe('credential vtexOrderProcessingApi', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => (sandbox.state.requests = []));

	const data = (overrides = {}) => sandboxCredentials(sandbox, overrides).vtexOrderProcessingApi;

	it('passes for a valid key, through VTEX ID login (no License Manager resource needed)', async () => {
		const result = await testCredential('vtexOrderProcessingApi', data());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = sandbox.requests();
		expect(request.path).toBe('/api/vtexid/apptoken/login');
		expect(request.query.an).toBe(sandbox.state.account);
		expect(request.body).toEqual({
			appkey: sandbox.defaultKey.appKey,
			apptoken: sandbox.defaultKey.appToken,
		});
	});

	it('passes for a key that can only read orders', async () => {
		const limited = sandbox.state.keys[1];
		const result = await testCredential(
			'vtexOrderProcessingApi',
			data({ appKey: limited.appKey, appToken: limited.appToken }),
		);
		expect(result.status).toBe('OK');
	});

	it('fails with a plain message for a wrong token', async () => {
		const result = await testCredential(
			'vtexOrderProcessingApi',
			data({ appToken: 'not-the-token' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused the App Key \/ App Token pair/);
		expect(result.message).not.toContain('not-the-token');
	});

	it('fails with a plain message for a wrong account', async () => {
		const result = await testCredential(
			'vtexOrderProcessingApi',
			data({ accountName: 'someoneelse' }),
		);
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/does not know this account/),
		});
	});

	it('sends the VTEX headers through authenticate, without expressions, and hides the token field', async () => {
		const type = credentialTypes.vtexOrderProcessingApi;
		expect(type.name).toBe('vtexOrderProcessingApi');
		expect(type.properties.map((property) => property.name)).toEqual([
			'accountName',
			'environment',
			'baseUrl',
			'appKey',
			'appToken',
		]);
		expect(
			type.properties.find((property) => property.name === 'appToken')?.typeOptions?.password,
		).toBe(true);
		expect(type.properties.find((property) => property.name === 'environment')?.default).toBe(
			'vtexcommercestable',
		);
		// A function: a trigger's schedule tick in n8n 2.40 cannot evaluate expressions (see the credential).
		expect(typeof type.authenticate).toBe('function');
		const authenticate = type.authenticate as (
			credentials: object,
			options: object,
		) => Promise<{ headers: object }>;
		const request = await authenticate(data(), {
			url: `${sandbox.baseUrl}/api/orders/feed`,
			headers: { Accept: 'application/json' },
		});
		expect(request).toEqual({
			url: `${sandbox.baseUrl}/api/orders/feed`,
			headers: {
				Accept: 'application/json',
				'X-VTEX-API-AppKey': sandbox.defaultKey.appKey,
				'X-VTEX-API-AppToken': sandbox.defaultKey.appToken,
			},
		});
	});
});
