import type { IDataObject } from 'n8n-workflow';

import { hookOf } from '../../sandbox/families/hook';
import { HOOK_AUTH_HEADER_NAME } from '../../../nodes/VtexOrderHookTrigger/hookSecret';
import { activate, attemptStatuses, hookWorkflow, settle, useHookSandbox } from './fixtures';

/** What the trigger does with each request VTEX (or anyone) sends to its URL. */
describe('VTEX Order Hook Trigger: notifications', () => {
	const sandbox = useHookSandbox();
	const keys = () => ({
		'X-VTEX-API-AppKey': sandbox().defaultKey.appKey,
		'X-VTEX-API-AppToken': sandbox().defaultKey.appToken,
	});
	const secretOf = (staticData: Record<string, unknown>) =>
		String((staticData['node:Hook'] as Record<string, unknown>).hookSecret);

	it('starts one execution per status change the sandbox makes, in the feed trigger’s field names plus origin', async () => {
		const trigger = await activate(sandbox(), hookWorkflow({ statuses: ['handling', 'canceled'] }));
		const startHandling = await fetch(
			`${sandbox().baseUrl}/api/oms/pvt/orders/1001-01/start-handling`,
			{ method: 'POST', headers: keys() },
		);
		expect(startHandling.status).toBe(204);
		const cancel = await fetch(`${sandbox().baseUrl}/api/oms/pvt/orders/1010-01/cancel`, {
			method: 'POST',
			headers: { ...keys(), 'Content-Type': 'application/json' },
			body: JSON.stringify({ reason: 'Customer gave up' }),
		});
		expect(cancel.status).toBe(200);
		// Not in the filter: VTEX sends nothing.
		await fetch(`${sandbox().baseUrl}/_sandbox/orders/1007-01/status`, {
			method: 'POST',
			body: JSON.stringify({ status: 'payment-approved' }),
		});
		await settle(sandbox(), trigger);

		const notifications = hookOf(sandbox()).notifications();
		expect(
			notifications.map((delivery) => [
				delivery.body,
				attemptStatuses(delivery),
				delivery.headerNames,
			]),
		).toEqual([
			[
				expect.objectContaining({ OrderId: '1001-01', State: 'handling' }),
				[200],
				[HOOK_AUTH_HEADER_NAME],
			],
			[
				expect.objectContaining({ OrderId: '1010-01', State: 'canceled' }),
				[200],
				[HOOK_AUTH_HEADER_NAME],
			],
		]);
		const [handling] = notifications.map((delivery) => delivery.body as Record<string, string>);
		const items = trigger
			.emitted()
			.flat()
			.sort((a, b) => String(a.orderId).localeCompare(String(b.orderId)));
		expect(items).toEqual([
			{
				orderId: '1001-01',
				state: 'handling',
				lastState: 'ready-for-handling',
				domain: handling.Domain,
				currentChange: handling.CurrentChange,
				lastChange: handling.LastChange,
				origin: { account: sandbox().state.account, key: sandbox().defaultKey.appKey },
				idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
			},
			expect.objectContaining({ orderId: '1010-01', state: 'canceled', lastState: 'handling' }),
		]);
		expect(items[0].idempotencyKey).not.toEqual(items[1].idempotencyKey);
		expect(trigger.executions.map((execution) => execution.status)).toEqual(['success', 'success']);
	});

	it('answers 401 and starts nothing without the secret header, or with a wrong one; never shows the secret', async () => {
		const trigger = await activate(sandbox(), hookWorkflow({}));
		const secret = secretOf(trigger.staticData);
		const missing = await hookOf(sandbox()).notify({ omitHeaders: true, retry: false });
		const wrongSecret = `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`;
		const wrong = await hookOf(sandbox()).notify({
			headers: { [HOOK_AUTH_HEADER_NAME]: wrongSecret },
			retry: false,
		});
		const empty = await hookOf(sandbox()).notify({
			headers: { [HOOK_AUTH_HEADER_NAME]: '' },
			retry: false,
		});
		await settle(sandbox(), trigger);
		expect([missing, wrong, empty].map(attemptStatuses)).toEqual([[401], [401], [401]]);
		expect(trigger.executions).toHaveLength(0);
		expect(JSON.stringify(trigger.answers)).not.toContain(secret);
		// With the header VTEX was given, the same notification goes through.
		const right = await hookOf(sandbox()).notify();
		await settle(sandbox(), trigger);
		expect(attemptStatuses(right)).toEqual([200]);
		expect(trigger.executions).toHaveLength(1);
		expect(JSON.stringify(trigger.executions[0].run.data.resultData.runData)).not.toContain(secret);
	});

	it('VTEX retries a notification that did not get 200, with a growing pause, and stops after its attempts', async () => {
		const trigger = await activate(sandbox(), hookWorkflow({}));
		const refused = await hookOf(sandbox()).notify({ omitHeaders: true });
		await settle(sandbox(), trigger);
		expect(attemptStatuses(refused)).toEqual([401, 401, 401, 401]);
		expect(refused).toMatchObject({ delivered: false, gaveUp: true });
		const starts = refused.attempts.map((attempt) => Date.parse(attempt.at));
		const pauses = starts
			.slice(1)
			.map((start, index) => start - starts[index] - refused.attempts[index].ms);
		// At least the sandbox's pauses: 20, 40, 80 ms.
		pauses.forEach((pause, index) => expect(pause).toBeGreaterThanOrEqual(20 * 2 ** index - 2));
		expect(trigger.executions).toHaveLength(0);
	});

	it.each([
		['text that is not JSON', 'not json at all', 'Bad request: the body is not a JSON object'],
		['an empty object', {}, 'Bad request: the body is not a JSON object'],
		[
			'a JSON array',
			[{ OrderId: '1001-01', State: 'handling' }],
			'Bad request: the body is not a JSON object',
		],
		[
			'no State',
			{ OrderId: '1001-01', Domain: 'Fulfillment' },
			'Bad request: the body has no OrderId and State, the fields of a VTEX order hook notification',
		],
		[
			'no OrderId',
			{ State: 'handling' },
			'Bad request: the body has no OrderId and State, the fields of a VTEX order hook notification',
		],
	])('answers 400 and starts nothing for a body with %s', async (_case, body, message) => {
		const trigger = await activate(sandbox(), hookWorkflow({}));
		const delivery = await hookOf(sandbox()).notify({ body, retry: false });
		await settle(sandbox(), trigger);
		expect(attemptStatuses(delivery)).toEqual([400]);
		expect(trigger.answers.at(-1)).toEqual({
			status: 400,
			body: { message },
			answeredByNode: true,
		});
		expect(trigger.executions).toHaveLength(0);
	});

	it('reads a notification without LastState and CurrentChange, as in VTEX’s guide', async () => {
		const trigger = await activate(sandbox(), hookWorkflow({}));
		const body = {
			Domain: 'Marketplace',
			OrderId: 'v40484048naf-01',
			State: 'payment-approved',
			LastChange: '2019-07-29T23:17:30.0617185Z',
			Origin: { Account: 'accountABC', Key: 'vtexappkey-keyEDF' },
		};
		await hookOf(sandbox()).notify({ body });
		await settle(sandbox(), trigger);
		expect(trigger.emitted()).toEqual([
			[
				{
					orderId: 'v40484048naf-01',
					state: 'payment-approved',
					lastState: '',
					domain: 'Marketplace',
					currentChange: '',
					lastChange: '2019-07-29T23:17:30.0617185Z',
					origin: { account: 'accountABC', key: 'vtexappkey-keyEDF' },
					idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
				},
			],
		]);
	});

	it('answers a repeated notification 200 without another execution, also when both arrive together', async () => {
		const trigger = await activate(sandbox(), hookWorkflow({}));
		const change = {
			orderId: '1001-01',
			state: 'handling',
			currentChange: '2026-11-30T10:00:00.0000000Z',
		};
		await hookOf(sandbox()).notify({ change });
		await Promise.all([hookOf(sandbox()).notify({ change }), hookOf(sandbox()).notify({ change })]);
		// Another status of the same order is another event.
		await hookOf(sandbox()).notify({
			change: { ...change, state: 'invoiced', currentChange: '2026-11-30T11:00:00.0000000Z' },
		});
		await settle(sandbox(), trigger);
		expect(hookOf(sandbox()).notifications().map(attemptStatuses)).toEqual([
			[200],
			[200],
			[200],
			[200],
		]);
		expect(
			trigger.answers.filter(
				(answer) => (answer.body as { repeated?: boolean } | undefined)?.repeated,
			),
		).toHaveLength(2);
		// An accepted one is answered by n8n once it has started the execution (response mode onReceived).
		expect(trigger.answers.filter((answer) => !answer.answeredByNode)).toEqual([
			{ status: 200, body: undefined, answeredByNode: false },
			{ status: 200, body: undefined, answeredByNode: false },
		]);
		expect(trigger.emitted().map(([item]) => item.state)).toEqual(['handling', 'invoiced']);
	});

	it('remembers the notifications in this process per registration, not in the static data n8n saves with every request', async () => {
		const first = await activate(sandbox(), hookWorkflow({}));
		const change = {
			orderId: '1001-01',
			state: 'handling',
			currentChange: '2026-11-30T10:00:00.0000000Z',
		};
		await hookOf(sandbox()).notify({ change });
		await settle(sandbox(), first);
		expect(Object.keys(first.staticData['node:Hook'] as IDataObject)).toEqual(['hookSecret']);
		// n8n starts again in the same process with the same registration: the repeat is still known.
		await first.stop();
		const saved = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		const again = await activate(sandbox(), hookWorkflow({}), {
			staticData: saved,
			activation: 'init',
			port: first.port,
		});
		await hookOf(sandbox()).notify({ change });
		await settle(sandbox(), again);
		expect(again.executions).toHaveLength(0);
		// A new registration (deactivated, activated again) starts with an empty memory.
		await again.close();
		const fresh = await activate(sandbox(), hookWorkflow({}), { port: first.port });
		await hookOf(sandbox()).notify({ change });
		await settle(sandbox(), fresh);
		expect(fresh.executions).toHaveLength(1);
	});

	it('starts an execution for every copy with Ignore Repeated Notifications off', async () => {
		const trigger = await activate(sandbox(), hookWorkflow({ ignoreRepeated: false }));
		const change = {
			orderId: '1001-01',
			state: 'handling',
			currentChange: '2026-11-30T10:00:00.0000000Z',
		};
		await hookOf(sandbox()).notify({ change });
		await hookOf(sandbox()).notify({ change });
		await settle(sandbox(), trigger);
		expect(trigger.executions).toHaveLength(2);
	});

	it('with Include Order, answers VTEX first, then adds the order, or orderError when it cannot be read', async () => {
		const trigger = await activate(sandbox(), hookWorkflow({ includeOrder: true }));
		await hookOf(sandbox()).notify({ change: { orderId: '1009-01', state: 'ready-for-handling' } });
		await hookOf(sandbox()).notify({ change: { orderId: '9999-01', state: 'ready-for-handling' } });
		await settle(sandbox(), trigger);
		const items = trigger.emitted().flat();
		const known = items.find((item) => item.orderId === '1009-01');
		expect(known?.order).toMatchObject({ orderId: '1009-01', status: 'ready-for-handling' });
		const unknown = items.find((item) => item.orderId === '9999-01');
		expect(unknown?.orderError).toEqual({
			message: expect.stringContaining('9999-01'),
			httpCode: 404,
		});
		expect(unknown).not.toHaveProperty('order');
		// The order was read after the answer: the answer is the node's own 200, sent before the read.
		const reads = sandbox().requests({ method: 'GET', pathPrefix: '/api/oms/pvt/orders/' });
		expect(reads.map((read) => read.path)).toEqual([
			'/api/oms/pvt/orders/1009-01',
			'/api/oms/pvt/orders/9999-01',
		]);
		expect(
			trigger.answers.filter(
				(answer) => answer.status === 200 && (answer.body as { received?: boolean }).received,
			),
		).toHaveLength(3);
	});
});
