import type { IRun } from 'n8n-workflow';
import { createRunExecutionData, NodeOperationError } from 'n8n-workflow';

import { executionSucceeded } from '../../../nodes/VtexOrderFeedTrigger/startTrigger';

/** What "After the Workflow Succeeds" reads from the run n8n resolves emit's done promise with. */
describe('executionSucceeded', () => {
	const node = {
		id: '1',
		name: 'Feed',
		type: 'x',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	const run = (status: IRun['status'], error?: NodeOperationError): IRun =>
		({
			status,
			mode: 'trigger',
			startedAt: new Date(),
			storedAt: 'db',
			// Queue mode resolves with a summary: no node data, only the status and the error.
			data: createRunExecutionData({ resultData: { runData: {}, ...(error ? { error } : {}) } }),
		}) as IRun;

	it('counts a run that ended without error, or paused at a Wait node, as succeeded', () => {
		expect(executionSucceeded(run('success'))).toBe(true);
		expect(executionSucceeded(run('waiting'))).toBe(true);
	});

	it('counts an error, a crash, a cancellation or no run at all as failed', () => {
		expect(executionSucceeded(run('error'))).toBe(false);
		expect(executionSucceeded(run('success', new NodeOperationError(node, 'node failed')))).toBe(
			false,
		);
		expect(executionSucceeded(run('crashed'))).toBe(false);
		expect(executionSucceeded(run('canceled'))).toBe(false);
		expect(executionSucceeded(undefined)).toBe(false);
	});
});
