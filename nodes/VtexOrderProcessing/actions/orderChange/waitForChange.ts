import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { VtexClient } from '../../../shared/transport';
import { seconds } from '../../../shared/transport/retry';
import { isFinished, readChange } from './changeRequests';

export interface WaitSettings {
	/** The longest the whole wait may take. */
	timeoutMs: number;
	/** The first pause before reading the change; it doubles after each read, up to `maxIntervalMs`. */
	firstIntervalMs: number;
	maxIntervalMs: number;
}

export interface WaitResult {
	/** The change as VTEX last described it (Get order modification details). */
	change: IDataObject;
	finished: boolean;
	waitedMs: number;
	checks: number;
}

export const MAX_POLL_INTERVAL_MS = 15_000;

/**
 * Follows an asynchronous change (Create answers 202, then the change is read) until VTEX ends it or the
 * timeout passes. Each read is a GET, safe to repeat, so the transport retries it on its own; the
 * pauses between reads back off, and each read is reported as progress.
 */
export async function waitForChange(
	client: VtexClient,
	orderId: string,
	requestId: string,
	settings: WaitSettings,
	itemIndex: number,
): Promise<WaitResult> {
	const started = Date.now();
	const deadline = started + settings.timeoutMs;
	let interval = settings.firstIntervalMs;
	let checks = 0;
	for (;;) {
		await sleep(Math.max(0, Math.min(interval, deadline - Date.now())));
		const change = await readChange(client, orderId, requestId, itemIndex);
		checks++;
		const waitedMs = Date.now() - started;
		if (isFinished(change)) return { change, finished: true, waitedMs, checks };
		if (Date.now() >= deadline) return { change, finished: false, waitedMs, checks };
		interval = Math.min(interval * 2, settings.maxIntervalMs);
		client.progress(
			`Change ${requestId} of order ${orderId} is "${String(change.status ?? 'unknown')}" after ${seconds(waitedMs)}; checking again in ${seconds(Math.min(interval, Math.max(0, deadline - Date.now())))}`,
		);
	}
}
