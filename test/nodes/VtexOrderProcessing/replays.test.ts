import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { notesOf } from '../../sandbox/families/notes';
import { orderChangesOf } from '../../sandbox/families/orderChanges';
import { SOCKS_FOR_A_MUG } from './orderChange/changeFixtures';
import { runOperation } from '../../harness/workflow';

/**
 * Replays that converge: a write whose goal VTEX already reached, by an
 * earlier attempt whose answer was lost or by an earlier run of the same item, succeeds with the
 * outcome of a single successful call and says it was a replay; a reused invoice number with
 * other data fails instead.
 */
describe('replays converge', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	// Fast retries; Max Attempts 1 where a test needs the first failure to reach the node.
	const fast = { backoffBaseSeconds: 0.02 };
	const once = { maxAttempts: 1 };
	const order = (orderId: string) => sandbox.state.findOrder(orderId)!;
	const packagesOf = (orderId: string) => order(orderId).packageAttachment.packages;
	const posts = (path: string) => sandbox.requests({ method: 'POST', pathPrefix: path });
	const startHandling = (
		orderId: string,
		requestOptions: INodeParameters = fast,
	): INodeParameters => ({
		resource: 'order',
		operation: 'startHandling',
		orderId,
		requestOptions,
	});
	const invoice = (parameters: INodeParameters): INodeParameters => ({
		resource: 'order',
		operation: 'invoice',
		requestOptions: fast,
		...parameters,
	});
	const list = (...items: Array<{ id: string; quantity: number; price: number }>) => ({
		item: items,
	});

	describe('Start Handling', () => {
		it('succeeds as a replay after a 503 that came back once VTEX had applied it (the retry got OMS003)', async () => {
			sandbox.addFault({
				kind: '503',
				phase: 'after',
				method: 'POST',
				pathPrefix: '/api/oms/pvt/orders/1001-01/start-handling',
			});
			const { output, error, result } = await runOperation(sandbox, startHandling('1001-01'));
			expect(error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(output).toEqual([
				expect.objectContaining({
					orderId: '1001-01',
					success: true,
					action: 'startHandling',
					replay: true,
					replayEvidence: 'vtexAnswered',
					sent: true,
					status: 'handling',
				}),
			]);
			expect(output[0].message).toMatch(/already in "handling".*OMS003 \(HTTP 409\)/);
			expect(
				posts('/api/oms/pvt/orders/1001-01/start-handling').map((request) => request.status),
			).toEqual([503, 409]);
			expect(order('1001-01').status).toBe('handling');
		});

		it('succeeds as a replay after a connection reset once VTEX had applied it', async () => {
			sandbox.addFault({
				kind: 'reset',
				phase: 'after',
				method: 'POST',
				pathPrefix: '/api/oms/pvt/orders/1009-01/start-handling',
			});
			const { output, error } = await runOperation(sandbox, startHandling('1009-01'));
			expect(error).toBeUndefined();
			expect(output[0]).toMatchObject({ success: true, replay: true, status: 'handling' });
		});

		it('succeeds as a replay when the answer was lost and no attempt is left: a read finds the order in handling', async () => {
			sandbox.addFault({
				kind: '503',
				phase: 'after',
				method: 'POST',
				pathPrefix: '/api/oms/pvt/orders/1001-01/start-handling',
			});
			const { output, error } = await runOperation(
				sandbox,
				startHandling('1001-01', { ...fast, ...once }),
			);
			expect(error).toBeUndefined();
			expect(output[0]).toMatchObject({ replay: true, status: 'handling' });
			expect(output[0].message).toMatch(/answer was lost \(HTTP 503\)/);
			expect(posts('/api/oms/pvt/orders/1001-01/start-handling')).toHaveLength(1);
		});

		it('succeeds on an order already past handling (invoiced), with the status it found', async () => {
			const { output, error } = await runOperation(sandbox, startHandling('1003-01'));
			expect(error).toBeUndefined();
			expect(output[0]).toMatchObject({ success: true, replay: true, status: 'invoiced' });
			expect(order('1003-01').status).toBe('invoiced');
		});

		it('a first-time success says it was no replay, with no extra request', async () => {
			const { output } = await runOperation(sandbox, startHandling('1001-01'));
			expect(output[0]).toMatchObject({ success: true, replay: false });
			expect(sandbox.requests()).toHaveLength(1);
		});

		it('still fails on an order that never reached handling (canceled), and the execution is an error', async () => {
			const { error, result } = await runOperation(sandbox, startHandling('1004-01'));
			expect(error?.message).toMatch(/Start handling order 1004-01 failed/);
			expect(result.status).toBe('error');
			expect(order('1004-01').status).toBe('canceled');
		});
	});

	describe('Invoice', () => {
		it('Invoice Whole Order run twice: the second run finds its invoice number on the order and sends nothing', async () => {
			const parameters = invoice({
				orderId: '1002-01',
				invoiceNumber: 'NF-W1',
				invoiceWholeOrder: true,
			});
			const first = await runOperation(sandbox, parameters);
			expect(first.error).toBeUndefined();
			expect(first.output[0]).toMatchObject({ replay: false });
			const second = await runOperation(sandbox, parameters);
			expect(second.error).toBeUndefined();
			expect(second.output[0]).toMatchObject({
				success: true,
				action: 'invoice',
				invoiceNumber: 'NF-W1',
				invoiceValue: first.output[0].invoiceValue,
				replay: true,
				replayEvidence: 'foundBeforeSending',
				sent: false,
			});
			expect(second.output[0].items).toEqual(
				expect.arrayContaining(
					(first.output[0].items as object[]).map((item) => expect.objectContaining(item)),
				),
			);
			expect(posts('/api/oms/pvt/orders/1002-01/invoice')).toHaveLength(1);
			expect(packagesOf('1002-01')).toHaveLength(1);
			expect(order('1002-01').status).toBe('invoiced');
		});

		it('Invoice Whole Order with a number already used for a partial invoice fails as a conflict, and sends nothing', async () => {
			const { error, result } = await runOperation(
				sandbox,
				invoice({ orderId: '1006-01', invoiceNumber: 'NF-1006-1', invoiceWholeOrder: true }),
			);
			expect(error?.message).toMatch(
				/Invoice number NF-1006-1 is already used on order 1006-01 for another invoice/,
			);
			expect(error?.description).toMatch(/partial value of 4990 cents/);
			expect(result.status).toBe('error');
			expect(posts('/api/oms/pvt/orders/1006-01/invoice')).toHaveLength(0);
			expect(packagesOf('1006-01')).toHaveLength(1);
		});

		it('an invoice whose answer was lost, with no attempt left, succeeds as a replay once a read finds it with the same data', async () => {
			sandbox.addFault({
				kind: '503',
				phase: 'after',
				method: 'POST',
				pathPrefix: '/api/oms/pvt/orders/1002-01/invoice',
			});
			const { output, error } = await runOperation(
				sandbox,
				invoice({
					orderId: '1002-01',
					invoiceNumber: 'NF-7002',
					items: list({ id: '101', quantity: 1, price: 4990 }),
					requestOptions: { ...fast, ...once },
				}),
			);
			expect(error).toBeUndefined();
			expect(output[0]).toMatchObject({
				success: true,
				replay: true,
				replayEvidence: 'vtexAnswered',
				invoiceValue: { cents: 4990, decimal: 49.9 },
			});
			expect(packagesOf('1002-01')).toHaveLength(1);
		});

		it('a failed invoice whose number is on the order with another value fails as a conflict, not as a replay', async () => {
			sandbox.addFault({
				kind: '503',
				method: 'POST',
				pathPrefix: '/api/oms/pvt/orders/1006-01/invoice',
			});
			const { error } = await runOperation(
				sandbox,
				invoice({
					orderId: '1006-01',
					invoiceNumber: 'NF-1006-1',
					items: list({ id: '101', quantity: 1, price: 3990 }),
					requestOptions: { ...fast, ...once },
				}),
			);
			expect(error?.message).toMatch(
				/Invoice number NF-1006-1 is already used on order 1006-01 for another invoice/,
			);
			expect(error?.description).toMatch(/value 4990 cents \(this one: 3990\)/);
			expect(packagesOf('1006-01')).toHaveLength(1);
			expect(packagesOf('1006-01')[0].invoiceValue).toBe(4990);
		});
	});

	describe('Update Tracking and Send Tracking Events', () => {
		it('repeat after answers lost once VTEX applied them, and end with the values of a single call', async () => {
			sandbox.addFault({
				kind: '503',
				phase: 'after',
				method: 'PATCH',
				pathPrefix: '/api/oms/pvt/orders/1006-01/invoice/NF-1006-1',
			});
			sandbox.addFault({
				kind: 'reset',
				phase: 'after',
				method: 'PUT',
				pathPrefix: '/api/oms/pvt/orders/1006-01/invoice/NF-1006-1/tracking',
			});
			const tracking = await runOperation(sandbox, {
				resource: 'order',
				operation: 'updateTracking',
				orderId: '1006-01',
				invoiceNumber: 'NF-1006-1',
				trackingNumber: 'AB123456789BR',
				requestOptions: fast,
			});
			expect(tracking.error).toBeUndefined();
			const events = await runOperation(sandbox, {
				resource: 'order',
				operation: 'sendTrackingEvents',
				orderId: '1006-01',
				invoiceNumber: 'NF-1006-1',
				isDelivered: true,
				deliveredDate: '2026-11-24T18:30:00',
				requestOptions: fast,
			});
			expect(events.error).toBeUndefined();
			const [pkg] = packagesOf('1006-01');
			expect(pkg.trackingNumber).toBe('AB123456789BR');
			expect(pkg.courierStatus).toMatchObject({
				finished: true,
				deliveredDate: '2026-11-24 18:30',
			});
			expect(
				sandbox
					.requests({ pathPrefix: '/api/oms/pvt/orders/1006-01/invoice/NF-1006-1' })
					.map((request) => request.status),
			).toEqual([503, 200, 0, 200]);
		});
	});

	describe('Cancel', () => {
		const cancel = (orderId: string, extra: INodeParameters = {}): INodeParameters => ({
			resource: 'order',
			operation: 'cancel',
			orderId,
			reason: 'Unexpected stock shortage',
			requestOptions: fast,
			...extra,
		});

		it('of an order already canceled succeeds as a replay with the status it found', async () => {
			const { output, error, result } = await runOperation(sandbox, cancel('1004-01'));
			expect(error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(output[0]).toMatchObject({
				orderId: '1004-01',
				success: true,
				action: 'cancel',
				replay: true,
				status: 'canceled',
			});
		});

		it('whose answer was lost succeeds as a replay once a read finds the order canceled; run again, it adds no second note', async () => {
			sandbox.addFault({
				kind: '503',
				phase: 'after',
				method: 'POST',
				pathPrefix: '/api/oms/pvt/orders/1001-01/cancel',
			});
			const first = await runOperation(sandbox, cancel('1001-01', { addNote: true }));
			expect(first.error).toBeUndefined();
			expect(first.output[0]).toMatchObject({
				success: true,
				replay: true,
				replayEvidence: 'vtexAnswered',
				status: 'canceled',
				note: { created: true, replay: false },
			});
			const again = await runOperation(sandbox, cancel('1001-01', { addNote: true }));
			expect(again.output[0]).toMatchObject({
				success: true,
				replay: true,
				note: { created: true, replay: true, sent: false },
			});
			expect(posts('/api/oms/pvt/orders/1001-01/cancel')).toHaveLength(2);
			expect(notesOf(sandbox, '1001-01')).toHaveLength(1);
		});

		it('of an invoiced order still fails, as an error execution', async () => {
			const { error, result } = await runOperation(sandbox, cancel('1003-01'));
			expect(error?.message).toMatch(/Cancel order 1003-01 failed/);
			expect(result.status).toBe('error');
		});
	});

	describe('Note → Create', () => {
		const create = (extra: INodeParameters = {}): INodeParameters => ({
			resource: 'note',
			operation: 'create',
			orderId: '1002-01',
			description: 'Customer asked to leave the parcel with the doorman.',
			requestOptions: fast,
			...extra,
		});

		it('run twice adds the note once; the second run outputs it as a replay', async () => {
			const first = await runOperation(sandbox, create());
			expect(first.output[0]).toMatchObject({
				replay: false,
				description: 'Customer asked to leave the parcel with the doorman.',
			});
			const second = await runOperation(sandbox, create());
			expect(second.output[0]).toMatchObject({
				id: first.output[0].id,
				replay: true,
				replayEvidence: 'foundBeforeSending',
				sent: false,
			});
			expect(notesOf(sandbox, '1002-01')).toHaveLength(1);
		});

		it('whose answer was lost is found on the order instead of failing or being added twice', async () => {
			sandbox.addFault({
				kind: '503',
				phase: 'after',
				method: 'POST',
				pathPrefix: '/api/do/notes',
			});
			const { output, error } = await runOperation(sandbox, create());
			expect(error).toBeUndefined();
			expect(output[0]).toMatchObject({ replay: true, replayEvidence: 'vtexAnswered' });
			expect(notesOf(sandbox, '1002-01')).toHaveLength(1);
		});
	});

	describe('Order Change → Create', () => {
		const create = (extra: INodeParameters = {}): INodeParameters => ({
			...SOCKS_FOR_A_MUG,
			operation: 'create',
			requestOptions: fast,
			pollIntervalSeconds: 0.05,
			...extra,
		});
		const changes = () =>
			orderChangesOf(sandbox.state).changes.filter((change) => change.origin.orderId === '1002-01');
		const socks = () =>
			sandbox.state
				.findOrder('1002-01')!
				.items.filter((item) => item.id === '404')
				.reduce((sum, item) => sum + item.quantity, 0);
		beforeEach(() => (orderChangesOf(sandbox.state).stepDelayMs = 20));

		it('run twice changes the order once: the second run finds the same change as the latest one and follows it', async () => {
			const first = await runOperation(sandbox, create());
			expect(first.output[0]).toMatchObject({ applied: true, replay: false });
			const second = await runOperation(sandbox, create());
			expect(second.error).toBeUndefined();
			expect(second.output[0]).toMatchObject({
				requestId: first.output[0].requestId,
				applied: true,
				replay: true,
				replayEvidence: 'foundBeforeSending',
				sent: false,
			});
			expect(changes()).toHaveLength(1);
			expect(socks()).toBe(1);
		});

		it('whose answer was lost once VTEX queued it succeeds with that change instead of failing unrepeated', async () => {
			sandbox.addFault({
				kind: '503',
				phase: 'after',
				method: 'PATCH',
				pathPrefix: '/api/order-system/orders/1002-01/changes',
			});
			const { output, error } = await runOperation(sandbox, create());
			expect(error).toBeUndefined();
			expect(output[0]).toMatchObject({
				applied: true,
				replay: true,
				replayEvidence: 'vtexAnswered',
			});
			expect(changes()).toHaveLength(1);
			expect(socks()).toBe(1);
		});

		it('with another reason is a new change', async () => {
			await runOperation(sandbox, create());
			const other = await runOperation(
				sandbox,
				create({ reason: 'Another pair of socks', itemsToRemove: { item: [] } }),
			);
			expect(other.output[0]).toMatchObject({ replay: false });
			expect(changes()).toHaveLength(2);
		});
	});

	describe('Seller → Change', () => {
		const change = (extra: INodeParameters = {}): INodeParameters => ({
			resource: 'seller',
			operation: 'change',
			orderId: '1005-01',
			newSellerId: 'sellerb',
			marketplacePaymentValue: '12990',
			logisticsInfo: {
				item: [{ itemIndex: 0, selectedSla: 'Expressa', selectedDeliveryChannel: 'delivery' }],
			},
			requestOptions: fast,
			...extra,
		});
		const puts = () =>
			sandbox.requests({ method: 'PUT', pathPrefix: '/api/checkout/pvt/orders/1005-01/sellers' });

		it('run twice changes the seller once: the second run reads the order, finds the new seller and sends nothing', async () => {
			const first = await runOperation(sandbox, change());
			expect(first.output[0]).toMatchObject({ success: true, replay: false });
			const second = await runOperation(sandbox, change());
			expect(second.error).toBeUndefined();
			expect(second.output[0]).toMatchObject({
				success: true,
				action: 'changeSeller',
				newSellerId: 'sellerb',
				replay: true,
				replayEvidence: 'foundBeforeSending',
				sent: false,
			});
			expect(puts()).toHaveLength(1);
		});

		it('whose answer was lost after VTEX applied it succeeds once a read finds the new seller', async () => {
			sandbox.addFault({
				kind: '502',
				phase: 'after',
				method: 'PUT',
				pathPrefix: '/api/checkout/pvt/orders/1005-01/sellers',
			});
			const { output, error } = await runOperation(sandbox, change());
			expect(error).toBeUndefined();
			expect(output[0]).toMatchObject({ replay: true, replayEvidence: 'vtexAnswered' });
			expect(puts()).toHaveLength(1);
		});
	});
});
