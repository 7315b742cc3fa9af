import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import { DEFAULT_KEYS } from '../../../sandbox';
import { sandboxCredentials } from '../../../harness/workflow';

describe('orderChange → getSettings', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it("returns the account's order modifications settings, with a key that may only view orders", async () => {
		const readOnly = DEFAULT_KEYS[1];
		const { output, error } = await runOperation(
			sandbox,
			{ resource: 'orderChange', operation: 'getSettings' },
			{
				credentials: sandboxCredentials(sandbox, {
					appKey: readOnly.appKey,
					appToken: readOnly.appToken,
				}),
			},
		);
		expect(error).toBeUndefined();
		expect(output).toEqual([
			expect.objectContaining({
				rolloutConfiguration: expect.objectContaining({ enableApi: true }),
			}),
		]);
		const [request] = sandbox.requests({ pathPrefix: '/api/order-system/orders/changes/settings' });
		expect(request.query).toEqual({ an: sandbox.state.account });
	});

	it('names the resource a key lacks for a change (403)', async () => {
		const readOnly = DEFAULT_KEYS[1];
		const { error } = await runOperation(
			sandbox,
			{ resource: 'orderChange', operation: 'getHistory', orderId: '1002-01' },
			{
				credentials: sandboxCredentials(sandbox, {
					appKey: readOnly.appKey,
					appToken: readOnly.appToken,
				}),
			},
		);
		expect(error?.description).toMatch(/"Change order"/);
	});
});
