/**
 * `npm run demo`: the package doing its job with no VTEX account. Starts the VTEX sandbox, runs
 * every workflow in workflows-examples/ through n8n's execution engine against it (each from its
 * Manual Trigger and sample data; the orders-feed example by firing its trigger once; the orders-hook
 * example by activating it and letting the sandbox notify it), prints what
 * each did in VTEX's terms, and stops the sandbox. Exits non-zero when an example fails.
 */
import '../test/setup-env';

import { startSandbox } from '../test/sandbox';
import type { Sandbox } from '../test/sandbox';
import type { Example } from '../test/workflows-examples/examples';
import {
	EXAMPLES,
	notifyHookTrigger,
	pollFeedTriggerOnce,
	runExample,
} from '../test/workflows-examples/examples';
import { describeRun, viewOf } from '../test/workflows-examples/vtexSummary';

/** Orders in ready-for-handling that the feed example picks up: the backlog VTEX would have. */
const FEED_BACKLOG = {
	count: 2,
	statuses: ['ready-for-handling'],
	orderIds: ['1001-01', '1009-01'],
};

/** Orders whose payment clears while the hook example is active: VTEX notifies it of each. */
const HOOK_ORDERS = ['1007-01', '1008-01'];

async function admin(sandbox: Sandbox, path: string, body: unknown): Promise<void> {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok)
		throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
}

interface Outcome {
	lines: string[];
	failure?: string;
	skipped?: string;
}

async function runOne(sandbox: Sandbox, example: Example): Promise<Outcome> {
	const before = viewOf(sandbox);
	if (example.feedTrigger) {
		await admin(sandbox, '/_sandbox/feed/backlog', FEED_BACKLOG);
		const poll = await pollFeedTriggerOnce(sandbox, example);
		const failed = poll.executions.filter((execution) => execution.status !== 'success');
		const lines = [
			`the trigger polled once and started ${poll.executions.length} execution(s)`,
			...describeRun(sandbox, before, viewOf(sandbox)),
		];
		return {
			lines,
			failure: failed.length > 0 ? `${failed.length} execution(s) failed` : undefined,
		};
	}
	if (example.hookTrigger) {
		const run = await notifyHookTrigger(sandbox, example, HOOK_ORDERS);
		const failed = run.executions.filter((execution) => execution.status !== 'success');
		const lines = [
			`the trigger registered its URL as the hook, VTEX notified ${run.emitted.length} order(s) reaching ready-for-handling, and the hook was removed on deactivation`,
			...describeRun(sandbox, before, viewOf(sandbox)),
		];
		return {
			lines,
			failure:
				failed.length > 0
					? `${failed.length} execution(s) failed`
					: run.executions.length === 0
						? 'no notification started an execution'
						: undefined,
		};
	}
	const result = await runExample(sandbox, example);
	const lines = describeRun(sandbox, before, viewOf(sandbox), result.responses);
	if (result.status !== 'success') {
		const error = result.run.data.resultData.error;
		return {
			lines,
			failure: `the run ended "${result.status}": ${error?.message ?? 'no error message'}`,
		};
	}
	return {
		lines,
		failure: lines.length === 0 ? 'the run changed nothing in the sandbox' : undefined,
	};
}

async function main(): Promise<number> {
	const sandbox = await startSandbox();
	console.log(
		`VTEX sandbox on ${sandbox.baseUrl} (account "${sandbox.state.account}"): no VTEX account needed.`,
	);
	let failures = 0;
	const skipped: string[] = [];
	try {
		// With a feed configured first, every status change the examples cause reaches the orders feed,
		// as at VTEX; the feed example's trigger commits those it does not act on.
		await admin(sandbox, '/_sandbox/feed/config', {});
		for (const [index, example] of EXAMPLES.entries()) {
			console.log(`\n${index + 1}. ${example.title} (workflows-examples/${example.file})`);
			let outcome: Outcome;
			try {
				outcome = await runOne(sandbox, example);
			} catch (error) {
				outcome = { lines: [], failure: (error as Error).stack ?? String(error) };
			}
			for (const line of outcome.lines) console.log(`   ${line}`);
			if (outcome.skipped) {
				skipped.push(example.title);
				console.log(`   SKIPPED FOR NOW: ${outcome.skipped}`);
			}
			if (outcome.failure) {
				failures++;
				console.log(`   FAILED: ${outcome.failure}`);
			}
		}
	} finally {
		await sandbox.stop();
	}
	const ran = EXAMPLES.length - skipped.length;
	console.log(
		`\n${ran} of ${EXAMPLES.length} examples ran, ${failures} failed${skipped.length ? `, skipped for now: ${skipped.join(', ')}` : ''}. Sandbox stopped.`,
	);
	return failures > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	},
);
