/**
 * The soak's VTEX sandbox, in a process of its own: `orders` orders in ready-for-handling with a
 * feed event each, `refused` orders VTEX refuses on purpose (canceled after their event was
 * queued, so Start Handling answers OMS003 and their events must stay in the feed), the latency,
 * the rate limit and the go-live fault mix. It prints one JSON line `{"ready": …}` once it
 * listens, and answers `GET /_sandbox/soak` with the per-order correctness the soak reports.
 */
import { startSandbox } from '../../test/sandbox';
import type { FaultRule } from '../../test/sandbox';
import { feedOf } from '../../test/sandbox/families/feed';
import { json } from '../../test/sandbox/http';
import { makeOrder } from '../../test/sandbox/seed';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
	return Number.isFinite(value) ? value : fallback;
}

/** The go-live fault mix: 429 with and without Retry-After, 502/503 before and after the action was applied, resets, a lost feed answer, a failed commit. */
export const GO_LIVE_FAULT_MIX: FaultRule[] = [
	{ kind: '429', retryAfter: '1' },
	{ kind: '503' },
	{ kind: '502', phase: 'after' },
	{ kind: 'reset' },
	{ kind: '503', phase: 'after' },
	{ kind: 'reset', method: 'GET', pathPrefix: '/api/orders/feed', phase: 'after' },
	{ kind: '502' },
	{ kind: 'reset', phase: 'after' },
	{ kind: '503', method: 'POST', pathPrefix: '/api/orders/feed' },
	{ kind: '429' },
];

export const soakOrderId = (n: number) => `SOAK${String(n).padStart(6, '0')}-01`;
export const refusedOrderId = (n: number) => `SOAKX${String(n).padStart(5, '0')}-01`;

async function main(): Promise<void> {
	const orders = option('orders', 1000);
	const refused = option('refused', 5);
	const latencyMs = option('latency', 150);
	const perSecond = option('rate', 100);
	const faultEvery = option('fault-every', 60);
	const visibilitySeconds = option('visibility', 120);

	const sandbox = await startSandbox({ seed: 'empty' });
	const { account } = sandbox.state;
	const goodIds = Array.from({ length: orders }, (_, index) => soakOrderId(index + 1));
	const refusedIds = Array.from({ length: refused }, (_, index) => refusedOrderId(index + 1));
	const item = (sku: string, name: string, quantity: number, price: number) => ({
		sku,
		name,
		quantity,
		price,
	});
	for (const orderId of goodIds) {
		sandbox.state.putOrder(
			makeOrder(
				{
					orderId,
					status: 'ready-for-handling',
					items: [
						item('101', 'Camiseta Algodão Azul M', 1, 4990),
						item('202', 'Caneca Cerâmica 300 ml', 2, 1500),
					],
					shipping: [1000, 500],
				},
				account,
			),
		);
	}
	for (const orderId of refusedIds) {
		sandbox.state.putOrder(
			makeOrder(
				{
					orderId,
					status: 'canceled',
					items: [item('202', 'Caneca Cerâmica 300 ml', 1, 1500)],
					shipping: [700],
				},
				account,
			),
		);
	}

	const feed = feedOf(sandbox);
	// Only ready-for-handling enters the feed, as an integration that handles orders configures it.
	feed.configure({
		filter: { type: 'FromWorkflow', status: ['ready-for-handling'] },
		queue: {
			visibilityTimeoutInSeconds: visibilitySeconds,
			messageRetentionPeriodInSeconds: 345_600,
		},
	});
	const events = feed.addBacklog({
		count: orders + refused,
		orderIds: [...goodIds, ...refusedIds],
	});
	const eventOf = new Map(events.map((event) => [event.orderId, event.eventId]));

	// When each event was handed out, and when its commit was first seen: what a slow tail is made of.
	const startedAt = Date.now();
	const deliveredAt = new Map<string, number[]>();
	const receive = feed.receive.bind(feed);
	// The events of the read being answered, kept until its request is recorded (both happen in one
	// turn of the event loop: the feed's route answers synchronously).
	let lastDelivered: string[] = [];
	feed.receive = (appKey, maxlot) => {
		const delivered = receive(appKey, maxlot);
		lastDelivered = delivered.map((event) => event.eventId);
		for (const event of delivered)
			deliveredAt.set(event.eventId, [
				...(deliveredAt.get(event.eventId) ?? []),
				Date.now() - startedAt,
			]);
		return delivered;
	};
	const committedAt = new Map<string, number>();

	// Feed answers lost after VTEX handed their events out: which request, when, and which events
	// the feed then hid for the visibility timeout.
	const lostAnswers: Array<{ seq: number; atMs: number; eventIds: string[]; goodEvents: number }> =
		[];
	const goodEventIds = new Set(goodIds.map((orderId) => eventOf.get(orderId)!));
	let firstFeedReadSeq: number | undefined;
	const record = sandbox.state.record.bind(sandbox.state);
	sandbox.state.record = (entry) => {
		const stored = record(entry);
		if (entry.method === 'GET' && entry.path === '/api/orders/feed') {
			firstFeedReadSeq ??= stored.seq;
			if (entry.fault?.startsWith('reset-after'))
				lostAnswers.push({
					seq: stored.seq,
					atMs: Date.parse(stored.at) - startedAt,
					eventIds: lastDelivered,
					goodEvents: lastDelivered.filter((eventId) => goodEventIds.has(eventId)).length,
				});
		}
		return stored;
	};

	sandbox.faults.latencyMs = latencyMs;
	sandbox.faults.rateLimit = { requestsPerSecond: perSecond, retryAfterSeconds: 1 };
	if (faultEvery > 0) sandbox.faults.setMix({ every: faultEvery, rules: GO_LIVE_FAULT_MIX });

	const report = () => {
		const tally = {
			done: 0,
			invoicedTwice: 0,
			wrongValue: 0,
			noTracking: 0,
			notDelivered: 0,
			stuck: {} as Record<string, number>,
		};
		for (const orderId of goodIds) {
			const order = sandbox.state.findOrder(orderId)!;
			const packages = order.packageAttachment.packages;
			const sale = packages.filter((pkg) => pkg.type === 'Output');
			if (sale.length > 1) tally.invoicedTwice++;
			const invoice = sale[0];
			const valueOk =
				sale.length === 1 &&
				invoice.invoiceValue === order.value &&
				invoice.invoiceNumber === `NF-${orderId}`;
			if (sale.length === 1 && !valueOk) tally.wrongValue++;
			if (invoice && !invoice.trackingNumber) tally.noTracking++;
			if (invoice && !invoice.courierStatus?.finished) tally.notDelivered++;
			if (
				order.status === 'invoiced' &&
				valueOk &&
				invoice.trackingNumber &&
				invoice.courierStatus?.finished
			) {
				tally.done++;
			} else {
				const where = `${order.status}${invoice ? (invoice.trackingNumber ? (invoice.courierStatus?.finished ? '' : ', tracking without delivery') : ', invoice without tracking') : ''}`;
				tally.stuck[where] = (tally.stuck[where] ?? 0) + 1;
			}
		}
		const committed = (orderId: string) => feed.committedCount(eventOf.get(orderId)!);
		for (const orderId of goodIds)
			if (!committedAt.has(orderId) && committed(orderId) > 0)
				committedAt.set(orderId, Date.now() - startedAt);
		const deliveries: Record<string, number> = {};
		for (const orderId of goodIds) {
			const times = deliveredAt.get(eventOf.get(orderId)!)?.length ?? 0;
			deliveries[times] = (deliveries[times] ?? 0) + 1;
		}
		const latest = [...committedAt.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 3)
			.map(([orderId]) => orderId);
		const unfinished = goodIds.filter((orderId) => !committedAt.has(orderId)).slice(0, 3);
		const seconds = (ms: number) => Math.round(ms / 100) / 10;
		const timeline = (orderId: string) => ({
			orderId,
			deliveredAtS: (deliveredAt.get(eventOf.get(orderId)!) ?? []).map(seconds),
			committedAtS: committedAt.has(orderId) ? seconds(committedAt.get(orderId)!) : null,
			requests: sandbox
				.requests({ pathPrefix: `/api/oms/pvt/orders/${orderId}` })
				.map(
					(request) =>
						`${seconds(Date.parse(request.at) - startedAt)}s ${request.method} ${request.path.replace(`/api/oms/pvt/orders/${orderId}`, '') || '/'} ${request.status}${request.fault ? ` ${request.fault}` : ''}`,
				),
		});
		const queued = new Set(feed.queuedEvents().map((event) => event.eventId));
		const requests = sandbox.requests();
		const byPath = (method: string, pattern: RegExp) =>
			requests.filter((request) => request.method === method && pattern.test(request.path)).length;
		return {
			orders,
			refused,
			...tally,
			goodEventsCommitted: goodIds.filter((orderId) => committed(orderId) >= 1).length,
			goodEventsCommittedTwice: goodIds.filter((orderId) => committed(orderId) > 1).length,
			refusedEventsInFeed: refusedIds.filter((orderId) => queued.has(eventOf.get(orderId)!)).length,
			refusedOrdersUntouched: refusedIds.filter((orderId) => {
				const order = sandbox.state.findOrder(orderId)!;
				return order.status === 'canceled' && order.packageAttachment.packages.length === 0;
			}).length,
			feed: feed.stats(),
			requests: {
				total: requests.length,
				rateLimited: requests.filter((request) => request.fault === 'rateLimit').length,
				feedReads: byPath('GET', /^\/api\/orders\/feed$/),
				feedCommits: byPath('POST', /^\/api\/orders\/feed$/),
				startHandling: byPath('POST', /\/start-handling$/),
				invoicePosts: byPath('POST', /\/invoice$/),
			},
			faultsInjected: sandbox.faults.mixed,
			/** Good events by how many times the feed handed them out. */
			deliveries,
			/** The last orders committed (or not yet), with their deliveries and requests, seconds after the sandbox started. */
			slowest: [...unfinished, ...latest].slice(0, 3).map(timeline),
			feedTimeline: sandbox
				.requests({ pathPrefix: '/api/orders/feed' })
				.filter((request) => request.fault || request.status !== 200)
				.map((request) =>
					`${seconds(Date.parse(request.at) - startedAt)}s ${request.method} ${request.status} ${request.fault ?? ''}`.trim(),
				),
			/** Milliseconds since the sandbox started, so the soak can place the times below on its own clock. */
			sinceStartMs: Date.now() - startedAt,
			/** When a feed answer was lost (its events handed out, the answer reset), ms after the sandbox started. */
			lostFeedAnswersAtMs: lostAnswers.map((answer) => answer.atMs),
			/** Each lost feed answer: its request's number, when, the events it hid and how many were good orders'. */
			lostFeedAnswers: lostAnswers,
			/** The number of the drain's first feed read, so a request's number says how far into the drain it came. */
			firstFeedReadSeq: firstFeedReadSeq ?? 0,
			/** What VTEX made any client wait: the injected 429s' Retry-After, one minute without it (as VTEX advises). */
			imposedWaitMs: Object.entries(sandbox.faults.mixed).reduce(
				(sum, [name, count]) => sum + count * imposedWaitOf(name),
				0,
			),
			/** The longest single wait VTEX imposed on one request. */
			longestImposedWaitMs: Math.max(0, ...Object.keys(sandbox.faults.mixed).map(imposedWaitOf)),
		};
	};
	sandbox.addRoutes([
		{
			method: 'GET',
			pattern: '/_sandbox/soak',
			permission: null,
			handler: () => json(200, report()),
		},
	]);

	const key = sandbox.defaultKey;
	process.stdout.write(
		`${JSON.stringify({ ready: { baseUrl: sandbox.baseUrl, accountName: account, appKey: key.appKey, appToken: key.appToken, visibilitySeconds } })}\n`,
	);
	const stop = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main();

/** The wait one injected fault imposes on the request it hit: a 429's Retry-After, one minute without it (as VTEX advises). */
function imposedWaitOf(faultName: string): number {
	if (!faultName.startsWith('429')) return 0;
	return (
		(/no Retry-After/.test(faultName)
			? 60
			: Number(/Retry-After (\d+)/.exec(faultName)?.[1] ?? 0)) * 1000
	);
}
