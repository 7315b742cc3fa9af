/**
 * The fault matrix: every sandbox fault against every kind of request, through n8n's
 * engine. Each kind runs a small batch in parallel with the fault aimed at one item, and each
 * cell asserts that item's outcome (done, or a clear error), how many requests the sandbox
 * received for it, and the sandbox's state: a write applied exactly once, or, when a write that
 * is not safe to repeat failed, never sent twice (and not applied when the failure came first).
 * The other items of the batch must end done, in input order, with one request each.
 *
 * Kinds live in KINDS: to add one, add an entry there; the expectations follow from its `safety`,
 * and whether it is a write (`applied`) or a read (`unchanged`). The feed's read and commit are
 * one request each (through the transport probe), so their "batch" is that one item.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import * as settings from '../../../../nodes/shared/transport/settings';
import type { FaultRule, Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { feedOf } from '../../../sandbox/families/feed';
import { notesOf } from '../../../sandbox/families/notes';
import { runOperation, runProbe } from '../../../harness/workflow';

const REQUEST_OPTIONS = { concurrency: 3 };

/**
 * Test-speed waits: the retry rules are the shipped ones, only the waits are shorter (a 429
 * without Retry-After waits 0.2 s instead of VTEX's advised minute; backoff starts at 50 ms).
 * The node's UI does not offer these two, so they are set where the router reads its settings.
 */
const { requestSettingsFromOptions } = jest.requireActual<typeof settings>(
	'../../../../nodes/shared/transport/settings',
);
jest.spyOn(settings, 'requestSettingsFromOptions').mockImplementation((options) => ({
	...requestSettingsFromOptions(options),
	backoffBaseMs: 50,
	defaultRetryAfterMs: 200,
}));

interface ItemOutcome {
	done: boolean;
	message?: string;
	description?: string;
}

interface Kind {
	name: string;
	/** `safe`: a read or an idempotent write, repeated after a 5xx, a timeout or a reset; `unsafe`: never. */
	safety: 'safe' | 'unsafe';
	/** The request of the item the fault is aimed at. */
	target: { method: string; pathPrefix: string };
	targetIndex: number;
	/** What the kind needs in the sandbox besides the seeded orders (a feed and its events). */
	setup?(sandbox: Sandbox): void | Promise<void>;
	/** Runs the batch with these request options; each item's outcome, in input order. */
	run(sandbox: Sandbox, requestOptions: IDataObject): Promise<ItemOutcome[]>;
	/** A write: how many times the target's write is in the sandbox's state. */
	applied?(sandbox: Sandbox): number;
	/** A read: what it must leave exactly as it was. */
	unchanged?(sandbox: Sandbox): unknown;
	/** Further checks of the sandbox's state once the cell's outcome was asserted. */
	afterwards?(sandbox: Sandbox): void;
	/** Requests the sandbox received for item `index` of the batch. */
	requestsFor(sandbox: Sandbox, index: number): number;
}

/** Runs an operation over `orderIds` (one item each) with continue-on-fail; outcomes in input order. */
async function runBatch(
	sandbox: Sandbox,
	parameters: INodeParameters,
	orderIds: string[],
	requestOptions: IDataObject,
) {
	const { output, result } = await runOperation(
		sandbox,
		{
			...parameters,
			orderId: '={{ $json.orderId }}',
			requestOptions: requestOptions as INodeParameters['requestOptions'],
		},
		{ items: orderIds.map((orderId, index) => ({ orderId, index })), continueOnFail: true },
	);
	// Output order and pairing are those of a one-by-one run.
	expect(result.items('VTEX').map((item) => item.pairedItem)).toEqual(
		orderIds.map((_id, item) => ({ item })),
	);
	return output.map(
		(json): ItemOutcome =>
			json.error === undefined
				? { done: true }
				: { done: false, message: String(json.error), description: String(json.description ?? '') },
	);
}

/** One request through the transport (the feed has no per-item operation to batch); its outcome. */
async function probeOutcome(
	sandbox: Sandbox,
	request: Parameters<typeof runProbe>[1],
	requestOptions: IDataObject,
): Promise<ItemOutcome> {
	const { error } = await runProbe(sandbox, request, requestOptions);
	return error
		? { done: false, message: error.message, description: String(error.description ?? '') }
		: { done: true };
}

const FEED_PATH = '/api/orders/feed';
const FEED_BACKLOG = 20;
/** The event and handle the feed commit's `setup` read, for its `run` and `applied`. */
let feedCommit: { eventId: string; handle: string };

const ORDERS = ['1001-01', '1002-01', '1010-01'];
const orderPath = (orderId: string, suffix = '') => `/api/oms/pvt/orders/${orderId}${suffix}`;
const countRequests = (sandbox: Sandbox, method: string, pathPrefix: string) =>
	sandbox.requests({ method, pathPrefix }).length;

/** A batch of one item per order of ORDERS, the fault aimed at the middle one's request. */
function perOrder(
	kind: Pick<Kind, 'name' | 'safety' | 'applied' | 'unchanged'>,
	request: { method: string; suffix: string },
	parameters: INodeParameters,
): Kind {
	return {
		...kind,
		target: { method: request.method, pathPrefix: orderPath(ORDERS[1], request.suffix) },
		targetIndex: 1,
		run: async (sandbox, options) => await runBatch(sandbox, parameters, ORDERS, options),
		requestsFor: (sandbox, index) =>
			countRequests(sandbox, request.method, orderPath(ORDERS[index], request.suffix)),
	};
}

const KINDS: Kind[] = [
	perOrder(
		{
			name: 'read (Order → Get)',
			safety: 'safe',
			unchanged: (sandbox) => sandbox.state.findOrder(ORDERS[1]),
		},
		{ method: 'GET', suffix: '' },
		{ resource: 'order', operation: 'get' },
	),
	perOrder(
		{
			name: 'idempotent write (Order → Invoice, keyed by invoice number)',
			safety: 'safe',
			applied: (sandbox) =>
				sandbox.state
					.findOrder(ORDERS[1])!
					.packageAttachment.packages.filter((pkg) => pkg.invoiceNumber === 'NF-MATRIX-1').length,
		},
		{ method: 'POST', suffix: '/invoice' },
		{
			resource: 'order',
			operation: 'invoice',
			type: 'Output',
			invoiceNumber: '=NF-MATRIX-{{ $json.index }}',
			itemsInput: 'json',
			// 1010-01 holds no SKU 101: its invoice names the order's own item.
			itemsJson:
				'={{ $json.orderId === "1010-01" ? [{ "id": "202", "quantity": 1, "price": 1999 }] : [{ "id": "101", "quantity": 1, "price": 4990 }] }}',
		},
	),
	perOrder(
		{
			name: 'non-idempotent write (Order → Cancel)',
			safety: 'unsafe',
			applied: (sandbox) => (sandbox.state.findOrder(ORDERS[1])!.status === 'canceled' ? 1 : 0),
		},
		{ method: 'POST', suffix: '/cancel' },
		{ resource: 'order', operation: 'cancel', reason: 'Stock shortage' },
	),
	{
		// Notes share one path, so the batch is three notes on one order: items for one order run
		// one after another, and the fault meets the first.
		name: 'non-idempotent write (Note → Create)',
		safety: 'unsafe',
		target: { method: 'POST', pathPrefix: '/api/do/notes' },
		targetIndex: 0,
		run: async (sandbox, options) =>
			await runBatch(
				sandbox,
				{ resource: 'note', operation: 'create', description: '=Matrix note {{ $json.index }}' },
				[ORDERS[1], ORDERS[1], ORDERS[1]],
				options,
			),
		applied: (sandbox) =>
			notesOf(sandbox, ORDERS[1]).filter((note) => note.description === 'Matrix note 0').length,
		requestsFor: (sandbox, index) =>
			sandbox
				.requests({ method: 'POST', pathPrefix: '/api/do/notes' })
				.filter(
					(request) =>
						(request.body as { description?: string }).description === `Matrix note ${index}`,
				).length,
	},
	{
		// A read removes nothing: what it delivered waits, invisible, for its visibility timeout.
		name: 'feed read (GET /api/orders/feed)',
		safety: 'safe',
		target: { method: 'GET', pathPrefix: FEED_PATH },
		targetIndex: 0,
		setup: (sandbox) => {
			feedOf(sandbox).configure();
			feedOf(sandbox).addBacklog({ count: FEED_BACKLOG });
		},
		run: async (sandbox, options) => [
			await probeOutcome(
				sandbox,
				{ method: 'GET', path: `${FEED_PATH}?maxlot=10`, idempotent: true },
				options,
			),
		],
		unchanged: (sandbox) => feedOf(sandbox).stats().queued,
		afterwards: (sandbox) => {
			const feed = feedOf(sandbox);
			// Every event a read handed out, an answer lost to a 503 or a reset included, is hidden
			// until its visibility timeout, and then comes back: nothing is lost.
			const stats = feed.stats();
			expect(stats.invisible).toBe(stats.delivered);
			expect(stats.visible).toBe(FEED_BACKLOG - stats.delivered);
			feed.expireVisibility();
			expect(feed.stats()).toMatchObject({ queued: FEED_BACKLOG, visible: FEED_BACKLOG });
		},
		requestsFor: (sandbox) => countRequests(sandbox, 'GET', FEED_PATH),
	},
	{
		// Committing a handle twice removes the event once (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed): safe to repeat.
		name: 'feed commit (POST /api/orders/feed)',
		safety: 'safe',
		target: { method: 'POST', pathPrefix: FEED_PATH },
		targetIndex: 0,
		setup: (sandbox) => {
			const feed = feedOf(sandbox);
			feed.configure();
			const [event] = feed.addBacklog({ count: 1 });
			const [delivery] = feed.receive(sandbox.defaultKey.appKey, 10);
			feedCommit = { eventId: event.eventId, handle: delivery.handle };
		},
		run: async (sandbox, options) => [
			await probeOutcome(
				sandbox,
				{
					method: 'POST',
					path: FEED_PATH,
					idempotent: true,
					body: { handles: [feedCommit.handle] },
				},
				options,
			),
		],
		applied: (sandbox) => feedOf(sandbox).committedCount(feedCommit.eventId),
		requestsFor: (sandbox) => countRequests(sandbox, 'POST', FEED_PATH),
	},
];

interface Expected {
	outcome: 'done' | 'error';
	/** Requests the sandbox received for the target item. */
	requests: number;
	/** For writes: times the write is in the sandbox's state. */
	applied: 0 | 1;
	/** The error's message and description, together. */
	error?: RegExp;
}

interface FaultCase {
	name: string;
	/** The rule, aimed at the target's method and path by the matrix. */
	rule: Omit<FaultRule, 'method' | 'pathPrefix'>;
	requestOptions?: IDataObject;
	safe: Expected;
	unsafe: Expected;
}

const done = (requests: number): Expected => ({ outcome: 'done', requests, applied: 1 });
const both = (expected: Expected) => ({ safe: expected, unsafe: expected });
const NOT_REPEATED =
	/not repeated: it is not safe to send twice, and VTEX may have applied it\. Read the order/;
/** A write that is not safe to repeat: sent once, then a clear error saying so (after `what`). */
const notRepeated = (applied: 0 | 1, what?: RegExp): Expected => ({
	outcome: 'error',
	requests: 1,
	applied,
	error: what ? new RegExp(`${what.source}[^]*${NOT_REPEATED.source}`) : NOT_REPEATED,
});

/**
 * A write that is not safe to repeat whose answer was lost after VTEX applied it: sent once, then
 * the operation reads VTEX's state, finds its goal reached and succeeds as a replay (the order
 * canceled, the note on the order).
 */
const converged: Expected = { outcome: 'done', requests: 1, applied: 1 };

const FAULTS: FaultCase[] = [
	{
		name: '429 burst with Retry-After',
		rule: { kind: '429', times: 2, retryAfter: '1' },
		...both(done(3)),
	},
	{ name: '429 burst without Retry-After', rule: { kind: '429', times: 2 }, ...both(done(3)) },
	{
		name: '503, nothing applied',
		rule: { kind: '503', times: 2 },
		safe: done(3),
		unsafe: notRepeated(0, /failed: Service Unavailable[^]*HTTP 503/),
	},
	{
		name: '503 after VTEX applied it',
		rule: { kind: '503', phase: 'after' },
		safe: done(2),
		unsafe: converged,
	},
	{
		name: 'slow answer, within the timeout',
		rule: { kind: 'slow', delayMs: 400 },
		...both(done(1)),
	},
	{
		// The sandbox goes on and applies the request after the client gave up.
		name: 'slow answer, beyond the timeout',
		rule: { kind: 'slow', delayMs: 1500 },
		requestOptions: { timeoutSeconds: 0.5 },
		safe: done(2),
		unsafe: notRepeated(1, /did not answer in time/),
	},
	{
		name: 'connection reset, nothing applied',
		rule: { kind: 'reset', times: 2 },
		safe: done(3),
		unsafe: notRepeated(0, /connection to VTEX was reset[^]*ECONNRESET/),
	},
	{
		name: 'connection reset after VTEX applied it',
		rule: { kind: 'reset', phase: 'after' },
		safe: done(2),
		unsafe: converged,
	},
	{
		name: 'HTML 200 (the login page)',
		rule: { kind: 'html200' },
		...both({
			outcome: 'error',
			requests: 1,
			applied: 0,
			error: /HTML page instead of JSON[^]*License Manager resource/,
		}),
	},
];

/** Requests still being served (a slow answer the client gave up on) finish before the state is read. */
async function settled(sandbox: Sandbox): Promise<void> {
	for (let waited = 0; sandbox.load.inFlight > 0 && waited < 5000; waited += 50) await sleep(50);
}

describe('fault matrix: every fault against every kind of request, in a parallel batch', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	describe.each(KINDS)('$name', (kind) => {
		it.each(FAULTS)('$name', async (fault) => {
			const expected = kind.safety === 'safe' ? fault.safe : fault.unsafe;
			await kind.setup?.(sandbox);
			const before = JSON.stringify(kind.unchanged?.(sandbox));
			// A request that ends in an error is not repeated: a rule meant for its repeats would meet the
			// next item on the same path (notes), so it then applies once.
			const times = expected.outcome === 'error' ? 1 : fault.rule.times;
			sandbox.addFault({
				...fault.rule,
				times,
				method: kind.target.method,
				pathPrefix: kind.target.pathPrefix,
			});

			const outcomes = await kind.run(sandbox, { ...REQUEST_OPTIONS, ...fault.requestOptions });
			await settled(sandbox);

			const target = outcomes[kind.targetIndex];
			if (expected.outcome === 'done') {
				expect(target).toEqual({ done: true });
			} else {
				expect(target.done).toBe(false);
				expect(`${target.message}\n${target.description}`).toMatch(expected.error!);
			}
			expect(kind.requestsFor(sandbox, kind.targetIndex)).toBe(expected.requests);
			if (kind.applied) expect(kind.applied(sandbox)).toBe(expected.applied);
			else expect(JSON.stringify(kind.unchanged?.(sandbox))).toBe(before);
			kind.afterwards?.(sandbox);

			// No other item is lost, fails or is sent twice.
			outcomes.forEach((outcome, index) => {
				if (index === kind.targetIndex) return;
				expect(outcome).toEqual({ done: true });
				expect(kind.requestsFor(sandbox, index)).toBe(1);
			});
		});
	});
});
