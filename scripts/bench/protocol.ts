/**
 * What the benchmark's processes say to each other over Node's IPC channel. The sandbox and each
 * measured run live in processes of their own, so the sandbox's CPU and memory never count as
 * the node's, and each run's peak memory is its own.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RateLimit } from '../../test/sandbox';
import type { SandboxAddress } from '../../test/harness/workflow';

/** The n-th order of a run: a distinct order per invoice. */
export function benchOrderId(prefix: string, n: number): string {
	return `${prefix}${String(n).padStart(6, '0')}-01`;
}

/** Sandbox conditions for one run and the orders it needs. */
export interface PrepareCommand {
	type: 'prepare';
	latencyMs: number;
	rateLimit?: RateLimit;
	/** Orders `{prefix}{n}-01`, n = 1..count, each in handling with one item, ready to invoice. */
	orders: { prefix: string; count: number };
}

/** What the sandbox saw during the run, for the orders of `prefix`. */
export interface ReportCommand {
	type: 'report';
	prefix: string;
	count: number;
}

/** A configured orders feed holding `events` events, under these conditions. */
export interface FeedBacklogCommand {
	type: 'feedBacklog';
	latencyMs: number;
	rateLimit?: RateLimit;
	events: number;
}

/** The feed's counters (reads, commit requests, committed, queued) and the run's 429s. */
export interface FeedReportCommand {
	type: 'feedReport';
}

export type SandboxCommand =
	| PrepareCommand
	| ReportCommand
	| FeedBacklogCommand
	| FeedReportCommand;

export interface FeedSandboxReport {
	queued: number;
	/** GET /api/orders/feed answered 200, and POST /api/orders/feed answered 200. */
	reads: number;
	commitRequests: number;
	/** Events removed by a commit, and deliveries handed out (redeliveries included). */
	committed: number;
	delivered: number;
	rateLimited: number;
}

export interface SandboxReport {
	requests: number;
	/** 429s the sandbox's rate limit answered, all of them and those 5 s or more after the first request. */
	rateLimited: number;
	rateLimitedAfter5s: number;
	invoicePosts: number;
	/** Invoice POSTs VTEX accepted for an order that had already accepted one: writes sent twice. */
	repeatedInvoicePosts: number;
	/** Orders holding the same invoice number twice, or more invoices than the one sent. */
	duplicateInvoices: number;
	/** Orders the run should have invoiced that hold no invoice. */
	ordersWithoutInvoice: number;
	peakInFlight: number;
}

/** One measured run of the VTEX node through n8n's engine. */
export interface RunCommand {
	type: 'run';
	address: SandboxAddress;
	parameters: INodeParameters;
	items: IDataObject[];
}

export interface RunReport {
	items: number;
	outputs: number;
	succeeded: number;
	failed: number;
	/** First error messages, to tell what failed. */
	errors: string[];
	/** Whether output i is paired with input item i, for every i. */
	pairedInOrder: boolean;
	/** The whole workflow run, from start to the engine's last hook. */
	elapsedMs: number;
	/** CPU the process spent while the VTEX node ran (user + system). */
	nodeCpuMs: number;
	nodeElapsedMs: number;
	/** Before the run (engine loaded), and the peaks sampled every 25 ms during it. */
	baselineRssBytes: number;
	peakRssBytes: number;
	peakHeapUsedBytes: number;
}

/** The VTEX Order Feed Trigger activated in a fresh process, polled until the feed is empty. */
export interface DrainFeedCommand {
	type: 'drainFeed';
	address: SandboxAddress;
	/** The trigger's parameters (Max Events per Poll, ...); the rest stay at their defaults. */
	parameters: INodeParameters;
	/** Events the feed holds: the run stops once that many executions finished and a poll emits nothing. */
	events: number;
	/** Heap (after a forced GC) is logged once this many events were seen, and at the end. */
	heapCheckpoint: number;
}

export interface HeapSample {
	eventsSeen: number;
	heapUsedBytes: number;
}

export interface DrainFeedReport {
	elapsedMs: number;
	polls: number;
	/** Executions the trigger started and finished, and those that failed. */
	executions: number;
	failedExecutions: number;
	failedPolls: string[];
	/** eventIds the trigger remembers (its dedup memory, bounded). */
	remembered: number;
	heap: HeapSample[];
	baselineRssBytes: number;
	peakRssBytes: number;
	peakHeapUsedBytes: number;
}

/** A TypeScript file of this folder in a process of its own, with an IPC channel. */
export function forkTs(file: string, extraExecArgv: string[] = []): ChildProcess {
	return fork(file, [], {
		// --expose-gc: heap figures are read after a forced collection.
		execArgv: ['--expose-gc', ...extraExecArgv, '-r', 'ts-node/register/transpile-only'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		// Prefer .ts: `VtexOrderProcessing.node` would otherwise resolve to the node's .node.json codex.
		env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PREFER_TS_EXTS: 'true' },
	});
}

/** Resolves with what the child sends as `ready` once it listens for commands. */
export async function ready<T>(child: ChildProcess): Promise<T> {
	return await new Promise<T>((resolve, reject) => {
		const onMessage = (message: { ready?: T }) => {
			if (message.ready === undefined) return;
			child.off('message', onMessage);
			resolve(message.ready);
		};
		child.on('message', onMessage);
		child.once('exit', (code) =>
			reject(new Error(`benchmark process exited (${code}) before it was ready`)),
		);
	});
}

let nextId = 0;

/** Sends a command and resolves with the child's answer to it. */
export async function ask<T>(child: ChildProcess, command: object): Promise<T> {
	const id = ++nextId;
	return await new Promise<T>((resolve, reject) => {
		const onMessage = (message: { id?: number; result?: T; error?: string }) => {
			if (message.id !== id) return;
			child.off('message', onMessage);
			child.off('exit', onExit);
			if (message.error !== undefined) reject(new Error(message.error));
			else resolve(message.result as T);
		};
		const onExit = (code: number | null) =>
			reject(new Error(`benchmark process exited (${code}) before answering`));
		child.on('message', onMessage);
		child.once('exit', onExit);
		child.send({ ...command, id });
	});
}

/** In a child: answers each command with `handle`'s result, or its error. */
export function serve(handle: (command: { type: string }) => Promise<unknown>): void {
	process.on('message', (message: { id: number; type: string }) => {
		handle(message).then(
			(result) => process.send?.({ id: message.id, result }),
			(error: unknown) =>
				process.send?.({
					id: message.id,
					error: error instanceof Error ? (error.stack ?? error.message) : String(error),
				}),
		);
	});
}
