import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runWorkflow } from '../../harness/engine';
import { chain, node, sandboxCredentials, vtexNode } from '../../harness/workflow';

/**
 * "On Error: Continue (using error output)": n8n gives the node a second output and moves there
 * each failing item, merged with its input item. n8n-core 2.x (this harness) moves an item whose
 * JSON holds only `error`, `message` and `details`; 1.x only `{error}` or `{error, message}`. The
 * node's error items are `{error: {message, description, vtexCode, httpCode}, message}`, which
 * both move (the 1.x run of `npm run test:e2e` proves it in real n8n 1.123.81).
 */
describe('router → error output', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('sends refused items, with their input fields and VTEX details, to the error output; the others to the main output', async () => {
		const workflow = chain(
			node('Start', 'n8n-nodes-base.manualTrigger', {}),
			node('Requests', 'n8n-nodes-base.set', {
				mode: 'raw',
				jsonOutput: JSON.stringify([
					{ orderId: '1010-01', erpReference: 'C-1' },
					{ orderId: '1003-01', erpReference: 'C-2' },
				]),
			}),
			vtexNode(
				'Cancel',
				{
					resource: 'order',
					operation: 'cancel',
					orderId: '={{ $json.orderId }}',
					reason: 'Duplicate order',
				},
				{ onError: 'continueErrorOutput' },
			),
		);
		const result = await runWorkflow(workflow, { credentials: sandboxCredentials(sandbox) });

		expect(result.status).toBe('success');
		expect(result.json('Cancel', 0)).toEqual([
			expect.objectContaining({ orderId: '1010-01', success: true }),
		]);
		const [refused] = result.json('Cancel', 1);
		const message = expect.stringMatching(/^Cancel order 1003-01 failed/);
		expect(refused).toEqual({
			orderId: '1003-01',
			erpReference: 'C-2',
			error: {
				message,
				description: expect.stringMatching(/return \(Input\) invoice/),
				vtexCode: 'OrderHasInvoice',
				httpCode: 400,
			},
			message,
		});
		// n8n-core 1.x's rule: beside the input item's fields, exactly `error` and `message`.
		expect(
			Object.keys(refused)
				.filter((key) => !['orderId', 'erpReference'].includes(key))
				.sort(),
		).toEqual(['error', 'message']);
		expect((refused.error as { message: string }).message).toBe(refused.message);
		expect(result.items('Cancel', 1)[0].pairedItem).toEqual({ item: 1 });
		expect(sandbox.state.findOrder('1010-01')!.status).toBe('canceled');
		expect(sandbox.state.findOrder('1003-01')!.status).toBe('invoiced');
	});

	it('keeps the flat error item on the main output under "Continue" (regular output)', async () => {
		const workflow = chain(
			node('Start', 'n8n-nodes-base.manualTrigger', {}),
			vtexNode(
				'Cancel',
				{ resource: 'order', operation: 'cancel', orderId: '1003-01', reason: 'x' },
				{ onError: 'continueRegularOutput' },
			),
		);
		const result = await runWorkflow(workflow, { credentials: sandboxCredentials(sandbox) });
		expect(result.json('Cancel', 0)).toEqual([
			expect.objectContaining({
				error: expect.stringMatching(/^Cancel order 1003-01 failed/),
				vtexCode: 'OrderHasInvoice',
				httpCode: 400,
			}),
		]);
	});
});
