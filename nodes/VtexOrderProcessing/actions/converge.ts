import type { IDataObject } from 'n8n-workflow';

import { getVtexDetails } from '../../shared/transport';
import { classifyNetworkCode } from '../../shared/transport/retry';

/**
 * Replays that converge. The feed delivers an event at least once, and a workflow that failed
 * half-way runs again from its first node: a write whose goal VTEX already reached must then
 * succeed and say so, or the event fails on every redelivery. This module holds the rule every
 * converging operation shares; what "already reached" means lives beside each operation's family
 * (`order/replays.ts`, `note/noteReplay.ts`).
 */

/** How a replay was recognised, for the output's `replay` fields. */
export type ReplayEvidence =
	/** VTEX refused the request (or its answer was lost) and a read found the goal reached. */
	| 'vtexAnswered'
	/** A read made before sending found the goal reached: nothing was sent. */
	| 'foundBeforeSending';

export interface Replay {
	evidence: ReplayEvidence;
	/** The output the operation returns instead of a single successful call's. */
	output: IDataObject;
}

/**
 * Whether a failure leaves room for "VTEX already did it": a refusal about the order's state
 * (400, 409) or an answer that was lost (5xx, reset, timeout, a 2xx that is not VTEX's). An authentication, permission,
 * not-found or rate-limit failure says nothing about the goal, so it is never read past.
 */
export function mayMeanAlreadyDone(error: unknown): boolean {
	const { status, code, answerNotUnderstood } = getVtexDetails(error);
	// A 2xx answer that is not VTEX's (an HTML page, no receipt) is as good as a lost one.
	if (answerNotUnderstood) return true;
	if (status === 400 || status === 409 || status === 422) return true;
	if (status !== undefined && status >= 500) return true;
	return status === undefined && classifyNetworkCode(code) === 'ambiguous';
}

/**
 * Sends a write; if it fails in a way that may mean VTEX already reached its goal, asks
 * `alreadyDone` (which reads VTEX's state) and returns its replay instead of the failure. The
 * happy path costs nothing extra: the read happens only after a refusal or a lost answer. When
 * the read finds the goal not reached, or cannot be made, the original failure stands.
 * `alreadyDone` may itself throw a clearer error (a conflict the replay must not hide).
 */
export async function sendOrConverge<T>(
	send: () => Promise<T>,
	alreadyDone: (failure: unknown) => Promise<IDataObject | undefined>,
): Promise<{ sent: T; replay?: undefined } | { sent?: undefined; replay: Replay }> {
	// Settled into values rather than caught: the failure is rethrown as the transport built it
	// (a NodeApiError with VTEX's code), never wrapped.
	const attempt = await send().then(
		(sent) => ({ sent, failure: undefined }),
		(failure: unknown) => ({ sent: undefined, failure: failure ?? new Error('unknown failure') }),
	);
	if (attempt.failure === undefined) return { sent: attempt.sent as T };
	const { failure } = attempt;
	if (!mayMeanAlreadyDone(failure)) throw failure;
	const check = await alreadyDone(failure).then(
		(output) => ({ output, checkError: undefined }),
		(checkError: unknown) => ({ output: undefined, checkError }),
	);
	// A conflict found by the check is the clearer error; a failed read is not.
	if (isConflict(check.checkError)) throw check.checkError;
	if (!check.output) throw failure;
	return { replay: { evidence: 'vtexAnswered', output: check.output } };
}

/** Marks an error as a conflict a replay must not hide, so `sendOrConverge` reports it. */
export function asConflict<T extends Error>(error: T): T {
	Object.defineProperty(error, 'replayConflict', { value: true, enumerable: false });
	return error;
}

function isConflict(error: unknown): boolean {
	return (
		!!error &&
		typeof error === 'object' &&
		(error as { replayConflict?: unknown }).replayConflict === true
	);
}

/** The fields every converging operation's output carries. */
export function replayFields(evidence?: ReplayEvidence): IDataObject {
	if (!evidence) return { replay: false };
	return { replay: true, replayEvidence: evidence, sent: evidence === 'vtexAnswered' };
}

/**
 * The fields of a write VTEX applies alike however often it is sent, and answers alike (a repeat
 * changes nothing, or only renews a receipt), when the node did not read VTEX's state first: it
 * cannot tell a repeat from a first send, and says so with `replay: null` rather than `false`.
 */
export function replayNotCheckedFields(): IDataObject {
	return { replay: null, replayEvidence: 'notChecked' };
}

/** A replay's output item: what a single successful call outputs, plus the replay fields. */
export function replayOutput(action: string, replay: Replay): IDataObject {
	return { success: true, action, ...replayFields(replay.evidence), ...replay.output };
}
