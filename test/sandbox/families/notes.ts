import { randomBytes } from 'node:crypto';

import type { Route } from '../http';
import { json } from '../http';
import type { Sandbox } from '../server';
import type { SandboxState } from '../state';

export interface Note {
	id: string;
	domain: string;
	owner: string;
	target: { id: string; type: string; url: string };
	description: string;
	creationDate: string;
	lastUpdate: string;
	createdBy: { id: string; name: string; email: string | null; key: string | null } | null;
}

interface NotesFamily {
	byTarget: Map<string, Note[]>;
	of: (targetId: string) => Note[];
	snapshot: () => unknown;
}

/** Limits of Create note (https://developers.vtex.com/docs/api-reference/vtex-do-api#post-/notes). */
export const NOTE_MAX_LENGTH = 2000;
export const NOTES_PER_ORDER = 30;

/**
 * VTEX DO's error bodies are not documented. The sandbox answers a refused note with 400 and
 * `{code, message}`, a shape the DO API's neighbours use; the code is the sandbox's own.
 */
function refuse(code: string, message: string) {
	return json(400, { code, message });
}

/** VTEX DO notes (https://developers.vtex.com/docs/api-reference/vtex-do-api), under /api/do/notes. */
export function notesRoutes(state: SandboxState): Route[] {
	const notes = state.family<NotesFamily>('notes', () => {
		const byTarget = new Map<string, Note[]>();
		return {
			byTarget,
			of: (targetId: string) => byTarget.get(targetId) ?? [],
			snapshot: () => Object.fromEntries(byTarget.entries()),
		};
	});

	return [
		{
			// Create note (https://developers.vtex.com/docs/api-reference/vtex-do-api#post-/notes): no License Manager resource, any valid key (permission '').
			// At most 30 notes per order and 2,000 characters each. VTEX is silent on whether the
			// target order must exist; the sandbox does not check it.
			method: 'POST',
			pattern: '/api/do/notes',
			permission: '',
			handler: ({ body, appKey }) => {
				const request = (body ?? {}) as {
					target?: Record<string, unknown>;
					domain?: unknown;
					description?: unknown;
				};
				const target = request.target;
				if (
					!target ||
					typeof target !== 'object' ||
					typeof target.id !== 'string' ||
					target.id === ''
				) {
					return refuse('InvalidTarget', 'target.id is required');
				}
				if (typeof request.domain !== 'string' || request.domain === '')
					return refuse('InvalidDomain', 'domain is required');
				if (typeof request.description !== 'string' || request.description === '') {
					return refuse('InvalidDescription', 'description is required');
				}
				if (request.description.length > NOTE_MAX_LENGTH) {
					return refuse(
						'DescriptionTooLong',
						`The maximum number of characters in a note's description is ${NOTE_MAX_LENGTH}`,
					);
				}
				const existing = notes.of(target.id);
				if (existing.length >= NOTES_PER_ORDER) {
					return refuse(
						'NotesLimitReached',
						`The maximum number of notes for an order is ${NOTES_PER_ORDER}`,
					);
				}
				const now = new Date().toISOString();
				const note: Note = {
					id: randomBytes(16).toString('hex').toUpperCase(),
					domain: request.domain,
					owner: randomBytes(16).toString('hex'),
					target: { id: target.id, type: String(target.type ?? ''), url: String(target.url ?? '') },
					description: request.description,
					creationDate: now,
					lastUpdate: now,
					createdBy: appKey ? { id: appKey, name: appKey, email: null, key: appKey } : null,
				};
				notes.byTarget.set(target.id, [...existing, note]);
				return json(200, note);
			},
		},
		{
			// Get notes by order ID (https://developers.vtex.com/docs/api-reference/vtex-do-api#get-/notes): `target.id` required, `perPage` (max 30), `page`.
			// VTEX documents no response body; the sandbox answers as VTEX DO's task list does,
			// {items, paging{page, perPage, total, pages}}, which matches what third-party clients read.
			method: 'GET',
			pattern: '/api/do/notes',
			permission: '',
			handler: ({ query }) => {
				const targetId = query['target.id'];
				if (!targetId) return refuse('InvalidTarget', 'target.id is required');
				// VTEX documents no default page size; the sandbox uses 15, as the OMS order list does.
				const perPage = query.perPage === undefined ? 15 : Number(query.perPage);
				const page = query.page === undefined ? 1 : Number(query.page);
				if (!Number.isInteger(perPage) || perPage < 1 || perPage > 30)
					return refuse('InvalidPerPage', 'perPage must be between 1 and 30');
				if (!Number.isInteger(page) || page < 1)
					return refuse('InvalidPage', 'page must be 1 or more');
				const all = notes.of(targetId);
				return json(200, {
					items: all.slice((page - 1) * perPage, page * perPage),
					paging: { page, perPage, total: all.length, pages: Math.ceil(all.length / perPage) },
				});
			},
		},
	];
}

/** The notes the sandbox holds for one order, for tests. */
export function notesOf(sandbox: Sandbox, targetId: string): Note[] {
	return sandbox.state
		.family<NotesFamily>('notes', () => {
			throw new Error('the notes family is not registered');
		})
		.of(targetId);
}

/** Stores notes directly, past VTEX's limit if asked, so paging can be tested. */
export function seedNotes(sandbox: Sandbox, targetId: string, descriptions: string[]): void {
	const family = sandbox.state.family<NotesFamily>('notes', () => {
		throw new Error('the notes family is not registered');
	});
	const now = new Date().toISOString();
	const seeded = descriptions.map((description, index) => ({
		id: `SEEDED${String(index).padStart(4, '0')}`,
		domain: 'oms',
		owner: 'sandbox',
		target: { id: targetId, type: 'order', url: `/orders/${targetId}` },
		description,
		creationDate: now,
		lastUpdate: now,
		createdBy: null,
	}));
	family.byTarget.set(targetId, [...family.of(targetId), ...seeded]);
}
