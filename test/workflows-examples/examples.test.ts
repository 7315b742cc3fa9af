import type { IDataObject, INode, INodeExecutionData, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { notesOf } from '../sandbox/families/notes';
import { orderChangesOf } from '../sandbox/families/orderChanges';
import { sellerFamilyOf } from '../sandbox/families/seller';
import { outsideOf } from '../sandbox/outside';
import { nodeTypes } from '../harness/engine';
import { PACKAGE } from '../harness/nodeTypes';
import type { Example } from './examples';
import {
	EXAMPLES,
	loadExample,
	notifyHookTrigger,
	outputOf,
	pollFeedTriggerOnce,
	runExample,
} from './examples';
import { hookOf } from '../sandbox/families/hook';

/**
 * Every example in workflows-examples/ run through n8n's engine against the sandbox, from its
 * Manual Trigger and sample data (as `n8n execute` runs it) and, where a branch needs other input,
 * from its Webhook with what a caller would post. Each test asserts VTEX's state afterwards.
 */

const example = (file: string): Example => {
	const found = EXAMPLES.find((candidate) => candidate.file.startsWith(file));
	if (!found) throw new Error(`no example ${file}`);
	return found;
};

/** What n8n's Webhook node outputs for a JSON POST. */
const posted = (body: IDataObject): INodeExecutionData[] => [
	{ json: { headers: { 'content-type': 'application/json' }, params: {}, query: {}, body } },
];

const CORE_TYPES = [
	'manualTrigger',
	'scheduleTrigger',
	'webhook',
	'set',
	'if',
	'httpRequest',
	'respondToWebhook',
	'stickyNote',
	'noOp',
].map((name) => `n8n-nodes-base.${name}`);

/** Parameter keys n8n would drop when it loads the node (unknown, or not shown for these values). */
function unknownParameters(given: unknown, kept: unknown, path = ''): string[] {
	if (!given || typeof given !== 'object') return [];
	if (!kept || typeof kept !== 'object') return [path || '(all)'];
	return Object.entries(given as IDataObject).flatMap(([key, value]) =>
		key in (kept as IDataObject)
			? unknownParameters(value, (kept as IDataObject)[key], `${path}${key}.`)
			: [`${path}${key}`],
	);
}

describe('workflows-examples', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	describe.each(EXAMPLES.map((entry) => [entry.file, entry]))('%s as a file', (_file, entry) => {
		const workflow = loadExample(entry, 'http://sandbox.invalid');

		it('uses only core nodes and this package, and explains itself in sticky notes', () => {
			for (const node of workflow.nodes) {
				expect(CORE_TYPES.includes(node.type) || node.type.startsWith(`${PACKAGE}.`)).toBe(true);
			}
			expect(
				workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').length,
			).toBeGreaterThanOrEqual(2);
			expect(workflow.nodes.find((node) => node.name === entry.manualTrigger)?.type).toBe(
				'n8n-nodes-base.manualTrigger',
			);
		});

		it('starts at its Manual Trigger under `n8n execute`, which runs from Workflow.getStartNode()', () => {
			const n8nWorkflow = new Workflow({
				nodes: workflow.nodes,
				connections: workflow.connections,
				nodeTypes,
				active: false,
			});
			expect(n8nWorkflow.getStartNode()?.name).toBe(entry.manualTrigger);
		});

		it("references the credential by type, holds no secret, and sets only the package nodes' known parameters", () => {
			const text = JSON.stringify(workflow);
			expect(text).not.toMatch(/appToken|vtexappkey|X-VTEX-API/i);
			for (const node of workflow.nodes.filter((candidate: INode) =>
				candidate.type.startsWith(`${PACKAGE}.`),
			)) {
				expect(Object.keys(node.credentials ?? {})).toEqual(['vtexOrderProcessingApi']);
				const description = nodeTypes.getByNameAndVersion(node.type, node.typeVersion)
					.description as INodeTypeDescription;
				const kept = NodeHelpers.getNodeParameters(
					description.properties,
					node.parameters,
					true,
					false,
					node,
					description,
				);
				expect({ node: node.name, unknown: unknownParameters(node.parameters, kept) }).toEqual({
					node: node.name,
					unknown: [],
				});
				expect({
					node: node.name,
					issues: NodeHelpers.getNodeParametersIssues(description.properties, node, description),
				}).toEqual({
					node: node.name,
					issues: null,
				});
			}
		});
	});

	describe('1. ERP → VTEX invoice', () => {
		it('invoices the order in cents with the tracking the ERP sent, and answers with the receipt', async () => {
			const result = await runExample(sandbox, example('01'));
			expect(result.status).toBe('success');
			const order = sandbox.state.findOrder('1002-01')!;
			expect(order.status).toBe('invoiced');
			const [invoice] = order.packageAttachment.packages;
			expect(invoice).toMatchObject({
				type: 'Output',
				invoiceNumber: 'NF-2001',
				invoiceValue: 23467,
				trackingNumber: 'AB123456789BR',
				courier: 'Correios',
				invoiceKey: '35261112345678000190550010000020011000020010',
				items: [
					{ id: '101', quantity: 2, price: 4990 },
					{ id: '202', quantity: 3, price: 1999 },
					{ id: '303', quantity: 1, price: 5990 },
				],
			});
			expect(
				sandbox.requests({ method: 'POST', pathPrefix: '/api/oms/pvt/orders/1002-01/invoice' })[0]
					.body,
			).toMatchObject({
				invoiceValue: '23467',
				issuanceDate: '2026-11-22T09:30:00-03:00',
			});
			expect(result.responses).toEqual([
				{
					statusCode: 200,
					headers: {},
					body: expect.objectContaining({
						orderId: '1002-01',
						success: true,
						receipt: invoice.receipt,
					}),
				},
			]);
		});

		it('sends no tracking when the ERP sent none, through the Webhook', async () => {
			const result = await runExample(sandbox, example('01'), {
				node: 'ERP Posts Order Shipped',
				items: posted({
					orderId: '1012-01',
					invoice: {
						number: 'NF-2002',
						issuedAt: '2026-11-23 10:00',
						value: '169,70',
						items: [
							{ id: '101', quantity: 2, price: '49,90' },
							{ id: '303', quantity: 1, price: '59,90' },
						],
					},
				}),
			});
			expect(result.status).toBe('success');
			const order = sandbox.state.findOrder('1012-01')!;
			expect(order.status).toBe('invoiced');
			expect(order.packageAttachment.packages[0]).toMatchObject({
				invoiceNumber: 'NF-2002',
				invoiceValue: 16970,
				trackingNumber: null,
			});
			const sent = sandbox.requests({
				method: 'POST',
				pathPrefix: '/api/oms/pvt/orders/1012-01/invoice',
			})[0].body as IDataObject;
			expect(sent).not.toHaveProperty('trackingNumber');
			expect(sent.issuanceDate).toBe('2026-11-23T10:00:00-03:00');
		});

		it("answers the ERP with 422 and VTEX's error when VTEX refuses the invoice", async () => {
			const result = await runExample(sandbox, example('01'), {
				node: 'ERP Posts Order Shipped',
				items: posted({
					orderId: '1004-01',
					invoice: {
						number: 'NF-9',
						value: 26.99,
						items: [{ id: '202', quantity: 1, price: 19.99 }],
					},
				}),
			});
			expect(result.status).toBe('success');
			expect(result.executed).toContain('Reply with VTEX Error');
			expect(result.responses).toEqual([
				{
					statusCode: 422,
					headers: {},
					body: expect.objectContaining({
						orderId: '1004-01',
						success: false,
						vtexCode: 'OrderCanceled',
						error: expect.stringMatching(/1004-01/),
					}),
				},
			]);
			expect(sandbox.state.findOrder('1004-01')!.packageAttachment.packages).toHaveLength(0);
		});
	});

	describe('2. VTEX feed → ERP', () => {
		it('from its sample event: gets the order, sends it to the ERP, then starts handling', async () => {
			const result = await runExample(sandbox, example('02'));
			expect(result.status).toBe('success');
			const [received] = outsideOf(sandbox.state).erpOrders;
			expect(received.body).toMatchObject({
				orderId: '1001-01',
				status: 'ready-for-handling',
				total: { cents: 17477 },
			});
			expect(sandbox.state.findOrder('1001-01')!.status).toBe('handling');
		});

		it('from the feed: one poll handles the ready-for-handling events and commits every event read', async () => {
			const admin = async (path: string, body: unknown) =>
				await fetch(`${sandbox.baseUrl}${path}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(body),
				});
			await admin('/_sandbox/feed/config', {});
			await admin('/_sandbox/feed/backlog', {
				count: 2,
				statuses: ['ready-for-handling', 'invoiced'],
				orderIds: ['1009-01', '1003-01'],
			});
			const poll = await pollFeedTriggerOnce(sandbox, example('02'));
			expect(poll.executions.map((execution) => execution.status)).toEqual(['success']);
			expect(
				outsideOf(sandbox.state).erpOrders.map(
					(received) => (received.body as IDataObject).orderId,
				),
			).toEqual(['1009-01']);
			expect(sandbox.state.findOrder('1009-01')!.status).toBe('handling');
			const feed = (await (await fetch(`${sandbox.baseUrl}/_sandbox/feed`)).json()) as {
				feeds: Record<string, { queued: number; committed: number }>;
			};
			const stats = feed.feeds[sandbox.defaultKey.appKey];
			// The two backlog events; the "handling" event Start Handling caused too, if this poll read it.
			expect(stats.committed).toBeGreaterThanOrEqual(2);
			expect(stats.queued + stats.committed).toBe(3);
		});
	});

	describe('7. VTEX hook → ERP', () => {
		it('from its sample notification: gets the order, sends it to the ERP, then starts handling', async () => {
			const result = await runExample(sandbox, example('07'));
			expect(result.status).toBe('success');
			const [received] = outsideOf(sandbox.state).erpOrders;
			expect(received.body).toMatchObject({
				orderId: '1001-01',
				status: 'ready-for-handling',
				total: { cents: 17477 },
			});
			expect(sandbox.state.findOrder('1001-01')!.status).toBe('handling');
		});

		it('from the hook: activation registers it, each order that reaches ready-for-handling is handled, deactivation removes it', async () => {
			const run = await notifyHookTrigger(sandbox, example('07'), ['1007-01', '1008-01']);
			expect(run.executions.map((execution) => execution.status)).toEqual(['success', 'success']);
			expect(
				outsideOf(sandbox.state)
					.erpOrders.map((received) => (received.body as IDataObject).orderId)
					.sort(),
			).toEqual(['1007-01', '1008-01']);
			expect(sandbox.state.findOrder('1007-01')!.status).toBe('handling');
			expect(sandbox.state.findOrder('1008-01')!.status).toBe('handling');
			// Only the filter's status was notified (not the "handling" Start Handling caused); the hook is gone.
			expect(
				hookOf(sandbox)
					.notifications()
					.map((delivery) => (delivery.body as IDataObject).State),
			).toEqual(['ready-for-handling', 'ready-for-handling']);
			expect(hookOf(sandbox).config()).toBeUndefined();
		});
	});

	describe('3. Carrier tracking', () => {
		it('stores the tracking number, sends the events and marks the package delivered, in the workflow time zone', async () => {
			const result = await runExample(sandbox, example('03'));
			expect(result.status).toBe('success');
			const invoice = sandbox.state.findOrder('1003-01')!.packageAttachment.packages[0];
			expect(invoice).toMatchObject({
				invoiceNumber: 'NF-1003-1',
				trackingNumber: 'AB123456789BR',
				courier: 'Correios',
			});
			expect(invoice.courierStatus).toMatchObject({
				finished: true,
				deliveredDate: '2026-11-24 18:30',
				data: [
					expect.objectContaining({
						city: 'São Paulo',
						description: 'Posted at the carrier',
						createDate: '2026-11-22',
					}),
					expect.objectContaining({
						city: 'Rio de Janeiro',
						description: 'Out for delivery',
						createDate: '2026-11-24',
					}),
				],
			});
			const writes = sandbox
				.requests({ pathPrefix: '/api/oms/pvt/orders/1003-01/invoice/NF-1003-1' })
				.map((request) => request.method);
			expect(writes).toEqual(['PATCH', 'PUT']);
			expect(result.responses[0]).toMatchObject({
				statusCode: 200,
				body: { orderId: '1003-01', delivered: true, events: 2 },
			});
		});
	});

	describe('4. Cancel with a note', () => {
		it('cancels with the reason and a timeline note; an invoiced order takes the error branch and notifies the team', async () => {
			const result = await runExample(sandbox, example('04'));
			expect(result.status).toBe('success');
			expect(sandbox.state.findOrder('1010-01')!.status).toBe('canceled');
			expect(sandbox.state.findOrder('1010-01')!.cancelReason).toBe(
				'Customer gave up: delivery too late',
			);
			expect(notesOf(sandbox, '1010-01').map((note) => note.description)).toEqual([
				"Order canceled at the customer's request. Reason: Customer gave up: delivery too late",
			]);

			expect(sandbox.state.findOrder('1003-01')!.status).toBe('invoiced');
			expect(notesOf(sandbox, '1003-01')).toEqual([]);
			expect(outputOf(result, 'Cancel Order', 1)).toEqual([
				expect.objectContaining({
					orderId: '1003-01',
					error: expect.objectContaining({ vtexCode: 'OrderHasInvoice', httpCode: 400 }),
				}),
			]);
			const notifications = outsideOf(sandbox.state).notifications.map(
				(sent) => (sent.body as IDataObject).text,
			);
			expect(notifications).toEqual([
				expect.stringMatching(
					/^VTEX refused to cancel order 1003-01 \(Duplicate order\): .*invoice/,
				),
			]);
			expect(result.responses).toEqual([
				expect.objectContaining({
					statusCode: 200,
					body: expect.objectContaining({ orderId: '1010-01', noteAdded: true }),
				}),
				expect.objectContaining({
					statusCode: 422,
					body: expect.objectContaining({ orderId: '1003-01', vtexCode: 'OrderHasInvoice' }),
				}),
			]);
		});
	});

	describe('5. Change items', () => {
		beforeEach(() => (orderChangesOf(sandbox.state).stepDelayMs = 20));

		it('previews, finds the change within the price limit, creates it and waits until VTEX applied it', async () => {
			const result = await runExample(sandbox, example('05'));
			expect(result.status).toBe('success');
			const [change] = orderChangesOf(sandbox.state).changes;
			expect(change).toMatchObject({
				status: 'done',
				totalChangeValue: 300,
				origin: expect.objectContaining({ orderId: '1011-01' }),
			});
			const order = sandbox.state.findOrder('1011-01')!;
			expect(order.items.map((item) => [item.id, item.quantity])).toEqual([
				['101', 1],
				['102', 1],
			]);
			expect(
				sandbox.requests({
					method: 'POST',
					pathPrefix: '/api/order-system/orders/1011-01/changes/preview',
				}),
			).toHaveLength(1);
			expect(result.responses[0]).toMatchObject({
				statusCode: 200,
				body: { orderId: '1011-01', success: true, status: 'done' },
			});
		});

		it('sends nothing when the preview is over the limit, and answers 409', async () => {
			const result = await runExample(sandbox, example('05'), {
				node: 'ERP Requests Item Change',
				items: posted({
					orderId: '1002-01',
					reason: 'Adding a gift cap',
					add: [{ id: '303', quantity: 1 }],
				}),
			});
			expect(result.status).toBe('success');
			expect(
				sandbox.requests({
					method: 'PATCH',
					pathPrefix: '/api/order-system/orders/1002-01/changes',
				}),
			).toHaveLength(0);
			expect(orderChangesOf(sandbox.state).changes).toHaveLength(0);
			expect(result.responses[0]).toMatchObject({
				statusCode: 409,
				body: { orderId: '1002-01', applied: false, totalChange: { cents: 5990 } },
			});
		});
	});

	describe('6. Change seller', () => {
		it('gives the order to the new seller with the payment in cents and the SLA per item', async () => {
			const result = await runExample(sandbox, example('06'));
			expect(result.status).toBe('success');
			const order = sandbox.state.findOrder('1005-01')!;
			expect(order.sellers[0].id).toBe('sellerb');
			expect(order.shippingData.logisticsInfo.map((info) => info.selectedSla)).toEqual([
				'Expressa',
				'Expressa',
			]);
			expect(sellerFamilyOf(sandbox.state).changes).toEqual([
				expect.objectContaining({
					orderId: '1005-01',
					from: '1',
					to: 'sellerb',
					marketplacePaymentValue: 15723,
				}),
			]);
			expect(result.responses[0]).toMatchObject({
				statusCode: 200,
				body: { orderId: '1005-01', previousStatus: 'window-to-change-seller' },
			});
		});

		it('answers 422 without sending anything for an order past the seller-change window', async () => {
			const result = await runExample(sandbox, example('06'), {
				node: 'Marketplace Reassigns Order',
				items: posted({
					orderId: '1002-01',
					newSellerId: 'sellerb',
					paymentValue: '10.00',
					sla: 'Normal',
					deliveryChannel: 'delivery',
				}),
			});
			expect(result.responses[0]).toMatchObject({
				statusCode: 422,
				body: { orderId: '1002-01', success: false },
			});
			expect(sandbox.requests({ method: 'PUT', pathPrefix: '/api/checkout' })).toHaveLength(0);
		});
	});

	describe('8. Go-live: feed → handling → invoice → tracking → delivered', () => {
		const finished = (orderId: string) => {
			const order = sandbox.state.findOrder(orderId)!;
			return {
				status: order.status,
				invoices: order.packageAttachment.packages.map((pkg) => ({
					invoiceNumber: pkg.invoiceNumber,
					invoiceValue: pkg.invoiceValue,
					trackingNumber: pkg.trackingNumber,
					delivered: pkg.courierStatus?.finished ?? false,
				})),
				value: order.value,
			};
		};

		it('from its sample event: handles, invoices the whole order, tracks and delivers; run again, it converges without a second invoice', async () => {
			const first = await runExample(sandbox, example('08'));
			expect(first.status).toBe('success');
			const done = finished('1001-01');
			expect(done).toEqual({
				status: 'invoiced',
				invoices: [
					{
						invoiceNumber: 'NF-1001-01',
						invoiceValue: done.value,
						trackingNumber: 'BR100101',
						delivered: true,
					},
				],
				value: done.value,
			});
			const again = await runExample(sandbox, example('08'));
			expect(again.status).toBe('success');
			expect(outputOf(again, 'Start Handling')[0]).toMatchObject({
				replay: true,
				status: 'invoiced',
			});
			expect(outputOf(again, 'Invoice Whole Order')[0]).toMatchObject({
				replay: true,
				sent: false,
			});
			expect(finished('1001-01')).toEqual(done);
		});

		it('from the feed: the good events end invoiced and committed; an event VTEX refuses stays in the feed', async () => {
			const admin = async (path: string, body: unknown) =>
				await fetch(`${sandbox.baseUrl}${path}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(body),
				});
			await admin('/_sandbox/feed/config', {
				config: {
					filter: { type: 'FromWorkflow', status: ['ready-for-handling'] },
					queue: { visibilityTimeoutInSeconds: 240, messageRetentionPeriodInSeconds: 345_600 },
				},
			});
			// 1004-01 was canceled after its event: Start Handling is refused, so its execution fails.
			await admin('/_sandbox/feed/backlog', {
				count: 3,
				statuses: ['ready-for-handling'],
				orderIds: ['1001-01', '1009-01', '1004-01'],
			});
			const poll = await pollFeedTriggerOnce(sandbox, example('08'));
			expect(poll.executions.map((execution) => execution.status).sort()).toEqual([
				'error',
				'success',
				'success',
			]);
			for (const orderId of ['1001-01', '1009-01']) {
				expect(finished(orderId).status).toBe('invoiced');
				expect(finished(orderId).invoices).toEqual([
					expect.objectContaining({ invoiceNumber: `NF-${orderId}`, delivered: true }),
				]);
			}
			expect(sandbox.state.findOrder('1004-01')!.status).toBe('canceled');
			const feed = (await (await fetch(`${sandbox.baseUrl}/_sandbox/feed`)).json()) as {
				feeds: Record<string, { queued: number; committed: number }>;
			};
			expect(feed.feeds[sandbox.defaultKey.appKey]).toMatchObject({ queued: 1, committed: 2 });
		});
	});
});
