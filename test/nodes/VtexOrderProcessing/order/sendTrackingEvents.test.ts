import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';

const events = (parameters: INodeParameters): INodeParameters => ({
	resource: 'order',
	operation: 'sendTrackingEvents',
	orderId: '1003-01',
	invoiceNumber: 'NF-1003-1',
	...parameters,
});

describe('order → sendTrackingEvents', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const invoice = () => sandbox.state.findOrder('1003-01')!.packageAttachment.packages[0];
	const addTrackingNumber = async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'order',
			operation: 'updateTracking',
			orderId: '1003-01',
			invoiceNumber: 'NF-1003-1',
			trackingNumber: 'AB123456789BR',
		});
		expect(error).toBeUndefined();
	};

	it('is refused by VTEX while the invoice has no tracking number, with advice', async () => {
		const { error } = await runOperation(
			sandbox,
			events({
				events: {
					event: [
						{ city: 'Rio de Janeiro', state: 'RJ', description: 'Posted', date: '2026-11-22' },
					],
				},
			}),
		);
		expect(error?.message).toMatch(
			/Send tracking events for invoice NF-1003-1 of order 1003-01 failed/,
		);
		expect(error?.description).toMatch(/Update Tracking/);
		expect(invoice().courierStatus).toBeNull();
	});

	it('stores the events once the invoice has a tracking number, dates as VTEX writes them', async () => {
		await addTrackingNumber();
		const { output, error } = await runOperation(
			sandbox,
			events({
				events: {
					event: [
						{ city: 'São Paulo', state: 'SP', description: 'Posted', date: '22/11/2026 10:00' },
						{
							city: 'Rio de Janeiro',
							state: 'RJ',
							description: 'Out for delivery',
							date: '2026-11-24 07:15',
						},
					],
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(output[0]).toMatchObject({ success: true, isDelivered: false, deliveredDate: null });
		const [request] = sandbox.requests({ method: 'PUT' });
		expect(request.path).toBe('/api/oms/pvt/orders/1003-01/invoice/NF-1003-1/tracking');
		expect(request.body).toEqual({
			isDelivered: false,
			deliveredDate: null,
			events: [
				{ city: 'São Paulo', state: 'SP', description: 'Posted', date: '2026-11-22' },
				{
					city: 'Rio de Janeiro',
					state: 'RJ',
					description: 'Out for delivery',
					date: '2026-11-24',
				},
			],
		});
		expect(invoice().courierStatus).toMatchObject({
			finished: false,
			data: [
				expect.objectContaining({ city: 'São Paulo' }),
				expect.objectContaining({ description: 'Out for delivery' }),
			],
		});
	});

	it('marks the package delivered with yyyy-mm-dd hh:mm, from any date format, events as JSON', async () => {
		await addTrackingNumber();
		const { error } = await runOperation(
			sandbox,
			events({
				isDelivered: true,
				deliveredDate: '={{ $json.deliveredAt }}',
				eventsInput: 'json',
				eventsJson: '={{ $json.events }}',
			}),
			{
				items: [
					{
						deliveredAt: '2026-11-24T18:30:00',
						events: [
							{
								city: 'Rio de Janeiro',
								state: 'RJ',
								description: 'Delivered',
								date: '2026-11-24T18:30:00',
							},
						],
					},
				],
			},
		);
		expect(error).toBeUndefined();
		expect(sandbox.requests({ method: 'PUT' })[0].body).toMatchObject({
			isDelivered: true,
			deliveredDate: '2026-11-24 18:30',
		});
		expect(invoice().courierStatus).toMatchObject({
			finished: true,
			deliveredDate: '2026-11-24 18:30',
		});
	});
});
