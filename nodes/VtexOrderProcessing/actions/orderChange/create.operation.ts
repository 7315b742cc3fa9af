import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { hintForCode, withVtexDetails } from '../../../shared/transport';
import { numberSchema } from '../../../shared/numbers';
import { seconds } from '../../../shared/transport/retry';
import { booleanSchema } from '../../../shared/validation';
import { z } from '../../../shared/zod';
import { money } from '../../../shared/money';
import { objectsIn } from '../../../shared/values';
import type { InputOf } from '../operationInput';
import { fieldInput, inputReadBy, inputsInOrder } from '../operationInput';
import type { OperationRun } from '../types';
import { CHANGE_CODE_HINTS } from './changeCodeHints';
import { changeCodeIn } from './changeErrorHints';
import { replayFields, sendOrConverge } from '../converge';
import type { ReplayEvidence } from '../converge';
import { changeBody } from './changeBody';
import { changeProperties } from './changeFields';
import { readChangeInput } from './changeInput';
import { sameChangeAlreadySent } from './changeReplay';
import { APPLIED_STATUS, CANCELED_STATUS } from './changeRequests';
import { submitChange } from './submitChange';
import { MAX_POLL_INTERVAL_MS, waitForChange } from './waitForChange';

const waitProperties: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait until VTEX has applied or canceled the change. VTEX applies changes asynchronously; without waiting, the output holds the change request ID to follow with Get.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 120,
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'The longest to wait for VTEX to finish the change. When it passes, the output holds the last status and the change request ID, and the change goes on at VTEX.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1 },
		default: 1,
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'The first pause before reading the change; it doubles after each read, up to 15 seconds',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['orderChange'], operation: ['create'] } },
	[...changeProperties, ...waitProperties],
);

const secondsSchema = numberSchema.pipe(z.number().positive('must be greater than 0'));
const waitSchema = z.object({
	waitForCompletion: booleanSchema,
	waitTimeoutSeconds: secondsSchema,
	pollIntervalSeconds: secondsSchema,
});
/** The change as Preview reads it, then the wait's own fields. */
export const itemInput = inputsInOrder({
	change: inputReadBy(readChangeInput),
	wait: fieldInput({ properties: waitProperties, schema: waitSchema }),
});

/** Why VTEX canceled a change: the Help Center's cancellationData or logs (help.vtex.com, "Order modifications"). */
function cancelReason(change: IDataObject): string {
	const cancellation = (change.cancellationData ?? {}) as IDataObject;
	if (typeof cancellation.reason === 'string' && cancellation.reason) return cancellation.reason;
	const logs = objectsIn(change.logs);
	const withMessage = logs.filter((log) => typeof log.message === 'string' && log.message);
	const last = withMessage[withMessage.length - 1];
	return last ? String(last.message) : 'VTEX gave no reason';
}

/**
 * Create: PATCH /api/order-system/orders/{orderId}/changes?accountName= (developers.vtex.com/docs/
 * api-reference/orders-api#patch-/api/order-system/orders/-changeOrderId-/changes). VTEX answers 202 with a requestId and applies the change later; with "Wait for
 * Completion" the change is read until it is `done` (applied) or `canceled`
 * (not applied, an item error with VTEX's reason), or the timeout passes.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input: read }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const { change: input, wait } = read;

	const { orderId } = input;
	const { accepted, evidence } = await sendOrFindChange(client, input, itemIndex);
	const requestId = typeof accepted.requestId === 'string' ? accepted.requestId : '';
	if (!requestId) {
		throw new NodeOperationError(
			this.getNode(),
			`Change order ${orderId}: VTEX accepted the change but returned no requestId`,
			{
				description:
					'The change may still be applied. Run Order Change > Get History for this order to find it before sending it again.',
				itemIndex,
			},
		);
	}
	if (!wait.waitForCompletion) {
		return {
			orderId,
			requestId,
			status: null,
			finished: false,
			applied: null,
			timedOut: false,
			totalChange: money(accepted.totalChangeValue),
			...replayFields(evidence),
			message: `VTEX accepted change ${requestId} of order ${orderId} and applies it asynchronously. Follow it with Order Change > Get.`,
			change: accepted,
		};
	}

	const result = await waitForChange(
		client,
		orderId,
		requestId,
		{
			timeoutMs: wait.waitTimeoutSeconds * 1000,
			firstIntervalMs: wait.pollIntervalSeconds * 1000,
			maxIntervalMs: MAX_POLL_INTERVAL_MS,
		},
		itemIndex,
	);
	const status = String(result.change.status ?? '');
	if (result.finished && status === CANCELED_STATUS) {
		const reason = cancelReason(result.change);
		const code = changeCodeIn(reason);
		const error = new NodeOperationError(
			this.getNode(),
			`VTEX canceled change ${requestId} of order ${orderId}: ${reason}`,
			{
				itemIndex,
				description: [
					hintForCode(code, CHANGE_CODE_HINTS),
					`The order was not changed. Change request ID: ${requestId}.`,
				]
					.filter(Boolean)
					.join(' '),
			},
		);
		throw withVtexDetails(error, { code });
	}

	const applied = status === APPLIED_STATUS;
	let message: string;
	if (!result.finished) {
		message = `Change ${requestId} of order ${orderId} was still "${status || 'unknown'}" after ${seconds(result.waitedMs)}. VTEX goes on with it: follow it with Order Change > Get and this request ID.`;
	} else if (applied) {
		message = `VTEX applied change ${requestId} to order ${orderId}.`;
	} else {
		message = `Change ${requestId} of order ${orderId} ended with status "${status}".`;
	}
	return {
		orderId,
		requestId,
		status: status || null,
		finished: result.finished,
		applied: result.finished ? applied : null,
		timedOut: !result.finished,
		waitedSeconds: Number((result.waitedMs / 1000).toFixed(1)),
		totalChange: money(result.change.totalChangeValue ?? accepted.totalChangeValue),
		...replayFields(evidence),
		message,
		change: result.change,
	};
}

/**
 * The change VTEX holds for this item: the order's latest change when it is this very change (an
 * earlier run, or an answer that was lost, sent it: nothing is sent again), else the change just
 * submitted. Change requests are few and each is applied to the order, so the history is read
 * before every Create.
 */
async function sendOrFindChange(
	client: OperationRun['client'],
	input: ReturnType<typeof readChangeInput>,
	itemIndex: number,
): Promise<{ accepted: IDataObject; evidence?: ReplayEvidence }> {
	const body = changeBody(input);
	const earlier = await sameChangeAlreadySent(client, input.orderId, body, itemIndex);
	if (earlier) return { accepted: earlier, evidence: 'foundBeforeSending' };
	const { sent, replay } = await sendOrConverge(
		async () => await submitChange(client, input, 'create', itemIndex),
		async () => await sameChangeAlreadySent(client, input.orderId, body, itemIndex),
	);
	return replay ? { accepted: replay.output, evidence: replay.evidence } : { accepted: sent };
}
