import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { notesOf } from '../../../sandbox/families/notes';
import { runOperation } from '../../../harness/workflow';

const cancel = (parameters: INodeParameters): INodeParameters => ({
	resource: 'order',
	operation: 'cancel',
	reason: 'Unexpected stock shortage',
	...parameters,
});

describe('order → cancel', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('cancels with the reason and the customer flag, and adds a note with the reason to the timeline', async () => {
		const { output, error } = await runOperation(
			sandbox,
			cancel({ orderId: '1001-01', requestedByUser: true, addNote: true }),
		);
		expect(error).toBeUndefined();
		expect(
			sandbox.requests({ method: 'POST', pathPrefix: '/api/oms/pvt/orders/1001-01/cancel' })[0]
				.body,
		).toEqual({
			reason: 'Unexpected stock shortage',
			requestedByUser: true,
		});
		const order = sandbox.state.findOrder('1001-01')!;
		expect(order.status).toBe('canceled');
		expect(order.cancellationData).toMatchObject({
			requestedByUser: true,
			reason: 'Unexpected stock shortage',
		});
		const notes = notesOf(sandbox, '1001-01');
		expect(notes).toEqual([
			expect.objectContaining({
				domain: 'oms',
				target: { id: '1001-01', type: 'order', url: '/orders/1001-01' },
				description: "Order canceled at the customer's request. Reason: Unexpected stock shortage",
			}),
		]);
		expect(output[0]).toMatchObject({
			orderId: '1001-01',
			success: true,
			action: 'cancel',
			requestedByUser: true,
			note: { created: true, id: notes[0].id },
		});
		expect(output[0].message).toMatch(/accepted the cancellation.*note with the reason was added/);
	});

	it('adds no note unless asked', async () => {
		const { output } = await runOperation(sandbox, cancel({ orderId: '1009-01' }));
		expect(output[0]).toMatchObject({ success: true, requestedByUser: false });
		expect(output[0].note).toBeUndefined();
		expect(sandbox.requests({ pathPrefix: '/api/do/notes' })).toHaveLength(0);
		expect(sandbox.state.findOrder('1009-01')!.status).toBe('canceled');
	});

	it('is refused once any invoice exists, per item under continue-on-fail, while the other items are canceled', async () => {
		const invoiced = await runOperation(sandbox, {
			resource: 'order',
			operation: 'invoice',
			orderId: '1002-01',
			invoiceNumber: 'NF-9001',
			items: { item: [{ id: '101', quantity: 1, price: '4990' }] },
		});
		expect(invoiced.error).toBeUndefined();

		const { output, result } = await runOperation(
			sandbox,
			cancel({ orderId: '={{ $json.orderId }}', addNote: true }),
			{
				items: [{ orderId: '1002-01' }, { orderId: '1009-01' }, { orderId: '1006-01' }],
				continueOnFail: true,
			},
		);
		expect(output).toHaveLength(3);
		for (const refused of [output[0], output[2]]) {
			expect(refused).toMatchObject({ httpCode: 400, vtexCode: 'OrderHasInvoice' });
			expect(refused.error).toMatch(/Cancel order 100[26]-01 failed: .*has an invoice/);
			expect(refused.description).toMatch(/return \(Input\) invoice/);
		}
		expect(output[1]).toMatchObject({ orderId: '1009-01', success: true, note: { created: true } });
		expect(result.items('VTEX').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(sandbox.state.findOrder('1002-01')!.status).toBe('handling');
		expect(sandbox.state.findOrder('1006-01')!.status).toBe('handling');
		expect(sandbox.state.findOrder('1009-01')!.status).toBe('canceled');
		// No note on the orders VTEX refused to cancel.
		expect(notesOf(sandbox, '1002-01')).toHaveLength(0);
		expect(notesOf(sandbox, '1009-01')).toHaveLength(1);
	});

	it('reports a note VTEX refuses after a successful cancel instead of failing the item', async () => {
		for (let index = 0; index < 30; index++) {
			await runOperation(sandbox, {
				resource: 'note',
				operation: 'create',
				orderId: '1009-01',
				description: `Note ${index}`,
			});
		}
		const { output, error } = await runOperation(
			sandbox,
			cancel({ orderId: '1009-01', addNote: true }),
		);
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({ success: true, note: { created: false } });
		expect((output[0].note as { error: string }).error).toMatch(
			/Create a note on order 1009-01 failed/,
		);
		expect(sandbox.state.findOrder('1009-01')!.status).toBe('canceled');
	});

	it('never repeats a cancel after a 503: it reads the order instead, and succeeds when the cancel was applied', async () => {
		sandbox.addFault({
			kind: '503',
			phase: 'after',
			method: 'POST',
			pathPrefix: '/api/oms/pvt/orders/1001-01/cancel',
		});
		const { output, error } = await runOperation(sandbox, cancel({ orderId: '1001-01' }));
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({ success: true, replay: true, status: 'canceled' });
		expect(sandbox.requests({ pathPrefix: '/api/oms/pvt/orders/1001-01/cancel' })).toHaveLength(1);
		expect(sandbox.state.findOrder('1001-01')!.status).toBe('canceled');
	});

	it('never repeats a cancel after a 503 that VTEX did not apply: the read finds the order as it was and the error says it was not repeated', async () => {
		sandbox.addFault({
			kind: '503',
			method: 'POST',
			pathPrefix: '/api/oms/pvt/orders/1001-01/cancel',
		});
		const { error } = await runOperation(sandbox, cancel({ orderId: '1001-01' }));
		expect(error?.description).toMatch(/not repeated/);
		expect(sandbox.requests({ pathPrefix: '/api/oms/pvt/orders/1001-01/cancel' })).toHaveLength(1);
		expect(sandbox.state.findOrder('1001-01')!.status).toBe('ready-for-handling');
	});
});
