import * as n8nWorkflow from 'n8n-workflow';

type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * n8n-workflow 1.x's `sleep(ms)` ignores a second argument and offers `sleepWithAbort(ms, signal)`
 * instead; 2.x's `sleep(ms, signal)` honours the signal and no longer exports `sleepWithAbort`.
 * The peer is "*", so the package takes whichever this n8n has.
 */
const sleepWithAbort = (n8nWorkflow as unknown as { sleepWithAbort?: AbortableSleep })
	.sleepWithAbort;

/**
 * Resolves after `ms`, or rejects as soon as `signal` aborts, on every n8n line: an ended wait
 * clears its timer, so no timer outlives what it waited for (a request's Timeout, a pace's turn).
 */
export async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await n8nWorkflow.sleep(ms);
	if (sleepWithAbort) return await sleepWithAbort(ms, signal);
	return await n8nWorkflow.sleep(ms, signal);
}
