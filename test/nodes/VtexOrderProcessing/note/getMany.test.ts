import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { seedNotes } from '../../../sandbox/families/notes';
import { runOperation } from '../../../harness/workflow';

const descriptions = (count: number) =>
	Array.from({ length: count }, (_, index) => `Note ${index + 1}`);

describe('note → getMany', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it("returns an order's notes, one item each, from notes created through the node", async () => {
		for (const description of ['Packed', 'Shipped']) {
			await runOperation(sandbox, {
				resource: 'note',
				operation: 'create',
				orderId: '1002-01',
				description,
			});
		}
		const { output, error, result } = await runOperation(sandbox, {
			resource: 'note',
			operation: 'getMany',
			orderId: '1002-01',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(output.map((note) => note.description)).toEqual(['Packed', 'Shipped']);
		expect(
			result.items('VTEX').every((item) => (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
		const [request] = sandbox.requests({ method: 'GET', pathPrefix: '/api/do/notes' });
		expect(request.query).toEqual({ 'target.id': '1002-01', page: '1', perPage: '30' });
	});

	it('pages until done with Return All', async () => {
		seedNotes(sandbox, '1002-01', descriptions(65));
		const { output } = await runOperation(sandbox, {
			resource: 'note',
			operation: 'getMany',
			orderId: '1002-01',
			returnAll: true,
		});
		expect(output).toHaveLength(65);
		expect(output[64].description).toBe('Note 65');
		expect(
			sandbox.requests({ pathPrefix: '/api/do/notes' }).map((record) => record.query.page),
		).toEqual(['1', '2', '3']);
	});

	it('stops at the limit', async () => {
		seedNotes(sandbox, '1002-01', descriptions(65));
		const { output } = await runOperation(sandbox, {
			resource: 'note',
			operation: 'getMany',
			orderId: '1002-01',
			limit: 40,
		});
		expect(output.map((note) => note.description)).toEqual(descriptions(40));
		expect(sandbox.requests({ pathPrefix: '/api/do/notes' })).toHaveLength(2);
	});

	it('outputs nothing for an order without notes', async () => {
		const { output, error } = await runOperation(sandbox, {
			resource: 'note',
			operation: 'getMany',
			orderId: '1001-01',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([]);
	});
});
