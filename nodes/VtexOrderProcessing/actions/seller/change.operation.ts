import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { LIMITS } from '../../../shared/limits';
import type { MoneyFormat } from '../../../shared/money';
import { money, moneyFormatField, moneySchema, readMoneyFormat } from '../../../shared/money';
import { optionSchema } from '../../../shared/optionSchema';
import { orderIdField, orderIdSchema, readOrder } from '../../../shared/orders';
import {
	booleanSchema,
	invalidField,
	listSchema,
	requiredTextSchema,
	schemaPerKey,
	wholeNumberSchema,
} from '../../../shared/validation';
import { z } from '../../../shared/zod';
import { replayFields, replayOutput, sendOrConverge } from '../converge';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { sellerAlreadyChanged, sellerChangeDone } from './sellerReplay';
import {
	changeSellerBody,
	changeSellerPath,
	SELLER_CHANGE_STATUSES,
	SELLER_PERMISSION,
} from './sellerRequests';

const properties: INodeProperties[] = [
	{
		...orderIdField,
		description:
			"The marketplace's order ID. Run this with a credential of the marketplace account.",
	},
	{
		displayName: 'New Seller ID',
		name: 'newSellerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. sellerb',
		description: 'The ID of the seller that takes over the order, as registered in the marketplace',
	},
	moneyFormatField,
	{
		displayName: 'Marketplace Payment Value',
		name: 'marketplacePaymentValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12990',
		description:
			'What the marketplace pays the new seller for the order, in the chosen Money Format. Sent to VTEX as cents.',
	},
	{
		displayName: 'Logistics Info',
		name: 'logisticsInfo',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item Logistics',
		default: {},
		description: 'The delivery option the new seller uses for each item of the order',
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Item Index',
						name: 'itemIndex',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 0 },
						default: 0,
						description: "The item's position in the order, from 0",
					},
					{
						displayName: 'Selected SLA',
						name: 'selectedSla',
						type: 'string',
						default: '',
						placeholder: 'e.g. Normal',
						description: "The new seller's shipping policy (SLA) name for this item",
					},
					{
						displayName: 'Delivery Channel',
						name: 'selectedDeliveryChannel',
						type: 'options',
						default: 'delivery',
						options: [
							{ name: 'Delivery', value: 'delivery' },
							{ name: 'Pickup in Point', value: 'pickup-in-point' },
						],
						description: 'Whether the item is delivered or picked up',
					},
				],
			},
		],
	},
	{
		displayName: 'Check Order Status First',
		name: 'checkStatus',
		type: 'boolean',
		default: true,
		description:
			'Whether to read the order first and send nothing when its status does not allow a seller change (window-to-change-seller, payment-pending, waiting-for-authorization)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['seller'], operation: ['change'] } },
	properties,
);

const inputSchema = schemaPerKey((format: MoneyFormat) =>
	z.object({
		orderId: orderIdSchema,
		newSellerId: requiredTextSchema({
			max: LIMITS.sellerId,
			example: 'the ID of the seller that takes over the order',
		}),
		marketplacePaymentValue: moneySchema(format, 'nonNegative'),
		logisticsInfo: listSchema(
			z.object({
				itemIndex: wholeNumberSchema(0),
				selectedSla: requiredTextSchema({
					max: LIMITS.slaName,
					example: 'an SLA name, such as Normal',
				}),
				selectedDeliveryChannel: optionSchema<'delivery' | 'pickup-in-point'>(
					properties,
					'selectedDeliveryChannel',
					'must be "delivery" or "pickup-in-point"',
				),
			}),
			{
				max: LIMITS.logisticsInfo,
				noun: 'row',
				example:
					'[{ "itemIndex": 0, "selectedSla": "Normal", "selectedDeliveryChannel": "delivery" }]',
			},
		),
		checkStatus: booleanSchema,
	}),
);

// The money format is read with the fields: the amounts' rule depends on it.
export const itemInput = fieldInput({
	properties,
	schema: ({ node, values, itemIndex }) =>
		inputSchema(readMoneyFormat(node, values.moneyFormat, itemIndex)),
});
const { labels } = itemInput;

/**
 * Change seller: PUT /api/checkout/pvt/orders/{orderId}/sellers on the marketplace account
 * (documented only in VTEX's "Change seller" guide, https://developers.vtex.com/docs/guides/change-seller). Allowed
 * only in window-to-change-seller, payment-pending or waiting-for-authorization, which the node
 * checks first unless told not to. Not safe to repeat: never sent twice after a 5xx.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const node = this.getNode();
	const indexes = input.logisticsInfo.map((info) => info.itemIndex);
	const repeated = indexes.find((index, position) => indexes.indexOf(index) !== position);
	if (repeated !== undefined) {
		throw invalidField(
			node,
			labels(['logisticsInfo', 'itemIndex']),
			`item index ${repeated} is given more than once`,
			itemIndex,
		);
	}

	let previousStatus: string | null = null;
	if (input.checkStatus) {
		const order = await readOrder(client, input.orderId, itemIndex);
		previousStatus = String(order.status);
		const done = sellerAlreadyChanged(order, input.orderId, input.newSellerId);
		if (done) return replayOutput('changeSeller', { evidence: 'foundBeforeSending', output: done });
		if (!SELLER_CHANGE_STATUSES.includes(previousStatus)) {
			throw new NodeOperationError(
				node,
				`Order ${input.orderId} is "${previousStatus}": VTEX changes the seller only in ${SELLER_CHANGE_STATUSES.map((status) => `"${status}"`).join(', ')}`,
				{
					itemIndex,
					description:
						'Nothing was sent to VTEX. Wait until the order reaches one of those statuses, or turn off "Check Order Status First" to send the change anyway.',
				},
			);
		}
		const itemCount = Array.isArray(order.items) ? order.items.length : 0;
		const outside = indexes.find((index) => index >= itemCount);
		if (outside !== undefined) {
			throw invalidField(
				node,
				labels(['logisticsInfo', 'itemIndex']),
				`the order has ${itemCount} item(s), indexes 0 to ${itemCount - 1}; got ${outside}`,
				itemIndex,
			);
		}
	}

	const { sent: response, replay } = await sendOrConverge(
		async () =>
			await client.request<IDataObject | undefined>({
				method: 'PUT',
				path: changeSellerPath(input.orderId),
				body: changeSellerBody(input),
				idempotent: false,
				action: `Change the seller of order ${input.orderId} to ${input.newSellerId}`,
				answer: 'objectOrNothing',
				permission: SELLER_PERMISSION,
				notFoundHint: `VTEX has no order "${input.orderId}" in this account. Change seller runs on the marketplace account, with the marketplace's order ID.`,
				itemIndex,
			}),
		async () => await sellerChangeDone(client, input.orderId, input.newSellerId, itemIndex),
	);
	if (replay) return replayOutput('changeSeller', replay);
	return {
		orderId: input.orderId,
		newSellerId: input.newSellerId,
		success: true,
		action: 'changeSeller',
		previousStatus,
		marketplacePaymentValue: money(input.marketplacePaymentValue),
		response: response ?? null,
		...replayFields(),
		message: `VTEX accepted seller ${input.newSellerId} for order ${input.orderId}. The order's courier data is cleared; read it from the new seller's account (GET /api/oms/pvt/orders/${input.orderId} on ${input.newSellerId}'s host) with a credential of that account.`,
	};
}
