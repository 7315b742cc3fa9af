import type { IDataObject } from 'n8n-workflow';

import type { VtexClient } from '../../../shared/transport';
import { explainDisabledApi } from './changeErrorHints';
import { changeBody } from './changeBody';
import type { ChangeInput } from './changeInput';
import { changeRequest, changesPath } from './changeRequests';

/**
 * Sends a change to VTEX: `preview` simulates it (POST …/changes/preview?an=;
 * changes nothing, so safe to repeat), `create` submits it (PATCH …/changes?accountName=,
 * never repeated after a 5xx, as VTEX may have queued it). A refusal caused by
 * the account's `enableApi` setting gets advice on how to switch it on.
 */
export async function submitChange(
	client: VtexClient,
	input: ChangeInput,
	kind: 'preview' | 'create',
	itemIndex: number,
): Promise<IDataObject> {
	const body = changeBody(input);
	let failure: unknown;
	try {
		const answer =
			kind === 'preview'
				? await changeRequest<IDataObject | undefined>(client, {
						method: 'POST',
						path: changesPath(input.orderId, '/preview'),
						body,
						idempotent: true,
						action: `Preview a change of order ${input.orderId}`,
						answer: 'object',
						itemIndex,
					})
				: await changeRequest<IDataObject | undefined>(client, {
						method: 'PATCH',
						path: changesPath(input.orderId),
						accountKey: 'accountName',
						body,
						idempotent: false,
						action: `Change order ${input.orderId}`,
						// 202 with the change's requestId.
						answer: 'object',
						itemIndex,
					});
		return answer ?? {};
	} catch (error) {
		failure = error;
	}
	await explainDisabledApi(client, failure, itemIndex);
	throw failure;
}
