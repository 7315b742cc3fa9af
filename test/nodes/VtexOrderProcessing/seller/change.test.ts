import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { sellerFamilyOf } from '../../../sandbox/families/seller';
import { runOperation } from '../../../harness/workflow';

const SELLERS = (orderId: string) => `/api/checkout/pvt/orders/${orderId}/sellers`;

function change(parameters: INodeParameters = {}): INodeParameters {
	return {
		resource: 'seller',
		operation: 'change',
		orderId: '1005-01',
		newSellerId: 'sellerb',
		moneyFormat: 'decimal',
		marketplacePaymentValue: '129.90',
		logisticsInfo: {
			item: [{ itemIndex: 0, selectedSla: 'Expressa', selectedDeliveryChannel: 'delivery' }],
		},
		...parameters,
	};
}

describe('seller → change', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it.each([
		['1005-01', 'window-to-change-seller'],
		['1007-01', 'payment-pending'],
		['1008-01', 'waiting-for-authorization'],
	])(
		'gives order %s (%s) to the new seller, the payment value in cents',
		async (orderId, status) => {
			const { output, error } = await runOperation(sandbox, change({ orderId }));
			expect(error).toBeUndefined();
			expect(output).toEqual([
				expect.objectContaining({
					orderId,
					newSellerId: 'sellerb',
					success: true,
					previousStatus: status,
					marketplacePaymentValue: { cents: 12990, decimal: 129.9 },
				}),
			]);
			const [request] = sandbox.requests({ method: 'PUT', pathPrefix: SELLERS(orderId) });
			expect(request.body).toEqual({
				marketplacePaymentValue: 12990,
				newSellerId: 'sellerb',
				shippingData: {
					logisticsInfo: [
						{ itemIndex: 0, selectedSla: 'Expressa', selectedDeliveryChannel: 'delivery' },
					],
				},
			});
			const order = sandbox.state.findOrder(orderId)!;
			expect(order.sellers.map((seller) => seller.id)).toEqual(['sellerb']);
			expect(order.shippingData.logisticsInfo[0]).toMatchObject({
				selectedSla: 'Expressa',
				deliveryIds: [],
			});
			expect(sellerFamilyOf(sandbox.state).changes).toEqual([
				expect.objectContaining({ orderId, to: 'sellerb', marketplacePaymentValue: 12990 }),
			]);
		},
	);

	it('refuses an order in handling without a request reaching the change-seller endpoint', async () => {
		const { error } = await runOperation(sandbox, change({ orderId: '1002-01' }));
		expect(error?.message).toMatch(
			/Order 1002-01 is "handling": VTEX changes the seller only in "window-to-change-seller", "payment-pending", "waiting-for-authorization"/,
		);
		expect(error?.description).toMatch(/Nothing was sent to VTEX/);
		expect(sandbox.requests({ pathPrefix: '/api/checkout' })).toHaveLength(0);
		expect(
			sandbox.requests({ method: 'GET', pathPrefix: '/api/oms/pvt/orders/1002-01' }),
		).toHaveLength(1);
		expect(sandbox.state.findOrder('1002-01')?.sellers[0].id).toBe('1');
	});

	it("sends anyway when the check is off, and reports VTEX's refusal", async () => {
		const { error } = await runOperation(
			sandbox,
			change({ orderId: '1002-01', checkStatus: false }),
		);
		expect(error?.message).toMatch(
			/Change the seller of order 1002-01 to sellerb failed: Order status should be window-to-change-seller/,
		);
		// The order is read only after the refusal, to tell it from a change already applied.
		expect(sandbox.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
			`PUT ${SELLERS('1002-01')}`,
			'GET /api/oms/pvt/orders/1002-01',
		]);
	});

	it('is never sent twice after a 5xx', async () => {
		sandbox.addFault({ kind: '502', method: 'PUT', pathPrefix: SELLERS('1005-01') });
		const { error } = await runOperation(sandbox, change());
		expect(error?.description).toMatch(/not repeated/);
		expect(sandbox.requests({ method: 'PUT' })).toHaveLength(1);
	});

	const badInputs: Array<[string, INodeParameters, RegExp]> = [
		[
			'a negative payment value',
			{ marketplacePaymentValue: '-10.00' },
			/Invalid "Marketplace Payment Value": must not be negative/,
		],
		[
			'a payment value in cents with decimals',
			{ moneyFormat: 'cents', marketplacePaymentValue: '129.90' },
			/Invalid "Marketplace Payment Value": must be a whole number of cents/,
		],
		[
			'a logistics row without an SLA',
			{
				logisticsInfo: {
					item: [{ itemIndex: 0, selectedSla: ' ', selectedDeliveryChannel: 'delivery' }],
				},
			},
			/Invalid "Logistics Info › item 1 › Selected SLA": is required/,
		],
		[
			'the same item index twice',
			{
				logisticsInfo: {
					item: [
						{ itemIndex: 1, selectedSla: 'Normal', selectedDeliveryChannel: 'delivery' },
						{ itemIndex: 1, selectedSla: 'Expressa', selectedDeliveryChannel: 'delivery' },
					],
				},
			},
			/Invalid "Logistics Info › Item Index": item index 1 is given more than once/,
		],
	];

	it.each(badInputs)(
		'refuses %s, naming the field, with no request sent',
		async (_name, parameters, message) => {
			const { error } = await runOperation(sandbox, change(parameters));
			expect(error?.message).toMatch(message);
			expect(sandbox.requests()).toHaveLength(0);
		},
	);

	it('refuses an item index the order does not have, after reading it', async () => {
		const { error } = await runOperation(
			sandbox,
			change({
				logisticsInfo: {
					item: [{ itemIndex: 5, selectedSla: 'Normal', selectedDeliveryChannel: 'delivery' }],
				},
			}),
		);
		expect(error?.message).toMatch(
			/Invalid "Logistics Info › Item Index": the order has 2 item\(s\), indexes 0 to 1; got 5/,
		);
		expect(sandbox.requests({ pathPrefix: '/api/checkout' })).toHaveLength(0);
	});
});
