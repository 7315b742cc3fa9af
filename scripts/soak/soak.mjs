// `npm run soak -- [--orders 1000] [--refused 5] [--kill] [--visibility 240] [--fault-every 60]
//                  [--timeout-minutes 30] [--keep]`
//
// The go-live rehearsal, in real n8n (the e2e cache: run with
// E2E_CACHE_DIR=/work/.e2e-cache or wherever yours is). It installs the packed package into a
// fresh n8n, imports workflows-examples/08-go-live-feed-to-invoice.json with a credential for the
// VTEX sandbox (its own process: scripts/soak/soakSandbox.ts, 150 ms per request, 100 requests a
// second, one fault every 60 requests from the go-live fault mix, `--orders` good orders and
// `--refused` orders VTEX refuses on purpose), publishes it, starts `n8n start`, and watches the
// sandbox until every good order is invoiced, tracked and delivered and every good event
// committed. It then prints orders per minute against the rate-limited ideal, per-order
// correctness, executions by status (n8n's database), commits and n8n's peak memory.
//
// `--kill` sends SIGKILL to n8n's process group once 40 % of the orders are done, restarts it on
// the same user folder, and checks the run converges (every order done once, every good event
// committed) within two visibility timeouts of the restart, or, when a feed answer lost after the
// restart hid good orders' events longer, 10 s after they were back (`killDeadline`).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	N8N_DIR,
	NODE_BIN,
	REPO_DIR,
	createInstance,
	destroyInstance,
	importVtexCredential,
	importWorkflow,
	log,
	prepare,
	publishWorkflow,
	startN8n,
} from '../e2e/n8n.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
	const index = argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(argv[index + 1]) : Number.NaN;
	return Number.isFinite(value) ? value : fallback;
};
const ORDERS = option('orders', 1000);
const REFUSED = option('refused', Math.max(2, Math.round(ORDERS / 200)));
/** The feed's visibility timeout: by default the trigger's (Configure Feed on Activation) and VTEX's, 240 s. */
const VISIBILITY_S = option('visibility', 240);
const FAULT_EVERY = option('fault-every', 60);
const TIMEOUT_MS = option('timeout-minutes', 30) * 60_000;
const KILL = argv.includes('--kill');
const KEEP = argv.includes('--keep');
const KILL_AT = 0.4;

/** VTEX's budget as the package paces it: 95 % of 6,000 a minute. */
const BUDGET_PER_SECOND = 95;
/**
 * Requests one order needs with this workflow and no fault: Include Order (1), Start Handling
 * (1), Invoice Whole Order's read and post (2), Update Tracking (1), Send Tracking Events (1),
 * and its share of a feed read and a commit of 10 (0.2).
 */
const REQUESTS_PER_ORDER = 6.2;
const EXAMPLE = path.join(REPO_DIR, 'workflows-examples', '08-go-live-feed-to-invoice.json');
const CREDENTIAL = { id: 'VtexExampleCred1', name: 'VTEX Order Processing account' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The sandbox process; resolves once it printed its address. */
async function startSoakSandbox() {
	const child = spawn(
		process.execPath,
		[
			'-r',
			'ts-node/register/transpile-only',
			'scripts/soak/soakSandbox.ts',
			...[
				'--orders',
				ORDERS,
				'--refused',
				REFUSED,
				'--visibility',
				VISIBILITY_S,
				'--fault-every',
				FAULT_EVERY,
			].map(String),
		],
		{
			cwd: REPO_DIR,
			stdio: ['ignore', 'pipe', 'inherit'],
			detached: true,
			env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
		},
	);
	let out = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	const deadline = Date.now() + 120_000;
	while (!out.includes('\n')) {
		if (child.exitCode !== null || Date.now() > deadline)
			throw new Error(`the soak sandbox did not start:\n${out}`);
		await sleep(100);
	}
	const { ready } = JSON.parse(out.split('\n')[0]);
	const exited = once(child, 'exit');
	return {
		...ready,
		report: async () => await (await fetch(`${ready.baseUrl}/_sandbox/soak`)).json(),
		async stop() {
			if (child.exitCode !== null) return;
			process.kill(-child.pid, 'SIGTERM');
			await exited;
		},
	};
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by each process of n8n's process group, kept across samples (a killed n8n's stay counted). */
const cpuByPid = new Map();
function sampleGroupCpu(pgid) {
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) !== pgid) continue;
			cpuByPid.set(entry, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
		} catch {
			// The process ended between the listing and the read.
		}
	}
	return [...cpuByPid.values()].reduce((sum, value) => sum + value, 0);
}

/** The machine's CPU seconds, busy and in all (every core), from /proc/stat. */
function machineCpu() {
	const fields = fs
		.readFileSync('/proc/stat', 'utf8')
		.split('\n')[0]
		.trim()
		.split(/\s+/)
		.slice(1)
		.map(Number);
	const total = fields.reduce((sum, value) => sum + value, 0) / TICKS_PER_SECOND;
	const idle = (fields[3] + (fields[4] ?? 0)) / TICKS_PER_SECOND;
	return { busy: total - idle, total };
}

const loadAverage = () =>
	fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');

/** RSS of every process in n8n's process group (n8n and its task runner), from /proc. */
function groupRssBytes(pgid) {
	let total = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) !== pgid) continue;
			const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
			if (rss) total += Number(rss[1]) * 1024;
		} catch {
			// The process ended between the listing and the read.
		}
	}
	return total;
}

/** Executions by status, from n8n's SQLite database (read with n8n's own sqlite3 under its Node). */
async function executionsByStatus(inst) {
	let counts;
	// n8n may still be closing its database when `stop` returns: try again for a few seconds.
	for (let attempt = 1; attempt <= 5; attempt++) {
		counts = await queryExecutions(inst);
		if (!counts.unreadable) return counts;
		await sleep(1000);
	}
	return counts;
}

async function queryExecutions(inst) {
	const database = path.join(inst.userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(database)) return { unreadable: `no database at ${database}` };
	const script = `
		const sqlite3 = require(${JSON.stringify(path.join(N8N_DIR, 'node_modules', 'sqlite3'))});
		const db = new sqlite3.Database(process.argv[1]);
		db.all('SELECT status, COUNT(*) AS count FROM execution_entity GROUP BY status', (error, rows) => {
			if (error) { console.error(error.message); process.exit(1); }
			console.log(JSON.stringify(Object.fromEntries(rows.map((row) => [row.status, row.count]))));
			db.close();
		});`;
	const child = spawn(NODE_BIN, ['-e', script, database], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	child.stderr.on('data', (chunk) => (err += chunk));
	const [code] = await once(child, 'exit');
	if (code !== 0)
		return {
			unreadable:
				err
					.trim()
					.split('\n')
					.find((line) => /SQLITE|Error/.test(line)) ?? err.trim(),
		};
	return JSON.parse(out.trim());
}

function orderComplete(report) {
	return report.done === report.orders && report.goodEventsCommitted === report.orders;
}

async function main() {
	log(
		`soak: ${ORDERS} orders + ${REFUSED} refused on purpose, visibility timeout ${VISIBILITY_S} s, one fault every ${FAULT_EVERY} requests${KILL ? ', kill -9 of n8n mid-batch' : ''}`,
	);
	const { tarball } = await prepare();
	const sandbox = await startSoakSandbox();
	const sandboxReadyAt = Date.now();
	const inst = await createInstance({ tarball });
	let server;
	const peak = { rss: 0 };
	try {
		await importVtexCredential(inst, {
			...CREDENTIAL,
			baseUrl: sandbox.baseUrl,
			accountName: sandbox.accountName,
			appKey: sandbox.appKey,
			appToken: sandbox.appToken,
		});
		const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		const id = await importWorkflow(inst, workflow);
		await publishWorkflow(inst, id);
		// Every execution is kept, so the database can tell them by status afterwards.
		const env = {
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_PRUNE: 'false',
		};
		server = await startN8n(inst, { env });
		const started = Date.now();
		log(
			`n8n ${server.baseUrl} is up (pid ${server.pid}), ${seconds(started - sandboxReadyAt)} after the sandbox (the sandbox's times below count from its start); the trigger polls every minute`,
		);

		let firstReadAt;
		const cpu = {
			loadAtStart: loadAverage(),
			atFirstRead: undefined,
			atEnd: undefined,
			machineAtFirstRead: undefined,
			machineAtEnd: undefined,
			loadAtEnd: undefined,
		};
		let killedAt;
		let restartedAt;
		let convergedAt;
		let report = await sandbox.report();
		let lastLine = '';
		while (Date.now() - started < TIMEOUT_MS) {
			await sleep(2000);
			peak.rss = Math.max(peak.rss, groupRssBytes(server.pid));
			const groupCpu = sampleGroupCpu(server.pid);
			report = await sandbox.report();
			if (!firstReadAt && report.feed.reads > 0) {
				firstReadAt = Date.now();
				cpu.atFirstRead = groupCpu;
				cpu.machineAtFirstRead = machineCpu();
			}
			cpu.atEnd = groupCpu;
			cpu.machineAtEnd = machineCpu();
			cpu.loadAtEnd = loadAverage();
			const line = `${seconds(Date.now() - started)}: ${report.done}/${ORDERS} done, ${report.goodEventsCommitted} committed, ${report.feed.queued} in the feed, ${report.requests.total} requests`;
			if (line.replace(/^[^:]+/, '') !== lastLine) {
				log(line);
				lastLine = line.replace(/^[^:]+/, '');
			}
			if (orderComplete(report)) {
				convergedAt = Date.now();
				break;
			}
			if (KILL && !killedAt && report.done >= ORDERS * KILL_AT) {
				killedAt = Date.now();
				log(
					`kill -9 of n8n's process group (${server.pid}) with ${report.done}/${ORDERS} orders done`,
				);
				// Only the process group of the n8n this script started.
				sampleGroupCpu(server.pid);
				process.kill(-server.pid, 'SIGKILL');
				await sleep(1000);
				server = await startN8n(inst, { env });
				restartedAt = Date.now();
				log(`n8n restarted in ${seconds(restartedAt - killedAt)} (pid ${server.pid})`);
			}
		}
		await server.stop();
		server = undefined;
		report = await sandbox.report();
		const executions = await executionsByStatus(inst);
		const ratio = print({
			report,
			executions,
			started,
			firstReadAt,
			convergedAt,
			killedAt,
			restartedAt,
			peakRss: peak.rss,
			cpu,
		});
		process.exitCode = verdict({ report, convergedAt, restartedAt, ratio }) ? 0 : 1;
	} finally {
		if (server) await server.stop();
		await sandbox.stop();
		if (KEEP) log(`kept n8n's user folder: ${inst.userFolder}`);
		else await destroyInstance(inst);
	}
}

function print({
	report,
	executions,
	started,
	firstReadAt,
	convergedAt,
	killedAt,
	restartedAt,
	peakRss,
	cpu,
}) {
	const end = convergedAt ?? Date.now();
	const drainMs = end - (firstReadAt ?? started);
	const idealRequestsMs = ((ORDERS * REQUESTS_PER_ORDER) / BUDGET_PER_SECOND) * 1000;
	// The budget's ideal: every request spent from the budget, plus the longest single wait a 429
	// imposed (it holds the request it hit, and so that order, while the others go on).
	const budgetIdealMs = idealRequestsMs + report.longestImposedWaitMs;
	// VTEX's feed hides the events of a lost answer for the visibility timeout, whoever reads it:
	// no consumer is done before they are back and handled (idealLostReturnMs).
	const lostAt = report.lostFeedAnswersAtMs ?? [];
	const lostReturnMs = idealLostReturnMs(report);
	const idealMs = Math.max(budgetIdealMs, lostReturnMs ? lostReturnMs + ONE_ORDER_MS : 0);
	const sandboxStartedAt = Date.now() - report.sinceStartMs;
	const lostBackAtMs =
		lostAt.length > 0 && firstReadAt
			? sandboxStartedAt + Math.max(...lostAt) + VISIBILITY_S * 1000 - firstReadAt
			: 0;
	const perMinute = (ORDERS / drainMs) * 60_000;
	const idealPerMinute = (ORDERS / idealMs) * 60_000;
	console.log(
		'\nVTEX go-live rehearsal in real n8n: workflows-examples/08-go-live-feed-to-invoice.json',
	);
	console.log(
		`Orders: ${ORDERS} good + ${REFUSED} refused on purpose; sandbox 150 ms per request, 100 requests/s, one fault every ${FAULT_EVERY} requests; visibility timeout ${VISIBILITY_S} s${KILL ? '; kill -9 of n8n mid-batch' : ''}`,
	);
	console.log(
		`\nDrain: ${convergedAt ? 'all done' : 'NOT finished'} in ${seconds(drainMs)} from the first feed read (${seconds(end - started)} from n8n ready)`,
	);
	console.log(
		`  ${perMinute.toFixed(0)} orders/minute; rate-limited ideal ${idealPerMinute.toFixed(0)} orders/minute, ${seconds(idealMs)} → ${(idealMs / drainMs).toFixed(2)} of the ideal`,
	);
	console.log(
		`  the ideal is the later of: the budget, ${seconds(budgetIdealMs)} (${ORDERS} × ${REQUESTS_PER_ORDER} requests at ${BUDGET_PER_SECOND}/s = ${seconds(idealRequestsMs)}, plus the longest wait one 429 imposed, ${seconds(report.longestImposedWaitMs)}; ${seconds(report.imposedWaitMs)} in all, which hold only the requests they hit) → ${(budgetIdealMs / drainMs).toFixed(2)} of it; and the lost feed answers' events back and handled, ${lostReturnMs ? seconds(lostReturnMs + ONE_ORDER_MS) : 'none lost'}`,
	);
	if (cpu.atFirstRead !== undefined) {
		const drainS = drainMs / 1000;
		const n8nCpu = cpu.atEnd - cpu.atFirstRead;
		const machine = {
			busy: cpu.machineAtEnd.busy - cpu.machineAtFirstRead.busy,
			total: cpu.machineAtEnd.total - cpu.machineAtFirstRead.total,
		};
		console.log(
			`  CPU during the drain: n8n's process group ${n8nCpu.toFixed(1)} s (${((n8nCpu / drainS) * 100).toFixed(0)} % of one core); the machine's ${os.cpus().length} cores ${((machine.busy / machine.total) * 100).toFixed(0)} % busy; load average ${cpu.loadAtStart} at n8n's start, ${cpu.loadAtEnd} at the end`,
		);
	}
	if (lostAt.length > 0)
		console.log(
			`  ${lostAt.length} feed answer(s) lost; the last one's events were hidden until ${seconds(lostBackAtMs)} into the drain (its visibility timeout, ${VISIBILITY_S} s)`,
		);
	console.log('\nPer order:');
	console.log(
		`  done (invoiced once at the order's value, tracking, delivered): ${report.done}/${ORDERS}`,
	);
	console.log(
		`  invoiced twice: ${report.invoicedTwice}; wrong value: ${report.wrongValue}; invoice without tracking: ${report.noTracking}; not delivered: ${report.notDelivered}`,
	);
	console.log(
		`  not done, by state: ${Object.keys(report.stuck).length ? JSON.stringify(report.stuck) : 'none'}`,
	);
	console.log(
		`  refused on purpose: ${report.refusedEventsInFeed}/${REFUSED} events still in the feed, ${report.refusedOrdersUntouched}/${REFUSED} orders untouched`,
	);
	console.log('\nFeed and requests:');
	console.log(
		`  good events committed: ${report.goodEventsCommitted}/${ORDERS} (committed twice: ${report.goodEventsCommittedTwice}); feed ${JSON.stringify(report.feed)}`,
	);
	console.log(`  requests ${JSON.stringify(report.requests)}`);
	console.log(`  faults injected ${JSON.stringify(report.faultsInjected)}`);
	console.log(
		`  good events by times the feed handed them out: ${JSON.stringify(report.deliveries)}; feed requests that failed: ${report.feedTimeline.join('; ') || 'none'}`,
	);
	for (const order of report.slowest) {
		console.log(
			`  slowest ${order.orderId}: delivered at ${order.deliveredAtS.join(', ')} s, committed at ${order.committedAtS ?? 'never'} s; ${order.requests.join('; ')}`,
		);
	}
	console.log(`\nExecutions by status (n8n's database): ${JSON.stringify(executions)}`);
	console.log(`Peak memory of n8n (its process group's RSS, sampled every 2 s): ${mb(peakRss)}`);
	if (KILL) {
		const since = restartedAt && convergedAt ? convergedAt - restartedAt : undefined;
		console.log(
			`\nKill: at ${killedAt ? seconds(killedAt - started) : '—'} (n8n back ${restartedAt && killedAt ? seconds(restartedAt - killedAt) : '—'} later); converged ${since === undefined ? 'NEVER' : `${seconds(since)} after the restart`} (two visibility timeouts: ${2 * VISIBILITY_S} s)`,
		);
		const deadline = restartedAt && killDeadline(report, restartedAt);
		if (deadline?.lostGoodBackAt)
			console.log(
				`  a feed answer lost after the restart hid good orders' events until ${seconds(deadline.lostGoodBackAt - restartedAt)} after it: the run had until ${seconds(deadline.at - restartedAt)} (${KILL_SLACK_MS / 1000} s after they were back, later than two visibility timeouts)`,
			);
		if (restartedAt && lostAt.length > 0) {
			const lastLost = Date.now() - report.sinceStartMs + Math.max(...lostAt);
			if (lastLost > restartedAt) {
				console.log(
					`  the last feed answer lost after the restart was lost ${seconds(lastLost - restartedAt)} after it: its events were hidden until ${seconds(lastLost + VISIBILITY_S * 1000 - restartedAt)} after the restart`,
				);
			}
		}
	}
	return convergedAt ? idealMs / drainMs : 0;
}

/** One order's requests one after another at 150 ms: the read that returns it, its six, the commit. */
const ONE_ORDER_MS = 8 * 150;

/**
 * When a consumer spending the whole budget could have had every lost feed answer's events back,
 * ms after the first feed read. It reaches a lost read no sooner than the budget lets it send
 * that many requests (the read's number ÷ the budget), nor before an event of the answer, lost
 * before, was back; the events are back one visibility timeout later. The drain's own times do
 * not enter it, so a slow drain does not move its ideal later. 0 when no answer with events was lost.
 */
function idealLostReturnMs(report) {
	const backAt = new Map();
	let latest = 0;
	const lost = [...(report.lostFeedAnswers ?? [])].sort((a, b) => a.seq - b.seq);
	for (const answer of lost) {
		if (answer.eventIds.length === 0) continue;
		const readAt = Math.max(
			((answer.seq - report.firstFeedReadSeq) / BUDGET_PER_SECOND) * 1000,
			...answer.eventIds.map((eventId) => backAt.get(eventId) ?? 0),
		);
		const back = readAt + VISIBILITY_S * 1000;
		for (const eventId of answer.eventIds) backAt.set(eventId, back);
		latest = Math.max(latest, back);
	}
	return latest;
}

/** After events are back: the trigger's follow-up poll (2 s), the orders' requests and a retry or two. */
const KILL_SLACK_MS = 10_000;

/**
 * When the kill run must have converged, on this script's clock: two visibility timeouts after
 * the restart (the killed executions' events come back within one, and their replays finish the
 * job), or, when a feed answer lost after the restart hid good orders' events beyond that (VTEX
 * hides them for the visibility timeout, whoever reads the feed; the fault mix can lose the read
 * that fetched them back, too), `KILL_SLACK_MS` after the last of them were back.
 */
function killDeadline(report, restartedAt) {
	const sandboxStartedAt = Date.now() - report.sinceStartMs;
	const lostGood = (report.lostFeedAnswers ?? []).filter((answer) => answer.goodEvents > 0);
	const lostGoodBackAt = Math.max(
		0,
		...lostGood.map((answer) => sandboxStartedAt + answer.atMs + VISIBILITY_S * 1000),
	);
	const twoTimeouts = restartedAt + 2 * VISIBILITY_S * 1000;
	return lostGoodBackAt + KILL_SLACK_MS > twoTimeouts
		? { at: lostGoodBackAt + KILL_SLACK_MS, lostGoodBackAt }
		: { at: twoTimeouts };
}

/** The go-live targets (drain speed against the ideal, or convergence after a kill), and what must hold in any case. */
function verdict({ report, convergedAt, restartedAt, ratio }) {
	// A kill hides the events its executions held for the visibility timeout, which the ideal does
	// not count: the kill run is judged by its convergence instead.
	const checks = KILL
		? []
		: [[`drained at 0.8 of the ideal or better (${ratio.toFixed(2)})`, ratio >= 0.8]];
	checks.push(
		['every good order done once', report.done === ORDERS && report.invoicedTwice === 0],
		['every good event committed', report.goodEventsCommitted === ORDERS],
		[
			'every refused event still in the feed',
			report.refusedEventsInFeed === REFUSED && report.refusedOrdersUntouched === REFUSED,
		],
	);
	if (KILL)
		checks.push([
			`the kill run converged within two visibility timeouts of the restart (or ${KILL_SLACK_MS / 1000} s after the events a lost feed answer hid longer were back)`,
			!!(convergedAt && restartedAt && convergedAt <= killDeadline(report, restartedAt).at),
		]);
	console.log('\nChecks:');
	for (const [name, ok] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'} ${name}`);
	return checks.every(([, ok]) => ok);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
