import { WorkflowExpression } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runOperation } from '../../harness/workflow';

/**
 * A parameter that is one field of the item (`={{ $json.orderId }}`) is read from the item when
 * that field is text, a number or a boolean; n8n evaluates everything else. Either way the node
 * must see exactly what n8n's expression gives: each case runs once with the lone field and once
 * with the same expression in parentheses, which n8n always evaluates, and the outputs must match.
 */
describe('parameter reads: a lone $json field is read from the item, as n8n would evaluate it', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());
	afterEach(() => jest.restoreAllMocks());

	/** Runs Order → Get with `orderId` as the Order ID; returns the outputs and how often n8n evaluated it. */
	async function getOrders(orderId: string, items: object[]) {
		const evaluate = jest.spyOn(WorkflowExpression.prototype, 'getParameterValue');
		const { output, error } = await runOperation(
			sandbox,
			{ resource: 'order', operation: 'get', orderId },
			{ items: items as never, continueOnFail: true },
		);
		const evaluations = evaluate.mock.calls.filter(([value]) => value === orderId).length;
		evaluate.mockRestore();
		expect(error).toBeUndefined();
		return { output, evaluations };
	}

	const outcome = (item: Record<string, unknown>) =>
		item.error === undefined
			? { orderId: item.orderId, status: item.status }
			: { error: item.error, description: item.description };

	it('gives the same value as the expression for text, numbers, booleans, spaces, null, a missing field and an object', async () => {
		const items = [
			{ orderId: '1001-01' },
			{ orderId: ' 1002-01 ' },
			{ orderId: 1003 },
			{ orderId: true },
			{ orderId: '' },
			{ orderId: null },
			{ other: '1004-01' },
			{ orderId: { id: '1005-01' } },
		];
		const lone = await getOrders('={{ $json.orderId }}', items);
		const evaluated = await getOrders('={{ ($json.orderId) }}', items);
		expect(lone.output.map(outcome)).toEqual(evaluated.output.map(outcome));
		expect(lone.output[0]).toMatchObject({ orderId: '1001-01' });
		expect(lone.output[1]).toMatchObject({ orderId: '1002-01' });
		// Only null, the missing field and the object went to n8n (each once: the router's key and
		// the operation share one read).
		expect(lone.evaluations).toBe(3);
		expect(evaluated.evaluations).toBe(items.length);
	});

	it('reads a field named in brackets, and leaves any other expression to n8n', async () => {
		const items = [{ 'order id': '1001-01' }, { 'order id': '1002-01' }];
		const bracketed = await getOrders('={{ $json["order id"] }}', items);
		expect(bracketed.output.map((item) => item.orderId)).toEqual(['1001-01', '1002-01']);
		expect(bracketed.evaluations).toBe(0);

		const computed = await getOrders('={{ $json["order id"].trim() }}', items);
		expect(computed.output.map((item) => item.orderId)).toEqual(['1001-01', '1002-01']);
		expect(computed.evaluations).toBe(2);

		const template = await getOrders('=1001-{{ $json.suffix }}', [{ suffix: '01' }]);
		expect(template.output.map((item) => item.orderId)).toEqual(['1001-01']);
		expect(template.evaluations).toBe(1);
	});
});
