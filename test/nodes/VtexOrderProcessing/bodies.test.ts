import { DateTime } from 'luxon';

import {
	invoiceBody,
	invoicePath,
	trackingBody,
	trackingEventsBody,
} from '../../../nodes/VtexOrderProcessing/actions/order/invoiceBodies';
import { changeBody } from '../../../nodes/VtexOrderProcessing/actions/orderChange/changeBody';
import { changeSellerBody } from '../../../nodes/VtexOrderProcessing/actions/seller/sellerRequests';

/** The request bodies are pure functions of checked input: tested here without the sandbox. */

const ZONE = 'America/Sao_Paulo';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE, setZone: true });

describe('request bodies', () => {
	it('invoice: cents as VTEX types them, optional fields left out when empty', () => {
		const body = invoiceBody(
			{
				orderId: '1002-01',
				type: 'Output',
				invoiceNumber: 'NF-1',
				invoiceWholeOrder: false,
				courier: 'Correios',
				dispatchedDate: at('2026-11-22T10:00:00-03:00'),
			},
			{
				items: [
					{ id: '101', quantity: 2, price: 4990 },
					{ id: '202', quantity: 1, price: 0, description: 'Gift' },
				],
				valueCents: 10780,
			},
			at('2026-11-22T09:30:00-03:00'),
		);
		expect(body).toEqual({
			type: 'Output',
			issuanceDate: '2026-11-22T09:30:00-03:00',
			invoiceNumber: 'NF-1',
			invoiceValue: '10780',
			items: [
				{ id: '101', quantity: 2, price: 4990 },
				{ id: '202', quantity: 1, price: 0, description: 'Gift' },
			],
			courier: 'Correios',
			dispatchedDate: '2026-11-22T10:00:00-03:00',
		});
	});

	it('update tracking: the four fields, empty ones as null', () => {
		expect(trackingBody({ orderId: '1', invoiceNumber: 'NF-1', trackingNumber: 'AB1' })).toEqual({
			trackingNumber: 'AB1',
			trackingUrl: null,
			dispatchedDate: null,
			courier: null,
		});
	});

	it('tracking events: delivered date without offset in the workflow zone, event dates as yyyy-mm-dd', () => {
		const body = trackingEventsBody(
			{
				orderId: '1',
				invoiceNumber: 'NF-1',
				isDelivered: true,
				deliveredDate: DateTime.fromISO('2026-11-24T21:30:00Z'),
				events: [
					{
						city: 'Rio',
						state: 'RJ',
						description: 'Out',
						date: DateTime.fromISO('2026-11-24T01:00:00Z'),
					},
				],
			},
			ZONE,
			DateTime.fromISO('2030-01-01T00:00:00Z'),
		);
		expect(body).toEqual({
			isDelivered: true,
			deliveredDate: '2026-11-24 18:30',
			events: [{ city: 'Rio', state: 'RJ', description: 'Out', date: '2026-11-23' }],
		});
		const undelivered = trackingEventsBody(
			{ orderId: '1', invoiceNumber: 'NF-1', isDelivered: false, events: [] },
			ZONE,
			DateTime.now(),
		);
		expect(undelivered).toEqual({ isDelivered: false, deliveredDate: null, events: [] });
		const deliveredNow = trackingEventsBody(
			{ orderId: '1', invoiceNumber: 'NF-1', isDelivered: true, events: [] },
			ZONE,
			DateTime.fromISO('2026-11-24T12:00:00Z'),
		);
		expect(deliveredNow.deliveredDate).toBe('2026-11-24 09:00');
	});

	it('invoice path: the invoice number as one encoded segment, never a dot segment', () => {
		expect(invoicePath('1002-01', 'NF 1.2', '/tracking')).toBe(
			'/api/oms/pvt/orders/1002-01/invoice/NF%201.2/tracking',
		);
		expect(() => invoicePath('1002-01', '..')).toThrow(/Nothing was sent: "Invoice Number"/);
	});

	it('change: add and remove as objects with items, replace always sent, undefined keys left out', () => {
		expect(
			changeBody({
				orderId: '1002-01',
				reason: 'Swap',
				add: [{ id: '404', quantity: 1, price: undefined }],
				remove: [],
				replace: [
					{ from: { id: '101', quantity: 1 }, to: { id: '102', quantity: 1, price: 4990 } },
				],
				manualDiscountValue: 500,
			}),
		).toEqual({
			reason: 'Swap',
			manualDiscountValue: 500,
			add: { items: [{ id: '404', quantity: 1 }] },
			replace: [
				{
					from: { items: [{ id: '101', quantity: 1 }] },
					to: { items: [{ id: '102', quantity: 1, price: 4990 }] },
				},
			],
		});
		expect(changeBody({ orderId: '1', reason: 'r', add: [], remove: [], replace: [] })).toEqual({
			reason: 'r',
			replace: [],
		});
	});

	it('change seller: payment in cents and one logistics row per item', () => {
		expect(
			changeSellerBody({
				newSellerId: 'sellerb',
				marketplacePaymentValue: 12990,
				logisticsInfo: [
					{ itemIndex: 0, selectedSla: 'Expressa', selectedDeliveryChannel: 'delivery' },
				],
			}),
		).toEqual({
			marketplacePaymentValue: 12990,
			newSellerId: 'sellerb',
			shippingData: {
				logisticsInfo: [
					{ itemIndex: 0, selectedSla: 'Expressa', selectedDeliveryChannel: 'delivery' },
				],
			},
		});
	});
});
