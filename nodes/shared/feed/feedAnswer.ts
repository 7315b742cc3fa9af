import type { IDataObject } from 'n8n-workflow';

import { cutAtCharacter } from '../characters';
import type { FeedEvent } from './feedEvent';
import { missingFields, toFeedEvent } from './feedEvent';

/**
 * A feed read's answer, checked. VTEX documents a JSON list of at most `maxlot` events, each an
 * object of strings (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed).
 *
 * - The answer as a whole must be that list: anything else (text, a JSON object, no body, items
 *   that are not objects) is refused with a FeedAnswerError and nothing in it is used: without a
 *   trustworthy list there is no handle to commit and no event to run.
 * - Each event is then checked on its own: one without a handle or an order ID is set aside
 *   (`malformed`), neither run nor committed, so it comes back after the visibility timeout; the
 *   others of the same answer are good and go on.
 * - Events beyond `maxlot` (VTEX promises at most that many) are left out (`beyondLot`): not
 *   used, not committed, they come back after the visibility timeout.
 */
export interface FeedAnswer {
	events: FeedEvent[];
	malformed: MalformedEvent[];
	/** Events the answer held beyond the `maxlot` asked for, left out. */
	beyondLot: number;
	/**
	 * The read was retried after an attempt VTEX may have served although its answer was lost
	 * (a 5xx, a reset, a timeout): when that attempt ended. The events it handed out are hidden
	 * until then plus the feed's visibility timeout.
	 */
	earlierAttemptServedAt?: number;
}

export interface MalformedEvent {
	/** Position in the answer, from 0. */
	index: number;
	eventId: string;
	missing: string[];
}

/** The answer is not a list of events; `description` says what came instead (never its content). */
export class FeedAnswerError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'FeedAnswerError';
	}
}

const WHAT_VTEX_SENDS = 'VTEX answers a read of the orders feed with a JSON list of events.';

/** What a value is, in words, without showing it (an answer's text may hold anything). */
function kindOf(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'no body';
	if (typeof value === 'string') return `text of ${value.length} character(s) instead of JSON`;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a JSON object instead of a list';
	return `a JSON ${typeof value} instead of a list`;
}

/** Checks a read's answer as described on FeedAnswer. */
export function checkFeedAnswer(body: unknown, maxlot: number): FeedAnswer {
	if (!Array.isArray(body)) {
		throw new FeedAnswerError(
			'The orders feed answered with something that is not a list of events',
			`${WHAT_VTEX_SENDS} This answer (HTTP 200) had ${kindOf(body)}. Nothing in it was run or committed; the events VTEX handed out with it come back after the feed's visibility timeout.`,
		);
	}
	const notObjects = body
		.map((item: unknown, index) =>
			item !== null && typeof item === 'object' && !Array.isArray(item) ? -1 : index,
		)
		.filter((index) => index >= 0);
	if (notObjects.length > 0) {
		throw new FeedAnswerError(
			'The orders feed answered with a list whose items are not events',
			`${WHAT_VTEX_SENDS} ${notObjects.length} of the ${body.length} item(s) of this answer are not JSON objects (position ${listed(notObjects)}, from 0). Nothing in it was run or committed; the events VTEX handed out with it come back after the feed's visibility timeout.`,
		);
	}
	const kept = body.slice(0, maxlot) as IDataObject[];
	const events: FeedEvent[] = [];
	const malformed: MalformedEvent[] = [];
	kept.forEach((raw, index) => {
		const event = toFeedEvent(raw);
		const missing = missingFields(event);
		if (missing.length > 0) malformed.push({ index, eventId: event.eventId, missing });
		else events.push(event);
	});
	return { events, malformed, beyondLot: body.length - kept.length };
}

/** The error a poll reports for events set aside as malformed. */
export function malformedEventsError(malformed: MalformedEvent[]): FeedAnswerError {
	const details = malformed
		.slice(0, 5)
		.map(
			(event) =>
				`position ${event.index}${event.eventId ? ` (eventId ${cutAtCharacter(event.eventId, 64)})` : ''} has no ${event.missing.join(' nor ')}`,
		)
		.join('; ');
	const more = malformed.length > 5 ? `; and ${malformed.length - 5} more` : '';
	return new FeedAnswerError(
		`${malformed.length} orders feed event(s) lack a handle or an order ID: not run and not committed`,
		`${WHAT_VTEX_SENDS} Each event needs a handle (to commit it) and an order ID (to act on). In this answer ${details}${more}. Such events come back after the feed's visibility timeout and are reported each time, until VTEX's retention period drops them; the other events of the answer went on as usual.`,
	);
}

function listed(indexes: number[]): string {
	const shown = indexes.slice(0, 5).join(', ');
	return indexes.length > 5 ? `${shown}, …` : shown;
}
