import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';

describe('order → updateTracking', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const invoiceOf = (orderId: string, number: string) =>
		sandbox.state
			.findOrder(orderId)!
			.packageAttachment.packages.find((pkg) => pkg.invoiceNumber === number)!;

	it('stores tracking number, URL, courier and dispatched date on the invoice', async () => {
		const { output, error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'updateTracking',
			orderId: '1003-01',
			invoiceNumber: 'NF-1003-1',
			trackingNumber: 'AB123456789BR',
			trackingUrl: 'https://rastreio.example/AB123456789BR',
			courier: 'Correios',
			dispatchedDate: '2026-11-22T08:00:00-03:00',
		});
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({
			orderId: '1003-01',
			invoiceNumber: 'NF-1003-1',
			success: true,
		});
		const [request] = sandbox.requests({ method: 'PATCH' });
		expect(request.path).toBe('/api/oms/pvt/orders/1003-01/invoice/NF-1003-1');
		expect(request.body).toEqual({
			trackingNumber: 'AB123456789BR',
			trackingUrl: 'https://rastreio.example/AB123456789BR',
			dispatchedDate: '2026-11-22T08:00:00-03:00',
			courier: 'Correios',
		});
		expect(invoiceOf('1003-01', 'NF-1003-1')).toMatchObject({
			trackingNumber: 'AB123456789BR',
			trackingUrl: 'https://rastreio.example/AB123456789BR',
			courier: 'Correios',
			dispatchedDate: '2026-11-22T08:00:00-03:00',
		});
	});

	it('sends the fields left empty as null, as VTEX requires all four', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'updateTracking',
			orderId: '1006-01',
			invoiceNumber: 'NF-1006-1',
			trackingNumber: 'XY1',
		});
		expect(error).toBeUndefined();
		expect(sandbox.requests({ method: 'PATCH' })[0].body).toEqual({
			trackingNumber: 'XY1',
			trackingUrl: null,
			dispatchedDate: null,
			courier: null,
		});
		expect(invoiceOf('1006-01', 'NF-1006-1').trackingNumber).toBe('XY1');
	});

	it('explains an unknown invoice number', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'updateTracking',
			orderId: '1002-01',
			invoiceNumber: 'NF-NOPE',
			trackingNumber: 'XY1',
		});
		expect(error?.message).toMatch(/Update tracking of invoice NF-NOPE on order 1002-01 failed/);
		expect(error?.description).toMatch(/no invoice "NF-NOPE" on order "1002-01"/);
	});
});
