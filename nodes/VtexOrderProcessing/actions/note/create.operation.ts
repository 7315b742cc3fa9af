import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField, orderIdSchema } from '../../../shared/orders';
import { z } from '../../../shared/zod';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { replayFields } from '../converge';
import { NOTE_MAX_LENGTH, noteDescriptionSchema } from './noteRequests';
import { createOrderNoteOnce } from './noteReplay';

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: `The note's text, shown in the order timeline in VTEX Admin. At most ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters.`,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['create'] } },
	properties,
);

const inputSchema = z.object({ orderId: orderIdSchema, description: noteDescriptionSchema });
export const itemInput = fieldInput({ properties, schema: inputSchema });

/**
 * Create note: POST /api/do/notes with target {id, type "order", url} and domain "oms"
 * (https://developers.vtex.com/docs/api-reference/vtex-do-api#post-/api/do/notes). A note whose
 * text the order already has is not added again: the item outputs that note as a replay.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const { note, evidence } = await createOrderNoteOnce(
		client,
		input.orderId,
		input.description,
		itemIndex,
	);
	return { ...note, ...replayFields(evidence) };
}
