import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import {
	expectRefusedBeforeSending,
	invoice,
	item,
	preview as change,
	sellerChange as seller,
} from './parameters';

/**
 * One number reader for every numeric field (nodes/shared/numbers.ts): JavaScript's Number()
 * reads "0x10" as 16, "1e3" as 1000 and "  " as 0; the node refuses each of those notations in
 * every numeric field, money included, before anything is sent, naming the field and showing the
 * value.
 */

interface NumericField {
	label: string;
	parameters: (value: string) => INodeParameters;
}

const changeAdd = (entry: Record<string, unknown>) =>
	change({
		itemsInput: 'json',
		changeItemsJson: JSON.stringify({ add: [{ id: '404', quantity: 1, ...entry }] }),
	});

const fields: NumericField[] = [
	{
		label: 'Items › item 1 › Quantity',
		parameters: (quantity) => invoice({ items: { item: [{ ...item, quantity }] } }),
	},
	{
		label: 'Items › item 1 › Unit Price',
		parameters: (price) => invoice({ items: { item: [{ ...item, price }] } }),
	},
	{
		label: 'Invoice Value',
		parameters: (invoiceValue) => invoice({ moneyFormat: 'decimal', invoiceValue }),
	},
	{
		label: 'Change Items (JSON) › add › item 1 › unitMultiplier',
		parameters: (unitMultiplier) => changeAdd({ unitMultiplier }),
	},
	{
		label: 'Change Items (JSON) › add › item 1 › quantity',
		parameters: (quantity) => changeAdd({ quantity }),
	},
	{
		label: 'Change Items (JSON) › add › item 1 › price',
		parameters: (price) => changeAdd({ price }),
	},
	{
		label: 'Manual Discount',
		parameters: (manualDiscount) => change({ manualDiscount }),
	},
	{
		label: 'Marketplace Payment Value',
		parameters: (marketplacePaymentValue) => seller({ marketplacePaymentValue }),
	},
	{
		label: 'Logistics Info › item 1 › Item Index',
		parameters: (itemIndex) =>
			seller({
				logisticsInfo: {
					item: [{ itemIndex, selectedSla: 'Expressa', selectedDeliveryChannel: 'delivery' }],
				},
			}),
	},
	{
		label: 'Days',
		parameters: (days) => ({
			resource: 'seller',
			operation: 'setChangeWindow',
			waitingTimeDays: `={{ ${JSON.stringify(days)} }}`,
		}),
	},
	{
		label: 'Max Items',
		parameters: (maxItems) => ({
			resource: 'feed',
			operation: 'getItems',
			maxItems: `={{ ${JSON.stringify(maxItems)} }}`,
		}),
	},
	{
		label: 'Limit',
		parameters: (limit) => ({
			resource: 'note',
			operation: 'getMany',
			orderId: '1002-01',
			returnAll: false,
			limit: `={{ ${JSON.stringify(limit)} }}`,
		}),
	},
	{
		label: 'Timeout (Seconds)',
		parameters: (waitTimeoutSeconds) =>
			change({
				operation: 'create',
				waitForCompletion: true,
				waitTimeoutSeconds: `={{ ${JSON.stringify(waitTimeoutSeconds)} }}`,
			}),
	},
	{
		label: 'Visibility Timeout (Seconds)',
		parameters: (visibilityTimeout) => ({
			resource: 'feed',
			operation: 'setConfiguration',
			visibilityTimeout: `={{ ${JSON.stringify(visibilityTimeout)} }}`,
		}),
	},
];

/** Each notation, and the words the error uses for it. */
const notations: Array<[string, RegExp]> = [
	['0x10', /hexadecimal notation/],
	['0X1F', /hexadecimal notation/],
	['0b11', /binary notation/],
	['0o7', /octal notation/],
	['-0x10', /hexadecimal notation/],
	['1e3', /exponent notation/],
	['2.5E+2', /exponent notation/],
	['+5', /leading "\+"/],
	['1_000', /holds "_"/],
	['Infinity', /not a finite number/],
	['-Infinity', /not a finite number/],
	['NaN', /not a finite number/],
	['   ', /only spaces/],
];

describe('numeric inputs: no notation but decimal digits, in every numeric field', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	for (const field of fields) {
		it.each(notations)(`${field.label}: refuses %p before sending`, async (value, words) => {
			const message = await expectRefusedBeforeSending(
				sandbox,
				field.parameters(value),
				field.label,
				words,
			);
			expect(message).toContain(JSON.stringify(value));
		});
	}

	it('refuses a JavaScript Infinity from an expression', async () => {
		await expectRefusedBeforeSending(
			sandbox,
			change({
				itemsInput: 'json',
				changeItemsJson:
					'={{ { "add": [{ "id": "404", "quantity": 1, "unitMultiplier": 1/0 }] } }}',
			}),
			'Change Items (JSON) › add › item 1 › unitMultiplier',
			/must be a number greater than 0/,
		);
	});

	it('still reads plain digits: unit multiplier "0.5" and quantity " 2 " reach VTEX as 0.5 and 2', async () => {
		const { error } = await runOperation(
			sandbox,
			changeAdd({ quantity: ' 2 ', unitMultiplier: '0.5' }),
		);
		expect(error).toBeUndefined();
		const [request] = sandbox.requests({ method: 'POST' });
		expect(JSON.stringify(request.body)).toMatch(/"quantity":2\b/);
		expect(JSON.stringify(request.body)).toMatch(/"unitMultiplier":0\.5\b/);
	});
});
