import type { IDataObject } from 'n8n-workflow';

import type { VtexClient } from '../../../shared/transport';
import { LIMITS } from '../../../shared/limits';
import { requiredTextSchema } from '../../../shared/validation';

/**
 * Order notes live in VTEX DO, under /api/do/notes
 * (developers.vtex.com/docs/api-reference/vtex-do-api). They need no License Manager resource,
 * only a valid app key. VTEX keeps at most 30 notes per order, each at most 2,000 characters.
 */
export const NOTES_PATH = '/api/do/notes';

export const NOTE_MAX_LENGTH = LIMITS.noteDescription;

export const NOTES_PER_ORDER = 30;

export const noteDescriptionSchema = requiredTextSchema({
	max: NOTE_MAX_LENGTH,
	byVtex: true,
	example: 'the text to show in the order timeline',
});

/**
 * Create note: the note appears in the order's timeline in VTEX Admin. Not safe
 * to repeat: each call adds a note, so a retry after a lost answer could add it twice.
 */
export async function createOrderNote(
	client: VtexClient,
	orderId: string,
	description: string,
	itemIndex: number,
): Promise<IDataObject> {
	const note = await client.request<IDataObject | undefined>({
		method: 'POST',
		path: NOTES_PATH,
		body: {
			// `url` may be the admin URL or just /orders/{orderId}, as VTEX DO's reference says.
			target: { id: orderId, type: 'order', url: `/orders/${orderId}` },
			domain: 'oms',
			description,
		},
		idempotent: false,
		action: `Create a note on order ${orderId}`,
		// VTEX answers with the note it stored.
		answer: 'object',
		statusHints: {
			400: `VTEX refuses a note longer than ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters, and keeps at most ${NOTES_PER_ORDER} notes per order. Read the order's notes with Note → Get Many.`,
		},
		itemIndex,
	});
	return note ?? {};
}
