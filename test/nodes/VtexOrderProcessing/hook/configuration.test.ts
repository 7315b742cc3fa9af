import { startSandbox } from '../../../sandbox';
import type { Sandbox } from '../../../sandbox';
import { hookOf } from '../../../sandbox/families/hook';
import { outsideOf } from '../../../sandbox/outside';
import { runOperation } from '../../../harness/workflow';

/** Hook → Get, Set and Delete Configuration, against the sandbox's hook. */
describe('hook → configuration', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => {
		await hookOf(sandbox).settled();
		await sandbox.stop();
	});
	beforeEach(() => sandbox.reset());
	/** A URL that answers 200: the sandbox's stand-in for a receiver (it records what it gets). */
	const receiverUrl = () => `${sandbox.baseUrl}/_sandbox/notify`;

	it('sets the URL, headers and a status filter; VTEX pings the URL first; the output hides header values', async () => {
		const { output, error } = await runOperation(sandbox, {
			resource: 'hook',
			operation: 'setConfiguration',
			url: receiverUrl(),
			headers: { header: [{ name: 'X-Erp-Token', value: 'erp-secret-value' }] },
			statuses: ['ready-for-handling'],
			otherStatuses: 'some-new-status',
		});
		expect(error).toBeUndefined();
		const [request] = sandbox.requests({ method: 'POST', pathPrefix: '/api/orders/hook/config' });
		expect(request.body).toEqual({
			filter: { type: 'FromWorkflow', status: ['ready-for-handling', 'some-new-status'] },
			hook: { url: receiverUrl(), headers: { 'X-Erp-Token': 'erp-secret-value' } },
		});
		expect(outsideOf(sandbox.state).notifications.map((received) => received.body)).toEqual([
			{ hookConfig: 'ping' },
		]);
		expect(output).toEqual([
			{
				success: true,
				filter: { type: 'FromWorkflow', status: ['ready-for-handling', 'some-new-status'] },
				hook: { url: receiverUrl(), headers: { 'X-Erp-Token': '(hidden)' } },
			},
		]);
		expect(JSON.stringify(output)).not.toContain('erp-secret-value');
	});

	it('sets a JSONata filter without statuses', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'hook',
			operation: 'setConfiguration',
			url: receiverUrl(),
			filterType: 'FromOrders',
			statuses: ['handling'],
			expression: 'status = "invoiced"',
			disableSingleFire: true,
		});
		expect(error).toBeUndefined();
		expect(hookOf(sandbox).config()).toEqual({
			filter: { type: 'FromOrders', expression: 'status = "invoiced"', disableSingleFire: true },
			hook: { url: receiverUrl(), headers: {} },
		});
	});

	it.each([
		// Empty from an expression: n8n itself refuses an empty required field typed in.
		[{ url: '={{ "" }}' }, 'Invalid "URL": is required (the URL VTEX notifies)'],
		[
			{ url: 'erp.example.com/vtex' },
			'Invalid "URL": must be a full URL, such as https://erp.example.com/vtex/orders; got "erp.example.com/vtex"',
		],
		[
			{ url: 'ftp://erp.example.com/vtex' },
			'Invalid "URL": must start with https:// (VTEX accepts only HTTPS URLs); got "ftp://erp.example.com/vtex"',
		],
		[
			{ url: 'https://erp.example.com', headers: { header: [{ name: 'Bad Name', value: 'x' }] } },
			'Invalid "Headers › item 1 › Name": may contain only letters, digits and - _ . (a header name); got "Bad Name"',
		],
		[
			{ url: 'https://erp.example.com', filterType: 'FromOrders', expression: '={{ "" }}' },
			'Invalid "JSONata Expression": is required with a FromOrders filter, e.g. status = "ready-for-handling"',
		],
		// The filter is read and checked as the feed's: the same limits.
		[
			{ url: 'https://erp.example.com', statuses: '={{ "ready-for-handling" }}' },
			'Invalid "Statuses": must be a list of status codes such as ["ready-for-handling", "invoiced"]',
		],
		[
			{ url: 'https://erp.example.com', otherStatuses: 'x'.repeat(1_001) },
			'Invalid "Other Statuses": is 1,001 characters long; at most 1,000 are accepted',
		],
		[
			{ url: 'https://erp.example.com', filterType: 'FromOrders', expression: 'x'.repeat(10_001) },
			'Invalid "JSONata Expression": is 10,001 characters long; at most 10,000 are accepted',
		],
		[
			{ url: `https://erp.example.com/${'x'.repeat(2_048)}` },
			'Invalid "URL": is 2,072 characters long; at most 2,048 are accepted',
		],
	])('refuses %j before any request', async (fields, message) => {
		const { error } = await runOperation(sandbox, {
			resource: 'hook',
			operation: 'setConfiguration',
			...fields,
		});
		expect(error?.message).toBe(message);
		expect(sandbox.requests()).toHaveLength(0);
	});

	it('fails with advice when VTEX cannot ping the URL (its 400)', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'hook',
			operation: 'setConfiguration',
			url: `${sandbox.baseUrl}/_sandbox/erp/orders`,
			requestOptions: { maxAttempts: 1 },
		});
		expect(error?.description).toContain(
			'VTEX saves a hook configuration only after it POSTs {"hookConfig": "ping"} to the URL and gets HTTP 200 back',
		);
		expect(hookOf(sandbox).config()).toBeUndefined();
	});

	it('gets the configuration with header values hidden, or says there is none', async () => {
		const none = await runOperation(sandbox, { resource: 'hook', operation: 'getConfiguration' });
		expect(none.output).toEqual([
			{
				configured: false,
				message: expect.stringContaining('VTEX removed it after three days without notifications'),
			},
		]);
		await hookOf(sandbox).configure({
			filter: { type: 'FromWorkflow', status: ['invoiced'] },
			hook: { url: receiverUrl(), headers: { Authorization: 'Bearer erp' } },
		});
		const { output } = await runOperation(sandbox, {
			resource: 'hook',
			operation: 'getConfiguration',
		});
		expect(output).toEqual([
			{
				configured: true,
				filter: { type: 'FromWorkflow', status: ['invoiced'] },
				hook: { url: receiverUrl(), headers: { Authorization: '(hidden)' } },
			},
		]);
	});

	it('deletes the hook, and says so when there was none', async () => {
		await hookOf(sandbox).configure({
			filter: { type: 'FromWorkflow' },
			hook: { url: receiverUrl(), headers: {} },
		});
		const first = await runOperation(sandbox, {
			resource: 'hook',
			operation: 'deleteConfiguration',
		});
		expect(first.output).toEqual([
			{ success: true, deleted: true, message: 'VTEX deleted the orders hook of this app key.' },
		]);
		expect(hookOf(sandbox).config()).toBeUndefined();
		const again = await runOperation(sandbox, {
			resource: 'hook',
			operation: 'deleteConfiguration',
		});
		expect(again.output).toEqual([
			{
				success: true,
				deleted: false,
				message: 'This app key had no orders hook; nothing was deleted.',
			},
		]);
	});

	it('is listed in the resource picker built from the registry', async () => {
		const { VtexOrderProcessing } = await import(
			'../../../../nodes/VtexOrderProcessing/VtexOrderProcessing.node'
		);
		const picker = new VtexOrderProcessing().description.properties.find(
			(property) => property.name === 'resource',
		);
		expect(picker?.options).toEqual([
			{ name: 'Feed', value: 'feed' },
			{ name: 'Hook', value: 'hook' },
			{ name: 'Note', value: 'note' },
			{ name: 'Order', value: 'order' },
			{ name: 'Order Change', value: 'orderChange' },
			{ name: 'Seller', value: 'seller' },
		]);
	});
});
