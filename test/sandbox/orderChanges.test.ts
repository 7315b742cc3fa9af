import axios from 'axios';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

/** The sandbox's Change v2 and change-seller endpoints, spoken to directly (developers.vtex.com/docs/guides/order-modifications, developers.vtex.com/docs/guides/change-seller). */
describe('VTEX sandbox: order changes and change seller', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const headers = () => ({
		'X-VTEX-API-AppKey': sandbox.defaultKey.appKey,
		'X-VTEX-API-AppToken': sandbox.defaultKey.appToken,
	});
	const url = (path: string) => `${sandbox.baseUrl}${path}`;
	const account = () => sandbox.state.account;
	const changeBody = { reason: 'Swap', add: { items: [{ id: '404', quantity: 1 }] }, replace: [] };

	it('moves a change through its statuses at the step delay set on the admin endpoint', async () => {
		await axios.put(url('/_sandbox/order-changes'), { stepDelayMs: 150 });
		const created = await axios.patch(
			url(`/api/order-system/orders/1011-01/changes?accountName=${account()}`),
			changeBody,
			{ headers: headers() },
		);
		expect(created.status).toBe(202);
		const detail = () =>
			axios.get(
				url(`/api/order-system/orders/1011-01/changes/${created.data.requestId}?an=${account()}`),
				{ headers: headers() },
			);
		const seen = new Set<string>();
		for (let attempt = 0; attempt < 100 && !seen.has('done'); attempt++) {
			seen.add((await detail()).data.status);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		expect([...seen]).toEqual(['waiting-acknowledgement', 'waiting-confirmation', 'done']);
		const order = (await axios.get(url('/_sandbox/orders/1011-01'))).data;
		expect(order.items.map((item: { id: string }) => item.id)).toEqual(['101', '404']);
		expect(order.value).toBe(2 * 4990 + 1590 + 700);
	});

	it('wants accountName on the PATCH and an on the other endpoints', async () => {
		const wrong = await axios.patch(
			url(`/api/order-system/orders/1011-01/changes?an=${account()}`),
			changeBody,
			{ headers: headers(), validateStatus: () => true },
		);
		expect(wrong.status).toBe(400);
		expect(wrong.data.error.message).toMatch(/"accountName"/);
		const preview = await axios.post(
			url('/api/order-system/orders/1011-01/changes/preview'),
			changeBody,
			{ headers: headers(), validateStatus: () => true },
		);
		expect(preview.status).toBe(400);
		expect(preview.data.error.message).toMatch(/"an"/);
	});

	it('refuses every change while enableApi is false, and PUT settings switches it back on', async () => {
		await axios.put(
			url(`/api/order-system/orders/changes/settings?an=${account()}`),
			{ rolloutConfiguration: { enableApi: false } },
			{ headers: headers() },
		);
		const refused = await axios.post(
			url(`/api/order-system/orders/1011-01/changes/preview?an=${account()}`),
			changeBody,
			{ headers: headers(), validateStatus: () => true },
		);
		expect(refused.status).toBe(400);
		await axios.put(
			url(`/api/order-system/orders/changes/settings?an=${account()}`),
			{ rolloutConfiguration: { enableApi: true } },
			{ headers: headers() },
		);
		const settings = await axios.get(
			url(`/api/order-system/orders/changes/settings?an=${account()}`),
			{ headers: headers() },
		);
		expect(settings.data.rolloutConfiguration).toMatchObject({
			enableApi: true,
			usingDefaultBehavior: false,
		});
		const previewed = await axios.post(
			url(`/api/order-system/orders/1011-01/changes/preview?an=${account()}`),
			changeBody,
			{ headers: headers() },
		);
		expect(previewed.data).toMatchObject({
			totalChangeValue: 1590,
			totals: expect.arrayContaining([{ id: 'Items', name: 'Items Total', value: 1590 }]),
		});
	});

	it('refuses changes outside the modifiable statuses, on canceled and invoiced orders', async () => {
		const codeFor = async (orderId: string) =>
			(
				await axios.patch(
					url(`/api/order-system/orders/${orderId}/changes?accountName=${account()}`),
					changeBody,
					{ headers: headers(), validateStatus: () => true },
				)
			).data.error.code;
		expect(await codeFor('1001-01')).toBe('CHK0124');
		expect(await codeFor('1004-01')).toBe('SalesOrderSystem008');
		expect(await codeFor('1006-01')).toBe('SalesOrderSystem046');
		expect(await codeFor('9999-01')).toBe('CHK0201');
	});

	it('changes the seller only from the allowed statuses', async () => {
		const body = {
			marketplacePaymentValue: 1000,
			newSellerId: 'sellerc',
			shippingData: {
				logisticsInfo: [{ itemIndex: 0, selectedSla: 'PAC', selectedDeliveryChannel: 'delivery' }],
			},
		};
		const refused = await axios.put(url('/api/checkout/pvt/orders/1002-01/sellers'), body, {
			headers: headers(),
			validateStatus: () => true,
		});
		expect(refused.status).toBe(409);
		const done = await axios.put(url('/api/checkout/pvt/orders/1007-01/sellers'), body, {
			headers: headers(),
		});
		expect(done.status).toBe(204);
		const unknown = await axios.put(
			url('/api/checkout/pvt/orders/1008-01/sellers'),
			{ ...body, newSellerId: 'nobody' },
			{ headers: headers(), validateStatus: () => true },
		);
		expect(unknown.status).toBe(400);
	});
});
