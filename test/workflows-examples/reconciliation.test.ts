import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { feedOf } from '../sandbox/families/feed';
import { hookOf } from '../sandbox/families/hook';
import { listOf } from '../sandbox/families/omsList';
import { outsideOf } from '../sandbox/outside';
import { makeOrder } from '../sandbox/seed';
import { activateWebhookTrigger } from '../harness/webhookTrigger';
import { sandboxCredentials } from '../harness/workflow';
import type { Example } from './examples';
import { EXAMPLES, loadExample, outputOf, pollFeedTriggerOnce, runExample } from './examples';

/**
 * The reconciliation example (09) as the safety net under both triggers: events dropped from the
 * feed and notifications lost by the hook leave orders in ready-for-handling; one run of the
 * reconciliation handles each of them, and only them, once. Through n8n's engine.
 */

const example = (file: string): Example => EXAMPLES.find((entry) => entry.file.startsWith(file))!;

const LISTED_NODE = 'Ready for Handling, Created 15+ Minutes Ago';

/** Start-handling requests VTEX applied (204) for an order: more than one would be a double handling. */
const handledCount = (sandbox: Sandbox, orderId: string) =>
	sandbox
		.requests({ method: 'POST', pathPrefix: `/api/oms/pvt/orders/${orderId}/start-handling` })
		.filter((request) => request.status === 204).length;

const invoicesOf = (sandbox: Sandbox, orderId: string) =>
	sandbox.state.findOrder(orderId)!.packageAttachment.packages.map((pkg) => pkg.invoiceNumber);

/** Drops the feed's queued events for these orders, as retention does to events nobody read in time. */
function dropFeedEvents(sandbox: Sandbox, orderIds: string[]): void {
	const feeds = (
		feedOf(sandbox) as unknown as {
			feeds: Map<string, { messages: Map<string, { event: { orderId: string } }> }>;
		}
	).feeds;
	for (const feed of feeds.values()) {
		for (const [id, message] of feed.messages) {
			if (orderIds.includes(message.event.orderId)) feed.messages.delete(id);
		}
	}
}

describe('9. Reconciliation: what the feed and the hook missed', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => {
		sandbox.reset();
		for (let number = 2001; number <= 2008; number++) {
			sandbox.state.putOrder(
				makeOrder(
					{
						orderId: `${number}-01`,
						status: 'payment-approved',
						items: [{ sku: '101', name: 'Camiseta', quantity: 1, price: 4990 }],
						shipping: [500],
					},
					sandbox.state.account,
				),
			);
		}
	});

	const ready = (orderId: string) =>
		sandbox.state.setStatus(sandbox.state.findOrder(orderId)!, 'ready-for-handling');

	it('handles every order whose event was dropped or whose notification was lost, each exactly once', async () => {
		// The feed: four orders get ready; two of their events are dropped before any poll.
		feedOf(sandbox).configure({
			filter: { type: 'FromWorkflow', status: ['ready-for-handling'] },
			queue: { visibilityTimeoutInSeconds: 240, messageRetentionPeriodInSeconds: 345_600 },
		});
		for (const orderId of ['2001-01', '2002-01', '2003-01', '2004-01']) ready(orderId);
		dropFeedEvents(sandbox, ['2003-01', '2004-01']);
		const poll = await pollFeedTriggerOnce(sandbox, example('08'));
		expect(poll.executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		feedOf(sandbox).remove();

		// The hook: two notifications find the URL unreachable until VTEX stops retrying; two arrive.
		const hook = hookOf(sandbox);
		Object.assign(hook.settings, { retryBaseMs: 1, maxAttempts: 2 });
		const active = await activateWebhookTrigger(loadExample(example('07'), sandbox.baseUrl), {
			credentials: sandboxCredentials(sandbox),
			triggerNode: example('07').hookTrigger!,
		});
		try {
			hook.settings.unreachable = true;
			ready('2005-01');
			ready('2006-01');
			await hook.settled();
			hook.settings.unreachable = false;
			ready('2007-01');
			ready('2008-01');
			await hook.settled();
			await active.settled();
		} finally {
			await active.close();
		}
		expect(active.executions.map((execution) => execution.status)).toEqual(['success', 'success']);

		// Later than VTEX's indexing delay, the reconciliation runs once.
		const list = listOf(sandbox.state);
		list.settings.now = () => Date.now() + 20 * 60_000;
		const missed = ['1001-01', '1009-01', '2003-01', '2004-01', '2005-01', '2006-01'];
		const run = await runExample(sandbox, example('09'));
		expect(run.status).toBe('success');
		expect(
			outputOf(run, LISTED_NODE)
				.map((order) => order.orderId)
				.sort(),
		).toEqual(missed);

		for (const orderId of [...missed, '2001-01', '2002-01']) {
			expect(sandbox.state.findOrder(orderId)!.status).toBe('invoiced');
			expect(invoicesOf(sandbox, orderId)).toEqual([`NF-${orderId}`]);
		}
		// The hook path (example 7) handed its two orders to the ERP and started handling them.
		for (const orderId of ['2007-01', '2008-01'])
			expect(sandbox.state.findOrder(orderId)!.status).toBe('handling');
		expect(
			outsideOf(sandbox.state)
				.erpOrders.map((received) => (received.body as IDataObject).orderId)
				.sort(),
		).toEqual(['2007-01', '2008-01']);
		for (const orderId of [...missed, '2001-01', '2002-01', '2007-01', '2008-01'])
			expect(handledCount(sandbox, orderId)).toBe(1);

		// Run again: nothing is left to reconcile, and nothing is sent.
		const writesBefore = sandbox.requests({ method: 'POST' }).length;
		const again = await runExample(sandbox, example('09'));
		expect(outputOf(again, LISTED_NODE)).toEqual([]);
		expect(sandbox.requests({ method: 'POST' })).toHaveLength(writesBefore);
	});

	it('never handles twice an order the list still shows as ready-for-handling minutes after a trigger handled it', async () => {
		// Example 8 handles 1001-01 now; the list, minutes behind, still shows it ready-for-handling.
		expect((await runExample(sandbox, example('08'))).status).toBe('success');
		expect(invoicesOf(sandbox, '1001-01')).toEqual(['NF-1001-01']);

		const run = await runExample(sandbox, example('09'));
		expect(run.status).toBe('success');
		const started = outputOf(run, 'Start Handling');
		expect(started.find((item) => item.orderId === '1001-01')).toMatchObject({ replay: true });
		const invoiced = outputOf(run, 'Invoice Whole Order');
		expect(invoiced.find((item) => item.orderId === '1001-01')).toMatchObject({
			replay: true,
			sent: false,
		});
		expect(invoicesOf(sandbox, '1001-01')).toEqual(['NF-1001-01']);
		expect(invoicesOf(sandbox, '1009-01')).toEqual(['NF-1009-01']);
		expect(handledCount(sandbox, '1001-01')).toBe(1);
		expect(handledCount(sandbox, '1009-01')).toBe(1);
	});
});
