import type { IDataObject } from 'n8n-workflow';

import type { VtexClient, VtexResponse } from '../transport';
import { getVtexDetails } from '../transport';
import type { FeedAnswer } from './feedAnswer';
import { checkFeedAnswer } from './feedAnswer';
import type { FeedEvent } from './feedEvent';
import { toFeedEvent } from './feedEvent';

/**
 * The orders feed v3 requests (https://developers.vtex.com/docs/guides/orders-feed), shared by
 * the trigger and the action node's Feed resource. Everything goes through VtexClient.
 */

/** VTEX returns at most 10 items per read (`maxlot`: "Maximum accepted value is 10", https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed). */
export const MAX_FEED_LOT = 10;

/**
 * Handles per commit request. VTEX documents no limit; its own C# consumer commits each read's
 * batch (at most 10), so the nodes never send more than that in one request.
 */
export const MAX_HANDLES_PER_COMMIT = 10;

/** Either resource lets a key use the feed (the feed guide's "Access"). */
export const FEED_PERMISSION = 'Feed v3 and Hook Admin or Feed v3 and Hook view only';

/** The advice a 404 from the feed gets: VTEX answers 404 when the app key has no feed. */
export const NO_FEED_HINT =
	'VTEX has no orders feed configured for this app key (each app key has its own feed). Configure it once: turn on "Configure Feed on Activation" in the VTEX Order Feed Trigger (it applies when the workflow is activated and when you fetch a test event), or run VTEX Order Processing → Feed → Set Configuration (POST /api/orders/feed/config). VTEX also removes a feed that receives no event for its whole retention period.';

/** The lot a read asks for: a whole number from 1 to MAX_FEED_LOT. */
function lotOf(maxlot: number): number {
	return Math.max(1, Math.min(MAX_FEED_LOT, Math.floor(maxlot)));
}

/**
 * Retrieve feed items: GET /api/orders/feed?maxlot={n} (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed),
 * checked (see FeedAnswer): an answer that is not a list of events throws, events without a
 * handle or order ID are set aside, events beyond the lot left out. Reads are safe to repeat.
 */
export async function readFeedAnswer(
	client: VtexClient,
	maxlot: number,
	itemIndex?: number,
): Promise<FeedAnswer> {
	const lot = lotOf(maxlot);
	const response = await requestFeed(client, lot, itemIndex);
	const answer = checkFeedAnswer(response.body, lot);
	if (response.earlierAttemptMayHaveAppliedAt !== undefined)
		answer.earlierAttemptServedAt = response.earlierAttemptMayHaveAppliedAt;
	return answer;
}

/**
 * Feed → Get Items: the events of one read, as VTEX sent them, for a person to look at (events
 * without a handle or order ID included); an answer that is not a list of events throws.
 */
export async function readFeed(
	client: VtexClient,
	maxlot: number,
	itemIndex?: number,
): Promise<FeedEvent[]> {
	const lot = lotOf(maxlot);
	const { body } = await requestFeed(client, lot, itemIndex);
	checkFeedAnswer(body, lot);
	return (body as IDataObject[]).slice(0, lot).map(toFeedEvent);
}

/** The read's whole answer: the trigger also wants to know whether an earlier attempt was lost. */
async function requestFeed(
	client: VtexClient,
	lot: number,
	itemIndex?: number,
): Promise<VtexResponse> {
	return await client.send({
		method: 'GET',
		path: '/api/orders/feed',
		qs: { maxlot: String(lot) },
		idempotent: true,
		action: 'Read the orders feed',
		// A list of events, checked by checkFeedAnswer (feedAnswer.ts), which never shows the answer.
		answer: 'checkedByCaller',
		permission: FEED_PERMISSION,
		notFoundHint: NO_FEED_HINT,
		itemIndex,
	});
}

/**
 * Commit feed items: POST /api/orders/feed {handles}
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed), in requests of at most
 * MAX_HANDLES_PER_COMMIT handles. Committing a handle twice only removes an event already gone,
 * so commits are safe to repeat. Returns the number of requests sent.
 */
export async function commitFeedHandles(
	client: VtexClient,
	handles: string[],
	itemIndex?: number,
): Promise<number> {
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
			answer: 'nothing',
			permission: FEED_PERMISSION,
			notFoundHint: NO_FEED_HINT,
			itemIndex,
		});
		requests++;
	}
	return requests;
}

/** Get feed configuration (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed/config); `undefined` when VTEX answers 404 (no feed). */
export async function getFeedConfiguration(
	client: VtexClient,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	return await unlessNotFound(
		client.request<IDataObject>({
			method: 'GET',
			path: '/api/orders/feed/config',
			idempotent: true,
			action: 'Get the orders feed configuration',
			answer: 'object',
			permission: FEED_PERMISSION,
			notFoundHint: NO_FEED_HINT,
			itemIndex,
		}),
	);
}

/**
 * Create or update feed configuration (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed/config). Sending the same configuration twice
 * leaves the same configuration, so it is safe to repeat.
 */
export async function setFeedConfiguration(
	client: VtexClient,
	body: IDataObject,
	itemIndex?: number,
): Promise<void> {
	await client.request({
		method: 'POST',
		path: '/api/orders/feed/config',
		body,
		idempotent: true,
		action: 'Set the orders feed configuration',
		answer: 'nothing',
		permission: FEED_PERMISSION,
		itemIndex,
	});
}

/** Delete feed configuration (https://developers.vtex.com/docs/api-reference/orders-api#delete-/api/orders/feed/config); false when there was none (404). Safe to repeat. */
export async function deleteFeedConfiguration(
	client: VtexClient,
	itemIndex?: number,
): Promise<boolean> {
	const deleted = await unlessNotFound(
		client
			.request({
				method: 'DELETE',
				path: '/api/orders/feed/config',
				idempotent: true,
				action: 'Delete the orders feed configuration',
				answer: 'nothing',
				permission: FEED_PERMISSION,
				itemIndex,
			})
			.then(() => true),
	);
	return deleted ?? false;
}

/**
 * Test a JSONata expression: POST /api/orders/expressions/jsonata
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/expressions/jsonata). The keys are
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
		answer: 'boolean',
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
