import type { INodeProperties } from 'n8n-workflow';

import { inputModeField, jsonField } from '../../../shared/listInput';
import { moneyFormatField } from '../../../shared/money';
import { orderIdField } from '../../../shared/orders';

/**
 * The fields of a change, shown by Preview and Create (VTEX's Change v2,
 * developers.vtex.com/docs/guides/order-modifications): a reason, items to add, remove and
 * replace, and a manual discount or increment. Each is declared once; errors name them by these
 * displayNames.
 */

const priceField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 2499',
	description: `${description} In the chosen Money Format, sent to VTEX as cents`,
});

const skuField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 101',
	description,
});

const quantityField = (
	name: string,
	displayName: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 1,
	description,
});

const uniqueIdField = (name: string, displayName: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description:
		'The uniqueId of the order line (Get order, items[].uniqueId). Needed only when the order has several lines of the same SKU.',
});

/** A list of rows shown when the items are given with fields. */
function itemList(
	name: string,
	displayName: string,
	description: string,
	rowName: string,
	rowDisplayName: string,
	values: INodeProperties[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${rowDisplayName}`,
		default: {},
		displayOptions: { show: { itemsInput: ['fields'] } },
		description,
		options: [{ displayName: rowDisplayName, name: rowName, values }],
	};
}

/** The JSON field's placeholder: the shape, never a default a user could send by mistake. */
export const CHANGE_JSON_EXAMPLE = JSON.stringify(
	{
		add: [{ id: '404', quantity: 1 }],
		remove: [{ id: '202', quantity: 1 }],
		replace: [{ from: { id: '101', quantity: 1 }, to: { id: '102', quantity: 1, price: 4990 } }],
	},
	null,
	2,
);

export const changeProperties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Item out of stock, replaced by the next size',
		description: 'Why the order changes. VTEX shows it to the shopper in emails and My Account.',
	},
	moneyFormatField,
	inputModeField({
		name: 'itemsInput',
		displayName: 'Items Input',
		fieldsValue: 'fields',
		fieldsDescription: 'One row per item, with expressions where needed',
		jsonDescription: 'A JSON object with add, remove and replace lists, e.g. mapped from an ERP',
		description: 'How the items of the change are given',
	}),
	itemList('itemsToAdd', 'Items to Add', 'SKUs to add to the order', 'item', 'Item', [
		skuField('id', 'SKU ID', 'The SKU to add'),
		quantityField('quantity', 'Quantity', 'Units to add'),
		priceField('price', 'Unit Price', "Optional. Leave empty for VTEX's price."),
	]),
	itemList(
		'itemsToRemove',
		'Items to Remove',
		"Units of the order's items to take out",
		'item',
		'Item',
		[
			skuField('id', 'SKU ID', 'The SKU of the order line'),
			quantityField('quantity', 'Quantity', 'Units to remove; at most what the order holds'),
			uniqueIdField('uniqueId', 'Unique ID'),
			priceField(
				'price',
				'Unit Price',
				'Optional. The unit price of the line, to tell lines apart.',
			),
		],
	),
	itemList(
		'itemsToReplace',
		'Items to Replace',
		'Order items to swap for others (another SKU, quantity or price)',
		'replacement',
		'Replacement',
		[
			skuField('fromId', 'From SKU ID', 'The SKU of the order line to replace'),
			quantityField('fromQuantity', 'From Quantity', 'Units of that line to replace'),
			uniqueIdField('fromUniqueId', 'From Unique ID'),
			priceField(
				'fromPrice',
				'From Unit Price',
				'Optional. The unit price of the line, to tell lines apart.',
			),
			skuField(
				'toId',
				'To SKU ID',
				'The SKU that takes its place (the same SKU to change only quantity or price)',
			),
			quantityField('toQuantity', 'To Quantity', 'Units of the new SKU'),
			priceField('toPrice', 'To Unit Price', "Optional. Leave empty for VTEX's price."),
		],
	),
	jsonField({
		name: 'changeItemsJson',
		displayName: 'Change Items (JSON)',
		example: CHANGE_JSON_EXAMPLE,
		show: { itemsInput: ['json'] },
		description:
			'An object with optional lists "add" and "remove" of {ID, quantity, price?, uniqueId?} and "replace" of {from, to}. Prices follow Money Format; "to" and "add" items may also carry measurementUnit and unitMultiplier.',
	}),
	{
		displayName: 'Manual Discount',
		name: 'manualDiscount',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1000',
		description: 'Optional. An amount taken off the order total, in the chosen Money Format.',
	},
	{
		displayName: 'Manual Increment',
		name: 'manualIncrement',
		type: 'string',
		default: '',
		placeholder: 'e.g. 500',
		description: 'Optional. An amount added to the order total, in the chosen Money Format.',
	},
];
