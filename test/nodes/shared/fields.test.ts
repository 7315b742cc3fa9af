import { labelsFrom } from '../../../nodes/shared/fields';
import { invoiceProperties } from '../../../nodes/VtexOrderProcessing/actions/order/invoiceFields';
import { changeProperties } from '../../../nodes/VtexOrderProcessing/actions/orderChange/changeFields';

describe('labels from the properties: a field is named once, by its displayName', () => {
	const invoice = labelsFrom(invoiceProperties);

	it('names top-level fields, members of Additional Fields, and rows of a list', () => {
		expect(invoice(['invoiceNumber'])).toBe('Invoice Number');
		expect(invoice(['invoiceKey'])).toBe('Invoice Key');
		expect(invoice(['embeddedInvoice'])).toBe('Embedded Invoice (XML)');
		expect(invoice(['items', 1, 'quantity'])).toBe('Items › item 2 › Quantity');
		expect(invoice([])).toBe('Input');
	});

	it('names a list given as JSON by its JSON field, with the JSON keys as written', () => {
		const json = labelsFrom(invoiceProperties, { items: 'Items (JSON)' });
		expect(json(['items', 0, 'price'])).toBe('Items (JSON) › item 1 › price');
	});

	it('names the fields of a replacement row', () => {
		const change = labelsFrom(changeProperties);
		expect(change(['itemsToReplace', 0, 'toPrice'])).toBe(
			'Items to Replace › item 1 › To Unit Price',
		);
		expect(change(['manualDiscount'])).toBe('Manual Discount');
	});
});
