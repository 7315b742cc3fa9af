/**
 * `npm run bench:n8n`: this node against n8n's HTTP Request node, in real n8n (2.40.7 on Node 24,
 * from the e2e install cache), invoicing orders in the VTEX sandbox. Not a test: it prints figures.
 *
 * - The package is packed and installed as n8n installs a community package (scripts/e2e).
 * - The sandbox runs in a process of its own (scripts/bench/sandboxProcess.ts) with 150 ms per
 *   request and a rate limit enforced with 429 and `Retry-After: 1` (sliding one-second window).
 * - Each contender is one `n8n execute` of Manual Trigger → Code (N invoices as items) → the
 *   contender (scripts/benchN8n/contenders.ts). Rounds are interleaved: every round runs each
 *   contender once, in a rotating order, so a busy spell of the machine does not fall on one.
 * - Items/s = orders invoiced ÷ the contender node's own execution time, read from n8n's execution
 *   data (its `executionTime`, which includes n8n's Retry On Fail tries), not the process start-up.
 *   Failed, duplicates (invoices VTEX accepted twice for one order) and 429s are counted at the
 *   sandbox. CPU: the `n8n execute` process's CPU while the contender ran (sampled every 50 ms by
 *   scripts/benchN8n/cpuSampler.cjs), and the whole process's. Load average: the machine's 1-minute
 *   load when each run starts.
 *
 * Options: --items N (1500), --rounds N (3), --limits 100,50,20 (the sandbox's real limit, in
 * requests a second; the node keeps its default Requests per Minute, 6,000), --latency MS (150),
 * --contenders node,http50,httpRetry,httpDefaults (and http25 and http20, the HTTP Request node
 * tuned to 50/s and 20/s, only when named); --busy N keeps N busy-loop processes running beside n8n (a busy machine: two
 * on 2 cores make a load average of about 4); --cpu-prof DIR writes a CPU profile of each
 * `n8n execute` process into DIR/<limit>-<round>-<contender>/ (Node's --cpu-prof; n8n's task
 * runners inherit it and write theirs beside it: the execute process's is the largest);
 * --cpu-quota SHARE lets each `n8n execute` process (and its task runners) use only SHARE of one
 * core, through a cgroup (root and Linux's cgroup v1 cpu controller): a starved process, as on a
 * very busy machine, without slowing the machine's other jobs.
 * Needs `npm run build` first (the npm script does it) and E2E_CACHE_DIR pointing at the e2e cache.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { ExecuteResult, N8nInstance } from './e2e/n8n.mjs';
import {
	createInstance,
	destroyInstance,
	ensureN8n,
	executeWorkflow,
	importVtexCredential,
	importWorkflow,
	N8N_VERSION,
	packPackage,
	headCommit,
} from './e2e/n8n.mjs';
import type { SandboxReport } from './bench/protocol';
import { ask, benchOrderId, forkTs, ready } from './bench/protocol';
import type { ContenderSpec } from './benchN8n/contenders';
import { benchWorkflow, CONTENDER, CONTENDERS } from './benchN8n/contenders';

const PREFIX = 'B';
const RETRY_AFTER_SECONDS = 1;
const CPU_SAMPLER = path.join(__dirname, 'benchN8n', 'cpuSampler.cjs');
/** The e2e harness's own preload (it disposes n8n's expression engine before exit); kept when we set NODE_OPTIONS. */
const E2E_EXIT_PATCH = path.join(__dirname, 'e2e', 'dispose-on-exit.cjs');

interface Options {
	items: number;
	rounds: number;
	limits: number[];
	latencyMs: number;
	contenders: ContenderSpec[];
	/** Where to write each run's CPU profile, if anywhere. */
	cpuProfileDir?: string;
	/** Busy-loop processes kept running beside n8n for the whole benchmark (a busy machine). */
	busy: number;
	/** Share of one core each `n8n execute` process may use (a starved process, as on a very busy machine). */
	cpuQuota?: number;
}

function readOptions(argv: string[]): Options {
	const value = (name: string) => {
		const index = argv.indexOf(`--${name}`);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const positive = (name: string, fallback: number) => {
		const parsed = Number(value(name) ?? fallback);
		if (!Number.isInteger(parsed) || parsed <= 0)
			throw new Error(`--${name} must be a whole number above 0`);
		return parsed;
	};
	const limits = (value('limits') ?? '100,50,20').split(',').map(Number);
	if (limits.some((limit) => !Number.isInteger(limit) || limit <= 0))
		throw new Error('--limits takes whole numbers, e.g. 100,50');
	const keys = (
		value('contenders') ??
		CONTENDERS.filter((spec) => !spec.optIn)
			.map((spec) => spec.key)
			.join(',')
	).split(',');
	const contenders = keys.map((key) => {
		const spec = CONTENDERS.find((candidate) => candidate.key === key);
		if (!spec)
			throw new Error(
				`unknown contender ${key}: pick from ${CONTENDERS.map((candidate) => candidate.key).join(', ')}`,
			);
		return spec;
	});
	return {
		items: positive('items', 1500),
		rounds: positive('rounds', 3),
		limits,
		latencyMs: positive('latency', 150),
		contenders,
		cpuProfileDir: value('cpu-prof') && path.resolve(value('cpu-prof')!),
		busy: value('busy') === undefined ? 0 : positive('busy', 1),
		cpuQuota: readQuota(value('cpu-quota')),
	};
}

function readQuota(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const quota = Number(text);
	if (!Number.isFinite(quota) || quota < 0.05 || quota > 8)
		throw new Error('--cpu-quota takes a share of one core between 0.05 and 8, e.g. 0.3');
	return quota;
}

/** Where Linux's cgroup v1 cpu controller is mounted (the quota needs it, and root). */
const CPU_CGROUPS = '/sys/fs/cgroup/cpu';

/**
 * A cgroup that lets its processes use `quota` of one core, for the `n8n execute` processes
 * (scripts/benchN8n/cpuSampler.cjs moves each into it as it starts): the machine's other jobs are
 * left alone, unlike busy loops.
 */
function createCpuCgroup(quota: number): string {
	const dir = path.join(CPU_CGROUPS, `bench-n8n-${process.pid}`);
	try {
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'cpu.cfs_period_us'), '100000');
		fs.writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(Math.round(quota * 100_000)));
	} catch (error) {
		throw new Error(
			`--cpu-quota needs root and the cgroup v1 cpu controller at ${CPU_CGROUPS}: ${(error as Error).message}`,
		);
	}
	return dir;
}

/** How often the cgroup's processes were held back, and for how long in all. */
function throttling(dir: string): { periods: number; throttled: number; throttledMs: number } {
	const stat = Object.fromEntries(
		fs
			.readFileSync(path.join(dir, 'cpu.stat'), 'utf8')
			.trim()
			.split('\n')
			.map((line) => line.split(' ') as [string, string]),
	);
	return {
		periods: Number(stat.nr_periods),
		throttled: Number(stat.nr_throttled),
		throttledMs: Number(stat.throttled_time) / 1e6,
	};
}

interface Run {
	limit: number;
	round: number;
	spec: ContenderSpec;
	load: number;
	executionOk: boolean;
	/** The contender's execution time in n8n's execution data, when it ran. */
	nodeMs?: number;
	invoiced: number;
	itemsPerSecond?: number;
	sandbox: SandboxReport;
	nodeCpuMs?: number;
	processCpuMs?: number;
	note: string;
}

/** CPU milliseconds of the `n8n execute` process: the whole run, and between two instants. */
function readCpu(dir: string): { at(time: number): number; total: number } | undefined {
	const files = fs.readdirSync(dir).filter((file) => file.startsWith('cpu-'));
	for (const file of files) {
		const { argv, samples } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
			argv: string[];
			samples: Array<[number, number]>;
		};
		if (!argv.includes('execute')) continue;
		const at = (time: number) => {
			const after = samples.findIndex(([sampledAt]) => sampledAt >= time);
			if (after <= 0) return after === 0 ? samples[0][1] : samples[samples.length - 1][1];
			const [t0, cpu0] = samples[after - 1];
			const [t1, cpu1] = samples[after];
			return cpu0 + ((cpu1 - cpu0) * (time - t0)) / Math.max(1, t1 - t0);
		};
		return { at, total: samples[samples.length - 1][1] };
	}
	return undefined;
}

async function measure(
	context: {
		sandbox: ChildProcess;
		instance: N8nInstance;
		workflowIds: Map<string, string>;
		cpuDir: string;
		options: Options;
		cgroup?: string;
	},
	limit: number,
	round: number,
	spec: ContenderSpec,
): Promise<Run> {
	const { sandbox, instance, cpuDir, options } = context;
	await ask(sandbox, {
		type: 'prepare',
		latencyMs: options.latencyMs,
		rateLimit: { requestsPerSecond: limit, retryAfterSeconds: RETRY_AFTER_SECONDS },
		orders: { prefix: PREFIX, count: options.items },
	});
	for (const file of fs.readdirSync(cpuDir)) fs.rmSync(path.join(cpuDir, file));
	const load = os.loadavg()[0];
	const preloads = [E2E_EXIT_PATCH, CPU_SAMPLER].filter((file) => fs.existsSync(file));
	const result: ExecuteResult = await executeWorkflow(
		instance,
		context.workflowIds.get(spec.key)!,
		{
			env: {
				NODE_OPTIONS: [
					...preloads.map((file) => `--require ${JSON.stringify(file)}`),
					...(options.cpuProfileDir
						? [
								'--cpu-prof',
								`--cpu-prof-dir=${JSON.stringify(path.join(options.cpuProfileDir, `${limit}-${round}-${spec.key}`))}`,
							]
						: []),
				].join(' '),
				BENCH_CPU_DIR: cpuDir,
				...(context.cgroup ? { BENCH_CPU_CGROUP: context.cgroup } : {}),
			},
			timeoutMs: 30 * 60_000,
		},
	);
	const seen = await ask<SandboxReport>(sandbox, {
		type: 'report',
		prefix: PREFIX,
		count: options.items,
	});
	const task = result.run?.data?.resultData?.runData?.[CONTENDER]?.[0];
	const cpu = readCpu(cpuDir);
	const invoiced = options.items - seen.ordersWithoutInvoice;
	const nodeMs = task?.executionTime;
	const note = result.ok
		? ''
		: task?.error?.message
			? `execution failed: ${task.error.message.slice(0, 120)}`
			: `no execution data for the contender (${result.why.split('\n')[0].slice(0, 160)})`;
	if (!task) console.error(`n8n execute gave no execution data for the contender:\n${result.why}`);
	return {
		limit,
		round,
		spec,
		load,
		executionOk: result.ok,
		nodeMs,
		invoiced,
		itemsPerSecond: nodeMs ? invoiced / (nodeMs / 1000) : undefined,
		sandbox: seen,
		nodeCpuMs:
			task && cpu
				? cpu.at(task.startTime + task.executionTime) - cpu.at(task.startTime)
				: undefined,
		processCpuMs: cpu?.total,
		note,
	};
}

const fixed = (value: number | undefined, digits = 1) =>
	value === undefined ? '—' : value.toFixed(digits);
const median = (values: number[]) => {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const defined = <T>(values: Array<T | undefined>) =>
	values.filter((value): value is T => value !== undefined);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function runLine(run: Run, items: number): string {
	const perItem =
		run.nodeCpuMs !== undefined ? ` (${fixed(run.nodeCpuMs / items, 2)} ms/item)` : '';
	return (
		`[${run.limit}/s, round ${run.round}, load ${fixed(run.load)}] ${run.spec.label}: ${run.invoiced}/${items} invoiced in ` +
		`${fixed(run.nodeMs && run.nodeMs / 1000)} s → ${fixed(run.itemsPerSecond)} items/s; failed ${items - run.invoiced}, ` +
		`duplicates ${run.sandbox.repeatedInvoicePosts}, requests ${run.sandbox.requests}, 429s ${run.sandbox.rateLimited}; CPU ${fixed(run.nodeCpuMs && run.nodeCpuMs / 1000, 2)} s ` +
		`in the node${perItem}, ${fixed(run.processCpuMs && run.processCpuMs / 1000, 1)} s whole process${run.note ? `; ${run.note}` : ''}`
	);
}

function printLimit(limit: number, runs: Run[], options: Options): void {
	const ofLimit = runs.filter((run) => run.limit === limit);
	console.log(
		`\n### Real limit ${limit} requests/s (${options.items} invoices, ${options.latencyMs} ms per request, ${options.rounds} rounds)\n`,
	);
	const columns = [
		'Contender',
		'Invoiced/s min / median / max',
		'Median ÷ limit',
		'Failed (all rounds)',
		'Duplicates (all rounds)',
		'429s (median per run)',
		'CPU in the node, s (median)',
		'CPU per item, ms',
		'n8n process CPU, s (median)',
	];
	console.log(`| ${columns.join(' | ')} |`);
	console.log(`|${columns.map(() => '---').join('|')}|`);
	for (const spec of options.contenders) {
		const mine = ofLimit.filter((run) => run.spec === spec);
		const rates = defined(mine.map((run) => run.itemsPerSecond));
		const rate = median(rates);
		const nodeCpu = median(defined(mine.map((run) => run.nodeCpuMs)));
		const processCpu = median(defined(mine.map((run) => run.processCpuMs)));
		console.log(
			`| ${[
				spec.label,
				rates.length
					? `${fixed(Math.min(...rates))} / ${fixed(rate)} / ${fixed(Math.max(...rates))}`
					: '—',
				fixed(rate && rate / limit, 2),
				String(sum(mine.map((run) => options.items - run.invoiced))),
				String(sum(mine.map((run) => run.sandbox.repeatedInvoicePosts))),
				fixed(median(mine.map((run) => run.sandbox.rateLimited)), 0),
				fixed(nodeCpu && nodeCpu / 1000, 2),
				fixed(nodeCpu && nodeCpu / options.items, 2),
				fixed(processCpu && processCpu / 1000, 1),
			].join(' | ')} |`,
		);
	}
	const loads = Array.from({ length: options.rounds }, (_unused, index) => {
		const inRound = ofLimit.filter((run) => run.round === index + 1).map((run) => run.load);
		return `round ${index + 1}: ${inRound.map((load) => fixed(load)).join(', ')}`;
	});
	console.log(`\nLoad average (1 min) at the start of each run: ${loads.join('; ')}`);
	const node = options.contenders.find((spec) => spec.key === 'node');
	const http = options.contenders.filter((spec) => spec.key !== 'node');
	if (!node || http.length === 0) return;
	// A setting that left orders without their invoice is not faster, whatever its rate: compare
	// with the best HTTP Request run of the round that invoiced every order.
	const ratios = Array.from({ length: options.rounds }, (_unused, index) => {
		const inRound = ofLimit.filter((run) => run.round === index + 1);
		const mine = inRound.find((run) => run.spec === node)?.itemsPerSecond;
		const complete = inRound.filter(
			(run) => http.includes(run.spec) && run.invoiced === options.items && run.itemsPerSecond,
		);
		if (complete.length === 0) return 'no HTTP Request setting invoiced every order';
		const best = Math.max(...complete.map((run) => run.itemsPerSecond!));
		return mine === undefined ? '—' : fixed(mine / best, 2);
	});
	console.log(
		`Ratio, this node ÷ the best HTTP Request setting of the same round that invoiced every order: ${ratios.join('; ')}`,
	);
	const nodeCpu = median(
		defined(ofLimit.filter((run) => run.spec === node).map((run) => run.nodeCpuMs)),
	);
	for (const spec of http) {
		const theirs = median(
			defined(ofLimit.filter((run) => run.spec === spec).map((run) => run.nodeCpuMs)),
		);
		if (nodeCpu !== undefined && theirs)
			console.log(`CPU, this node ÷ ${spec.key}: ${fixed(nodeCpu / theirs, 2)}`);
	}
}

async function main(): Promise<void> {
	const options = readOptions(process.argv.slice(2));
	const runtime = await ensureN8n();
	const tarball = await packPackage();
	const commit = headCommit();
	console.log(
		`n8n ${N8N_VERSION} on Node ${runtime.nodeVersion}, ${os.availableParallelism()} cores; package from commit ${commit}; ` +
			`${options.items} invoices per run, ${options.latencyMs} ms per request, limits ${options.limits.join(', ')}/s with ` +
			`429 + Retry-After: ${RETRY_AFTER_SECONDS}; ${options.rounds} rounds of ${options.contenders.map((spec) => spec.key).join(', ')}`,
	);

	// Each spins one core for the whole benchmark: with two on 2 cores the load average is about 4.
	const busyLoops = Array.from({ length: options.busy }, () =>
		spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
	);
	if (options.busy > 0) {
		// The 1-minute load average follows them in about a minute: the first run waits for it.
		const warmUpUntil = Date.now() + 120_000;
		while (os.loadavg()[0] < options.busy * 0.9 && Date.now() < warmUpUntil)
			await new Promise((resolve) => setTimeout(resolve, 1000));
		console.log(
			`${options.busy} busy-loop process(es) beside n8n (--busy); load average ${os.loadavg()[0].toFixed(1)}`,
		);
	}
	const cgroup = options.cpuQuota === undefined ? undefined : createCpuCgroup(options.cpuQuota);
	if (cgroup)
		console.log(
			`Each n8n execute process may use ${options.cpuQuota} of one core (cgroup ${cgroup}); the sandbox is not limited`,
		);
	const sandbox = forkTs(path.join(__dirname, 'bench', 'sandboxProcess.ts'));
	const cpuDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-n8n-cpu-'));
	let instance: N8nInstance | undefined;
	try {
		const address = await ready<{
			baseUrl: string;
			state: { account: string };
			defaultKey: { appKey: string; appToken: string };
		}>(sandbox);
		// A home of its own name: cleanups of the e2e tests' `n8n-e2e-*` folders never touch it.
		instance = await createInstance({
			tarball,
			userFolder: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-n8n-home-')),
		});
		const credential = await importVtexCredential(instance, {
			baseUrl: address.baseUrl,
			accountName: address.state.account,
			appKey: address.defaultKey.appKey,
			appToken: address.defaultKey.appToken,
		});
		const items = Array.from({ length: options.items }, (_unused, index) => ({
			orderId: benchOrderId(PREFIX, index + 1),
			invoiceNumber: `NF-${PREFIX}${index + 1}`,
		}));
		const sandboxAccess = { baseUrl: address.baseUrl, ...address.defaultKey };
		const workflowIds = new Map<string, string>();
		for (const spec of options.contenders) {
			const workflow = benchWorkflow(
				`bench: ${spec.label}`,
				items,
				spec.node(sandboxAccess, { id: credential.id, name: credential.name }),
			);
			workflowIds.set(spec.key, await importWorkflow(instance, workflow));
		}

		const runs: Run[] = [];
		for (const limit of options.limits) {
			for (let round = 1; round <= options.rounds; round++) {
				const order = options.contenders.map(
					(_spec, index) => options.contenders[(index + round - 1) % options.contenders.length],
				);
				for (const spec of order) {
					const context = { sandbox, instance, workflowIds, cpuDir, options, cgroup };
					let run = await measure(context, limit, round, spec);
					if (run.nodeMs === undefined) {
						// n8n's printed execution came out cut short (seen under heavy load): run it again.
						console.log(runLine(run, options.items));
						run = await measure(context, limit, round, spec);
					}
					runs.push(run);
					console.log(runLine(run, options.items));
				}
			}
		}
		for (const limit of options.limits) printLimit(limit, runs, options);
		if (cgroup) {
			const held = throttling(cgroup);
			console.log(
				`\nCPU quota: the n8n processes were held back in ${held.throttled} of ${held.periods} periods of 100 ms, ${fixed(held.throttledMs / 1000)} s in all`,
			);
		}
	} finally {
		for (const loop of busyLoops) loop.kill();
		if (instance) await destroyInstance(instance);
		fs.rmSync(cpuDir, { recursive: true, force: true });
		if (sandbox.connected) sandbox.disconnect();
		// Empty once every n8n process has exited; a cgroup is removed with rmdir.
		if (cgroup) {
			const procs = path.join(cgroup, 'cgroup.procs');
			for (let waited = 0; waited < 10_000 && fs.readFileSync(procs, 'utf8').trim(); waited += 100)
				await new Promise((resolve) => setTimeout(resolve, 100));
			try {
				fs.rmdirSync(cgroup);
			} catch (error) {
				console.error(`cgroup ${cgroup} left behind: ${(error as Error).message}`);
			}
		}
	}
}

void main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
