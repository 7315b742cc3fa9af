import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { labelsFrom, readFields } from '../../../shared/fields';
import { LIMITS } from '../../../shared/limits';
import { parseJsonField } from '../../../shared/listInput';
import type { MoneyFormat } from '../../../shared/money';
import { optionalMoneySchema, readMoneyFormat } from '../../../shared/money';
import { orderIdSchema } from '../../../shared/orders';
import {
	invalidField,
	listSchema,
	positiveNumberSchema,
	requiredTextSchema,
	schemaPerKey,
	textSchema,
	validateInput,
	wholeNumberSchema,
} from '../../../shared/validation';
import { z } from '../../../shared/zod';
import { CHANGE_JSON_EXAMPLE, changeProperties } from './changeFields';

/** Reading and checking the change Preview and Create send, before anything is sent. */

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

const sku = requiredTextSchema({ max: LIMITS.skuId, example: 'a SKU ID, such as 101' });
const quantity = wholeNumberSchema(1);
const lineText = textSchema({ max: LIMITS.changeLineText });

/** Keyed by money format and by how the items came ("fields" or "json"). */
const changeSchema = schemaPerKey((key: string) => {
	const [format, mode] = key.split('\n') as [MoneyFormat, 'fields' | 'json'];
	const price = optionalMoneySchema(format, 'nonNegative');
	const fromItem = z.object({ id: sku, quantity, uniqueId: lineText, price });
	const toItem = z.object({
		id: sku,
		quantity,
		price,
		measurementUnit: lineText,
		unitMultiplier: positiveNumberSchema(),
	});
	// A replacement row of the node's fields names both sides in one row.
	const replacementRow = z
		.object({
			fromId: sku,
			fromQuantity: quantity,
			fromUniqueId: lineText,
			fromPrice: price,
			toId: sku,
			toQuantity: quantity,
			toPrice: price,
		})
		.transform((row) => ({
			from: {
				id: row.fromId,
				quantity: row.fromQuantity,
				uniqueId: row.fromUniqueId,
				price: row.fromPrice,
			},
			to: { id: row.toId, quantity: row.toQuantity, price: row.toPrice },
		}));
	const replacement = mode === 'json' ? z.object({ from: fromItem, to: toItem }) : replacementRow;
	const list = <Item extends z.ZodTypeAny>(item: Item, noun: string, example: string) =>
		listSchema(item, { max: LIMITS.changeItems, noun, example });
	return z
		.object({
			orderId: orderIdSchema,
			reason: requiredTextSchema({
				max: LIMITS.changeReason,
				example: 'VTEX shows it to the shopper',
			}),
			itemsToAdd: list(toItem, 'item', '[{ "id": "404", "quantity": 1 }]'),
			itemsToRemove: list(fromItem, 'item', '[{ "id": "202", "quantity": 1 }]'),
			itemsToReplace: list(
				replacement,
				'replacement',
				'[{ "from": { "id": "101", "quantity": 1 }, "to": { "id": "102", "quantity": 1 } }]',
			),
			manualDiscount: price,
			manualIncrement: price,
		})
		.transform(
			(input): ChangeInput => ({
				orderId: input.orderId,
				reason: input.reason,
				add: input.itemsToAdd,
				remove: input.itemsToRemove,
				replace: input.itemsToReplace,
				manualDiscountValue: input.manualDiscount,
				manualIncrementValue: input.manualIncrement,
			}),
		);
});

const JSON_LABEL = 'Change Items (JSON)';

const fieldLabels = labelsFrom(changeProperties);
const jsonLabels = labelsFrom(changeProperties, {
	itemsToAdd: `${JSON_LABEL} › add`,
	itemsToRemove: `${JSON_LABEL} › remove`,
	itemsToReplace: `${JSON_LABEL} › replace`,
});

/** The JSON field's object put where the fields' lists would be. */
function itemsFromJson(ctx: IExecuteFunctions, raw: unknown, itemIndex: number): IDataObject {
	const value = parseJsonField(
		ctx.getNode(),
		raw,
		JSON_LABEL,
		{ empty: {}, example: `an object such as ${CHANGE_JSON_EXAMPLE}` },
		itemIndex,
	);
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw invalidField(
			ctx.getNode(),
			JSON_LABEL,
			'must be an object with "add", "remove" and/or "replace" lists',
			itemIndex,
		);
	}
	const { add, remove, replace } = value as IDataObject;
	return { itemsToAdd: add, itemsToRemove: remove, itemsToReplace: replace };
}

/** Reads and checks one item's change before anything is sent; errors name the field. */
export function readChangeInput(ctx: IExecuteFunctions, itemIndex: number): ChangeInput {
	const node = ctx.getNode();
	const { changeItemsJson, ...values } = readFields(ctx, itemIndex, changeProperties);
	const format = readMoneyFormat(node, values.moneyFormat, itemIndex);
	const mode = values.itemsInput === 'json' ? 'json' : 'fields';
	const input = validateInput(
		node,
		changeSchema(`${format}\n${mode}`),
		mode === 'json' ? { ...values, ...itemsFromJson(ctx, changeItemsJson, itemIndex) } : values,
		mode === 'json' ? jsonLabels : fieldLabels,
		itemIndex,
	) as ChangeInput;
	const changesMoney = Boolean(input.manualDiscountValue) || Boolean(input.manualIncrementValue);
	if (input.add.length + input.remove.length + input.replace.length === 0 && !changesMoney) {
		const label =
			mode === 'json' ? JSON_LABEL : 'Items to Add / Items to Remove / Items to Replace';
		throw invalidField(
			node,
			`${label} / Manual Discount / Manual Increment`,
			'the change is empty. Add, remove or replace at least one item, or give a Manual Discount or Manual Increment',
			itemIndex,
		);
	}
	return input;
}
