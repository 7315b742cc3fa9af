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
 * - Otherwise the node answers 200 itself, then hands n8n one item (the notification, its
 *   `idempotencyKey`, and with Include Order the order, read after the answer). The answer waits
 *   for nothing but these checks: not for n8n to create and store the execution, nor to queue it
 *   in queue mode, nor for the order read, any of which can take longer than VTEX waits under
 *   load. The cost: if n8n then fails to start the execution (its database or queue is down), VTEX
 *   has its 200 and does not resend; a scheduled reconciliation (Order → Get Many) finds the order.
 *
 * Every answer is written by the node itself (`noWebhookResponse`), with its status code.
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
	if (settings.ignoreRepeated) {
		const memory = new NotificationMemory(registrationId(secret));
		if (memory.seenBefore(hookEventKey(event)))
			return answer(200, { received: true, repeated: true });
	}

	answer(200, { received: true });
	const item: IDataObject = { ...event, idempotencyKey: hookIdempotencyKey(event) };
	const complete = settings.includeOrder
		? await withOrder(
				item,
				readOrder(new VtexClient(this, readRequestSettings(this)), event.orderId, 0),
			)
		: item;
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([complete])] };
}
