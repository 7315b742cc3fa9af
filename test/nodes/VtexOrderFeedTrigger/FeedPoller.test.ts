import type { IDataObject } from 'n8n-workflow';

import type { FeedAnswer } from '../../../nodes/shared/feed/feedAnswer';
import type { FeedEvent } from '../../../nodes/shared/feed/feedEvent';
import type { CommitMode } from '../../../nodes/VtexOrderFeedTrigger/commitModes';
import { COMMIT_MODES } from '../../../nodes/VtexOrderFeedTrigger/commitModes';
import { DedupMemory } from '../../../nodes/shared/DedupMemory';
import type {
	DrainLimits,
	FeedPort,
	PollerOptions,
	WorkflowPort,
} from '../../../nodes/VtexOrderFeedTrigger/FeedPoller';
import { FeedPoller, MAX_DRAIN_MS } from '../../../nodes/VtexOrderFeedTrigger/FeedPoller';
import {
	FOLLOW_UP_MARGIN_MS,
	MAX_FOLLOW_UPS,
} from '../../../nodes/VtexOrderFeedTrigger/FollowUpPolls';
import { until } from './fixtures';

/**
 * The poller through its ports: a fake feed (a queue of deliveries, each with its own handle) and
 * a fake workflow (executions that succeed or fail, held until the test lets them end). The
 * engine tests run the same rules through n8n; these cover every combination of the table.
 */

/** A feed whose reads return what was delivered, in order, and which records every commit. */
class FakeFeed implements FeedPort {
	private visible: FeedEvent[] = [];

	private deliveries = 0;

	reads = 0;

	committed: string[] = [];

	/** Reads (numbered from 1) that wait for the test before taking events, by number. */
	private readonly hung = new Map<number, Promise<void>>();

	/** Reads (numbered from 1) that fail. */
	readonly failingReads = new Set<number>();

	/** Commits that fail, from the next one on. */
	failingCommits = 0;

	/** Added to the next read's answer (say, an earlier attempt whose answer was lost). */
	nextAnswer: Partial<FeedAnswer> = {};

	/** Makes read number `read` wait until the returned function is called. */
	hangRead(read: number): () => void {
		let release: () => void = () => {};
		this.hung.set(read, new Promise<void>((resolve) => (release = resolve)));
		return release;
	}

	/** One more delivery of an event; returns its handle. */
	deliver(eventId: string, state = 'ready-for-handling'): string {
		const handle = `h${++this.deliveries}`;
		this.visible.push({
			eventId,
			orderId: `order-of-${eventId || handle}`,
			state,
			lastState: 'window-to-cancel',
			domain: 'Fulfillment',
			currentChange: '2026-11-20T10:00:00Z',
			lastChange: '2026-11-20T09:00:00Z',
			handle,
		});
		return handle;
	}

	get waiting(): number {
		return this.visible.length;
	}

	async read(maxlot: number): Promise<FeedAnswer> {
		const read = ++this.reads;
		const hung = this.hung.get(read);
		const extra = this.nextAnswer;
		this.nextAnswer = {};
		if (hung) await hung;
		if (this.failingReads.has(read)) throw new Error('VTEX answered 500');
		return { events: this.visible.splice(0, maxlot), malformed: [], beyondLot: 0, ...extra };
	}

	async commit(handles: string[]): Promise<void> {
		if (this.failingCommits > 0) {
			this.failingCommits--;
			throw new Error('VTEX answered 503');
		}
		this.committed.push(...handles);
	}

	async readOrder(orderId: string): Promise<IDataObject> {
		return { orderId };
	}
}

/** A workflow whose executions end as `succeeds` says, at once or when released. */
class FakeWorkflow implements WorkflowPort {
	runs: IDataObject[][] = [];

	errors: unknown[] = [];

	logs: string[] = [];

	held: Array<() => void> = [];

	constructor(
		public succeeds: boolean,
		public hold = false,
	) {}

	get running(): number {
		return this.held.length;
	}

	/** The most events in executions at once (held ones), measured as each execution starts. */
	peak = 0;

	async start(items: IDataObject[]): Promise<boolean> {
		this.runs.push(items);
		this.peak = Math.max(this.peak, this.held.length + 1);
		if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
		return this.succeeds;
	}

	release(): void {
		this.hold = false;
		for (const resolve of this.held.splice(0)) resolve();
	}

	reportError(error: unknown): void {
		this.errors.push(error);
	}

	log(message: string): void {
		this.logs.push(message);
	}
}

/**
 * A clock that moves only when the test says, and sleeps that end only then. Like n8n 1.x's
 * `sleep`, a sleep ignores its abort signal (the test can check the signal was aborted).
 */
class FakeClock {
	now = 0;

	sleeps: Array<{ until: number; wake: () => void; signal?: AbortSignal }> = [];

	limits(): DrainLimits {
		return {
			maxDrainMs: MAX_DRAIN_MS,
			now: () => this.now,
			sleep: async (ms, signal) =>
				await new Promise<void>((wake) => this.sleeps.push({ until: this.now + ms, wake, signal })),
		};
	}

	/** Moves the clock to the end of the earliest sleep and ends it. */
	async advance(): Promise<void> {
		const next = this.sleeps.reduce((earliest, sleep) =>
			sleep.until < earliest.until ? sleep : earliest,
		);
		this.sleeps.splice(this.sleeps.indexOf(next), 1);
		this.now = next.until;
		next.wake();
		await settle();
	}
}

/** Lets every promise chain that can move on do so (the fakes answer without I/O). */
async function settle(): Promise<void> {
	for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

function setup(
	commitMode: CommitMode,
	succeeds: boolean,
	options: Partial<PollerOptions> = {},
	hold = false,
	limits?: DrainLimits,
) {
	const feed = new FakeFeed();
	const workflow = new FakeWorkflow(succeeds, hold);
	const store: IDataObject = {};
	const poller = new FeedPoller(
		{
			statuses: [],
			commitMode,
			emitMode: 'perEvent',
			maxEventsPerPoll: 100,
			includeOrder: false,
			...options,
		},
		feed,
		workflow,
		new DedupMemory(store),
		limits,
	);
	return { feed, workflow, store, poller };
}

type Duplicate = 'none' | 'in the same read' | 'while the first runs' | 'after the first finished';
type Outcome = 'succeeds' | 'fails';

/** Delivers event E (twice unless 'none') as the scenario says; returns the handles and what ran. */
async function deliver(commitMode: CommitMode, outcome: Outcome, duplicate: Duplicate) {
	const { feed, workflow, store, poller } = setup(
		commitMode,
		outcome === 'succeeds',
		{},
		duplicate === 'while the first runs',
	);
	const first = feed.deliver('E');
	let second: string | undefined;
	if (duplicate === 'in the same read') second = feed.deliver('E');
	const firstPoll = poller.poll();
	if (duplicate === 'while the first runs') {
		await until(() => workflow.running === 1);
		second = feed.deliver('E');
		const secondPoll = poller.poll();
		await until(() => feed.waiting === 0 && feed.reads === 2);
		workflow.release();
		await secondPoll;
	}
	await firstPoll;
	if (duplicate === 'after the first finished') {
		second = feed.deliver('E');
		await poller.poll();
	}
	const handles = { first, second: second ?? 'none' };
	return { feed, workflow, store, handles };
}

/**
 * What each mode does with event E: how many executions, which handles the trigger committed
 * ('first', 'second'), and whether E is remembered. One row per mode × outcome × duplicate.
 */
const expected: Array<
	[CommitMode, Outcome, Duplicate, number, Array<'first' | 'second'>, boolean]
> = [
	['afterSuccess', 'succeeds', 'none', 1, ['first'], true],
	['afterSuccess', 'fails', 'none', 1, [], false],
	['afterSuccess', 'succeeds', 'in the same read', 1, ['first', 'second'], true],
	['afterSuccess', 'fails', 'in the same read', 1, [], false],
	['afterSuccess', 'succeeds', 'while the first runs', 1, ['first', 'second'], true],
	['afterSuccess', 'fails', 'while the first runs', 1, [], false],
	['afterSuccess', 'succeeds', 'after the first finished', 1, ['first', 'second'], true],
	['afterSuccess', 'fails', 'after the first finished', 2, [], false],
	['onReceive', 'succeeds', 'none', 1, ['first'], true],
	['onReceive', 'fails', 'none', 1, ['first'], true],
	['onReceive', 'succeeds', 'in the same read', 1, ['first', 'second'], true],
	['onReceive', 'fails', 'in the same read', 1, ['first', 'second'], true],
	['onReceive', 'succeeds', 'while the first runs', 1, ['first', 'second'], true],
	['onReceive', 'fails', 'while the first runs', 1, ['first', 'second'], true],
	['onReceive', 'succeeds', 'after the first finished', 1, ['first', 'second'], true],
	['onReceive', 'fails', 'after the first finished', 1, ['first', 'second'], true],
	['inWorkflow', 'succeeds', 'none', 1, [], false],
	['inWorkflow', 'fails', 'none', 1, [], false],
	['inWorkflow', 'succeeds', 'in the same read', 1, [], false],
	['inWorkflow', 'fails', 'in the same read', 1, [], false],
	['inWorkflow', 'succeeds', 'while the first runs', 2, [], false],
	['inWorkflow', 'fails', 'while the first runs', 2, [], false],
	['inWorkflow', 'succeeds', 'after the first finished', 2, [], false],
	['inWorkflow', 'fails', 'after the first finished', 2, [], false],
];

describe('FeedPoller through its ports', () => {
	describe('commit modes: mode × execution outcome × duplicate delivery → commits', () => {
		it.each(expected)(
			'%s, execution %s, duplicate %s: %i execution(s), commits %j, remembered %s',
			async (mode, outcome, duplicate, runs, commits, remembered) => {
				const { feed, workflow, store, handles } = await deliver(mode, outcome, duplicate);
				expect(workflow.runs).toHaveLength(runs);
				expect([...feed.committed].sort()).toEqual(commits.map((which) => handles[which]).sort());
				expect(store.processedEventIds ?? []).toEqual(remembered ? ['E'] : []);
				expect(workflow.errors).toEqual([]);
			},
		);

		it('gives the workflow both handles of an event delivered twice in one read only when it commits ("In the Workflow")', async () => {
			for (const mode of Object.keys(COMMIT_MODES) as CommitMode[]) {
				const { workflow, handles } = await deliver(mode, 'succeeds', 'in the same read');
				const [[item]] = workflow.runs;
				expect(item.handle).toBe(handles.first);
				expect(item.handles).toEqual(
					COMMIT_MODES[mode].handlesInItems ? [handles.first, handles.second] : undefined,
				);
			}
		});

		it('commits an event of a status not selected without running it, in every mode', async () => {
			for (const mode of Object.keys(COMMIT_MODES) as CommitMode[]) {
				const { feed, workflow, poller } = setup(mode, true, { statuses: ['ready-for-handling'] });
				const handle = feed.deliver('X', 'canceled');
				await poller.poll();
				expect(workflow.runs).toEqual([]);
				expect(feed.committed).toEqual([handle]);
			}
		});

		it('never merges or remembers events without an eventId, in every mode', async () => {
			for (const mode of Object.keys(COMMIT_MODES) as CommitMode[]) {
				const { feed, workflow, store, poller } = setup(mode, true);
				feed.deliver('');
				feed.deliver('');
				await poller.poll();
				expect(workflow.runs).toHaveLength(2);
				expect(feed.committed).toHaveLength(COMMIT_MODES[mode].commit === 'byWorkflow' ? 0 : 2);
				expect(store.processedEventIds ?? []).toEqual([]);
			}
		});
	});

	describe('the drain', () => {
		const backlog = (feed: FakeFeed, count: number) => {
			for (let index = 0; index < count; index++) feed.deliver(`E${index}`);
		};

		it('reads again as executions finish, with at most Max Events per Poll running, until a read comes back short', async () => {
			const { feed, workflow, poller } = setup(
				'afterSuccess',
				true,
				{ maxEventsPerPoll: 20 },
				true,
			);
			backlog(feed, 95);
			const polling = poller.poll();
			await until(() => workflow.running === 20);
			// A poll due now does nothing: one poll at a time.
			await poller.poll();
			expect(feed.reads).toBe(2);
			// Executions end three at a time; the drain reads again once a whole read of 10 fits.
			while (workflow.runs.length < 95) {
				for (const resolve of workflow.held.splice(0, 3)) resolve();
				await settle();
				expect(workflow.running).toBeLessThanOrEqual(20);
			}
			workflow.release();
			await polling;
			expect(workflow.peak).toBe(20);
			expect(feed.waiting).toBe(0);
			expect(feed.committed).toHaveLength(95);
			// Nine full reads of 10 and the short one of 5: never a read of 3 as a few slots free up.
			expect(feed.reads).toBe(10);
		});

		it('stops reading after MAX_DRAIN_MS; a poll due while it waits for room is its clock', async () => {
			let now = 0;
			const feed = new FakeFeed();
			const workflow = new FakeWorkflow(true, true);
			const poller = new FeedPoller(
				{
					statuses: [],
					commitMode: 'afterSuccess',
					emitMode: 'perEvent',
					maxEventsPerPoll: 10,
					includeOrder: false,
				},
				feed,
				workflow,
				new DedupMemory({}),
				{
					maxDrainMs: MAX_DRAIN_MS,
					now: () => now,
					sleep: async () => await new Promise(() => {}),
				},
			);
			backlog(feed, 50);
			const polling = poller.poll();
			await until(() => workflow.running === 10);
			now += MAX_DRAIN_MS;
			await poller.poll();
			await until(() =>
				workflow.logs.some((line) => line.startsWith('Feed drain stopped: it drained for 600 s')),
			);
			workflow.release();
			await polling;
			expect(feed.reads).toBe(1);
			expect(feed.committed).toHaveLength(10);
			expect(feed.waiting).toBe(40);

			// The next poll starts a drain of its own and goes on.
			await poller.poll();
			expect(feed.waiting).toBe(0);
			expect(feed.committed).toHaveLength(50);
		});

		it('stops reading when closed, and still commits what ran', async () => {
			const { feed, workflow, poller } = setup(
				'afterSuccess',
				true,
				{ maxEventsPerPoll: 10 },
				true,
			);
			backlog(feed, 30);
			const polling = poller.poll();
			await until(() => workflow.running === 10);
			poller.close();
			workflow.release();
			await polling;
			expect(workflow.runs).toHaveLength(10);
			expect(feed.committed).toHaveLength(10);
			expect(workflow.logs).toContain('Feed drain stopped: the workflow was deactivated');
			await poller.poll();
			expect(feed.reads).toBe(1);
		});

		it('counts an execution n8n could not start as failed: its event is not committed', async () => {
			const { feed, workflow, poller } = setup('afterSuccess', true);
			workflow.start = () => {
				throw new Error('n8n is shutting down');
			};
			feed.deliver('E');
			await poller.poll();
			expect(feed.committed).toEqual([]);
			expect(workflow.errors).toEqual([new Error('n8n is shutting down')]);
		});
	});

	describe('the drain, one execution per event: no round to wait for', () => {
		it('goes on reading and running while one read hangs; that read holds only its own lot', async () => {
			const { feed, workflow, poller } = setup(
				'afterSuccess',
				true,
				{ maxEventsPerPoll: 30 },
				true,
			);
			for (let index = 0; index < 100; index++) feed.deliver(`E${index}`);
			// The second read hangs (a 429 without Retry-After waits VTEX's minute).
			const releaseRead = feed.hangRead(2);
			let finished = false;
			const polling = poller.poll().then(() => (finished = true));
			let ended = 0;
			while (workflow.runs.length < 100) {
				await settle();
				// The hung read keeps room for its 10 events: at most 20 others run.
				expect(workflow.running).toBeLessThanOrEqual(20);
				// Nothing is committed before its execution succeeded.
				expect(feed.committed.length).toBeLessThanOrEqual(ended);
				const ending = workflow.held.splice(0, 5);
				ended += ending.length;
				for (const resolve of ending) resolve();
			}
			workflow.release();
			await settle();
			// Every event ran and was committed by the other reads; the poll waits for the hung one.
			expect(feed.committed).toHaveLength(100);
			expect(finished).toBe(false);
			const readsSoFar = feed.reads;
			// A poll due now does nothing: one poll at a time.
			await poller.poll();
			expect(feed.reads).toBe(readsSoFar);

			releaseRead();
			await polling;
			expect(workflow.peak).toBe(20);
			expect(workflow.runs).toHaveLength(100);
			expect(feed.reads).toBe(readsSoFar);
		});

		it('stops starting reads after a failed one, lets the reads in flight finish, then reports it', async () => {
			const { feed, workflow, poller } = setup('afterSuccess', true, { maxEventsPerPoll: 50 });
			for (let index = 0; index < 100; index++) feed.deliver(`E${index}`);
			// Reads 2 and 3 go out together after the first came back full; 3 fails while 2 hangs.
			const releaseRead = feed.hangRead(2);
			feed.failingReads.add(3);
			let finished = false;
			const polling = poller.poll().then(() => (finished = true));
			await settle();
			expect(feed.reads).toBe(3);
			expect(finished).toBe(false);
			expect(workflow.errors).toEqual([]);
			releaseRead();
			await polling;
			expect(feed.reads).toBe(3);
			expect(workflow.errors).toEqual([new Error('VTEX answered 500')]);
			// What the reads that succeeded brought ran and was committed.
			expect(workflow.runs).toHaveLength(20);
			expect(feed.committed).toHaveLength(20);
		});

		it('reads once when the feed has little in it, and more at once only while reads come back full', async () => {
			const { feed, poller } = setup('afterSuccess', true);
			for (let index = 0; index < 3; index++) feed.deliver(`E${index}`);
			await poller.poll();
			expect(feed.reads).toBe(1);
			expect(feed.committed).toHaveLength(3);
		});
	});

	describe('follow-up polls when hidden events come back', () => {
		const V = 240_000;

		function withFollowUps(commitMode: CommitMode, succeeds: boolean) {
			const clock = new FakeClock();
			const parts = setup(commitMode, succeeds, { visibilityTimeoutMs: V }, false, clock.limits());
			return { clock, ...parts };
		}

		const dueTimes = (clock: FakeClock) => clock.sleeps.map((sleep) => sleep.until).sort();

		it('polls again at the read time + V + 2 s after a failed execution, and runs the event again', async () => {
			const { clock, feed, workflow, poller } = withFollowUps('afterSuccess', false);
			clock.now = 10_000;
			feed.deliver('E');
			await poller.poll();
			expect(dueTimes(clock)).toEqual([10_000 + V + FOLLOW_UP_MARGIN_MS]);
			expect(workflow.logs).toContainEqual(
				expect.stringMatching(
					/^Follow-up poll at 1970-01-01T00:04:12\.000Z \(in 242 s\): the execution of 1 event\(s\) failed; .* 240 s$/,
				),
			);
			expect(feed.committed).toEqual([]);

			// VTEX shows the event again once V passed; the follow-up finds it.
			workflow.succeeds = true;
			const again = feed.deliver('E');
			await clock.advance();
			await until(() => feed.committed.length === 1);
			expect(workflow.runs).toHaveLength(2);
			expect(feed.committed).toEqual([again]);
			expect(clock.sleeps).toEqual([]);
		});

		it('counts an execution n8n could not start as failed: a follow-up too', async () => {
			const { clock, feed, workflow, poller } = withFollowUps('afterSuccess', true);
			workflow.start = () => {
				throw new Error('n8n is shutting down');
			};
			clock.now = 1_000;
			feed.deliver('E');
			await poller.poll();
			expect(dueTimes(clock)).toEqual([1_000 + V + FOLLOW_UP_MARGIN_MS]);
		});

		it('schedules nothing for a failed execution whose events were committed when received', async () => {
			const { clock, feed, poller } = withFollowUps('onReceive', false);
			feed.deliver('E');
			await poller.poll();
			expect(feed.committed).toHaveLength(1);
			expect(clock.sleeps).toEqual([]);
		});

		it('polls again at the read time + V + 2 s after a failed commit; the event is then committed without running again', async () => {
			const { clock, feed, workflow, poller } = withFollowUps('afterSuccess', true);
			clock.now = 20_000;
			feed.deliver('E');
			feed.failingCommits = 1;
			await poller.poll();
			expect(feed.committed).toEqual([]);
			expect(dueTimes(clock)).toEqual([20_000 + V + FOLLOW_UP_MARGIN_MS]);
			expect(workflow.logs).toContainEqual(
				expect.stringContaining('(in 242 s): committing 1 event(s) failed'),
			);

			const again = feed.deliver('E');
			await clock.advance();
			await until(() => feed.committed.length === 1);
			expect(feed.committed).toEqual([again]);
			expect(workflow.runs).toHaveLength(1);
		});

		it('polls again after a failed commit on receipt ("When Received"): the batch runs then', async () => {
			const { clock, feed, workflow, poller } = withFollowUps('onReceive', true);
			clock.now = 30_000;
			feed.deliver('E');
			feed.failingCommits = 1;
			await poller.poll();
			expect(workflow.runs).toEqual([]);
			expect(workflow.errors).toEqual([new Error('VTEX answered 503')]);
			expect(dueTimes(clock)).toEqual([30_000 + V + FOLLOW_UP_MARGIN_MS]);

			feed.deliver('E');
			await clock.advance();
			await until(() => workflow.runs.length === 1);
			expect(feed.committed).toHaveLength(1);
		});

		it('polls again at the lost attempt’s time + V + 2 s when a read was retried after an answer that never came', async () => {
			const { clock, feed, workflow, poller } = withFollowUps('afterSuccess', true);
			clock.now = 7_000;
			feed.nextAnswer = { earlierAttemptServedAt: 5_000 };
			await poller.poll();
			expect(dueTimes(clock)).toEqual([5_000 + V + FOLLOW_UP_MARGIN_MS]);
			expect(workflow.logs).toContainEqual(
				expect.stringContaining(
					'(in 240 s): a feed read was retried after an attempt whose answer was lost',
				),
			);

			// What the lost answer handed out is visible again.
			feed.deliver('L');
			await clock.advance();
			await until(() => feed.committed.length === 1);
			expect(workflow.runs.map(([item]) => item.eventId)).toEqual(['L']);
		});

		it('covers returns a few seconds apart with one follow-up, moved to the later one', async () => {
			const { clock, feed, poller } = withFollowUps('afterSuccess', false);
			for (const [at, eventId] of [
				[10_000, 'A'],
				[13_000, 'B'],
				[30_000, 'C'],
			] as const) {
				clock.now = at;
				feed.deliver(eventId);
				await poller.poll();
			}
			const due = (readAt: number) => readAt + V + FOLLOW_UP_MARGIN_MS;
			expect(dueTimes(clock)).toEqual([due(10_000), due(30_000)]);
			// The first wakes when it was first due, and waits on for B.
			await clock.advance();
			expect(feed.reads).toBe(3);
			expect(dueTimes(clock)).toEqual([due(13_000), due(30_000)]);
			await clock.advance();
			await until(() => feed.reads === 4);
			await clock.advance();
			await until(() => feed.reads === 5);
		});

		it('keeps at most MAX_FOLLOW_UPS waiting: beyond, the latest moves later to cover the new return', async () => {
			const { clock, feed, workflow, poller } = withFollowUps('afterSuccess', true);
			const lost = MAX_FOLLOW_UPS + 6;
			for (let index = 0; index < lost; index++) {
				clock.now = index * 10_000;
				feed.nextAnswer = { earlierAttemptServedAt: clock.now };
				await poller.poll();
			}
			expect(clock.sleeps).toHaveLength(MAX_FOLLOW_UPS);
			const lastDue = (lost - 1) * 10_000 + V + FOLLOW_UP_MARGIN_MS;
			expect(workflow.logs.at(-1)).toMatch(
				new RegExp(`^Follow-up poll at ${new Date(lastDue).toISOString().replace(/\./g, '\\.')} `),
			);
			// Every follow-up still polls once, the latest once every return it covers is due.
			for (let index = 0; index < MAX_FOLLOW_UPS; index++) await clock.advance();
			await clock.advance();
			await until(() => feed.reads === lost + MAX_FOLLOW_UPS);
			expect(clock.now).toBe(lastDue);
		});

		it('polls once more after a drain whose last read started before a follow-up came due', async () => {
			const { clock, feed, workflow, poller } = withFollowUps('afterSuccess', true);
			feed.nextAnswer = { earlierAttemptServedAt: 0 };
			await poller.poll();
			expect(feed.reads).toBe(1);
			const releaseRead = feed.hangRead(2);
			const draining = poller.poll();
			await settle();
			await clock.advance();
			expect(workflow.logs).toContainEqual(
				expect.stringMatching(/^Follow-up poll due while a poll drains the feed/),
			);
			expect(feed.reads).toBe(2);
			releaseRead();
			await draining;
			await until(() => feed.reads === 3);
		});

		it('does not poll after the trigger closed, and stops waiting', async () => {
			const { clock, feed, poller } = withFollowUps('afterSuccess', false);
			feed.deliver('E');
			await poller.poll();
			const [waiting] = clock.sleeps;
			poller.close();
			expect(waiting.signal?.aborted).toBe(true);
			// An n8n 1.x sleep ignores the signal and ends anyway: no poll follows.
			feed.deliver('E');
			await clock.advance();
			expect(feed.reads).toBe(1);
			expect(clock.sleeps).toEqual([]);
		});
	});
});
