/**
 * Runs the package's own transport (VtexClient, its AccountPace and decideRetry, the router's
 * in-flight rule) against a limiter: `processes` clients, each with the pace of an n8n process of
 * its own (a base URL of its own, so a pace of its own), all behind one limit. The HTTP exchange
 * is a timer of `latencyMs` that asks the limiter; everything else is the shipped code.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../nodes/shared/concurrency';
import { VtexClient } from '../../../nodes/shared/transport/client';
import { DEFAULT_REQUEST_SETTINGS } from '../../../nodes/shared/transport/settings';
import type { BenchExchange } from './benchContext';
import { benchContext } from './benchContext';
import type { Limiter } from './limiters';

export interface ProcessPlan {
	/** Stops sending (as a killed worker does) at this time, ms after the start. */
	stopAt?: number;
	/** Starts at this time, ms after the start. */
	startAt?: number;
}

export interface RunPlan {
	limiter: Limiter;
	durationMs: number;
	processes: ProcessPlan[];
	latencyMs: number;
	random: () => number;
	/** Sets the run's start (the limiter reads it). */
	onStart(at: number): void;
}

export interface RunResult {
	/** When each accepted request was answered, ms after the start, and by which process. */
	accepted: Array<{ at: number; process: number }>;
	refused429: number;
	refused5xx: number;
	failedItems: number;
	doneItems: number;
}

let runCounter = 0;

export async function runPlan(plan: RunPlan): Promise<RunResult> {
	const start = Date.now();
	plan.onStart(start);
	runCounter++;
	const result: RunResult = {
		accepted: [],
		refused429: 0,
		refused5xx: 0,
		failedItems: 0,
		doneItems: 0,
	};
	const runs = plan.processes.map(async (process, index) => {
		if (process.startAt) await new Promise((resolve) => setTimeout(resolve, process.startAt));
		const stop = new AbortController();
		const stopAt =
			Math.min(plan.durationMs, process.stopAt ?? plan.durationMs) - (process.startAt ?? 0);
		const timer = setTimeout(() => stop.abort(new Error('stopped')), stopAt);
		const client = new VtexClient(fakeContext(plan, index, stop.signal, start, result), {
			...DEFAULT_REQUEST_SETTINGS,
		});
		// More items than the limit could take in the run: the process is busy until it stops.
		const items = Math.ceil((plan.limiter.perSecondAt(0) * plan.durationMs) / 1000) * 2 + 500;
		await mapWithConcurrency(
			items,
			client.inFlightLimit(DEFAULT_REQUEST_SETTINGS.concurrency),
			async (item) => {
				if (stop.signal.aborted) return;
				try {
					await client.send({
						method: 'POST',
						path: `/api/oms/pvt/orders/${item}-01/invoice`,
						body: { invoiceNumber: String(item) },
						idempotent: true,
						action: 'Invoice order',
						answer: 'object',
					} as never);
					result.doneItems++;
				} catch {
					if (!stop.signal.aborted) result.failedItems++;
				}
			},
			{ signal: stop.signal },
		).catch(() => undefined);
		clearTimeout(timer);
	});
	await Promise.all(runs);
	return result;
}

function fakeContext(
	plan: RunPlan,
	process: number,
	cancel: AbortSignal,
	start: number,
	result: RunResult,
): IExecuteFunctions {
	const credentials: IDataObject = {
		accountName: 'bench',
		appKey: 'key',
		appToken: 'token',
		baseUrl: `https://bench-run${runCounter}-process${process}.invalid`,
	};
	const exchange = async (_type: string, options: { abortSignal?: AbortSignal }) => {
		const latency = plan.latencyMs * (0.5 + plan.random());
		// The request reaches the limit halfway through the round trip.
		await sleep(latency / 2, options.abortSignal);
		const answer = plan.limiter.answer(Date.now());
		await sleep(latency / 2, options.abortSignal);
		const at = Date.now() - start;
		if (answer.status === 200) result.accepted.push({ at, process });
		else if (answer.status === 429) result.refused429++;
		else result.refused5xx++;
		return {
			statusCode: answer.status,
			headers: answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter },
			body: answer.status === 200 ? {} : { error: { message: 'refused' } },
		};
	};
	return benchContext({ process, credentials, cancel, exchange: exchange as BenchExchange });
}

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener(
			'abort',
			() => {
				clearTimeout(timer);
				reject(signal.reason);
			},
			{ once: true },
		);
	});
}

/** Figures of one run, from the accepted requests and the limit's capacity. */
export interface Figures {
	share: number;
	refused429: number;
	refused5xx: number;
	failedItems: number;
	/** Seconds from `raisedAt` until a second held 0.8 of the raised limit; undefined: none asked. */
	backToRaised?: number;
	/** Jain's fairness index of the processes' accepted requests while all ran (1: equal). */
	fairness?: number;
	/** After a process stopped: the share of the limit the others used (from 2 s after to the end). */
	survivorsShare?: number;
}

export function figuresOf(
	plan: RunPlan,
	result: RunResult,
	options: { raisedAt?: number; stopAt?: number; allFrom?: number } = {},
): Figures {
	const end = plan.durationMs;
	const figures: Figures = {
		share: result.accepted.length / plan.limiter.capacity(0, end),
		refused429: result.refused429,
		refused5xx: result.refused5xx,
		failedItems: result.failedItems,
	};
	if (options.raisedAt !== undefined) {
		const target = 0.8 * plan.limiter.perSecondAt(options.raisedAt);
		const times = result.accepted.map((entry) => entry.at).filter((at) => at >= options.raisedAt!);
		let back: number | undefined;
		for (let index = 0, first = 0; index < times.length; index++) {
			while (times[first] <= times[index] - 1000) first++;
			if (index - first + 1 >= target) {
				back = (times[index] - options.raisedAt) / 1000;
				break;
			}
		}
		figures.backToRaised = back ?? Number.POSITIVE_INFINITY;
	}
	if (plan.processes.length > 1) {
		const from = options.allFrom ?? 5_000;
		const to = options.stopAt ?? end;
		const counts = plan.processes.map(
			(_, process) =>
				result.accepted.filter(
					(entry) => entry.process === process && entry.at >= from && entry.at < to,
				).length,
		);
		const sum = counts.reduce((a, b) => a + b, 0);
		figures.fairness = (sum * sum) / (counts.length * counts.reduce((a, b) => a + b * b, 0));
	}
	if (options.stopAt !== undefined) {
		const from = options.stopAt + 2_000;
		const count = result.accepted.filter((entry) => entry.at >= from).length;
		figures.survivorsShare = count / plan.limiter.capacity(from, end);
	}
	return figures;
}
