import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LIMITS } from '../../../shared/limits';
import { orderIdField, orderIdSchema, orderPath } from '../../../shared/orders';
import { booleanSchema, invalidField, requiredTextSchema } from '../../../shared/validation';
import { z } from '../../../shared/zod';
import { replayFields, sendOrConverge } from '../converge';
import { NOTE_MAX_LENGTH } from '../note/noteRequests';
import { createOrderNoteOnce } from '../note/noteReplay';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { cancelDone } from './replays';

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Unexpected stock shortage',
		description: 'Why the order is canceled. VTEX shows it to the marketplace and the seller.',
	},
	{
		displayName: 'Requested by the Customer',
		name: 'requestedByUser',
		type: 'boolean',
		default: false,
		description:
			'Whether the shopper asked for the cancellation (for instance through customer care)',
	},
	{
		displayName: 'Add Note to Order Timeline',
		name: 'addNote',
		type: 'boolean',
		default: false,
		description:
			"Whether to add a note with the reason to the order's timeline once VTEX accepts the cancellation, as VTEX's order-processing guide suggests",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancel'] } },
	properties,
);

const inputSchema = z.object({
	orderId: orderIdSchema,
	reason: requiredTextSchema({
		max: LIMITS.cancelReason,
		example: 'why the order is canceled, such as "Unexpected stock shortage"',
	}),
	requestedByUser: booleanSchema,
	addNote: booleanSchema,
});

export const itemInput = fieldInput({ properties, schema: inputSchema });

function noteText(reason: string, requestedByUser: boolean): string {
	return `Order canceled${requestedByUser ? " at the customer's request" : ''}. Reason: ${reason}`;
}

/**
 * Cancel order: POST /api/oms/pvt/orders/{orderId}/cancel with `reason` and `requestedByUser`
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/cancel; `requestedByUser` is documented only in VTEX's order-canceling guide, https://developers.vtex.com/docs/guides/order-canceling-improvements). VTEX
 * refuses orders with any invoice, partial or full, with a 400; a cancellation cannot be undone.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const node = this.getNode();
	const { orderId, reason, requestedByUser } = input;
	const note = input.addNote ? noteText(reason, requestedByUser) : undefined;
	// The note is checked now: once the order is canceled, a refused note cannot stop it.
	if (note !== undefined && note.length > NOTE_MAX_LENGTH) {
		throw invalidField(
			node,
			itemInput.labels(['reason']),
			`makes a note of ${note.length.toLocaleString('en-US')} characters; VTEX accepts at most ${NOTE_MAX_LENGTH.toLocaleString('en-US')}. Shorten it, or turn off Add Note to Order Timeline`,
			itemIndex,
		);
	}

	const { sent: receipt, replay } = await sendOrConverge(
		async () =>
			await client.request<IDataObject | undefined>({
				method: 'POST',
				path: orderPath(orderId, '/cancel'),
				body: { reason, requestedByUser },
				// Not safe to repeat: a cancellation cannot be undone, and after a lost answer the order
				// must be read before trying again.
				idempotent: false,
				action: `Cancel order ${orderId}`,
				// VTEX's receipt: {date, orderId, receipt}.
				answer: { objectWith: ['receipt'] },
				permission: 'Cancel order',
				notFoundHint: `VTEX has no order "${orderId}" in this account.`,
				statusHints: {
					400: 'VTEX cancels no order that has an invoice, partial or full, no incomplete order, and none in a status it is changing by itself. Read the order to see its status. For an invoiced order, send a return (Input) invoice instead; to drop items, change the order.',
				},
				itemIndex,
				// After a refusal or a lost answer, an order found canceled means the goal is reached.
			}),
		async (failure) => await cancelDone(client, orderId, itemIndex, failure),
	);

	const result: IDataObject = replay
		? {
				orderId,
				success: true,
				action: 'cancel',
				reason,
				requestedByUser,
				...replayFields(replay.evidence),
				...replay.output,
			}
		: {
				orderId,
				success: true,
				action: 'cancel',
				reason,
				requestedByUser,
				receipt: receipt?.receipt ?? null,
				date: receipt?.date ?? null,
				...replayFields(),
				message: `VTEX accepted the cancellation of order ${orderId}. The orders feed confirms when it reaches "canceled".`,
			};
	if (note === undefined) return result;
	try {
		// A replayed item finds the note it added before instead of adding a second one.
		const { note: created, evidence } = await createOrderNoteOnce(client, orderId, note, itemIndex);
		result.note = {
			created: true,
			id: created.id ?? null,
			description: note,
			...replayFields(evidence),
		};
		result.message = `${String(result.message)} ${evidence ? 'The note with the reason was already on its timeline.' : 'A note with the reason was added to its timeline.'}`;
	} catch (error) {
		// The order is canceled either way; the item reports the note's failure instead of failing.
		result.note = { created: false, description: note, error: (error as Error).message };
		result.message = `${String(result.message)} The note could not be added: ${(error as Error).message}`;
	}
	return result;
}
