import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runOperation } from '../../harness/workflow';
import {
	N8N_CANCELED_MARKER,
	wordedForExecutionStatus,
} from '../../../nodes/shared/executionStatusWording';

/**
 * n8n-core's WorkflowExecute records an execution as "canceled" when its error's
 * message contains "canceled". The harness runs that same WorkflowExecute, so `result.status` is
 * what n8n would record: every refusal below mentions a canceled order or change in VTEX's or the
 * package's words, and each must stay an error.
 */
describe('errors are recorded as errors, never as canceled executions', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const refusals: Array<[string, INodeParameters]> = [
		[
			'an invoice VTEX refuses because the order is canceled',
			{
				resource: 'order',
				operation: 'invoice',
				orderId: '1004-01',
				invoiceNumber: 'NF-1',
				items: { item: [{ id: '202', quantity: 1, price: 1000 }] },
			},
		],
		[
			'a tracking update on an invoice of a canceled order',
			{
				resource: 'order',
				operation: 'updateTracking',
				orderId: '1004-01',
				invoiceNumber: 'NF-canceled',
				trackingNumber: 'AB1',
			},
		],
		[
			'an input error that explains why a change is canceled',
			{
				resource: 'orderChange',
				operation: 'cancel',
				orderId: '1002-01',
				changeRequestId: 'abc',
				cancellationReason: '   ',
			},
		],
	];

	it.each(refusals)('%s', async (_label, parameters) => {
		const { error, result } = await runOperation(sandbox, parameters);
		expect(error).toBeDefined();
		expect(result.status).toBe('error');
		expect(error!.message).not.toContain(N8N_CANCELED_MARKER);
	});

	it('the refusal keeps its sense in other words', async () => {
		const { error } = await runOperation(sandbox, refusals[0][1]);
		expect(error!.message).toMatch(
			/Invoice order 1004-01 .*failed: Order 1004-01 is cancelled and cannot be invoiced/,
		);
	});

	it('Continue On Fail items carry the reworded message too', async () => {
		const { output, result } = await runOperation(sandbox, refusals[0][1], {
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(String(output[0].error)).not.toContain(N8N_CANCELED_MARKER);
	});

	it('rewording removes every occurrence, whatever surrounds it', () => {
		for (const text of [
			'canceled',
			'is canceled.',
			'status "canceled" and canceled',
			'uncanceledX',
		]) {
			expect(wordedForExecutionStatus(text)).not.toContain(N8N_CANCELED_MARKER);
		}
	});
});
