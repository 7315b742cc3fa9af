/**
 * One n8n process of the real-time benchmark: the shipped VtexClient (its own AccountPace, as a
 * process has) sending invoices over loopback HTTP to the benchmark's limiter until told to stop
 * or killed. Reports its done and failed items over IPC.
 */
import { mapWithConcurrency } from '../../../nodes/shared/concurrency';
import { VtexClient } from '../../../nodes/shared/transport/client';
import { DEFAULT_REQUEST_SETTINGS } from '../../../nodes/shared/transport/settings';
import type { BenchExchange } from './benchContext';
import { benchContext } from './benchContext';

const baseUrl = process.env.LIMITS_URL!;
const index = Number(process.env.LIMITS_PROCESS);
const durationMs = Number(process.env.LIMITS_DURATION_MS);

async function main(): Promise<void> {
	const stop = new AbortController();
	const timer = setTimeout(() => stop.abort(new Error('stopped')), durationMs);
	const exchange = async (
		_type: string,
		options: { method: string; url: string; body?: unknown; abortSignal?: AbortSignal },
	) => {
		const response = await fetch(options.url, {
			method: options.method,
			body: JSON.stringify(options.body ?? {}),
			headers: { 'content-type': 'application/json', 'x-process': String(index) },
			signal: options.abortSignal,
		});
		const text = await response.text();
		return {
			statusCode: response.status,
			headers: Object.fromEntries(response.headers),
			body: text ? (JSON.parse(text) as unknown) : undefined,
		};
	};
	const ctx = benchContext({
		process: index,
		credentials: { accountName: 'bench', appKey: 'k', appToken: 't', baseUrl },
		cancel: stop.signal,
		exchange: exchange as BenchExchange,
	});
	const client = new VtexClient(ctx, { ...DEFAULT_REQUEST_SETTINGS });
	let done = 0;
	let failed = 0;
	const most = DEFAULT_REQUEST_SETTINGS.concurrency;
	await mapWithConcurrency(
		1_000_000,
		client.inFlightLimit(most),
		async (item) => {
			if (stop.signal.aborted) return;
			try {
				await client.send({
					method: 'POST',
					path: `/api/oms/pvt/orders/${index}-${item}-01/invoice`,
					body: { invoiceNumber: String(item) },
					idempotent: true,
					// The stand-in answers an accepted request with `{}`.
					answer: 'object',
					action: 'Invoice order',
				});
				done++;
			} catch {
				if (!stop.signal.aborted) failed++;
			}
		},
		{ signal: stop.signal },
	).catch(() => undefined);
	clearTimeout(timer);
	process.send?.({ done, failed });
	process.disconnect?.();
}

// Starts when the benchmark says so, once every process has loaded (ts-node compiles for seconds).
process.send?.({ ready: true });
process.once('message', () => void main());
