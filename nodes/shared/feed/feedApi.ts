import type { IDataObject } from 'n8n-workflow';

import type { VtexClient } from '../transport';
import { getVtexDetails } from '../transport';
import type { FeedEvent } from './feedEvent';
import { toFeedEvent } from './feedEvent';

/**
 * The orders feed v3 requests (VTEX_API_REFERENCE.md section 4.11), shared by the trigger and
 * the action node's Feed resource. Everything goes through VtexClient.
 */

/** VTEX returns at most 10 items per read ("Maximum accepted value is 10", section 4.11.1). */
export const MAX_FEED_LOT = 10;

/**
 * Handles per commit request. VTEX documents no limit; its own C# consumer commits each read's
 * batch (at most 10), so the nodes never send more than that in one request.
 */
export const MAX_HANDLES_PER_COMMIT = 10;

/** Either resource lets a key use the feed (section 4.11). */
export const FEED_PERMISSION = 'Feed v3 and Hook Admin or Feed v3 and Hook view only';

/** The advice a 404 from the feed gets: VTEX answers 404 when the app key has no feed. */
export const NO_FEED_HINT =
	'VTEX has no orders feed configured for this app key (each app key has its own feed). Configure it once: turn on "Configure Feed on Activation" in the VTEX Order Feed Trigger, or run VTEX Order Processing → Feed → Set Configuration (POST /api/orders/feed/config). VTEX also removes a feed that receives no event for its whole retention period.';

/** Retrieve feed items: GET /api/orders/feed?maxlot={n} (section 4.11.1). Reads are safe to repeat. */
export async function readFeed(client: VtexClient, maxlot: number, itemIndex?: number): Promise<FeedEvent[]> {
	const lot = Math.max(1, Math.min(MAX_FEED_LOT, Math.floor(maxlot)));
	const body = await client.request<IDataObject[] | undefined>({
		method: 'GET',
		path: '/api/orders/feed',
		qs: { maxlot: String(lot) },
		idempotent: true,
		action: 'Read the orders feed',
		permission: FEED_PERMISSION,
		notFoundHint: NO_FEED_HINT,
		itemIndex,
	});
	return Array.isArray(body) ? body.map(toFeedEvent) : [];
}

/**
 * Commit feed items: POST /api/orders/feed {handles} (section 4.11.2), in requests of at most
 * MAX_HANDLES_PER_COMMIT handles. Committing a handle twice only removes an event already gone,
 * so commits are safe to repeat. Returns the number of requests sent.
 */
export async function commitFeedHandles(client: VtexClient, handles: string[], itemIndex?: number): Promise<number> {
	const unique = [...new Set(handles.filter(Boolean))];
	let requests = 0;
	for (let start = 0; start < unique.length; start += MAX_HANDLES_PER_COMMIT) {
		const chunk = unique.slice(start, start + MAX_HANDLES_PER_COMMIT);
		await client.request({
			method: 'POST',
			path: '/api/orders/feed',
			body: { handles: chunk },
			idempotent: true,
			action: `Commit ${chunk.length} feed event(s)`,
			permission: FEED_PERMISSION,
			notFoundHint: NO_FEED_HINT,
			itemIndex,
		});
		requests++;
	}
	return requests;
}

/** Get feed configuration (section 4.11.3); `undefined` when VTEX answers 404 (no feed). */
export async function getFeedConfiguration(client: VtexClient, itemIndex?: number): Promise<IDataObject | undefined> {
	return await unlessNotFound(
		client.request<IDataObject>({
			method: 'GET',
			path: '/api/orders/feed/config',
			idempotent: true,
			action: 'Get the orders feed configuration',
			permission: FEED_PERMISSION,
			notFoundHint: NO_FEED_HINT,
			itemIndex,
		}),
	);
}

/**
 * Create or update feed configuration (section 4.11.3). Sending the same configuration twice
 * leaves the same configuration, so it is safe to repeat.
 */
export async function setFeedConfiguration(client: VtexClient, body: IDataObject, itemIndex?: number): Promise<void> {
	await client.request({
		method: 'POST',
		path: '/api/orders/feed/config',
		body,
		idempotent: true,
		action: 'Set the orders feed configuration',
		permission: FEED_PERMISSION,
		itemIndex,
	});
}

/** Delete feed configuration (section 4.11.3); false when there was none (404). Safe to repeat. */
export async function deleteFeedConfiguration(client: VtexClient, itemIndex?: number): Promise<boolean> {
	const deleted = await unlessNotFound(
		client
			.request({
				method: 'DELETE',
				path: '/api/orders/feed/config',
				idempotent: true,
				action: 'Delete the orders feed configuration',
				permission: FEED_PERMISSION,
				itemIndex,
			})
			.then(() => true),
	);
	return deleted ?? false;
}

/**
 * Test a JSONata expression: POST /api/orders/expressions/jsonata (section 4.11.4). The keys are
 * capitalised and `Document` is a JSON string. A pure evaluation: safe to repeat.
 */
export async function testJsonataExpression(
	client: VtexClient,
	expression: string,
	document: string,
	itemIndex?: number,
): Promise<boolean> {
	const result = await client.request<unknown>({
		method: 'POST',
		path: '/api/orders/expressions/jsonata',
		body: { Expression: expression, Document: document },
		idempotent: true,
		action: 'Test a JSONata expression',
		itemIndex,
	});
	return result === true || result === 'true';
}

/** The request's answer, or `undefined` when VTEX answered 404; other errors pass through. */
async function unlessNotFound<T>(request: Promise<T>): Promise<T | undefined> {
	return await request.catch((error: unknown) => {
		if (getVtexDetails(error).status === 404) return undefined;
		throw error;
	});
}
