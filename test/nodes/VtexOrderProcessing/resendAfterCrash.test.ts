import type { IDataObject, INode } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { notesOf } from '../../sandbox/families/notes';
import { makeOrder } from '../../sandbox/seed';
import { runWorkflow } from '../../harness/engine';
import { chain, node, runOperation, sandboxCredentials, vtexNode } from '../../harness/workflow';

/**
 * A worker killed mid-batch: n8n keeps nothing of the items it had not finished, and its Retry
 * cannot bring them back. What the user does is send the whole batch again. Every write then
 * converges (each order is handled once at VTEX) and each output item says whether it was a
 * replay: true (VTEX already had it), false (sent now) or null (a write VTEX takes again alike,
 * sent unchecked).
 */
describe('a batch sent again after a worker was killed half way', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const orderIds = Array.from({ length: 10 }, (_v, n) => `${String(600000000 + n)}-01`);
	const fast = { backoffBaseSeconds: 0.02 };
	const item = (field: string) => `={{ $('Items').item.json.${field} }}`;

	const startHandling = vtexNode('Start Handling', {
		resource: 'order',
		operation: 'startHandling',
		orderId: item('orderId'),
		requestOptions: fast,
	});
	const steps: INode[] = [
		startHandling,
		vtexNode('Invoice', {
			resource: 'order',
			operation: 'invoice',
			orderId: item('orderId'),
			type: 'Output',
			invoiceNumber: item('invoiceNumber'),
			issuanceDate: '2026-11-22T09:30:00-03:00',
			items: { item: [{ id: '101', quantity: 1, price: '4990' }] },
			shippingValue: '1000',
			checkOrderFirst: true,
			requestOptions: fast,
		}),
		vtexNode('Note', {
			resource: 'note',
			operation: 'create',
			orderId: item('orderId'),
			description: `={{ 'Sent to the ERP as ' + $('Items').item.json.invoiceNumber }}`,
			requestOptions: fast,
		}),
		vtexNode('Tracking', {
			resource: 'order',
			operation: 'updateTracking',
			orderId: item('orderId'),
			invoiceNumber: item('invoiceNumber'),
			trackingNumber: `={{ 'TRK-' + $('Items').item.json.orderId }}`,
			requestOptions: fast,
		}),
	];

	const run = async (batch: string[], nodes: INode[]) => {
		const items = batch.map((orderId) => ({ orderId, invoiceNumber: `NF-${orderId}` }));
		const workflow = chain(
			node('Start', 'n8n-nodes-base.manualTrigger', {}),
			node('Items', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: JSON.stringify(items) }),
			...nodes,
		);
		const result = await runWorkflow(workflow, { credentials: sandboxCredentials(sandbox) });
		expect(result.status).toBe('success');
		return result;
	};

	const requestsTo = (orderId: string, method: string, suffix: string) =>
		sandbox
			.requests({ method, pathPrefix: `/api/oms/pvt/orders/${orderId}` })
			.filter((request) => request.path.endsWith(suffix) && request.status < 300);

	const putOrders = (ids: string[]) => {
		for (const orderId of ids) {
			sandbox.state.putOrder(
				makeOrder(
					{
						orderId,
						status: 'ready-for-handling',
						items: [{ sku: '101', name: 'Camiseta', quantity: 1, price: 4990 }],
						shipping: [1000],
					},
					sandbox.state.account,
				),
			);
		}
	};

	it('handles each order once at VTEX, and the replayed items say so', async () => {
		putOrders(orderIds);
		const [done, cut] = [orderIds.slice(0, 5), orderIds.slice(5)];
		// The killed run: the first five orders went through every step; the worker died while
		// invoicing, after Start Handling had run for the other five.
		await run(done, steps);
		await run(cut, [startHandling]);

		const resent = await run(orderIds, steps);

		for (const orderId of orderIds) {
			expect(requestsTo(orderId, 'POST', '/start-handling')).toHaveLength(1);
			expect(requestsTo(orderId, 'POST', '/invoice')).toHaveLength(1);
			const order = sandbox.state.findOrder(orderId)!;
			expect(order.status).toBe('invoiced');
			expect(order.packageAttachment.packages).toEqual([
				expect.objectContaining({
					invoiceNumber: `NF-${orderId}`,
					trackingNumber: `TRK-${orderId}`,
				}),
			]);
			expect(notesOf(sandbox, orderId)).toHaveLength(1);
		}

		const replays = (nodeName: string) =>
			resent.json(nodeName).map((output: IDataObject) => output.replay);
		const firstFive = [true, true, true, true, true];
		const lastFive = [false, false, false, false, false];
		// Start Handling: VTEX refused every order (OMS003), and a read found each in handling.
		expect(replays('Start Handling')).toEqual([...firstFive, ...firstFive]);
		expect(resent.json('Start Handling')[9]).toMatchObject({
			replayEvidence: 'vtexAnswered',
			orderId: orderIds[9],
		});
		// Invoice with Check the Order First, and Note: found before sending, nothing sent again.
		expect(replays('Invoice')).toEqual([...firstFive, ...lastFive]);
		expect(resent.json('Invoice')[0]).toMatchObject({
			replayEvidence: 'foundBeforeSending',
			sent: false,
			invoiceNumber: `NF-${orderIds[0]}`,
		});
		expect(replays('Note')).toEqual([...firstFive, ...lastFive]);
		// Update Tracking stores the same tracking again; VTEX answers alike, so it cannot tell.
		expect(replays('Tracking')).toEqual(Array.from({ length: 10 }, () => null));
		expect(resent.json('Tracking')[0]).toMatchObject({ replayEvidence: 'notChecked' });
	});

	it('Invoice sent unchecked says replay null; VTEX keeps one invoice per number either way', async () => {
		const [orderId] = orderIds;
		putOrders([orderId]);
		const invoice = (checkOrderFirst: boolean) =>
			vtexNode('Invoice', {
				resource: 'order',
				operation: 'invoice',
				orderId,
				type: 'Output',
				invoiceNumber: 'NF-RESENT-1',
				items: { item: [{ id: '101', quantity: 1, price: '4990' }] },
				checkOrderFirst,
				requestOptions: fast,
			});
		const once = await run([orderId], [invoice(false)]);
		const again = await run([orderId], [invoice(false)]);
		expect([once, again].map((result) => result.json('Invoice')[0].replay)).toEqual([null, null]);
		const checked = await run([orderId], [invoice(true)]);
		expect(checked.json('Invoice')[0]).toMatchObject({ replay: true, sent: false });
		const packages = sandbox.state
			.findOrder(orderId)!
			.packageAttachment.packages.filter((pkg) => pkg.invoiceNumber === 'NF-RESENT-1');
		expect(packages).toHaveLength(1);
		expect(requestsTo(orderId, 'POST', '/invoice')).toHaveLength(2);
	});

	it('Invoice with Check the Order First fails, sending nothing, when the number is on the order with other data', async () => {
		const [orderId] = orderIds;
		putOrders([orderId]);
		const invoice = (price: string) => ({
			resource: 'order',
			operation: 'invoice',
			orderId,
			type: 'Output',
			invoiceNumber: 'NF-REUSED-1',
			items: { item: [{ id: '101', quantity: 1, price }] },
			checkOrderFirst: true,
			requestOptions: fast,
		});
		expect((await runOperation(sandbox, invoice('2000'))).output[0]).toMatchObject({
			replay: false,
		});
		const reused = await runOperation(sandbox, invoice('4990'));
		expect(reused.error?.message).toMatch(/NF-REUSED-1 is already used/);
		expect(requestsTo(orderId, 'POST', '/invoice')).toHaveLength(1);
	});
});
