/**
 * `npm run bench:n8n-limits`: the account's pace inside real n8n (2.40.7 on Node 24, from the e2e
 * cache), against limit shapes it was not built on. Not a test: it prints figures.
 *
 * Design, kept small:
 * - One VTEX stand-in (scripts/bench/n8nLimits/standIn.ts) serves loopback HTTP from this process,
 *   one limit shape at a time, the shapes built from scripts/bench/limits/limiters.ts. It answers
 *   the Invoice operation (`POST …/invoice` → 200 with a receipt; `GET` the order) and logs every
 *   request: when, which order, the answer, and which n8n process sent it (the workflow puts
 *   `$env.BENCH_WORKER` in the invoice's Invoice Key).
 * - The package is packed and installed as n8n installs a community package (scripts/e2e); the
 *   credential's Base URL is the stand-in (http is allowed on loopback). Invoices: one distinct
 *   order per item, Invoice Whole Order off, Check the Order First off, Continue On Fail on (a
 *   failed item becomes an error item), every request option at its default.
 * - Regular mode: each shape is one `n8n execute` (SQLite) of Manual Trigger → Code (the batch) →
 *   Invoice → Summary → Report, a fresh process (a fresh pace). The batch is what the limit could
 *   accept in the shape's nominal time, so a pace at the limit keeps the process busy that long; a
 *   slow pace takes longer, and the run is cut at twice the nominal time (plus a minute of
 *   start-up).
 * - Queue mode: `n8n start` (the main) + 3 `n8n worker` (concurrency 10), Redis and PostgreSQL
 *   (the harness's services), one account limited to 50/s. Workflow: Webhook (answers at once) →
 *   Split Out (the batch) → Invoice → Summary → Report. 60 batches of 40 invoices are posted to the
 *   main's webhook at once, so they queue across the workers. Fresh workers for each queue shape;
 *   in `queue-kill` the worker that sent the most requests in the last 2 s is killed (SIGKILL)
 *   20 s after the first request.
 * - Summary (Code) counts the Invoice node's items and error items; Report (HTTP Request) posts
 *   that and `$env.BENCH_WORKER` to the stand-in: n8n's own count of failed items, per execution.
 *
 * How each figure is counted, at the stand-in:
 * - busy period: from the shape's first request to its last accepted invoice;
 * - share of the limit used: accepted invoices in the busy period ÷ what the limit could accept in
 *   it (limiters.ts `capacity`: rate × time for windows, the outage's seconds taken out, a token
 *   bucket's burst added to its refill). The first seconds of learning count;
 * - 429s and 5xx met: answers of that status, every attempt counted;
 * - failed items: the error items the executions reported (— when a regular run did not report);
 *   the notes say when orders without an invoice at the stand-in do not match;
 * - lost with the killed worker: orders without an invoice in batches whose execution never
 *   reported (it was on the killed worker);
 * - duplicates: orders with more than one accepted invoice;
 * - back to 0.8 of a raised limit: seconds from the rise until a trailing second held 0.8 of it;
 * - fairness: Jain's index of the workers' accepted invoices from 3 s to when the first worker
 *   went idle (or was killed); 1 is equal shares. Per worker: invoices/s in that window;
 * - survivors' share: accepted invoices from 2 s after the kill to the end ÷ the limit's capacity.
 *
 * Options: --only=steady-ra,queue (shape keys, comma-separated; see SHAPES and QUEUE_SHAPES),
 * --latency=MS (100). Needs `npm run build` (the npm script does it) and E2E_CACHE_DIR.
 * About 10 minutes for every shape.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { N8nInstance, N8nProcess } from './e2e/n8n.mjs';
import {
	createInstance,
	destroyInstance,
	ensureQueueServices,
	executeWorkflow,
	importVtexCredential,
	importWorkflows,
	log,
	N8N_VERSION,
	ownerSession,
	packPackage,
	ensureN8n,
	publishWorkflow,
	queueModeEnv,
	headCommit,
	startN8n,
	startPostgres,
	startRedis,
	startWorker,
} from './e2e/n8n.mjs';
import type { Limiter } from './bench/limits/limiters';
import { seeded, slidingWindow, tokenBucket, withNoise } from './bench/limits/limiters';
import { declaredOutage } from './bench/limits/shapes';
import { invoiceParameters } from './bench/invoice';
import type { ShapeState } from './bench/n8nLimits/standIn';
import { StandIn } from './bench/n8nLimits/standIn';

const PACKAGE_NODE = 'n8n-nodes-vtex-order-processing.vtexOrderProcessing';
const INVOICE_NODE = 'Invoice';
const WEBHOOK_PATH = 'limits-batch';

interface RegularShape {
	key: string;
	name: string;
	/** The time a pace at the limit keeps the process busy: the batch is the limit's capacity in it. */
	durationMs: number;
	limiter(start: () => number): Limiter;
	/** When the limit rose, ms after the first request. */
	raisedAt?: number;
}

interface QueueShape {
	key: string;
	name: string;
	perSecond: number;
	workers: number;
	batches: number;
	perBatch: number;
	/** Kills the busiest worker (SIGKILL) this long after the first request. */
	killAt?: number;
}

const steps =
	(...parts: Array<[number, number]>) =>
	(at: number): number => {
		let limit = parts[0][1];
		for (const [from, perSecond] of parts) if (at >= from) limit = perSecond;
		return limit;
	};

const SHAPES: RegularShape[] = [
	{
		key: 'steady-ra',
		name: 'steady 40/s, 429 + Retry-After: 1',
		durationMs: 40_000,
		limiter: (start) => slidingWindow(() => 40, 'seconds', start),
	},
	{
		key: 'steady-no-ra',
		name: 'steady 40/s, 429 without Retry-After',
		durationMs: 40_000,
		limiter: (start) => slidingWindow(() => 40, 'none', start),
	},
	{
		key: 'noise',
		name: '80/s plus 3 % random 429s',
		durationMs: 40_000,
		limiter: (start) =>
			withNoise(
				slidingWindow(() => 80, 'seconds', start),
				0.03,
				seeded(3),
			),
	},
	{
		key: 'drop',
		name: '60/s → 15/s from 15 s to 35 s → 60/s',
		durationMs: 55_000,
		limiter: (start) => slidingWindow(steps([0, 60], [15_000, 15], [35_000, 60]), 'seconds', start),
		raisedAt: 35_000,
	},
	{
		key: 'outage',
		name: '40/s, 503 + Retry-After: 5 from 10 s to 25 s',
		durationMs: 45_000,
		limiter: declaredOutage(10_000, 25_000),
	},
	{
		key: 'bucket',
		name: 'token bucket, burst 300, refill 25/s',
		durationMs: 40_000,
		limiter: () => tokenBucket(300, 25, 'seconds'),
	},
];

const QUEUE_SHAPES: QueueShape[] = [
	{
		key: 'queue',
		name: 'queue mode, 3 workers share 50/s, 60 batches of 40',
		perSecond: 50,
		workers: 3,
		batches: 60,
		perBatch: 40,
	},
	{
		key: 'queue-kill',
		name: 'queue mode, 3 workers share 50/s, 60 batches of 40, one killed at 20 s',
		perSecond: 50,
		workers: 3,
		batches: 60,
		perBatch: 40,
		killAt: 20_000,
	},
];

interface Row {
	shape: string;
	processes: string;
	busySeconds: number;
	accepted: number;
	share: number;
	refused429: number;
	met5xx: number;
	failed?: number;
	duplicates: number;
	backToRaised?: number;
	fairness?: number;
	perWorker?: string;
	survivorsShare?: number;
	lostWithKilled?: number;
	notes: string[];
}

const orderIdOf = (prefix: string, batch: number, item: number) => `${prefix}_${batch}_${item}-01`;

function invoiceNode(credential: { id: string; name: string }, x: number): Record<string, unknown> {
	return {
		id: randomUUID(),
		name: INVOICE_NODE,
		type: PACKAGE_NODE,
		typeVersion: 1,
		position: [x, 0],
		parameters: {
			...invoiceParameters(),
			// Read only by the stand-in, to tell which n8n process sent a request.
			additionalFields: { invoiceKey: '={{ $env.BENCH_WORKER }}' },
		},
		credentials: { vtexOrderProcessingApi: credential },
		onError: 'continueRegularOutput',
	};
}

/**
 * The workflow's tail after Invoice: Summary (a Code node: the Invoice node's items and error
 * items) → Report (HTTP Request: the summary and `$env.BENCH_WORKER` to the stand-in). n8n's own
 * count of failed items reaches the benchmark this way in both modes (the run `n8n execute` prints
 * is megabytes long and now and then comes out cut).
 */
function reportNodes(reportUrl: string, x: number): Array<Record<string, unknown>> {
	const code = [
		'const items = $input.all();',
		'const errors = items.filter((item) => item.json.error !== undefined);',
		'return [{ json: { items: items.length, failed: errors.length, firstError: errors.length ? String(errors[0].json.error) : null, firstOrderId: $("Batch").first().json.orderId ?? null } }];',
	].join('\n');
	return [
		{
			id: randomUUID(),
			name: 'Summary',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [x, 0],
			parameters: { jsCode: code },
		},
		{
			id: randomUUID(),
			name: 'Report',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [x + 220, 0],
			parameters: {
				method: 'POST',
				url: reportUrl,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ ...$json, worker: $env.BENCH_WORKER }) }}',
				options: {},
			},
		},
	];
}

const tail = {
	[INVOICE_NODE]: { main: [[{ node: 'Summary', type: 'main', index: 0 }]] },
	Summary: { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
};

/** Manual Trigger → Code (the batch: `items` distinct orders) → Invoice → Summary → Report. */
function regularWorkflow(
	shape: RegularShape,
	items: number,
	credential: { id: string; name: string },
	reportUrl: string,
): Record<string, unknown> {
	const code = `return Array.from({ length: ${items} }, (_, i) => ({ json: { orderId: \`${shape.key}_0_\${i}-01\`, invoiceNumber: \`NF-${shape.key}-\${i}\` } }));`;
	return {
		name: `limits: ${shape.name}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'Batch',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: code },
			},
			invoiceNode(credential, 440),
			...reportNodes(reportUrl, 660),
		],
		connections: {
			Start: { main: [[{ node: 'Batch', type: 'main', index: 0 }]] },
			Batch: { main: [[{ node: INVOICE_NODE, type: 'main', index: 0 }]] },
			...tail,
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Webhook (answers at once) → Split Out (`body.items`) → Invoice → Summary → Report. */
function queueWorkflow(
	credential: { id: string; name: string },
	reportUrl: string,
): Record<string, unknown> {
	return {
		name: 'limits: queue batches',
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					path: WEBHOOK_PATH,
					httpMethod: 'POST',
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Batch',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
			},
			invoiceNode(credential, 440),
			...reportNodes(reportUrl, 660),
		],
		connections: {
			Webhook: { main: [[{ node: 'Batch', type: 'main', index: 0 }]] },
			Batch: { main: [[{ node: INVOICE_NODE, type: 'main', index: 0 }]] },
			...tail,
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The figures every shape shares, from the stand-in's log. */
function figures(state: ShapeState, shape: { name: string; raisedAt?: number }, processes: string) {
	const accepted = state.acceptedInvoices();
	const end = accepted.at(-1)?.at ?? 0;
	const row: Row = {
		shape: shape.name,
		processes,
		busySeconds: end / 1000,
		accepted: accepted.length,
		share: end > 0 ? accepted.length / state.limiter.capacity(0, end) : 0,
		refused429: state.exchanges.filter((entry) => entry.status === 429).length,
		met5xx: state.exchanges.filter((entry) => entry.status >= 500).length,
		duplicates: [...state.invoices.values()].filter((invoices) => invoices.length > 1).length,
		notes: [],
	};
	const reads = state.exchanges.filter((entry) => entry.kind === 'read').length;
	if (reads > 0) row.notes.push(`${reads} order reads (after a failed send)`);
	if (shape.raisedAt !== undefined) {
		const target = 0.8 * state.limiter.perSecondAt(shape.raisedAt);
		const times = accepted.map((entry) => entry.at).filter((at) => at >= shape.raisedAt!);
		row.backToRaised = Number.POSITIVE_INFINITY;
		for (let index = 0, first = 0; index < times.length; index++) {
			while (times[first] <= times[index] - 1000) first++;
			if (index - first + 1 >= target) {
				row.backToRaised = (times[index] - shape.raisedAt) / 1000;
				break;
			}
		}
	}
	return row;
}

async function runRegular(
	shape: RegularShape,
	context: { standIn: StandIn; instance: N8nInstance; workflowId: string; items: number },
): Promise<Row> {
	const state = context.standIn.begin(shape.limiter);
	const capMs = 2 * shape.durationMs;
	log(`${shape.name}: n8n execute, ${context.items} invoices`);
	const result = await executeWorkflow(context.instance, context.workflowId, {
		env: { BENCH_WORKER: 'main' },
		// Start-up (a minute at most on 2 busy cores), then the cap on the traffic.
		timeoutMs: 60_000 + capMs,
	});
	const row = figures(state, shape, '1 (n8n execute)');
	const [report] = state.reports;
	row.failed = report?.failed;
	if (report?.firstError) row.notes.push(`first error: ${report.firstError.slice(0, 160)}`);
	if (!report) {
		const file = path.join(os.tmpdir(), `bench-n8n-limits-${shape.key}-${process.pid}.log`);
		fs.writeFileSync(file, `${result.stdout}\n--- stderr ---\n${result.stderr}`);
		row.notes.push(
			result.signal === 'SIGKILL'
				? `cut after ${(capMs + 60_000) / 1000} s (start-up included)`
				: `the run did not report: ${result.why.split('\n')[0].slice(0, 200)}`,
			`n8n's output in ${file}`,
		);
	} else if (report.items !== context.items) {
		row.notes.push(`the Invoice node output ${report.items} items for ${context.items}`);
	}
	const notInvoiced = context.items - state.invoices.size;
	if (notInvoiced !== (row.failed ?? 0))
		row.notes.push(`${notInvoiced} orders without an invoice at the stand-in`);
	return row;
}

async function postBatch(baseUrl: string, items: Array<Record<string, string>>): Promise<void> {
	const response = await fetch(`${baseUrl}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
	});
	await response.text();
	if (response.status !== 200) throw new Error(`webhook answered HTTP ${response.status}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runQueue(
	shape: QueueShape,
	context: {
		standIn: StandIn;
		instance: N8nInstance;
		main: N8nProcess & { baseUrl: string };
		workflowId: string;
	},
): Promise<Row> {
	const state = context.standIn.begin((start) =>
		slidingWindow(() => shape.perSecond, 'seconds', start),
	);
	const names = Array.from({ length: shape.workers }, (_, index) => `worker${index + 1}`);
	log(`${shape.name}: starting ${shape.workers} workers`);
	const workers = new Map<string, N8nProcess>();
	const starts = names.map(async (name) =>
		workers.set(name, await startWorker(context.instance, { env: { BENCH_WORKER: name } })),
	);
	const startedAll = await Promise.allSettled(starts);
	const failedStart = startedAll.find((result) => result.status === 'rejected');
	if (failedStart) {
		for (const worker of workers.values()) await worker.stop();
		throw failedStart.reason;
	}
	const executionsBefore = await executionStatuses(context);
	let killed: string | undefined;
	let killedAt: number | undefined;
	try {
		const expected = new Set<string>();
		log(`${shape.name}: posting ${shape.batches} batches of ${shape.perBatch}`);
		const posts: Array<Promise<void>> = [];
		for (let batch = 0; batch < shape.batches; batch++) {
			const items = Array.from({ length: shape.perBatch }, (_, item) => {
				const orderId = orderIdOf(shape.key, batch, item);
				expected.add(orderId);
				return { orderId, invoiceNumber: `NF-${shape.key}-${batch}-${item}` };
			});
			posts.push(postBatch(context.main.baseUrl, items));
		}
		await Promise.all(posts);
		// Until every execution reported, or nothing was asked for a while (an execution lost with
		// a killed worker never reports; Bull checks for stalled jobs every 30 s).
		const idleMs = shape.killAt === undefined ? 15_000 : 45_000;
		const deadline = Date.now() + 5 * 60_000;
		while (Date.now() < deadline) {
			await sleep(500);
			if (state.start === 0) continue;
			const now = Date.now() - state.start;
			if (shape.killAt !== undefined && killed === undefined && now >= shape.killAt) {
				killed = busiestWorker(state, now - 2_000) ?? names[0];
				killedAt = Date.now() - state.start;
				await workers.get(killed)!.kill();
				log(`${shape.name}: ${killed} killed (SIGKILL) at ${(killedAt / 1000).toFixed(1)} s`);
			}
			if (state.reports.length >= shape.batches) break;
			if (now - (state.lastRequestAt() ?? 0) > idleMs) break;
		}
		const row = figures(state, shape, `${shape.workers} workers + main`);
		queueFigures(row, state, { shape, names, expected, killed, killedAt });
		const statuses = await executionStatuses(context);
		for (const [status, count] of Object.entries(executionsBefore))
			statuses[status] = (statuses[status] ?? 0) - count;
		row.notes.push(
			`executions: ${Object.entries(statuses)
				.filter(([, count]) => count > 0)
				.map(([status, count]) => `${count} ${status}`)
				.join(', ')}`,
		);
		return row;
	} finally {
		for (const [name, worker] of workers) if (name !== killed) await worker.stop();
	}
}

/** The worker that sent the most requests since `from` (ms after the first request). */
function busiestWorker(state: ShapeState, from: number): string | undefined {
	const counts = new Map<string, number>();
	for (const entry of state.exchanges)
		if (entry.at >= from && entry.worker)
			counts.set(entry.worker, (counts.get(entry.worker) ?? 0) + 1);
	return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function queueFigures(
	row: Row,
	state: ShapeState,
	run: {
		shape: QueueShape;
		names: string[];
		expected: Set<string>;
		killed?: string;
		killedAt?: number;
	},
): void {
	const accepted = state.acceptedInvoices();
	const lastOf = (name: string) =>
		state.exchanges.filter((entry) => entry.worker === name).at(-1)?.at ?? 0;
	const to = run.killedAt ?? Math.min(...run.names.map(lastOf));
	const from = 3_000;
	const counts = run.names.map(
		(name) =>
			accepted.filter((entry) => entry.worker === name && entry.at >= from && entry.at < to).length,
	);
	const sum = counts.reduce((a, b) => a + b, 0);
	if (to > from && sum > 0) {
		row.fairness = (sum * sum) / (counts.length * counts.reduce((a, b) => a + b * b, 0));
		row.perWorker = counts.map((count) => ((count * 1000) / (to - from)).toFixed(1)).join(' / ');
	}
	// A batch is done when its execution reported; the orders of a batch that never reported went
	// with an execution that did not finish (the killed worker's).
	const batchOf = (orderId: string) => orderId.split('_')[1];
	const reported = new Set(state.reports.map((report) => batchOf(report.firstOrderId ?? '')));
	const unreported = new Set(
		[...run.expected].map(batchOf).filter((batch) => !reported.has(batch)),
	);
	let lost = 0;
	for (const orderId of run.expected)
		if (!state.invoices.has(orderId) && unreported.has(batchOf(orderId))) lost++;
	row.failed = state.reports.reduce((total, report) => total + report.failed, 0);
	const firstError = state.reports.find((report) => report.firstError)?.firstError;
	if (firstError) row.notes.push(`first error: ${firstError.slice(0, 160)}`);
	if (run.killed === undefined && unreported.size > 0)
		row.notes.push(
			`${unreported.size} executions never finished (${lost} orders without an invoice)`,
		);
	const reportsBy = run.names.map(
		(name) => state.reports.filter((report) => report.worker === name).length,
	);
	row.notes.push(`executions run per worker: ${reportsBy.join(' / ')}`);
	if (run.killed !== undefined && run.killedAt !== undefined) {
		row.lostWithKilled = lost;
		const end = accepted.at(-1)?.at ?? 0;
		const survivorsFrom = run.killedAt + 2_000;
		const after = accepted.filter((entry) => entry.at >= survivorsFrom).length;
		if (end > survivorsFrom)
			row.survivorsShare = after / state.limiter.capacity(survivorsFrom, end);
		row.notes.push(
			`killed ${run.killed}; ${unreported.size} executions never finished, ${run.expected.size - state.invoices.size - lost} other orders without an invoice`,
		);
	}
}

const STATUSES = ['new', 'running', 'waiting', 'success', 'error', 'crashed', 'canceled'];

/** How many of the workflow's executions n8n records in each status (its list endpoint's counts). */
async function executionStatuses(context: {
	main: { baseUrl: string };
	workflowId: string;
}): Promise<Record<string, number>> {
	const session = await ownerSession(context.main);
	const statuses: Record<string, number> = {};
	for (const status of STATUSES) {
		const filter = JSON.stringify({ workflowId: context.workflowId, status: [status] });
		const data = (await session.get(
			`/rest/executions?filter=${encodeURIComponent(filter)}&limit=1`,
		)) as { count?: number };
		statuses[status] = data.count ?? 0;
	}
	return statuses;
}

const cell = (value: number | undefined, digits = 2) =>
	value === undefined ? '' : Number.isFinite(value) ? value.toFixed(digits) : 'never';

function table(rows: Row[]): string {
	const lines = [
		"| shape | n8n processes | busy period (s) | invoices accepted | share of the limit used | 429s | 5xx met | failed items | duplicates | back to 0.8 of the raised limit (s) | fairness (Jain) | per worker (invoices/s) | survivors' share after the kill | lost with the killed worker | notes |",
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const row of rows)
		lines.push(
			`| ${[
				row.shape,
				row.processes,
				cell(row.busySeconds, 1),
				String(row.accepted),
				cell(row.share),
				String(row.refused429),
				String(row.met5xx),
				row.failed === undefined ? '—' : String(row.failed),
				String(row.duplicates),
				cell(row.backToRaised, 1),
				cell(row.fairness),
				row.perWorker ?? '',
				cell(row.survivorsShare),
				row.lostWithKilled === undefined ? '' : String(row.lostWithKilled),
				row.notes.join('; '),
			].join(' | ')} |`,
		);
	return lines.join('\n');
}

function option(name: string): string | undefined {
	return process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
	const only = option('only')?.split(',');
	const known = [...SHAPES, ...QUEUE_SHAPES].map((shape) => shape.key);
	const unknown = only?.filter((key) => !known.includes(key));
	if (unknown?.length)
		throw new Error(`unknown shape ${unknown.join(', ')}: pick from ${known.join(', ')}`);
	const picked = <T extends { key: string }>(shapes: T[]) =>
		shapes.filter((shape) => !only || only.includes(shape.key));
	const latencyMs = Number(option('latency') ?? 100);
	const started = Date.now();
	const runtime = await ensureN8n();
	const tarball = await packPackage();
	const commit = headCommit();
	console.log(
		`n8n ${N8N_VERSION} on Node ${runtime.nodeVersion}, ${os.availableParallelism()} cores; package from commit ${commit}; stand-in answers in ${latencyMs} ms`,
	);
	const standIn = await StandIn.start(latencyMs);
	const rows: Row[] = [];
	const report = (row: Row) => {
		rows.push(row);
		console.log(table([row]).split('\n')[2]);
	};
	const homes: N8nInstance[] = [];
	const services: Array<{ stop(): Promise<void> }> = [];
	let main: N8nProcess | undefined;
	try {
		// `$env` in an expression is off by default in n8n 2.x; the Invoice Key reads BENCH_WORKER.
		const env = { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false' };
		const reportUrl = `${standIn.baseUrl}/_bench/report`;
		const regular = picked(SHAPES);
		if (regular.length > 0) {
			const instance = await createInstance({
				tarball,
				userFolder: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-n8n-limits-')),
				env,
			});
			homes.push(instance);
			const credential = await importVtexCredential(instance, { baseUrl: standIn.baseUrl });
			const sizes = regular.map((shape) =>
				Math.round(shape.limiter(() => 0).capacity(0, shape.durationMs)),
			);
			const ids = await importWorkflows(
				instance,
				regular.map((shape, index) => regularWorkflow(shape, sizes[index], credential, reportUrl)),
			);
			for (const [index, shape] of regular.entries())
				report(
					await runRegular(shape, {
						standIn,
						instance,
						workflowId: ids[index].id,
						items: sizes[index],
					}),
				);
		}
		const queued = picked(QUEUE_SHAPES);
		if (queued.length > 0) {
			await ensureQueueServices();
			const redis = await startRedis();
			services.push(redis);
			const postgres = await startPostgres();
			services.push(postgres);
			const instance = await createInstance({
				tarball,
				userFolder: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-n8n-limits-queue-')),
				env: { ...env, ...queueModeEnv(redis, postgres, randomUUID()) },
			});
			homes.push(instance);
			const credential = await importVtexCredential(instance, { baseUrl: standIn.baseUrl });
			const [{ id: workflowId }] = await importWorkflows(instance, [
				queueWorkflow(credential, reportUrl),
			]);
			await publishWorkflow(instance, workflowId);
			log('queue mode: starting the main');
			const server = await startN8n(instance, {
				env: { BENCH_WORKER: 'main' },
				webhooks: [{ path: WEBHOOK_PATH, method: 'POST' }],
			});
			main = server;
			for (const shape of queued)
				report(await runQueue(shape, { standIn, instance, main: server, workflowId }));
		}
	} finally {
		await main?.stop();
		for (const service of services.reverse()) await service.stop();
		await standIn.stop();
		if (!process.env.E2E_KEEP) for (const home of homes) await destroyInstance(home);
	}
	console.log(`\n${table(rows)}`);
	console.log(`\nWhole run: ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

void main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
