import axios from 'axios';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { DEFAULT_KEYS } from './auth';

/** Sandbox rules for invoices, tracking, cancel and notes that the node's own checks never let it reach. */
describe('VTEX sandbox: invoice, tracking, cancel and notes rules', () => {
	let sandbox: Sandbox;
	const invoicer = {
		appKey: 'vtexappkey-sandboxstore-INVOICER',
		appToken: 'sandbox-app-token-INVOICER-secret',
		resources: ['Notify invoice', 'View order'],
	};
	beforeAll(async () => (sandbox = await startSandbox({ keys: [...DEFAULT_KEYS, invoicer] })));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const call = (
		method: string,
		path: string,
		data?: unknown,
		key: { appKey: string; appToken: string } = DEFAULT_KEYS[0],
	) =>
		axios.request({
			method,
			url: `${sandbox.baseUrl}${path}`,
			data,
			headers: { 'X-VTEX-API-AppKey': key.appKey, 'X-VTEX-API-AppToken': key.appToken },
			validateStatus: () => true,
		});
	const invoiceBody = (overrides: Record<string, unknown> = {}) => ({
		type: 'Output',
		issuanceDate: '2026-11-22T09:30:00-03:00',
		invoiceNumber: 'NF-1',
		invoiceValue: '1999',
		items: [{ id: '202', quantity: 1, price: 1999 }],
		...overrides,
	});

	it('wants "Notify refund" as well for a return (Input) invoice', async () => {
		const sale = await call('POST', '/api/oms/pvt/orders/1010-01/invoice', invoiceBody(), invoicer);
		expect(sale.status).toBe(200);
		const ret = await call(
			'POST',
			'/api/oms/pvt/orders/1010-01/invoice',
			invoiceBody({ type: 'Input', invoiceNumber: 'DEV-1' }),
			invoicer,
		);
		expect(ret.status).toBe(403);
		expect(ret.data.error.message).toMatch(/Notify refund/);
	});

	it('refuses a sale invoice beyond the total of an invoiced order, and a decimal invoice value', async () => {
		const beyond = await call(
			'POST',
			'/api/oms/pvt/orders/1003-01/invoice',
			invoiceBody({
				invoiceNumber: 'NF-X',
				items: [{ id: '303', quantity: 1, price: 5990 }],
				invoiceValue: '5990',
			}),
		);
		expect(beyond.status).toBe(400);
		expect(beyond.data.error.code).toBe('OrderAlreadyInvoiced');
		const decimal = await call(
			'POST',
			'/api/oms/pvt/orders/1010-01/invoice',
			invoiceBody({ invoiceValue: '19.99' }),
		);
		expect(decimal.status).toBe(400);
		expect(sandbox.state.findOrder('1010-01')!.packageAttachment.packages).toHaveLength(0);
	});

	it('wants all four tracking fields, and deliveredDate as yyyy-mm-dd hh:mm', async () => {
		const partial = await call('PATCH', '/api/oms/pvt/orders/1003-01/invoice/NF-1003-1', {
			trackingNumber: 'AB1',
		});
		expect(partial.status).toBe(400);
		const full = await call('PATCH', '/api/oms/pvt/orders/1003-01/invoice/NF-1003-1', {
			trackingNumber: 'AB1',
			trackingUrl: null,
			dispatchedDate: null,
			courier: null,
		});
		expect(full.status).toBe(200);
		const isoDate = await call('PUT', '/api/oms/pvt/orders/1003-01/invoice/NF-1003-1/tracking', {
			isDelivered: true,
			deliveredDate: '2026-11-24T18:30:00Z',
			events: [],
		});
		expect(isoDate.status).toBe(400);
		expect(isoDate.data.error.message).toMatch(/yyyy-mm-dd hh:mm/);
	});

	it('cancels an order once; the second attempt is refused', async () => {
		expect(
			(await call('POST', '/api/oms/pvt/orders/1001-01/cancel', { reason: 'test' })).status,
		).toBe(200);
		const again = await call('POST', '/api/oms/pvt/orders/1001-01/cancel', { reason: 'test' });
		expect(again.status).toBe(400);
		expect(sandbox.state.findOrder('1001-01')!.status).toBe('canceled');
	});

	it('reads notes by target.id only, at most 30 a page', async () => {
		expect((await call('GET', '/api/do/notes')).status).toBe(400);
		expect((await call('GET', '/api/do/notes?target.id=1001-01&perPage=31')).status).toBe(400);
		const empty = await call('GET', '/api/do/notes?target.id=1001-01');
		expect(empty.data).toEqual({ items: [], paging: { page: 1, perPage: 15, total: 0, pages: 0 } });
	});
});
