import { createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

/**
 * One orders hook notification, as VTEX POSTs it (Orders API schema `HookConfiguration`;
 * VTEX's "Orders feed" guide, "Hook notifications"): PascalCase keys `Domain`, `OrderId`,
 * `State`, `LastState`, `LastChange`, `CurrentChange`, `Origin: {Account, Key}`. The guide's
 * example has no `LastState` nor `CurrentChange`, so both may be missing.
 */
export interface HookEvent {
	orderId: string;
	state: string;
	lastState: string;
	domain: string;
	currentChange: string;
	lastChange: string;
	origin: { account: string; key: string };
}

/** The body VTEX sends to check the URL when the hook is configured. */
export function isHookPing(body: unknown): boolean {
	return isObject(body) && body.hookConfig === 'ping';
}

/**
 * A notification body as an item in the feed trigger's field names (camelCase), plus `origin`;
 * `undefined` when it lacks the order fields (OrderId and State).
 */
export function toHookEvent(body: unknown): HookEvent | undefined {
	if (!isObject(body)) return undefined;
	const orderId = text(body.OrderId);
	const state = text(body.State);
	if (!orderId || !state) return undefined;
	const origin = isObject(body.Origin) ? body.Origin : {};
	return {
		orderId,
		state,
		lastState: text(body.LastState),
		domain: text(body.Domain),
		currentChange: text(body.CurrentChange),
		lastChange: text(body.LastChange),
		origin: { account: text(origin.Account), key: text(origin.Key) },
	};
}

/**
 * What identifies one event: VTEX retries a notification with the same body, so the same order,
 * status and change time (CurrentChange, or LastChange when VTEX leaves it out) is the same event.
 */
export function hookEventKey(event: HookEvent): string {
	return [event.domain, event.orderId, event.state, event.currentChange || event.lastChange].join(
		'|',
	);
}

/**
 * A key for downstream idempotency: the same notification gives the same key in every n8n
 * process, whenever it arrives (it depends only on what identifies the event, never on the
 * process, the time of arrival or the execution), and another event of the order gives another
 * key. 32 hex characters (128 bits of SHA-256): short enough for an ERP's idempotency header or
 * a unique column, and no collision between distinct events in any realistic volume.
 */
export function hookIdempotencyKey(event: HookEvent): string {
	return createHash('sha256').update(hookEventKey(event), 'utf8').digest('hex').slice(0, 32);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
