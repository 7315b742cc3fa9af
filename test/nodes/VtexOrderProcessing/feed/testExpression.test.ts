import { runOperation } from '../../../harness/workflow';
import { useFeedSandbox } from '../../shared/feed/useFeedSandbox';

describe('feed → testExpression', () => {
	const sandbox = useFeedSandbox();

	it('tests an expression against an order read from VTEX', async () => {
		const matching = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'testExpression',
			expression: 'status = "handling" and $count(items) = 3',
			documentSource: 'order',
			orderId: '1002-01',
		});
		expect(matching.output).toEqual([
			{ expression: 'status = "handling" and $count(items) = 3', result: true, orderId: '1002-01' },
		]);
		const [, request] = sandbox().requests();
		expect(request.path).toBe('/api/orders/expressions/jsonata');
		expect(typeof (request.body as { Document: unknown }).Document).toBe('string');
	});

	it('tests an expression against a JSON document', async () => {
		const { output } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'testExpression',
			expression: 'status = "canceled"',
			documentSource: 'json',
			document: '{"status": "invoiced"}',
		});
		expect(output).toEqual([{ expression: 'status = "canceled"', result: false }]);
	});

	it('refuses a document that is not JSON before any request', async () => {
		const { error } = await runOperation(sandbox(), {
			resource: 'feed',
			operation: 'testExpression',
			expression: 'status = "canceled"',
			documentSource: 'json',
			document: '{status',
		});
		expect(error?.message).toMatch(/^Invalid "Document": must be a JSON document/);
		expect(sandbox().requests()).toHaveLength(0);
	});
});
