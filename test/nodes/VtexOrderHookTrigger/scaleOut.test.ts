import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import type { HookNotificationBody } from '../../sandbox/families/hook';
import { hookOf } from '../../sandbox/families/hook';
import { makeOrder } from '../../sandbox/seed';
import type { LoadBalancer } from '../../harness/loadBalancer';
import { startLoadBalancer } from '../../harness/loadBalancer';
import type { ActiveWebhookTrigger } from '../../harness/webhookTrigger';
import { vtexNode } from '../../harness/workflow';
import { activate, attemptStatuses, hookWorkflow, settle, useHookSandbox } from './fixtures';

/**
 * The hook trigger behind n8n's queue mode: several webhook processes behind a load balancer,
 * sharing the database (the workflow's static data) and nothing in memory. A repeat that reaches
 * the process that took the first copy starts nothing; one that reaches another process starts
 * again, and the operations after the trigger converge on it.
 */

/** The trigger as another n8n process loads it: its own copy of every module, memories included. */
async function loadedInAnotherProcess(): Promise<INodeType> {
	let type: INodeType | undefined;
	await jest.isolateModulesAsync(async () => {
		const loaded = await import('../../../nodes/VtexOrderHookTrigger/VtexOrderHookTrigger.node');
		type = new loaded.VtexOrderHookTrigger();
	});
	return type!;
}

describe('VTEX Order Hook Trigger behind several webhook processes', () => {
	const sandbox = useHookSandbox();
	let balancer: LoadBalancer | undefined;
	afterEach(async () => {
		await balancer?.close();
		balancer = undefined;
	});

	const orderNumber = (body: string) =>
		Number(String((JSON.parse(body) as { OrderId?: string }).OrderId ?? '0').split('-')[0]);

	/**
	 * Two webhook processes behind the balancer. The main one (A) activates the workflow, which
	 * registers the hook with the balancer's URL; B serves the same URL with the static data read
	 * from the database after the activation, and its own copy of the node's modules.
	 * The first copy of order m's notification goes to process m % 2; a repeat goes back to it for
	 * half the orders and to the other process for the other half.
	 */
	async function twoWebhookProcesses(
		parameters: INodeParameters,
	): Promise<[ActiveWebhookTrigger, ActiveWebhookTrigger]> {
		balancer = await startLoadBalancer((body, copiesBefore) => {
			const m = orderNumber(body);
			return copiesBefore === 0 ? m : m + Math.floor(m / 2);
		});
		const workflow = hookWorkflow(
			{ statuses: ['ready-for-handling'] },
			vtexNode('VTEX', parameters, { onError: 'continueRegularOutput' }),
		);
		const lb = balancer;
		const a = await activate(sandbox(), workflow, {
			publicBaseUrl: lb.url,
			onListening: (local) => lb.add(local),
		});
		const b = await activate(sandbox(), workflow, {
			publicBaseUrl: lb.url,
			staticData: JSON.parse(JSON.stringify(a.staticData)) as IDataObject,
			serveOnly: true,
			nodeType: await loadedInAnotherProcess(),
			onListening: (local) => lb.add(local),
		});
		return [a, b];
	}

	it('1,000 notifications and 200 repeats across two processes: each order is started once at VTEX, in-process repeats start nothing, cross-process repeats converge as replays', async () => {
		const orderIds = Array.from({ length: 1000 }, (_v, n) => `${String(700000000 + n)}-01`);
		for (const orderId of orderIds) {
			sandbox().state.putOrder(
				makeOrder(
					{
						orderId,
						status: 'ready-for-handling',
						items: [{ sku: '101', name: 'Camiseta', quantity: 1, price: 4990 }],
						shipping: [1000],
					},
					sandbox().state.account,
				),
			);
		}
		const [a, b] = await twoWebhookProcesses({
			resource: 'order',
			operation: 'startHandling',
			orderId: '={{ $json.orderId }}',
			requestOptions: { backoffBaseSeconds: 0.02 },
		});
		// That the answer waits for nothing slow is proven causally below; here a machine starved of
		// CPU must not turn a slow answer into a resend, which would change the counts.
		hookOf(sandbox()).settings.timeoutMs = 60_000;
		const burst = await hookOf(sandbox()).burst({
			count: orderIds.length,
			orderIds,
			repeats: 200,
			concurrency: 20,
		});
		await settle(sandbox(), a);
		await settle(sandbox(), b);

		// Every copy got its 200 at the first attempt: nothing was resent.
		expect(burst).toMatchObject({ sent: 1200, repeats: 200, delivered: 1200, failedAttempts: 0 });
		expect(balancer!.served.reduce((sum, n) => sum + n, 0)).toBe(1200 + 1); // + the registration's ping
		const repeatedBodies = hookOf(sandbox())
			.notifications()
			.slice(1000)
			.map((delivery) => delivery.body as HookNotificationBody);
		const crossProcess = repeatedBodies.filter((body) => {
			const m = Number(body.OrderId.split('-')[0]);
			return (m + Math.floor(m / 2)) % 2 !== m % 2;
		}).length;
		expect(crossProcess).toBeGreaterThan(50);
		expect(crossProcess).toBeLessThan(150);

		// A repeat that met the process of its first copy started nothing.
		const repeatedAnswers = [...a.answers, ...b.answers].filter(
			(answer) => (answer.body as { repeated?: boolean } | undefined)?.repeated,
		);
		expect(repeatedAnswers).toHaveLength(200 - crossProcess);
		const executions = [...a.executions, ...b.executions];
		expect(executions).toHaveLength(1000 + crossProcess);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);

		// Each order was started once at VTEX: one 204 per order, and every order is in handling.
		const accepted = sandbox()
			.requests({ method: 'POST', pathPrefix: '/api/oms/pvt/orders/7' })
			.filter((request) => request.status === 204)
			.map((request) => request.path);
		expect(accepted).toHaveLength(1000);
		expect(new Set(accepted).size).toBe(1000);
		expect(orderIds.every((id) => sandbox().state.findOrder(id)!.status === 'handling')).toBe(true);

		// The copies that ran twice: one run sent, the other says it was a replay; same idempotencyKey.
		const runsByOrder = new Map<string, Array<{ item: IDataObject; output: IDataObject }>>();
		for (const execution of executions) {
			const [item] = execution.json('Hook');
			const [output] = execution.json('VTEX');
			const runs = runsByOrder.get(String(item.orderId)) ?? [];
			runs.push({ item, output });
			runsByOrder.set(String(item.orderId), runs);
		}
		const twice = [...runsByOrder.values()].filter((runs) => runs.length === 2);
		expect(twice).toHaveLength(crossProcess);
		expect([...runsByOrder.values()].every((runs) => runs.length <= 2)).toBe(true);
		for (const [first, second] of twice) {
			expect(first.item.idempotencyKey).toEqual(second.item.idempotencyKey);
			expect([first.output.replay, second.output.replay].sort()).toEqual([false, true]);
		}
		const keys = [...runsByOrder.values()].map(([run]) => run.item.idempotencyKey);
		expect(new Set(keys).size).toBe(1000);
		expect(keys.every((key) => /^[0-9a-f]{32}$/.test(String(key)))).toBe(true);

		// The processes wrote nothing to the static data n8n shares between them.
		for (const trigger of [a, b])
			expect(Object.keys(trigger.staticData['node:Hook'] as IDataObject)).toEqual(['hookSecret']);
	}, 600_000);

	it('answers VTEX once n8n started the execution; one n8n could not start gets an error, is forgotten, and runs on the resend', async () => {
		// n8n fails to store the first execution (its database is busy), then recovers.
		let failures = 1;
		const trigger = await activate(sandbox(), hookWorkflow({}), {
			beforeExecution: async () => {
				if (failures-- > 0) throw new Error('SQLITE_BUSY: database is locked');
			},
		});
		const change = {
			orderId: '1001-01',
			state: 'handling',
			currentChange: '2026-11-30T10:00:00.0000000Z',
		};
		const delivery = await hookOf(sandbox()).notify({ change });
		await settle(sandbox(), trigger);
		// VTEX got an error, resent the notification, and that copy ran: not taken for a repeat.
		expect(attemptStatuses(delivery)).toEqual([500, 200]);
		expect(trigger.answers.filter((answer) => answer.status !== 200 || answer.body)).toEqual([
			expect.objectContaining({ status: 200, body: { hookConfig: 'ping', received: true } }),
			{ status: 500, body: { message: 'SQLITE_BUSY: database is locked' }, answeredByNode: false },
		]);
		expect(trigger.emitted()).toEqual([
			[expect.objectContaining({ orderId: '1001-01', idempotencyKey: expect.any(String) })],
		]);
		// A later repeat of the same notification is still answered without another execution.
		const repeat = await hookOf(sandbox()).notify({ change });
		await settle(sandbox(), trigger);
		expect(attemptStatuses(repeat)).toEqual([200]);
		expect(trigger.executions).toHaveLength(1);
	});

	it('with Include Order, answers VTEX before the order is read and before n8n starts the execution', async () => {
		let release: () => void = () => undefined;
		const held = new Promise<void>((resolve) => (release = resolve));
		const trigger = await activate(sandbox(), hookWorkflow({ includeOrder: true }), {
			beforeExecution: async () => await held,
		});
		// The order read takes 2 s at VTEX; n8n does not start the execution until released.
		sandbox().addFault({
			kind: 'slow',
			delayMs: 2000,
			method: 'GET',
			pathPrefix: '/api/oms/pvt/orders/1009-01',
		});
		const orderReads = () =>
			sandbox().requests({ method: 'GET', pathPrefix: '/api/oms/pvt/orders/1009-01' });
		try {
			const delivery = await hookOf(sandbox()).notify({
				change: { orderId: '1009-01', state: 'ready-for-handling' },
			});
			// VTEX has its 200 while the order read has not been answered and no execution started.
			expect(attemptStatuses(delivery)).toEqual([200]);
			expect(orderReads()).toHaveLength(0);
			expect(trigger.executions).toHaveLength(0);
			expect(trigger.answers).toEqual([
				expect.objectContaining({ status: 200, body: { hookConfig: 'ping', received: true } }),
				{ status: 200, body: { received: true }, answeredByNode: true },
			]);
		} finally {
			release();
		}
		await settle(sandbox(), trigger);
		expect(orderReads().map((read) => read.status)).toEqual([200]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.emitted()[0][0]).toMatchObject({
			orderId: '1009-01',
			order: { orderId: '1009-01' },
			idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
	});
});
