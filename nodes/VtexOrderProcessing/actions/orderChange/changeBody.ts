import type { IDataObject } from 'n8n-workflow';

import { definedOnly } from '../../../shared/values';
import type { ChangeInput } from './changeInput';

/**
 * The body of Preview and Create, as VTEX documents it
 * (developers.vtex.com/docs/api-reference/orders-api, "Create order modification"): `replace[]`
 * is the schema's only formal list; `add` and `remove` are objects with `items`, as in the
 * spec's examples; the manual values sit at the top level, as in its combined example. Preview
 * requires `replace`, so it is always sent, empty when there is nothing to replace.
 */
export function changeBody(input: ChangeInput): IDataObject {
	const body: IDataObject = { reason: input.reason };
	if (input.manualDiscountValue !== undefined) body.manualDiscountValue = input.manualDiscountValue;
	if (input.manualIncrementValue !== undefined)
		body.manualIncrementValue = input.manualIncrementValue;
	if (input.add.length > 0) body.add = { items: input.add.map(definedOnly) };
	if (input.remove.length > 0) body.remove = { items: input.remove.map(definedOnly) };
	body.replace = input.replace.map(({ from, to }) => ({
		from: { items: [definedOnly(from)] },
		to: { items: [definedOnly(to)] },
	}));
	return body;
}
