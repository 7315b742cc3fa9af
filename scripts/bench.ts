/**
 * `npm run bench`: throughput, CPU and memory of VTEX Order Processing, measured through n8n's real
 * engine (the test harness) against the VTEX sandbox, and printed. Not a test: nothing here passes
 * or fails on time; the figures and the throughput targets are printed side by side.
 *
 * The sandbox runs in a process of its own, and each measured run in a fresh one, so the sandbox's
 * CPU never counts as the node's and each run's peak memory is its own.
 *
 * Options: --invoices N (2000), --sequential-invoices N (2000), --cpu-invoices N (2000),
 * --lower-limit-invoices N (1500); --feed-only measures the feed backlog alone (under a minute
 * instead of about six); --limits-only measures the default options at 100/s and at the lower real
 * limits (50/s and 20/s: VTEX's real limit below Requests per Minute) alone; --cpu-prof DIR writes
 * a CPU profile of each invoice run's process into DIR (Node's --cpu-prof; open it in Chrome's
 * DevTools, or sum its self time per function); --cpu-only measures the CPU cost alone.
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_REQUEST_SETTINGS } from '../nodes/shared/transport';
import type { SandboxAddress } from '../test/harness/workflow';
import type {
	DrainFeedCommand,
	DrainFeedReport,
	FeedSandboxReport,
	RunCommand,
	RunReport,
	SandboxReport,
} from './bench/protocol';
import { invoiceParameters } from './bench/invoice';
import { ask, benchOrderId, forkTs, ready } from './bench/protocol';

/**
 * VTEX's published limit: 6,000 requests a minute per account, 100 a second (the Orders API
 * reference, e.g. https://developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-:
 * "Throttling: Each VTEX account can make up to 6000 requests per minute").
 */
const LIMIT_PER_SECOND = 100;
/**
 * Real limits below Requests per Minute: VTEX's limits "vary throughout the day and are not
 * disclosed" (developers.vtex.com/docs/guides/how-to-load-test-a-store), so the node must find them.
 */
const LOWER_LIMITS_PER_SECOND = [50, 20];
/** A real VTEX call takes 100 to 300 ms. */
const LATENCY_MS = 150;
const RETRY_AFTER_SECONDS = 1;

const TARGET_ITEMS_PER_SECOND = 85;

interface Measured {
	label: string;
	conditions: string;
	/** The sandbox's limit, requests a second; undefined: none. */
	limitPerSecond?: number;
	/** The machine's 1-minute load average when the run ended. */
	load: number;
	run: RunReport;
	sandbox: SandboxReport;
}

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function measureInvoices(
	sandbox: ChildProcess,
	address: SandboxAddress,
	run: {
		label: string;
		prefix: string;
		count: number;
		latencyMs: number;
		limitPerSecond?: number;
		requestOptions: INodeParameters;
	},
): Promise<Measured> {
	await ask(sandbox, {
		type: 'prepare',
		latencyMs: run.latencyMs,
		rateLimit: run.limitPerSecond
			? { requestsPerSecond: run.limitPerSecond, retryAfterSeconds: RETRY_AFTER_SECONDS }
			: undefined,
		orders: { prefix: run.prefix, count: run.count },
	});
	const items = Array.from({ length: run.count }, (_unused, index) => ({
		orderId: benchOrderId(run.prefix, index + 1),
		invoiceNumber: `NF-${run.prefix}${index + 1}`,
	}));
	const profileDir =
		process.argv.indexOf('--cpu-prof') >= 0
			? process.argv[process.argv.indexOf('--cpu-prof') + 1]
			: undefined;
	const worker = forkTs(
		path.join(__dirname, 'bench', 'scenarioProcess.ts'),
		profileDir
			? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${run.prefix}.cpuprofile`]
			: [],
	);
	try {
		await ready(worker);
		const command: RunCommand = {
			type: 'run',
			address,
			parameters: invoiceParameters(run.requestOptions),
			items,
		};
		const report = await ask<RunReport>(worker, command);
		const seen = await ask<SandboxReport>(sandbox, {
			type: 'report',
			prefix: run.prefix,
			count: run.count,
		});
		const conditions = run.limitPerSecond
			? `${run.latencyMs} ms, limit ${run.limitPerSecond}/s`
			: `${run.latencyMs} ms, no limit`;
		return {
			label: run.label,
			conditions,
			limitPerSecond: run.limitPerSecond,
			load: os.loadavg()[0],
			run: report,
			sandbox: seen,
		};
	} finally {
		if (worker.connected) worker.disconnect();
	}
}

/**
 * Two n8n processes on one account (queue mode workers): each a fresh process with its own pace,
 * each invoicing half of the orders at the same time, against one real limit. Each must learn its
 * share from the 429s it gets; items/s is all items over the slower one's time.
 */
async function measureTwoProcesses(
	sandbox: ChildProcess,
	address: SandboxAddress,
	limitPerSecond: number,
	count: number,
): Promise<Measured> {
	const prefix = `P${limitPerSecond}-`;
	await ask(sandbox, {
		type: 'prepare',
		latencyMs: LATENCY_MS,
		rateLimit: { requestsPerSecond: limitPerSecond, retryAfterSeconds: RETRY_AFTER_SECONDS },
		orders: { prefix, count },
	});
	const half = Math.floor(count / 2);
	const halves = [
		{ from: 1, to: half },
		{ from: half + 1, to: count },
	];
	const workers = halves.map(() => forkTs(path.join(__dirname, 'bench', 'scenarioProcess.ts')));
	try {
		await Promise.all(workers.map(async (worker) => await ready(worker)));
		const reports = await Promise.all(
			halves.map(async ({ from, to }, index) => {
				const items = Array.from({ length: to - from + 1 }, (_unused, offset) => ({
					orderId: benchOrderId(prefix, from + offset),
					invoiceNumber: `NF-${prefix}${from + offset}`,
				}));
				const command: RunCommand = {
					type: 'run',
					address,
					parameters: invoiceParameters({}),
					items,
				};
				return await ask<RunReport>(workers[index], command);
			}),
		);
		const seen = await ask<SandboxReport>(sandbox, { type: 'report', prefix, count });
		const slower = reports.reduce((a, b) => (a.elapsedMs >= b.elapsedMs ? a : b));
		const run: RunReport = {
			...slower,
			items: reports.reduce((sum, report) => sum + report.items, 0),
			failed: reports.reduce((sum, report) => sum + report.failed, 0),
			pairedInOrder: reports.every((report) => report.pairedInOrder),
			errors: reports.flatMap((report) => report.errors),
		};
		return {
			label: `Invoice, default options, two n8n processes on one account, real limit ${limitPerSecond}/s`,
			conditions: `${LATENCY_MS} ms, limit ${limitPerSecond}/s`,
			limitPerSecond,
			load: os.loadavg()[0],
			run,
			sandbox: seen,
		};
	} finally {
		for (const worker of workers) if (worker.connected) worker.disconnect();
	}
}

const FEED_EVENTS = 5000;
/** Memory is read after a forced GC once about this many events were seen, and after all of them. */
const FEED_HEAP_CHECKPOINT = 1000;
/**
 * The trigger as a user set it for a backlog: defaults (commit After the Workflow Succeeds, One
 * Execution per Event) with Max Events per Poll raised from 100 to 1,000, so one poll drains a
 * thousand events (and runs at most a thousand at once) instead of a tenth of that per minute.
 */
/**
 * Two ways a user drains a backlog: the default, one execution per event (each event is its own
 * n8n execution, so on 2 cores the engine's cost per execution, not the feed, sets the pace), with
 * Max Events per Poll 1,000; and one execution per poll with the whole backlog in one poll (the
 * feed's requests set the pace).
 */
const FEED_SCENARIOS: Array<{ label: string; mode: string; parameters: INodeParameters }> = [
	{
		label: 'Feed backlog, one execution per event (default Emit; Max Events per Poll 1,000)',
		mode: 'per event',
		parameters: { maxEventsPerPoll: 1000 },
	},
	{
		label: 'Feed backlog, one execution per poll (Max Events per Poll 5,000)',
		mode: 'per poll',
		parameters: { maxEventsPerPoll: 5000, emitMode: 'perPoll' },
	},
];
/** VTEX reads at most 10 events per read; the nodes commit at most 10 handles per request. */
const FEED_LOT = 10;

interface FeedMeasured {
	label: string;
	mode: string;
	run: DrainFeedReport;
	sandbox: FeedSandboxReport;
	/** Reads and commit requests a perfect drain needs, and their time at the limit. */
	idealRequests: number;
	idealMs: number;
	load: number;
}

/**
 * A backlog of 5,000 events in the sandbox's feed (150 ms latency, 100 requests a second),
 * drained by the VTEX Order Feed Trigger through the harness in a fresh process: elapsed time,
 * feed requests (reads and commits, from the sandbox's feed), the ratio to the ideal (5,000 ÷ 10
 * reads plus the commits needed, at 100 a second), peak memory, and heap after ~1,000 and after
 * 5,000 events seen.
 */
async function measureFeedBacklog(
	sandbox: ChildProcess,
	address: SandboxAddress,
	scenario: (typeof FEED_SCENARIOS)[number],
): Promise<FeedMeasured> {
	await ask(sandbox, {
		type: 'feedBacklog',
		latencyMs: LATENCY_MS,
		rateLimit: { requestsPerSecond: LIMIT_PER_SECOND, retryAfterSeconds: RETRY_AFTER_SECONDS },
		events: FEED_EVENTS,
	});
	const worker = forkTs(path.join(__dirname, 'bench', 'scenarioProcess.ts'));
	try {
		await ready(worker);
		const command: DrainFeedCommand = {
			type: 'drainFeed',
			address,
			parameters: scenario.parameters,
			events: FEED_EVENTS,
			heapCheckpoint: FEED_HEAP_CHECKPOINT,
		};
		const run = await ask<DrainFeedReport>(worker, command);
		const seen = await ask<FeedSandboxReport>(sandbox, { type: 'feedReport' });
		const idealRequests = Math.ceil(FEED_EVENTS / FEED_LOT) * 2;
		return {
			label: scenario.label,
			mode: scenario.mode,
			run,
			sandbox: seen,
			idealRequests,
			idealMs: (idealRequests / LIMIT_PER_SECOND) * 1000,
			load: os.loadavg()[0],
		};
	} finally {
		if (worker.connected) worker.disconnect();
	}
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

const COLUMNS = [
	'Run',
	'Sandbox',
	'Items',
	'Elapsed (s)',
	'Items/s',
	'Ratio to the limit',
	'429s (after the first 5 s)',
	'Failed',
	'Duplicate invoices',
	'Peak in flight',
	'Peak RSS, MB (growth)',
	'Peak heap, MB',
	'Load average',
];

function invoiceRow(measured: Measured): string {
	const { run, sandbox } = measured;
	const perSecond = run.items / (run.elapsedMs / 1000);
	const limited = measured.limitPerSecond !== undefined;
	return [
		measured.label,
		measured.conditions,
		run.items.toLocaleString('en'),
		seconds(run.elapsedMs),
		perSecond.toFixed(1),
		limited ? (perSecond / measured.limitPerSecond!).toFixed(2) : '—',
		`${sandbox.rateLimited} (${sandbox.rateLimitedAfter5s ?? '?'})`,
		String(run.failed),
		String(sandbox.duplicateInvoices),
		String(sandbox.peakInFlight),
		`${mb(run.peakRssBytes)} (+${mb(run.peakRssBytes - run.baselineRssBytes)})`,
		mb(run.peakHeapUsedBytes),
		measured.load.toFixed(1),
	].join(' | ');
}

function check(label: string, ok: boolean, detail: string): string {
	return `- [${ok ? 'x' : ' '}] ${label}: ${detail}${ok ? '' : '  <-- MISSED'}`;
}

function feedRow(feed: FeedMeasured): string {
	const { run, sandbox } = feed;
	const requests = sandbox.reads + sandbox.commitRequests;
	return [
		feed.label,
		`${LATENCY_MS} ms, limit ${LIMIT_PER_SECOND}/s`,
		run.executions.toLocaleString('en'),
		seconds(run.elapsedMs),
		(run.executions / (run.elapsedMs / 1000)).toFixed(1),
		`${(feed.idealMs / run.elapsedMs).toFixed(2)} of the ideal; ${(requests / (run.elapsedMs / 1000) / LIMIT_PER_SECOND).toFixed(2)} of the limit`,
		String(sandbox.rateLimited),
		String(run.failedExecutions),
		'—',
		'—',
		`${mb(run.peakRssBytes)} (+${mb(run.peakRssBytes - run.baselineRssBytes)})`,
		mb(run.peakHeapUsedBytes),
		feed.load.toFixed(1),
	].join(' | ');
}

function printFeed(feed: FeedMeasured): void {
	const { run, sandbox } = feed;
	const heap = run.heap
		.map(
			(sample) =>
				`${mb(sample.heapUsedBytes)} MB after ${sample.eventsSeen.toLocaleString('en')} events`,
		)
		.join(', ');
	console.log(
		`${feed.label}: ${run.executions} executions (${run.failedExecutions} failed) in ${run.polls} polls, ${seconds(run.elapsedMs)} s; ` +
			`${sandbox.reads + sandbox.commitRequests} feed requests (${sandbox.reads} reads, ${sandbox.commitRequests} commits; ideal ${feed.idealRequests}: ` +
			`${feed.idealRequests / 2} reads + ${feed.idealRequests / 2} commits, ${seconds(feed.idealMs)} s at ${LIMIT_PER_SECOND}/s); ` +
			`${sandbox.committed} committed, ${sandbox.delivered} delivered, ${sandbox.queued} left in the feed; ${sandbox.rateLimited} 429s`,
	);
	console.log(
		`Feed trigger heap after a forced GC: ${heap}; ${run.remembered} eventIds remembered (dedup memory)`,
	);
	if (run.failedPolls.length > 0)
		console.log(`Feed polls that failed: ${run.failedPolls.join(' / ')}`);
}

/** Memory that does not grow with the events seen: the heap after 5,000 within 10 % (or 5 MB) of the heap after ~1,000. */
function heapFlat(run: DrainFeedReport): { ok: boolean; detail: string } {
	const [early, late] = [run.heap[0], run.heap[run.heap.length - 1]];
	if (!early || !late || early === late)
		return { ok: false, detail: 'fewer than two heap samples' };
	const growth = late.heapUsedBytes - early.heapUsedBytes;
	const ok = growth <= Math.max(0.1 * early.heapUsedBytes, 5 * 1024 * 1024);
	return {
		ok,
		detail: `${mb(early.heapUsedBytes)} MB after ${early.eventsSeen} events, ${mb(late.heapUsedBytes)} MB after ${late.eventsSeen}`,
	};
}

/** The drain target is judged on the best way to drain a backlog; both runs must empty the feed and keep memory flat. */
function feedChecks(feeds: FeedMeasured[]): string[] {
	const best = feeds.reduce((a, b) =>
		a.idealMs / a.run.elapsedMs >= b.idealMs / b.run.elapsedMs ? a : b,
	);
	const ratio = best.idealMs / best.run.elapsedMs;
	return [
		check(
			'Feed drained at 80 % of the ideal or better',
			ratio >= 0.8 && feeds.every((feed) => feed.sandbox.queued === 0),
			`best ${ratio.toFixed(2)} of the ideal (one execution ${best.mode}); ${feeds.map((feed) => `${(feed.idealMs / feed.run.elapsedMs).toFixed(2)} ${feed.mode}, ${feed.sandbox.queued} events left`).join('; ')}`,
		),
		// Memory against events seen is measured where each event is an execution (heap sampled at
		// ~1,000 and 5,000 executions); one execution per poll has no such checkpoints.
		...feeds
			.filter((feed) => feed.mode === 'per event')
			.map((feed) => {
				const flat = heapFlat(feed.run);
				return check(
					`Trigger memory flat in the events seen (one execution ${feed.mode})`,
					flat.ok,
					flat.detail,
				);
			}),
	];
}

function printProblems(runs: Measured[]): void {
	for (const measured of runs) {
		const { run, sandbox: seen } = measured;
		const problems = [
			run.pairedInOrder ? '' : 'outputs not paired in input order',
			seen.ordersWithoutInvoice > run.failed
				? `${seen.ordersWithoutInvoice - run.failed} orders lost their invoice`
				: '',
			run.errors.length > 0 ? `errors: ${run.errors.join(' / ')}` : '',
		].filter(Boolean);
		console.log(
			`${measured.label}: ${seen.requests} requests (${seen.invoicePosts} invoice POSTs), outputs in input order: ${run.pairedInOrder ? 'yes' : 'NO'}${problems.length ? `; ${problems.join('; ')}` : ''}`,
		);
	}
}

/** The throughput targets at VTEX's published limit and at lower real limits the pace has to find. */
function limitChecks(defaults: Measured, lower: Measured[]): string[] {
	const perSecond = (measured: Measured) => measured.run.items / (measured.run.elapsedMs / 1000);
	const clean = (measured: Measured) =>
		measured.run.failed === 0 &&
		measured.sandbox.duplicateInvoices === 0 &&
		measured.sandbox.ordersWithoutInvoice === 0;
	return [
		check(
			'Invoices at 85 % of the limit or better',
			perSecond(defaults) >= TARGET_ITEMS_PER_SECOND,
			`${perSecond(defaults).toFixed(1)} items/s (load average ${defaults.load.toFixed(1)})`,
		),
		check('No failed invoice', defaults.run.failed === 0, `${defaults.run.failed} failed`),
		check(
			'No duplicate invoice',
			defaults.sandbox.duplicateInvoices === 0,
			`${defaults.sandbox.duplicateInvoices} duplicates`,
		),
		check(
			'No lost invoice',
			defaults.sandbox.ordersWithoutInvoice === 0,
			`${defaults.sandbox.ordersWithoutInvoice} orders without their invoice`,
		),
		...lower.map((measured) => {
			const ratio = perSecond(measured) / measured.limitPerSecond!;
			return check(
				`At a real limit of ${measured.limitPerSecond}/s: 85 % of it or better, 0 failed, 0 duplicates`,
				ratio >= 0.85 && clean(measured),
				`${ratio.toFixed(2)} of the limit, ${measured.run.failed} failed, ${measured.sandbox.duplicateInvoices} duplicates, ${measured.sandbox.rateLimited} 429s (${measured.sandbox.rateLimitedAfter5s ?? '?'} after the first 5 s; load average ${measured.load.toFixed(1)})`,
			);
		}),
	];
}

async function main(): Promise<void> {
	const invoices = option('invoices', 2000);
	const sequentialInvoices = option('sequential-invoices', 2000);
	const cpuInvoices = option('cpu-invoices', 2000);
	const lowerLimitInvoices = option('lower-limit-invoices', 1500);
	const feedOnly = process.argv.includes('--feed-only');
	const limitsOnly = process.argv.includes('--limits-only');
	const cpuOnly = process.argv.includes('--cpu-only');

	const sandbox = forkTs(path.join(__dirname, 'bench', 'sandboxProcess.ts'));
	const address = await ready<SandboxAddress>(sandbox);
	const concurrency = DEFAULT_REQUEST_SETTINGS.concurrency;
	try {
		console.log(
			`VTEX Order Processing benchmark: n8n's engine (test harness) against the VTEX sandbox in its own process`,
		);
		console.log(
			`Machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
		);
		console.log(
			`Sandbox: ${LATENCY_MS} ms per request, ${LIMIT_PER_SECOND} requests a second (sliding one-second window), 429 with Retry-After: ${RETRY_AFTER_SECONDS} beyond\n`,
		);

		const measureFeeds = async () => {
			const feeds: FeedMeasured[] = [];
			for (const scenario of FEED_SCENARIOS)
				feeds.push(await measureFeedBacklog(sandbox, address, scenario));
			return feeds;
		};
		if (feedOnly) {
			const feeds = await measureFeeds();
			console.log(`| ${COLUMNS.join(' | ')} |`);
			console.log(`|${COLUMNS.map(() => '---').join('|')}|`);
			for (const feed of feeds) console.log(`| ${feedRow(feed)} |`);
			feeds.forEach(printFeed);
			console.log('\nTargets (feed backlog):');
			for (const line of feedChecks(feeds)) console.log(line);
			return;
		}
		const measureCpu = async () =>
			await measureInvoices(sandbox, address, {
				label: `Invoice, CPU cost (Concurrency ${concurrency}, no budget)`,
				prefix: 'C',
				count: cpuInvoices,
				requestOptions: { requestsPerMinute: 1_000_000_000 },
				latencyMs: 0,
			});
		const printCpu = (cpu: Measured) =>
			console.log(
				`CPU of the VTEX node itself (0 ms latency, no limit): ${(cpu.run.nodeCpuMs / cpu.run.items).toFixed(2)} ms per item (${cpu.run.nodeCpuMs.toFixed(0)} ms of CPU for ${cpu.run.items} items in ${seconds(cpu.run.nodeElapsedMs)} s; load average ${cpu.load.toFixed(1)})`,
			);
		if (cpuOnly) {
			printCpu(await measureCpu());
			return;
		}
		const rateLimited = { latencyMs: LATENCY_MS, limitPerSecond: LIMIT_PER_SECOND };
		const measureLowerLimits = async () => {
			const measured: Measured[] = [];
			for (const limit of LOWER_LIMITS_PER_SECOND) {
				if (limit === LOWER_LIMITS_PER_SECOND[0]) {
					measured.push(await measureTwoProcesses(sandbox, address, limit, lowerLimitInvoices));
					console.log(`measured: ${measured.at(-1)!.label}`);
				}
				measured.push(
					await measureInvoices(sandbox, address, {
						label: `Invoice, default options, VTEX's real limit ${limit}/s (below Requests per Minute)`,
						prefix: `L${limit}-`,
						count: lowerLimitInvoices,
						requestOptions: {},
						latencyMs: LATENCY_MS,
						limitPerSecond: limit,
					}),
				);
				console.log(`measured: ${measured.at(-1)!.label}`);
			}
			return measured;
		};
		const defaults = await measureInvoices(sandbox, address, {
			label: `Invoice, default options (Concurrency ${concurrency}, ${DEFAULT_REQUEST_SETTINGS.requestsPerMinute}/min)`,
			prefix: 'D',
			count: invoices,
			requestOptions: {},
			...rateLimited,
		});
		console.log(`measured: ${defaults.label}`);
		if (limitsOnly) {
			const lower = await measureLowerLimits();
			console.log(`| ${COLUMNS.join(' | ')} |`);
			console.log(`|${COLUMNS.map(() => '---').join('|')}|`);
			for (const measured of [defaults, ...lower]) console.log(`| ${invoiceRow(measured)} |`);
			printProblems([defaults, ...lower]);
			console.log('\nTargets (throughput at the published and lower real limits):');
			for (const line of limitChecks(defaults, lower)) console.log(line);
			return;
		}
		const sequential = await measureInvoices(sandbox, address, {
			label: 'Invoice, one request at a time (Concurrency 1)',
			prefix: 'S',
			count: sequentialInvoices,
			requestOptions: { concurrency: 1 },
			...rateLimited,
		});
		console.log(`measured: ${sequential.label}`);
		const cpu = await measureCpu();
		console.log(`measured: ${cpu.label}`);
		const lower = await measureLowerLimits();
		const feeds = await measureFeeds();
		console.log('measured: Feed backlog drained by the trigger');

		console.log('');
		console.log(`| ${COLUMNS.join(' | ')} |`);
		console.log(`|${COLUMNS.map(() => '---').join('|')}|`);
		for (const measured of [defaults, sequential, cpu, ...lower])
			console.log(`| ${invoiceRow(measured)} |`);
		for (const feed of feeds) console.log(`| ${feedRow(feed)} |`);
		console.log('');
		feeds.forEach(printFeed);
		printCpu(cpu);
		printProblems([defaults, sequential, cpu, ...lower]);

		console.log('\nTargets (throughput at the published and lower real limits):');
		for (const line of limitChecks(defaults, lower)) console.log(line);
		for (const line of feedChecks(feeds)) console.log(line);
	} finally {
		if (sandbox.connected) sandbox.disconnect();
	}
}

void main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
