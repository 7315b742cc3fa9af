/**
 * One measured run, in a fresh process, through n8n's real engine (the test harness) against the
 * sandbox process: Manual Trigger → Edit Fields → VTEX Order Processing (`run`: time, the VTEX
 * node's CPU, each item's outcome), or the VTEX Order Feed Trigger draining the feed (`drainFeed`:
 * time, executions, heap as the events seen grow); both with the process's peak memory.
 */
import '../../test/setup-env';

import { runWorkflow } from '../../test/harness/engine';
import { activateTrigger, feedTriggerNode } from '../../test/harness/trigger';
import { chain, node, operationWorkflow, sandboxCredentials } from '../../test/harness/workflow';
import type {
	DrainFeedCommand,
	DrainFeedReport,
	HeapSample,
	RunCommand,
	RunReport,
} from './protocol';
import { serve } from './protocol';

const MEMORY_SAMPLE_MS = 25;

/** Samples the process's memory every 25 ms; `stop` takes a last sample and returns the peaks. */
function memorySampler() {
	global.gc?.();
	const baselineRssBytes = process.memoryUsage().rss;
	let peakRssBytes = baselineRssBytes;
	let peakHeapUsedBytes = 0;
	const sample = () => {
		const memory = process.memoryUsage();
		peakRssBytes = Math.max(peakRssBytes, memory.rss);
		peakHeapUsedBytes = Math.max(peakHeapUsedBytes, memory.heapUsed);
	};
	const timer = setInterval(sample, MEMORY_SAMPLE_MS);
	return {
		stop: () => {
			clearInterval(timer);
			sample();
			return { baselineRssBytes, peakRssBytes, peakHeapUsedBytes };
		},
	};
}

/** Heap in use after a forced collection (the process runs with --expose-gc). */
function heapAfterGc(eventsSeen: number): HeapSample {
	global.gc?.();
	return { eventsSeen, heapUsedBytes: process.memoryUsage().heapUsed };
}

/**
 * VTEX Order Feed Trigger → No Op, activated as n8n activates it, its poll fired back to back
 * (instead of waiting for the schedule) until the whole backlog ran and a poll emits nothing.
 */
async function drainFeed(command: DrainFeedCommand): Promise<DrainFeedReport> {
	let executions = 0;
	let failedExecutions = 0;
	const heap: HeapSample[] = [];
	const trigger = await activateTrigger(
		chain(feedTriggerNode('Feed', command.parameters), node('Done', 'n8n-nodes-base.noOp', {})),
		{
			credentials: sandboxCredentials(command.address),
			keepExecutions: false,
			onExecution: (result) => {
				executions++;
				if (result.run.status !== 'success') failedExecutions++;
			},
		},
	);
	const memory = memorySampler();
	const started = performance.now();
	let polls = 0;
	for (;;) {
		const before = executions;
		await trigger.poll();
		polls++;
		if (heap.length === 0 && executions >= command.heapCheckpoint)
			heap.push(heapAfterGc(executions));
		if (executions === before && executions >= command.events) break;
		// A poll that emits nothing before the backlog ran means the trigger is stuck: stop and say so.
		if (executions === before) break;
	}
	const elapsedMs = performance.now() - started;
	const peaks = memory.stop();
	heap.push(heapAfterGc(executions));
	const remembered = (
		(trigger.staticData['node:Feed'] as { processedEventIds?: unknown[] } | undefined)
			?.processedEventIds ?? []
	).length;
	await trigger.close();
	return {
		elapsedMs,
		polls,
		executions,
		failedExecutions,
		failedPolls: trigger.failedPolls.map((error) => error.message).slice(0, 3),
		remembered,
		heap,
		...peaks,
	};
}

async function run(command: RunCommand): Promise<RunReport> {
	const memory = memorySampler();

	let nodeStart: { cpu: NodeJS.CpuUsage; at: number } | undefined;
	let nodeCpuMs = 0;
	let nodeElapsedMs = 0;
	const started = performance.now();
	const result = await runWorkflow(
		operationWorkflow(command.parameters, { items: command.items, continueOnFail: true }),
		{
			credentials: sandboxCredentials(command.address),
			onNodeEvent: (event, nodeName) => {
				if (nodeName !== 'VTEX') return;
				if (event === 'before') {
					nodeStart = { cpu: process.cpuUsage(), at: performance.now() };
					return;
				}
				if (!nodeStart) return;
				const cpu = process.cpuUsage(nodeStart.cpu);
				nodeCpuMs = (cpu.user + cpu.system) / 1000;
				nodeElapsedMs = performance.now() - nodeStart.at;
			},
		},
	);
	const elapsedMs = performance.now() - started;
	const { baselineRssBytes, peakRssBytes, peakHeapUsedBytes } = memory.stop();

	const outputs = result.items('VTEX');
	const failedItems = outputs.filter((item) => item.json.error !== undefined);
	return {
		items: command.items.length,
		outputs: outputs.length,
		succeeded: outputs.filter((item) => item.json.success === true).length,
		failed: failedItems.length + Math.max(0, command.items.length - outputs.length),
		errors: [...new Set(failedItems.map((item) => String(item.json.error)))].slice(0, 3),
		pairedInOrder:
			outputs.length === command.items.length &&
			outputs.every(
				(item, index) =>
					!Array.isArray(item.pairedItem) &&
					typeof item.pairedItem === 'object' &&
					item.pairedItem.item === index,
			),
		elapsedMs,
		nodeCpuMs,
		nodeElapsedMs,
		baselineRssBytes,
		peakRssBytes,
		peakHeapUsedBytes,
	};
}

serve(async (command) => {
	if (command.type === 'run') return await run(command as RunCommand);
	if (command.type === 'drainFeed') return await drainFeed(command as DrainFeedCommand);
	throw new Error(`unknown command ${command.type}`);
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
