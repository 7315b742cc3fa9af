import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderIdField, orderIdSchema } from '../../../shared/orders';
import { booleanSchema, wholeNumberSchema } from '../../../shared/validation';
import { z } from '../../../shared/zod';
import { objectsIn } from '../../../shared/values';
import type { InputOf } from '../operationInput';
import { fieldInput } from '../operationInput';
import type { OperationRun } from '../types';
import { NOTES_PATH, NOTES_PER_ORDER } from './noteRequests';
import { returnAllFields } from '../returnAllFields';

const properties: INodeProperties[] = [orderIdField, ...returnAllFields];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['getMany'] } },
	properties,
);

const inputSchema = z.object({
	orderId: orderIdSchema,
	returnAll: booleanSchema,
	limit: wholeNumberSchema(1),
});
export const itemInput = fieldInput({ properties, schema: inputSchema });

/** VTEX's largest page: perPage is at most 30. */
const PAGE_SIZE = NOTES_PER_ORDER;

/** A guard against a server that ignores `page`: more pages than this means something is wrong. */
const MAX_PAGES = 100;

/**
 * Get notes by order ID: GET /api/do/notes?target.id={orderId}, paged with `page` and `perPage`
 * (developers.vtex.com/docs/api-reference/vtex-do-api#get-/api/do/notes). VTEX documents no response body; notes are read from `items` (as VTEX DO's
 * task list answers, and as third-party clients read it) or from a bare array. Paging stops at a
 * short page, or at the last page when the answer says how many there are.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject[]> {
	const { orderId } = input;
	const wanted = input.returnAll ? Number.POSITIVE_INFINITY : input.limit;
	const notes: IDataObject[] = [];

	for (let page = 1; page <= MAX_PAGES && notes.length < wanted; page++) {
		const answer = await client.request<unknown>({
			method: 'GET',
			path: NOTES_PATH,
			qs: { 'target.id': orderId, page, perPage: PAGE_SIZE },
			idempotent: true,
			action: `Get notes of order ${orderId} (page ${page})`,
			answer: 'listOrObject',
			itemIndex,
		});
		const { items, pages } = readNotesPage(answer);
		notes.push(...items);
		if (items.length < PAGE_SIZE || (pages !== undefined && page >= pages)) break;
	}
	return notes.slice(0, wanted);
}

function readNotesPage(answer: unknown): { items: IDataObject[]; pages?: number } {
	if (Array.isArray(answer)) return { items: answer as IDataObject[] };
	const body = (answer ?? {}) as IDataObject;
	const items = objectsIn(body.items);
	const pages = (body.paging as IDataObject | undefined)?.pages;
	return { items, pages: typeof pages === 'number' ? pages : undefined };
}
