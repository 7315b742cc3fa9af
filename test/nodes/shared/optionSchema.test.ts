import type { INodeProperties } from 'n8n-workflow';

import { optionSchema } from '../../../nodes/shared/optionSchema';
import { invoiceProperties } from '../../../nodes/VtexOrderProcessing/actions/order/invoiceFields';
import { description as changeSeller } from '../../../nodes/VtexOrderProcessing/actions/seller/change.operation';

/** An options field's rule is read from the field: what the UI offers is exactly what is accepted. */
describe('optionSchema', () => {
	it("accepts exactly a top-level field's options, with the message given", () => {
		const type = optionSchema(invoiceProperties, 'type', 'must be a type');
		expect(type.options.sort()).toEqual(['Input', 'Output']);
		expect(type.safeParse('Input').success).toBe(true);
		const refused = type.safeParse('Sale');
		expect(refused.success).toBe(false);
		expect(refused.error?.issues[0].message).toBe('must be a type');
	});

	it('finds a field inside a list row (a fixedCollection)', () => {
		const channel = optionSchema(changeSeller, 'selectedDeliveryChannel', 'm');
		expect(channel.options.sort()).toEqual(['delivery', 'pickup-in-point']);
	});

	it('follows the field: an option added to the UI is accepted', () => {
		const field: INodeProperties = {
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 'a',
			options: [
				{ name: 'A', value: 'a' },
				{ name: 'B', value: 'b' },
			],
		};
		expect(optionSchema([field], 'mode', 'm').safeParse('b').success).toBe(true);
		field.options!.push({ name: 'C', value: 'c' });
		expect(optionSchema([field], 'mode', 'm').safeParse('c').success).toBe(true);
	});
});
