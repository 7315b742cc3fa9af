import type { IDataObject } from 'n8n-workflow';

import type { VtexClient } from '../../../shared/transport';
import type { ReplayEvidence } from '../converge';
import { sendOrConverge } from '../converge';
import { createOrderNote, NOTES_PATH, NOTES_PER_ORDER } from './noteRequests';

/**
 * A note is "already added" when the order's timeline holds a note with exactly this text. Each
 * call to VTEX DO adds a note, so a workflow that runs again (a feed redelivery, a retried
 * execution) would otherwise add it twice; VTEX keeps at most 30 notes per order
 * (https://developers.vtex.com/docs/api-reference/vtex-do-api#post-/notes), so one page of 30
 * holds them all.
 */
export async function findOrderNote(
	client: VtexClient,
	orderId: string,
	description: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const answer = await client.request<unknown>({
		method: 'GET',
		path: NOTES_PATH,
		qs: { 'target.id': orderId, page: 1, perPage: NOTES_PER_ORDER },
		idempotent: true,
		action: `Get notes of order ${orderId}`,
		answer: 'listOrObject',
		itemIndex,
	});
	const body = (answer ?? {}) as IDataObject;
	const notes = Array.isArray(answer)
		? (answer as IDataObject[])
		: Array.isArray(body.items)
			? (body.items as IDataObject[])
			: [];
	return notes.find((note) => note.description === description);
}

/**
 * Adds the note unless the order already has it: read first (notes are few and cheap), send
 * only when absent, and after a lost answer read again before reporting a failure.
 */
export async function createOrderNoteOnce(
	client: VtexClient,
	orderId: string,
	description: string,
	itemIndex: number,
): Promise<{ note: IDataObject; evidence?: ReplayEvidence }> {
	const existing = await findOrderNote(client, orderId, description, itemIndex);
	if (existing) return { note: existing, evidence: 'foundBeforeSending' };
	const { sent, replay } = await sendOrConverge(
		async () => await createOrderNote(client, orderId, description, itemIndex),
		async () => await findOrderNote(client, orderId, description, itemIndex),
	);
	return replay ? { note: replay.output, evidence: replay.evidence } : { note: sent };
}
