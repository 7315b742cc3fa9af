import type { IDataObject } from 'n8n-workflow';

/**
 * One orders feed v3 item, as
 * https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed documents it:
 * all strings, camelCase, no `origin`. VTEX may add fields (its C# sample reads `AvailableDate`);
 * they are not passed on.
 */
export interface FeedEvent {
	eventId: string;
	orderId: string;
	state: string;
	lastState: string;
	domain: string;
	currentChange: string;
	lastChange: string;
	/** Opaque; sent back unchanged to commit this delivery of the event. */
	handle: string;
}

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value);

/** A feed item as the nodes output it, whatever else VTEX put in it. */
export function toFeedEvent(raw: IDataObject): FeedEvent {
	return {
		eventId: text(raw.eventId),
		orderId: text(raw.orderId),
		state: text(raw.state),
		lastState: text(raw.lastState),
		domain: text(raw.domain),
		currentChange: text(raw.currentChange),
		lastChange: text(raw.lastChange),
		handle: text(raw.handle),
	};
}

/**
 * The fields without which an event cannot be handled: no `handle`, it cannot be committed; no
 * `orderId`, the workflow has no order to act on. Other fields may be empty: VTEX's feed guide
 * warns of events with a null status, which still have to be committed.
 */
export function missingFields(event: FeedEvent): string[] {
	return (['handle', 'orderId'] as const).filter((field) => event[field].trim() === '');
}
