import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { MoneyFormat } from '../../../shared/money';
import { moneySchema } from '../../../shared/money';
import type { FieldLabels } from '../../../shared/validation';
import { invalidField, validateInput } from '../../../shared/validation';
import { moneyFormatField, orderIdField } from '../common.descriptions';
import { orderIdSchema } from '../../../shared/orders';

/**
 * The change Preview and Create send (VTEX_API_REFERENCE.md sections 4.9.1 and 4.9.2): a reason,
 * items to add, remove and replace, and a manual discount or increment. Both operations show
 * these fields and build the same body.
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

const quantityField = (name: string, displayName: string, description: string): INodeProperties => ({
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

const JSON_EXAMPLE = JSON.stringify(
	{
		add: [{ id: '404', quantity: 1 }],
		remove: [{ id: '202', quantity: 1 }],
		replace: [{ from: { id: '101', quantity: 1 }, to: { id: '102', quantity: 1, price: 4990 } }],
	},
	null,
	2,
);

export const changeFields: INodeProperties[] = [
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
	{
		displayName: 'Items Input',
		name: 'itemsInput',
		type: 'options',
		default: 'fields',
		options: [
			{
				name: 'Using Fields Below',
				value: 'fields',
				description: 'One row per item, with expressions where needed',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: 'A JSON object with add, remove and replace lists, e.g. mapped from an ERP',
			},
		],
		description: 'How the items of the change are given',
	},
	itemList('itemsToAdd', 'Items to Add', 'SKUs to add to the order', 'item', 'Item', [
		skuField('id', 'SKU ID', 'The SKU to add'),
		quantityField('quantity', 'Quantity', 'Units to add'),
		priceField('price', 'Unit Price', "Optional. Leave empty for VTEX's price."),
	]),
	itemList('itemsToRemove', 'Items to Remove', "Units of the order's items to take out", 'item', 'Item', [
		skuField('id', 'SKU ID', 'The SKU of the order line'),
		quantityField('quantity', 'Quantity', 'Units to remove; at most what the order holds'),
		uniqueIdField('uniqueId', 'Unique ID'),
		priceField('price', 'Unit Price', 'Optional. The unit price of the line, to tell lines apart.'),
	]),
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
			priceField('fromPrice', 'From Unit Price', 'Optional. The unit price of the line, to tell lines apart.'),
			skuField('toId', 'To SKU ID', 'The SKU that takes its place (the same SKU to change only quantity or price)'),
			quantityField('toQuantity', 'To Quantity', 'Units of the new SKU'),
			priceField('toPrice', 'To Unit Price', "Optional. Leave empty for VTEX's price."),
		],
	),
	{
		displayName: 'Change Items (JSON)',
		name: 'changeItemsJson',
		type: 'json',
		default: JSON_EXAMPLE,
		displayOptions: { show: { itemsInput: ['json'] } },
		description:
			'An object with optional lists "add" and "remove" of {ID, quantity, price?, uniqueId?} and "replace" of {from, to}. Prices follow Money Format; "to" and "add" items may also carry measurementUnit and unitMultiplier.',
	},
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

/** An order line to take out, or the "from" side of a replacement. */
export interface FromItem {
	id: string;
	quantity: number;
	uniqueId?: string;
	price?: number;
}

/** An item to add, or the "to" side of a replacement. */
export interface ToItem {
	id: string;
	quantity: number;
	price?: number;
	measurementUnit?: string;
	unitMultiplier?: number;
}

export interface ChangeInput {
	orderId: string;
	reason: string;
	add: ToItem[];
	remove: FromItem[];
	replace: Array<{ from: FromItem; to: ToItem }>;
	manualDiscountValue?: number;
	manualIncrementValue?: number;
}

const blankToUndefined = (value: unknown) =>
	value === '' || value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

const skuIdSchema = z.preprocess(
	(value) => (typeof value === 'number' ? String(value) : value),
	z
		.string({ required_error: 'is required (a SKU ID, such as 101)', invalid_type_error: 'must be a SKU ID, such as 101' })
		.trim()
		.min(1, 'is required (a SKU ID, such as 101)'),
);

const quantitySchema = z.any().transform((value, ctx) => {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number of at least 1, got ${JSON.stringify(value) ?? 'nothing'}` });
		return z.NEVER;
	}
	return number;
});

const optionalText = z.preprocess(blankToUndefined, z.string().trim().max(200).optional());

function schemaFor(format: MoneyFormat) {
	const optionalMoney = z.preprocess(blankToUndefined, moneySchema(format, 'nonNegative').optional());
	const fromItem = z.object({ id: skuIdSchema, quantity: quantitySchema, uniqueId: optionalText, price: optionalMoney });
	const toItem = z.object({
		id: skuIdSchema,
		quantity: quantitySchema,
		price: optionalMoney,
		measurementUnit: optionalText,
		unitMultiplier: z.preprocess(blankToUndefined, z.number({ invalid_type_error: 'must be a number' }).positive('must be greater than 0').optional()),
	});
	const list = <T extends z.ZodTypeAny>(item: T) => z.preprocess((value) => value ?? [], z.array(item, { invalid_type_error: 'must be a list' }));
	return z.object({
		orderId: orderIdSchema,
		reason: z
			.string({ required_error: 'is required: VTEX shows it to the shopper', invalid_type_error: 'must be text' })
			.trim()
			.min(1, 'is required: VTEX shows it to the shopper')
			.max(500, 'must be at most 500 characters'),
		add: list(toItem),
		remove: list(fromItem),
		replace: list(z.object({ from: fromItem, to: toItem })),
		manualDiscountValue: optionalMoney,
		manualIncrementValue: optionalMoney,
	});
}

const FIELD_LABELS: FieldLabels = {
	orderId: 'Order ID',
	reason: 'Reason',
	add: 'Items to Add',
	remove: 'Items to Remove',
	replace: 'Items to Replace',
	from: 'From',
	to: 'To',
	id: 'SKU ID',
	quantity: 'Quantity',
	uniqueId: 'Unique ID',
	price: 'Unit Price',
	measurementUnit: 'Measurement Unit',
	unitMultiplier: 'Unit Multiplier',
	manualDiscountValue: 'Manual Discount',
	manualIncrementValue: 'Manual Increment',
};

const JSON_LABEL = 'Change Items (JSON)';

const JSON_LABELS: FieldLabels = {
	...FIELD_LABELS,
	add: `${JSON_LABEL} › add`,
	remove: `${JSON_LABEL} › remove`,
	replace: `${JSON_LABEL} › replace`,
	from: 'from',
	to: 'to',
};

function rows(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject[] {
	return (ctx.getNodeParameter(name, itemIndex, []) as IDataObject[] | undefined) ?? [];
}

function itemsFromFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		add: rows(ctx, 'itemsToAdd.item', itemIndex),
		remove: rows(ctx, 'itemsToRemove.item', itemIndex),
		replace: rows(ctx, 'itemsToReplace.replacement', itemIndex).map((row) => ({
			from: { id: row.fromId, quantity: row.fromQuantity, uniqueId: row.fromUniqueId, price: row.fromPrice },
			to: { id: row.toId, quantity: row.toQuantity, price: row.toPrice },
		})),
	};
}

function itemsFromJson(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = ctx.getNodeParameter('changeItemsJson', itemIndex, '{}') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = raw.trim() === '' ? {} : JSON.parse(raw);
		} catch (error) {
			throw invalidField(ctx.getNode(), JSON_LABEL, `is not valid JSON (${(error as Error).message})`, itemIndex);
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw invalidField(ctx.getNode(), JSON_LABEL, 'must be an object with "add", "remove" and/or "replace" lists', itemIndex);
	}
	const { add, remove, replace } = value as IDataObject;
	return { add, remove, replace };
}

/** Reads and checks one item's change before anything is sent; errors name the field. */
export function readChangeInput(ctx: IExecuteFunctions, itemIndex: number): ChangeInput {
	const format = ctx.getNodeParameter('moneyFormat', itemIndex, 'cents') as MoneyFormat;
	const mode = ctx.getNodeParameter('itemsInput', itemIndex, 'fields') as string;
	const items = mode === 'json' ? itemsFromJson(ctx, itemIndex) : itemsFromFields(ctx, itemIndex);
	const input = validateInput(
		ctx.getNode(),
		schemaFor(format),
		{
			orderId: ctx.getNodeParameter('orderId', itemIndex),
			reason: ctx.getNodeParameter('reason', itemIndex, ''),
			...items,
			manualDiscountValue: ctx.getNodeParameter('manualDiscount', itemIndex, ''),
			manualIncrementValue: ctx.getNodeParameter('manualIncrement', itemIndex, ''),
		},
		mode === 'json' ? JSON_LABELS : FIELD_LABELS,
		itemIndex,
	) as ChangeInput;
	const changesMoney = Boolean(input.manualDiscountValue) || Boolean(input.manualIncrementValue);
	if (input.add.length + input.remove.length + input.replace.length === 0 && !changesMoney) {
		const label = mode === 'json' ? JSON_LABEL : 'Items to Add / Items to Remove / Items to Replace';
		throw invalidField(
			ctx.getNode(),
			`${label} / Manual Discount / Manual Increment`,
			'the change is empty. Add, remove or replace at least one item, or give a Manual Discount or Manual Increment',
			itemIndex,
		);
	}
	return input;
}

function defined(item: object): IDataObject {
	return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as IDataObject;
}

/**
 * The body VTEX documents (section 4.9.1): `replace[]` is the schema's only formal list; `add`
 * and `remove` are objects with `items`, as in the spec's examples; the manual values sit at the
 * top level, as in the description's combined example. Preview requires `replace`, so it is
 * always sent, empty when there is nothing to replace.
 */
export function changeBody(input: ChangeInput): IDataObject {
	const body: IDataObject = { reason: input.reason };
	if (input.manualDiscountValue !== undefined) body.manualDiscountValue = input.manualDiscountValue;
	if (input.manualIncrementValue !== undefined) body.manualIncrementValue = input.manualIncrementValue;
	if (input.add.length > 0) body.add = { items: input.add.map(defined) };
	if (input.remove.length > 0) body.remove = { items: input.remove.map(defined) };
	body.replace = input.replace.map(({ from, to }) => ({ from: { items: [defined(from)] }, to: { items: [defined(to)] } }));
	return body;
}
