import type { IDataObject } from 'n8n-workflow';

/**
 * One orders feed v3 item (VTEX_API_REFERENCE.md section 4.11.1): all strings, camelCase,
 * no `origin`. VTEX may add fields (its C# sample reads `AvailableDate`); they are not passed on.
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

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

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
