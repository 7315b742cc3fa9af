import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import {
	expectRefusedBeforeSending,
	invoice as invoiceParameters,
	item,
	preview as previewParameters,
	sellerChange,
} from './parameters';

/**
 * Every money field of every operation, with Money Format "Decimal Amount": an amount whose
 * meaning is ambiguous is refused before any request, naming the field and showing the value;
 * an unambiguous one reaches VTEX as exact integer cents.
 */

interface MoneyField {
	label: string;
	/** The operation's parameters with `amount` in this field. */
	parameters: (amount: string) => INodeParameters;
	/** Where the amount lands in the request VTEX received. */
	sent: (body: IDataObject) => unknown;
	pathPrefix: string;
}

const invoice = (overrides: INodeParameters): INodeParameters =>
	invoiceParameters({
		invoiceNumber: 'NF-9001',
		moneyFormat: 'decimal',
		items: { item: [{ ...item, price: '49.90' }] },
		...overrides,
	});
const preview = (overrides: INodeParameters): INodeParameters =>
	previewParameters({ moneyFormat: 'decimal', ...overrides });
const itemsOf = (body: IDataObject, list: string) =>
	((body[list] as IDataObject).items as IDataObject[])[0];
const INVOICE = '/api/oms/pvt/orders/1002-01/invoice';
const PREVIEW = '/api/order-system/orders/1002-01/changes/preview';

const fields: MoneyField[] = [
	{
		label: 'Items › item 1 › Unit Price',
		parameters: (price) => invoice({ items: { item: [{ id: '101', quantity: 1, price }] } }),
		sent: (body) => (body.items as IDataObject[])[0].price,
		pathPrefix: INVOICE,
	},
	{
		label: 'Items (JSON) › item 1 › price',
		// An expression gives the list itself, with the amount as a number in it.
		parameters: (price) =>
			invoice({
				itemsInput: 'json',
				itemsJson: price.startsWith('={{')
					? `={{ [{ "id": "101", "quantity": 1, "price": ${price.slice(3, -2)} }] }}`
					: JSON.stringify([{ id: '101', quantity: 1, price }]),
			}),
		sent: (body) => (body.items as IDataObject[])[0].price,
		pathPrefix: INVOICE,
	},
	{
		label: 'Invoice Value',
		parameters: (invoiceValue) => invoice({ invoiceValue }),
		sent: (body) => Number(body.invoiceValue),
		pathPrefix: INVOICE,
	},
	{
		label: 'Shipping Value',
		parameters: (shippingValue) => invoice({ shippingValue }),
		sent: (body) => Number(body.invoiceValue) - 4990,
		pathPrefix: INVOICE,
	},
	{
		label: 'Items to Add › item 1 › Unit Price',
		parameters: (price) => preview({ itemsToAdd: { item: [{ id: '404', quantity: 1, price }] } }),
		sent: (body) => itemsOf(body, 'add').price,
		pathPrefix: PREVIEW,
	},
	{
		label: 'Items to Remove › item 1 › Unit Price',
		parameters: (price) =>
			preview({ itemsToRemove: { item: [{ id: '202', quantity: 1, price }] } }),
		sent: (body) => itemsOf(body, 'remove').price,
		pathPrefix: PREVIEW,
	},
	{
		label: 'Items to Replace › item 1 › To Unit Price',
		parameters: (toPrice) =>
			preview({
				itemsToReplace: {
					replacement: [{ fromId: '101', fromQuantity: 1, toId: '101', toQuantity: 1, toPrice }],
				},
			}),
		sent: (body) =>
			(((body.replace as IDataObject[])[0].to as IDataObject).items as IDataObject[])[0].price,
		pathPrefix: PREVIEW,
	},
	{
		label: 'Manual Discount',
		parameters: (manualDiscount) => preview({ manualDiscount }),
		sent: (body) => body.manualDiscountValue,
		pathPrefix: PREVIEW,
	},
	{
		label: 'Manual Increment',
		parameters: (manualIncrement) => preview({ manualIncrement }),
		sent: (body) => body.manualIncrementValue,
		pathPrefix: PREVIEW,
	},
	{
		label: 'Marketplace Payment Value',
		parameters: (marketplacePaymentValue) =>
			sellerChange({ moneyFormat: 'decimal', marketplacePaymentValue }),
		sent: (body) => body.marketplacePaymentValue,
		pathPrefix: '/api/checkout/pvt/orders/1005-01/sellers',
	},
];

const refused: Array<[string, string, RegExp]> = [
	[
		'a comma before three digits',
		'1,000',
		/"1,000" is ambiguous: 1000 if "," separates thousands, 1 if "," is the decimal point\. Write it with two decimals/,
	],
	['a comma before 500', '2,500', /"2,500" is ambiguous: 2500 if .* 2\.5 if/],
	['a Brazilian thousand', '1.000', /"1\.000" is ambiguous/],
	[
		'separators in no convention',
		'1.5,00',
		/must be a decimal amount such as 24\.99, 24,99, 1\.234,56 or 1,234\.56; got "1\.5,00"/,
	],
	['fractions of a cent', '1,234.567', /has fractions of a cent \("1,234\.567"\)/],
	[
		'a number from an expression with fractions of a cent',
		'={{ 1.234 }}',
		/has fractions of a cent \(1\.234\)/,
	],
	['a number beyond exact cents', '={{ 1e21 }}', /is too large/],
];

const accepted: Array<[string, string, number]> = [
	['both separators, Brazilian style', '1.234,56', 123456],
	['both separators, English style', '1,234.56', 123456],
	['one decimal', '1000.5', 100050],
	['a decimal comma', '0,5', 50],
	['float noise from an expression', '={{ 0.1 + 0.2 }}', 30],
];

describe('money inputs: ambiguous amounts are refused in every money field', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	for (const field of fields) {
		it.each(refused)(
			`${field.label}: refuses %s (%p) before sending`,
			async (_name, amount, message) => {
				await expectRefusedBeforeSending(sandbox, field.parameters(amount), field.label, message);
			},
		);
	}

	// VTEX may refuse the amount itself (a discount beyond the order's value): what counts here is
	// the request it received.
	for (const field of fields) {
		it.each(accepted)(
			`${field.label}: reads %s (%p) as exact cents`,
			async (_name, amount, cents) => {
				const { error } = await runOperation(sandbox, field.parameters(amount));
				expect(error?.message ?? '').not.toMatch(/^Invalid/);
				const [request] = sandbox.requests({
					pathPrefix: field.pathPrefix,
					method: field.pathPrefix.endsWith('sellers') ? 'PUT' : 'POST',
				});
				expect(field.sent(request.body as IDataObject)).toBe(cents);
			},
		);
	}
});
