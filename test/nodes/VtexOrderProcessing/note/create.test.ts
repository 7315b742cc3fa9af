import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { notesOf } from '../../../sandbox/families/notes';
import { runOperation, sandboxCredentials } from '../../../harness/workflow';

describe('note → create', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it("adds a note to the order's timeline and outputs the note VTEX returns", async () => {
		const description = 'Customer asked to leave the parcel with the doorman.';
		const { output, error } = await runOperation(sandbox, {
			resource: 'note',
			operation: 'create',
			orderId: '1002-01',
			description,
		});
		expect(error).toBeUndefined();
		const [request] = sandbox.requests({ method: 'POST', pathPrefix: '/api/do/notes' });
		expect(request.body).toEqual({
			target: { id: '1002-01', type: 'order', url: '/orders/1002-01' },
			domain: 'oms',
			description,
		});
		const notes = notesOf(sandbox, '1002-01');
		expect(notes).toEqual([expect.objectContaining({ description, domain: 'oms' })]);
		expect(output).toEqual([
			expect.objectContaining({
				id: notes[0].id,
				description,
				target: { id: '1002-01', type: 'order', url: '/orders/1002-01' },
			}),
		]);
	});

	it('accepts exactly 2,000 characters', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'note',
			operation: 'create',
			orderId: '1002-01',
			description: 'x'.repeat(2000),
		});
		expect(error).toBeUndefined();
		expect(notesOf(sandbox, '1002-01')[0].description).toHaveLength(2000);
	});

	it("surfaces VTEX's limit of 30 notes per order as a clear error, per item", async () => {
		const items = Array.from({ length: 31 }, (_, index) => ({ text: `Note ${index + 1}` }));
		const { output } = await runOperation(
			sandbox,
			{
				resource: 'note',
				operation: 'create',
				orderId: '1002-01',
				description: '={{ $json.text }}',
			},
			{ items, continueOnFail: true },
		);
		expect(output).toHaveLength(31);
		expect(output.slice(0, 30).every((item) => typeof item.id === 'string')).toBe(true);
		expect(output[30]).toMatchObject({ httpCode: 400 });
		expect(output[30].error).toMatch(
			/Create a note on order 1002-01 failed: The maximum number of notes for an order is 30/,
		);
		expect(output[30].description).toMatch(/at most 30 notes per order/);
		expect(notesOf(sandbox, '1002-01')).toHaveLength(30);
	});

	it('needs no License Manager resource, only a valid key', async () => {
		const readOnly = sandbox.state.keys[1];
		const allowed = await runOperation(
			sandbox,
			{
				resource: 'note',
				operation: 'create',
				orderId: '1002-01',
				description: 'From a key with View order only',
			},
			{
				credentials: sandboxCredentials(sandbox, {
					appKey: readOnly.appKey,
					appToken: readOnly.appToken,
				}),
			},
		);
		expect(allowed.error).toBeUndefined();
		const refused = await runOperation(
			sandbox,
			{ resource: 'note', operation: 'create', orderId: '1002-01', description: 'Wrong token' },
			{ credentials: sandboxCredentials(sandbox, { appToken: 'wrong-token' }) },
		);
		expect(refused.error?.description).toMatch(/HTTP 401/);
		expect(notesOf(sandbox, '1002-01')).toHaveLength(1);
	});
});
