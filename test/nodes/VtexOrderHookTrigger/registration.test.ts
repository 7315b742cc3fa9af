import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { hookOf } from '../../sandbox/families/hook';
import { hookTriggerNode } from '../../harness/webhookTrigger';
import { chain, node } from '../../harness/workflow';
import { HOOK_AUTH_HEADER_NAME } from '../../../nodes/VtexOrderHookTrigger/hookSecret';
import { VTEX_ORDER_STATUSES } from '../../../nodes/shared/feed/statuses';
import { LIMITS } from '../../../nodes/shared/limits';
import { activate, hookWorkflow, useHookSandbox } from './fixtures';

/** What activation and deactivation do at VTEX: n8n's webhookMethods checkExists, create, delete. */
describe('VTEX Order Hook Trigger: registration', () => {
	const sandbox = useHookSandbox();
	const requestsOf = () =>
		sandbox()
			.requests({ pathPrefix: '/api/orders/hook' })
			.map((request) => `${request.method} ${request.path} ${request.status}`);

	it('registers this workflow’s URL with the filter and a new secret header, answering VTEX’s ping without an execution', async () => {
		const trigger = await activate(
			sandbox(),
			hookWorkflow({ statuses: ['ready-for-handling'], otherStatuses: 'some-new-status' }),
		);
		expect(requestsOf()).toEqual([
			'GET /api/orders/hook/config 404',
			'GET /api/orders/hook/config 404',
			'POST /api/orders/hook/config 200',
		]);
		const secret = String(
			trigger.staticData['node:Hook'] &&
				(trigger.staticData['node:Hook'] as Record<string, unknown>).hookSecret,
		);
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		const [post] = sandbox().requests({ method: 'POST', pathPrefix: '/api/orders/hook/config' });
		expect(post.body).toEqual({
			filter: { type: 'FromWorkflow', status: ['ready-for-handling', 'some-new-status'] },
			hook: { url: trigger.url, headers: { [HOOK_AUTH_HEADER_NAME]: secret } },
		});
		expect(hookOf(sandbox()).config()).toEqual(post.body);
		// VTEX's ping reached the node and got 200; nothing ran.
		const [ping] = hookOf(sandbox()).deliveries;
		expect(ping).toMatchObject({
			kind: 'ping',
			url: trigger.url,
			body: { hookConfig: 'ping' },
			delivered: true,
		});
		expect(trigger.answers).toEqual([
			{ status: 200, body: { hookConfig: 'ping', received: true }, answeredByNode: true },
		]);
		await trigger.settled();
		expect(trigger.executions).toHaveLength(0);
	});

	it('sends every status VTEX lists when none is chosen, and a JSONata filter when asked', async () => {
		const all = await activate(sandbox(), hookWorkflow({}));
		expect(hookOf(sandbox()).config()?.filter).toEqual({
			type: 'FromWorkflow',
			status: [...VTEX_ORDER_STATUSES],
		});
		await all.close();
		await activate(
			sandbox(),
			hookWorkflow({
				filterType: 'FromOrders',
				expression: 'status = "invoiced"',
				disableSingleFire: true,
			}),
		);
		expect(hookOf(sandbox()).config()?.filter).toEqual({
			type: 'FromOrders',
			expression: 'status = "invoiced"',
			disableSingleFire: true,
		});
	});

	it('refuses a JSONata filter without an expression before any request', async () => {
		await expect(
			activate(sandbox(), hookWorkflow({ filterType: 'FromOrders', expression: '' })),
		).rejects.toThrow('Invalid "JSONata Expression": is required with a FromOrders filter');
		expect(requestsOf()).toEqual(['GET /api/orders/hook/config 404']);
	});

	// The hook's filter is read and checked as the feed's: the same limits.
	it.each([
		['Statuses', { statuses: '={{ "ready-for-handling" }}' }, 'must be a list of status codes'],
		[
			'Statuses › item 1',
			{ statuses: ['x'.repeat(LIMITS.statusCode + 1)] },
			`at most ${LIMITS.statusCode} are accepted`,
		],
		[
			'Other Statuses',
			{ otherStatuses: 'x'.repeat(LIMITS.otherStatuses + 1) },
			'at most 1,000 are accepted',
		],
		[
			'JSONata Expression',
			{ filterType: 'FromOrders', expression: 'x'.repeat(LIMITS.jsonataExpression + 1) },
			'at most 10,000 are accepted',
		],
	])(
		"refuses %s beyond the feed filter's rules before any request",
		async (label, fields, message) => {
			const error = await activate(sandbox(), hookWorkflow(fields as INodeParameters)).catch(
				(failure: Error) => failure,
			);
			expect(error).toBeInstanceOf(Error);
			expect((error as Error).message).toMatch(new RegExp(`^Invalid "${label}": `));
			expect((error as Error).message).toContain(message);
			expect(requestsOf().filter((request) => request.startsWith('POST'))).toEqual([]);
			expect(hookOf(sandbox()).config()).toBeUndefined();
		},
	);

	it('keeps the hook when n8n activates the workflow again with its saved static data (a restart)', async () => {
		const first = await activate(sandbox(), hookWorkflow({}));
		const saved = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		const posts = () =>
			sandbox().requests({ method: 'POST', pathPrefix: '/api/orders/hook/config' }).length;
		expect(posts()).toBe(1);
		// n8n stops without deactivating (the hook stays), then starts again with the same URL.
		await first.stop();
		const again = await activate(sandbox(), hookWorkflow({}), {
			staticData: saved,
			activation: 'init',
			port: first.port,
		});
		expect(again.url).toBe(first.url);
		expect(posts()).toBe(1);
	});

	it('fails activation when another URL has the app key’s hook, names it, and changes nothing', async () => {
		const other = await activate(
			sandbox(),
			chain(
				hookTriggerNode('Hook', {}, 'other-workflow-hook'),
				node('Done', 'n8n-nodes-base.noOp', {}),
			),
		);
		const before = hookOf(sandbox()).config();
		const error = await activate(sandbox(), hookWorkflow({})).catch(
			(failure: Error & { description?: string }) => failure,
		);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe(
			`This app key already has a VTEX hook, sending to ${other.url}`,
		);
		expect((error as { description?: string }).description).toContain(
			'VTEX keeps one hook per app key',
		);
		expect((error as { description?: string }).description).toContain('"Replace Existing Hook"');
		expect(hookOf(sandbox()).config()).toEqual(before);
		expect(
			sandbox().requests({ method: 'POST', pathPrefix: '/api/orders/hook/config' }),
		).toHaveLength(1);
	});

	it('takes the hook over with Replace Existing Hook; the other workflow’s deactivation then leaves it alone', async () => {
		const other = await activate(
			sandbox(),
			chain(
				hookTriggerNode('Hook', {}, 'other-workflow-hook'),
				node('Done', 'n8n-nodes-base.noOp', {}),
			),
		);
		const mine = await activate(sandbox(), hookWorkflow({ replaceExisting: true }));
		expect(hookOf(sandbox()).config()?.hook.url).toBe(mine.url);
		await other.close();
		expect(sandbox().requests({ method: 'DELETE' })).toHaveLength(0);
		expect(hookOf(sandbox()).config()?.hook.url).toBe(mine.url);
	});

	it('deletes the hook on deactivation when it is this workflow’s, and forgets the secret', async () => {
		const trigger = await activate(sandbox(), hookWorkflow({}));
		await trigger.close();
		expect(requestsOf().slice(-2)).toEqual([
			'GET /api/orders/hook/config 200',
			'DELETE /api/orders/hook/config 200',
		]);
		expect(hookOf(sandbox()).config()).toBeUndefined();
		expect(trigger.staticData['node:Hook']).not.toHaveProperty('hookSecret');
	});

	it('does not replace the production hook from "Listen for test event" unless asked', async () => {
		const production = await activate(sandbox(), hookWorkflow({}));
		const error = await activate(sandbox(), hookWorkflow({}), { as: 'test' }).catch(
			(failure: Error & { description?: string }) => failure,
		);
		expect((error as Error).message).toBe(
			`This app key already has a VTEX hook, sending to ${production.url}`,
		);
		expect((error as { description?: string }).description).toContain(
			'deactivate it before listening for a test event',
		);
		expect(hookOf(sandbox()).config()?.hook.url).toBe(production.url);
	});

	it('registers the test URL for "Listen for test event" and removes it when the test ends', async () => {
		const test = await activate(sandbox(), hookWorkflow({}), { as: 'test' });
		expect(test.url).toContain('/webhook-test/');
		expect(hookOf(sandbox()).config()?.hook.url).toBe(test.url);
		await hookOf(sandbox()).notify({ change: { orderId: '1001-01' } });
		await test.settled();
		expect(test.emitted()).toEqual([[expect.objectContaining({ orderId: '1001-01' })]]);
		await test.close();
		expect(hookOf(sandbox()).config()).toBeUndefined();
	});

	it('fails activation with advice when VTEX cannot ping the URL (its 400)', async () => {
		hookOf(sandbox()).settings.unreachable = true;
		const error = await activate(sandbox(), hookWorkflow({})).catch(
			(failure: Error & { description?: string }) => failure,
		);
		expect(error).toBeInstanceOf(Error);
		expect((error as { description?: string }).description).toContain(
			'set WEBHOOK_URL to its public HTTPS address',
		);
		expect(hookOf(sandbox()).config()).toBeUndefined();
	});
});
