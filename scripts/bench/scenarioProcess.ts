/**
 * One measured run, in a fresh process: Manual Trigger → Edit Fields → VTEX Order Processing
 * through n8n's real engine (the test harness), against the sandbox process. It reports time,
 * the VTEX node's CPU, each item's outcome and the process's peak memory, then exits.
 */
import '../../test/setup-env';

import { runWorkflow } from '../../test/harness/engine';
import { operationWorkflow, sandboxCredentials } from '../../test/harness/workflow';
import type { RunCommand, RunReport } from './protocol';
import { serve } from './protocol';

const MEMORY_SAMPLE_MS = 25;

async function run(command: RunCommand): Promise<RunReport> {
	global.gc?.();
	const baselineRssBytes = process.memoryUsage().rss;
	let peakRssBytes = baselineRssBytes;
	let peakHeapUsedBytes = 0;
	const sample = () => {
		const memory = process.memoryUsage();
		peakRssBytes = Math.max(peakRssBytes, memory.rss);
		peakHeapUsedBytes = Math.max(peakHeapUsedBytes, memory.heapUsed);
	};
	const sampler = setInterval(sample, MEMORY_SAMPLE_MS);

	let nodeStart: { cpu: NodeJS.CpuUsage; at: number } | undefined;
	let nodeCpuMs = 0;
	let nodeElapsedMs = 0;
	const started = performance.now();
	const result = await runWorkflow(operationWorkflow(command.parameters, { items: command.items, continueOnFail: true }), {
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
	});
	const elapsedMs = performance.now() - started;
	clearInterval(sampler);
	sample();

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
			outputs.every((item, index) => !Array.isArray(item.pairedItem) && typeof item.pairedItem === 'object' && item.pairedItem.item === index),
		elapsedMs,
		nodeCpuMs,
		nodeElapsedMs,
		baselineRssBytes,
		peakRssBytes,
		peakHeapUsedBytes,
	};
}

serve(async (command) => {
	if (command.type !== 'run') throw new Error(`unknown command ${command.type}`);
	return await run(command as RunCommand);
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
