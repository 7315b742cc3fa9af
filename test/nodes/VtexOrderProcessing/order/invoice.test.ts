import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation, sandboxCredentials } from '../../../harness/workflow';

const invoice = (parameters: INodeParameters): INodeParameters => ({
	resource: 'order',
	operation: 'invoice',
	...parameters,
});

const list = (
	...items: Array<{ id: string; quantity: number | string; price: number | string }>
) => ({ item: items });

describe('order → invoice', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const packagesOf = (orderId: string) =>
		sandbox.state.findOrder(orderId)!.packageAttachment.packages;
	const invoiceRequests = (orderId: string) =>
		sandbox.requests({ method: 'POST', pathPrefix: `/api/oms/pvt/orders/${orderId}/invoice` });

	it('sends a partial sale invoice in cents, invoiceValue as a string, and leaves the order in handling', async () => {
		const { output, error } = await runOperation(
			sandbox,
			invoice({
				orderId: '1002-01',
				invoiceNumber: 'NF-2001',
				issuanceDate: '2026-11-22T09:30:00-03:00',
				items: list({ id: '101', quantity: 2, price: '4990' }),
				shippingValue: '800',
				additionalFields: {
					invoiceKey: '35261112345678000190550010000020011000020010',
					courier: 'Transportadora Sandbox',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(output).toEqual([
			expect.objectContaining({
				orderId: '1002-01',
				success: true,
				invoiceNumber: 'NF-2001',
				invoiceValue: { cents: 10780, decimal: 107.8 },
				issuanceDate: '2026-11-22T09:30:00-03:00',
				warnings: [],
			}),
		]);
		expect(output[0].receipt).toMatch(/^[0-9a-f]{32}$/);
		const [request] = invoiceRequests('1002-01');
		expect(request.body).toEqual({
			type: 'Output',
			issuanceDate: '2026-11-22T09:30:00-03:00',
			invoiceNumber: 'NF-2001',
			invoiceValue: '10780',
			items: [{ id: '101', quantity: 2, price: 4990 }],
			invoiceKey: '35261112345678000190550010000020011000020010',
			courier: 'Transportadora Sandbox',
		});
		expect(packagesOf('1002-01')).toEqual([
			expect.objectContaining({
				type: 'Output',
				invoiceNumber: 'NF-2001',
				invoiceValue: 10780,
				courier: 'Transportadora Sandbox',
			}),
		]);
		expect(sandbox.state.findOrder('1002-01')!.status).toBe('handling');
	});

	it('completes an order with two partial invoices: invoiced once they sum to the total', async () => {
		const first = await runOperation(
			sandbox,
			invoice({
				orderId: '1002-01',
				invoiceNumber: 'NF-3001',
				items: list({ id: '101', quantity: 2, price: 4990 }),
				shippingValue: '800',
			}),
		);
		expect(first.error).toBeUndefined();
		expect(sandbox.state.findOrder('1002-01')!.status).toBe('handling');

		const second = await runOperation(
			sandbox,
			invoice({
				orderId: '1002-01',
				invoiceNumber: 'NF-3002',
				items: list(
					{ id: '202', quantity: 3, price: 1999 },
					{ id: '303', quantity: 1, price: 5990 },
				),
				shippingValue: '700',
			}),
		);
		expect(second.error).toBeUndefined();
		expect(second.output[0].invoiceValue).toEqual({ cents: 12687, decimal: 126.87 });
		const order = sandbox.state.findOrder('1002-01')!;
		expect(order.packageAttachment.packages.map((pkg) => pkg.invoiceValue)).toEqual([10780, 12687]);
		expect(10780 + 12687).toBe(order.value);
		expect(order.status).toBe('invoiced');
		expect(order.invoicedDate).not.toBeNull();
	});

	it('"Invoice Whole Order" invoices what an earlier partial invoice left, with the shipping, and completes the order', async () => {
		// 1006-01: 2 × SKU 101 at 49.90 and 3 × SKU 202 at 19.99, shipping 15.00; NF-1006-1 covers one SKU 101.
		const { output, error } = await runOperation(
			sandbox,
			invoice({ orderId: '1006-01', invoiceNumber: 'NF-1006-2', invoiceWholeOrder: true }),
		);
		expect(error).toBeUndefined();
		const [request] = invoiceRequests('1006-01');
		expect(request.body).toMatchObject({
			invoiceValue: '12487',
			items: [
				{ id: '101', quantity: 1, price: 4990 },
				{ id: '202', quantity: 3, price: 1999 },
			],
		});
		expect(output[0].computed).toEqual({
			from: 'whole order',
			orderTotalCents: 17477,
			alreadyInvoicedCents: 4990,
			itemsCents: 10987,
			shippingCents: 1500,
			otherCents: 0,
		});
		const order = sandbox.state.findOrder('1006-01')!;
		expect(order.packageAttachment.packages).toHaveLength(2);
		expect(order.status).toBe('invoiced');
		// It read the order first, then sent one invoice.
		expect(sandbox.requests().map((record) => record.method)).toEqual(['GET', 'POST']);
	});

	it('"Invoice Whole Order" on a fully invoiced order says so and sends no invoice', async () => {
		const { error } = await runOperation(
			sandbox,
			invoice({ orderId: '1003-01', invoiceNumber: 'NF-1003-2', invoiceWholeOrder: true }),
		);
		expect(error?.message).toBe('Order 1003-01 has nothing left to invoice');
		expect(invoiceRequests('1003-01')).toHaveLength(0);
		expect(packagesOf('1003-01')).toHaveLength(1);
	});

	it('turns decimal amounts into exact cents, float arithmetic from expressions included (0.1 + 0.2, 19.99 * 3)', async () => {
		const { output, error } = await runOperation(
			sandbox,
			invoice({
				orderId: '1002-01',
				invoiceNumber: 'NF-4001',
				moneyFormat: 'decimal',
				items: list(
					{ id: '202', quantity: 3, price: '19.99' },
					{ id: '101', quantity: 1, price: '={{ 49.9 }}' },
				),
				shippingValue: '={{ 0.1 + 0.2 }}',
			}),
		);
		expect(error).toBeUndefined();
		// 3 × 1999 + 4990 + 30 = 11017
		expect(invoiceRequests('1002-01')[0].body).toMatchObject({
			invoiceValue: '11017',
			items: [
				{ id: '202', quantity: 3, price: 1999 },
				{ id: '101', quantity: 1, price: 4990 },
			],
		});
		expect(output[0].invoiceValue).toEqual({ cents: 11017, decimal: 110.17 });
		expect(packagesOf('1002-01')[0].invoiceValue).toBe(11017);

		sandbox.reset();
		await runOperation(
			sandbox,
			invoice({
				orderId: '1010-01',
				invoiceNumber: 'NF-4002',
				moneyFormat: 'decimal',
				items: list({ id: '202', quantity: 3, price: '={{ 19.99 }}' }),
				shippingValue: '={{ (0.1 + 0.2) * 15 }}',
			}),
		);
		// (0.1 + 0.2) * 15 is 4.500000000000001 in floating point; VTEX receives 450 cents of shipping.
		expect(invoiceRequests('1010-01')[0].body).toMatchObject({
			invoiceValue: '6447',
			items: [{ price: 1999 }],
		});
		const order = sandbox.state.findOrder('1010-01')!;
		expect(order.packageAttachment.packages[0].invoiceValue).toBe(6447);
		expect(order.value).toBe(6447);
		expect(order.status).toBe('invoiced');
	});

	it('takes the items as JSON from the previous node, validated like the list', async () => {
		const { error } = await runOperation(
			sandbox,
			invoice({
				orderId: '={{ $json.order }}',
				invoiceNumber: '={{ $json.number }}',
				itemsInput: 'json',
				itemsJson: '={{ $json.lines }}',
				invoiceValue: '={{ $json.total }}',
				issuanceDate: '={{ $json.issued }}',
			}),
			{
				items: [
					{
						order: '1012-01',
						number: 'NF-5001',
						lines: [
							{ id: '101', quantity: 2, price: 4990 },
							{ id: '303', quantity: '1', price: '5990' },
						],
						total: 16970,
						issued: '2017-10-05T11:32:11-0300',
					},
				],
			},
		);
		expect(error).toBeUndefined();
		expect(invoiceRequests('1012-01')[0].body).toMatchObject({
			invoiceNumber: 'NF-5001',
			invoiceValue: '16970',
			issuanceDate: '2017-10-05T11:32:11-03:00',
			items: [
				{ id: '101', quantity: 2, price: 4990 },
				{ id: '303', quantity: 1, price: 5990 },
			],
		});
		expect(sandbox.state.findOrder('1012-01')!.status).toBe('invoiced');
	});

	it('re-sending an invoice number gets a new receipt and no second invoice', async () => {
		const parameters = invoice({
			orderId: '1002-01',
			invoiceNumber: 'NF-6001',
			items: list({ id: '101', quantity: 1, price: 4990 }),
		});
		const first = await runOperation(sandbox, parameters);
		const second = await runOperation(sandbox, parameters);
		expect(second.error).toBeUndefined();
		expect(second.output[0].receipt).not.toBe(first.output[0].receipt);
		expect(packagesOf('1002-01')).toHaveLength(1);
		expect(packagesOf('1002-01')[0].receipt).toBe(second.output[0].receipt);
	});

	it('repeats an invoice after a 503 that lost the answer: the invoice number keeps it to one invoice', async () => {
		sandbox.addFault({
			kind: '503',
			phase: 'after',
			method: 'POST',
			pathPrefix: '/api/oms/pvt/orders/1002-01/invoice',
		});
		const { error } = await runOperation(
			sandbox,
			invoice({
				orderId: '1002-01',
				invoiceNumber: 'NF-7001',
				items: list({ id: '101', quantity: 1, price: 4990 }),
			}),
		);
		expect(error).toBeUndefined();
		expect(invoiceRequests('1002-01').map((record) => record.status)).toEqual([503, 200]);
		expect(packagesOf('1002-01')).toHaveLength(1);
	});

	it('warns that a return invoice on an order not fully invoiced refunds nothing, and sends it', async () => {
		const { output, error } = await runOperation(
			sandbox,
			invoice({
				orderId: '1006-01',
				type: 'Input',
				invoiceNumber: 'DEV-1',
				items: list({ id: '101', quantity: 1, price: 4990 }),
			}),
		);
		expect(error).toBeUndefined();
		expect(output[0].warnings).toEqual([
			expect.stringMatching(/not fully invoiced.*refunds nothing/),
		]);
		expect(packagesOf('1006-01').map((pkg) => pkg.type)).toEqual(['Output', 'Input']);
		expect(sandbox.state.findOrder('1006-01')!.status).toBe('handling');
	});

	it('sends a return invoice on an invoiced order without a warning; it does not count as invoicing', async () => {
		const { output, error } = await runOperation(
			sandbox,
			invoice({
				orderId: '1003-01',
				type: 'Input',
				invoiceNumber: 'DEV-2',
				items: list({ id: '303', quantity: 1, price: 5990 }),
			}),
		);
		expect(error).toBeUndefined();
		expect(output[0].warnings).toEqual([]);
		expect(packagesOf('1003-01')).toEqual([
			expect.objectContaining({ type: 'Output' }),
			expect.objectContaining({ type: 'Input', invoiceNumber: 'DEV-2', invoiceValue: 5990 }),
		]);
		expect(sandbox.state.findOrder('1003-01')!.status).toBe('invoiced');
	});

	it('reports VTEX refusing a canceled order per item under continue-on-fail, while the other items succeed', async () => {
		const { output } = await runOperation(
			sandbox,
			invoice({
				orderId: '={{ $json.orderId }}',
				invoiceNumber: '={{ $json.number }}',
				items: list({ id: '202', quantity: 1, price: 1999 }),
			}),
			{
				items: [
					{ orderId: '1004-01', number: 'NF-8001' },
					{ orderId: '1010-01', number: 'NF-8002' },
				],
				continueOnFail: true,
			},
		);
		expect(output).toHaveLength(2);
		expect(output[0]).toMatchObject({ httpCode: 400, vtexCode: 'OrderCanceled' });
		expect(output[0].error).toMatch(/Invoice order 1004-01 \(invoice NF-8001\) failed/);
		expect(output[1]).toMatchObject({ orderId: '1010-01', success: true });
		expect(packagesOf('1004-01')).toHaveLength(0);
		expect(packagesOf('1010-01')).toHaveLength(1);
	});

	it('names the License Manager resource when the key lacks it', async () => {
		const readOnly = sandbox.state.keys[1];
		const { error } = await runOperation(
			sandbox,
			invoice({
				orderId: '1002-01',
				invoiceNumber: 'NF-9901',
				items: list({ id: '101', quantity: 1, price: 4990 }),
			}),
			{
				credentials: sandboxCredentials(sandbox, {
					appKey: readOnly.appKey,
					appToken: readOnly.appToken,
				}),
			},
		);
		expect(error?.description).toMatch(/lacks the License Manager resource "Notify invoice"/);
		expect(packagesOf('1002-01')).toHaveLength(0);
	});
});
