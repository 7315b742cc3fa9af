import { MAX_HANDLES_PER_COMMIT } from '../shared/feed/feedApi';

interface Waiting {
	handles: string[];
	done: (committed: boolean) => void;
}

/**
 * Commit requests in flight at once. One at a time, commits take latency × requests (75 s for
 * 5,000 events at 150 ms); the transport's rate gate sets the pace.
 */
const COMMITS_AT_ONCE = 16;

/**
 * Commits handles as executions finish, in as few requests as possible: a full request
 * (MAX_HANDLES_PER_COMMIT handles) leaves at once, up to COMMITS_AT_ONCE in flight; handles that
 * do not fill one wait for the commits in flight and leave together when none is left, so a
 * trickle of executions still makes few requests. A failed commit is reported, not thrown (`add`
 * resolves to false): the events come back after the visibility timeout, the trigger polls again
 * then (FollowUpPolls) and, remembering them, commits them without running them again.
 */
export class CommitQueue {
	private waiting: Waiting[] = [];

	private waitingHandles = 0;

	private inFlight = 0;

	constructor(
		private readonly commit: (handles: string[]) => Promise<void>,
		private readonly onError: (error: unknown, handles: string[]) => void,
	) {}

	/**
	 * Resolves once these handles were sent, to whether every request for them succeeded (a
	 * failure is reported as well). Never rejects. An
	 * execution's handles beyond one request's worth (one execution per poll) are queued as
	 * several requests, so they go out COMMITS_AT_ONCE at a time instead of one after another.
	 */
	async add(handles: string[]): Promise<boolean> {
		const sent: Array<Promise<boolean>> = [];
		for (let start = 0; start < handles.length; start += MAX_HANDLES_PER_COMMIT) {
			const chunk = handles.slice(start, start + MAX_HANDLES_PER_COMMIT);
			sent.push(
				new Promise<boolean>((done) => {
					this.waiting.push({ handles: chunk, done });
					this.waitingHandles += chunk.length;
				}),
			);
		}
		this.dispatch();
		return (await Promise.all(sent)).every(Boolean);
	}

	/** Sends full requests while there is room, and a partial one when nothing is in flight. */
	private dispatch(): void {
		while (
			this.waiting.length > 0 &&
			this.inFlight < COMMITS_AT_ONCE &&
			(this.waitingHandles >= MAX_HANDLES_PER_COMMIT || this.inFlight === 0)
		) {
			void this.send(this.takeBatch());
		}
	}

	private takeBatch(): Waiting[] {
		const batch: Waiting[] = [];
		let count = 0;
		while (
			this.waiting.length > 0 &&
			(count === 0 || count + this.waiting[0].handles.length <= MAX_HANDLES_PER_COMMIT)
		) {
			const next = this.waiting.shift()!;
			batch.push(next);
			count += next.handles.length;
		}
		this.waitingHandles -= count;
		return batch;
	}

	private async send(batch: Waiting[]): Promise<void> {
		this.inFlight++;
		const handles = batch.flatMap((entry) => entry.handles);
		const committed = await this.commit(handles).then(
			() => true,
			(error: unknown) => {
				this.onError(error, handles);
				return false;
			},
		);
		this.inFlight--;
		for (const entry of batch) entry.done(committed);
		this.dispatch();
	}
}
