import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	hookEventKey,
	hookIdempotencyKey,
	isHookPing,
	toHookEvent,
} from '../shared/hook/hookNotification';
import { readOrder, withOrder } from '../shared/orders';
import { VtexClient } from '../shared/transport';
import { HOOK_AUTH_HEADER_NAME, registrationId, secretMatches } from './hookSecret';
import { readDeliverySettings, readRequestSettings } from './hookSettings';
import { NotificationMemory } from './NotificationMemory';
import { SECRET_KEY } from './registration';

/**
 * One request to the hook's URL. VTEX wants a 200 within 5,000 ms and resends otherwise.
 *
 * - `{"hookConfig": "ping"}`, VTEX checking the URL while saving the configuration: 200, nothing runs.
 * - No or wrong secret header: 401, nothing runs (checked in constant time; never logged).
 * - Not JSON, or no OrderId/State: 400, nothing runs.
 * - A repeat this n8n process already accepted (with Ignore Repeated Notifications): 200, nothing runs.
 * - Otherwise one execution with one item (the notification and its `idempotencyKey`). n8n
 *   answers (response mode "onReceived"): n8n 2.x once it has stored (or queued) the execution,
 *   so a notification n8n could not take gets an error, the node forgets it, and VTEX's resend
 *   runs it; the answer also holds VTEX back while n8n's database is busy (a burst answered
 *   before the executions exist loses some when the database cannot keep up). n8n 1.x answers
 *   before it stores the execution.
 * - With Include Order the node answers 200 itself before reading the order (that read may take
 *   longer than VTEX waits): if n8n then cannot start the execution, VTEX does not resend, and a
 *   scheduled reconciliation (Order → Get Many) finds the order.
 *
 * The refusals are written by the node itself (`noWebhookResponse`), with their status codes.
 */
export async function receiveNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	const answer = (status: number, body: IDataObject): IWebhookResponseData => {
		response.status(status).json(body);
		return { noWebhookResponse: true };
	};
	const body = this.getBodyData() as unknown;

	// VTEX pings while the configuration is being saved, before the secret is stored anywhere
	// n8n reads it from; the ping starts nothing, so it needs no secret.
	if (isHookPing(body)) return answer(200, { hookConfig: 'ping', received: true });

	const staticData = this.getWorkflowStaticData('node');
	const secret = staticData[SECRET_KEY] as string | undefined;
	if (!secret || !secretMatches(this.getHeaderData()[HOOK_AUTH_HEADER_NAME], secret)) {
		return answer(401, {
			message: 'Unauthorized: this URL takes only the VTEX hook notifications it registered',
		});
	}

	if (
		typeof body !== 'object' ||
		body === null ||
		Array.isArray(body) ||
		Object.keys(body).length === 0
	) {
		return answer(400, { message: 'Bad request: the body is not a JSON object' });
	}
	const event = toHookEvent(body);
	if (!event)
		return answer(400, {
			message:
				'Bad request: the body has no OrderId and State, the fields of a VTEX order hook notification',
		});

	const settings = readDeliverySettings(this);
	const eventKey = hookEventKey(event);
	if (settings.ignoreRepeated) {
		const memory = new NotificationMemory(registrationId(secret));
		if (memory.seenBefore(eventKey)) return answer(200, { received: true, repeated: true });
		// An answer other than 2xx means n8n did not take the execution: VTEX's resend must run.
		response.once?.('finish', () => {
			if (response.statusCode < 200 || response.statusCode >= 300) memory.forget(eventKey);
		});
	}

	const item: IDataObject = { ...event, idempotencyKey: hookIdempotencyKey(event) };
	if (!settings.includeOrder) return { workflowData: [this.helpers.returnJsonArray([item])] };

	answer(200, { received: true });
	const client = new VtexClient(this, readRequestSettings(this));
	const complete = await withOrder(item, readOrder(client, event.orderId, 0));
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([complete])] };
}
