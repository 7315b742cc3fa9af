import { MAX_HANDLES_PER_COMMIT } from '../shared/feed/feedApi';

interface Waiting {
	handles: string[];
	done: () => void;
}

/**
 * Commits handles as executions finish, in as few requests as possible: while one commit
 * request is in flight, the handles of executions finishing meanwhile wait and leave together
 * in the next request (up to MAX_HANDLES_PER_COMMIT, more when one execution holds more).
 * A failed commit is reported, not thrown: the events come back after the visibility timeout
 * and the trigger, remembering them, commits them without running them again.
 */
export class CommitQueue {
	private waiting: Waiting[] = [];

	private flushing?: Promise<void>;

	constructor(
		private readonly commit: (handles: string[]) => Promise<void>,
		private readonly onError: (error: unknown, handles: string[]) => void,
	) {}

	/** Resolves once these handles were sent (or their failure reported). Never rejects. */
	async add(handles: string[]): Promise<void> {
		if (handles.length === 0) return;
		await new Promise<void>((done) => {
			this.waiting.push({ handles, done });
			this.flushing ??= this.flush();
		});
	}

	private async flush(): Promise<void> {
		while (this.waiting.length > 0) {
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
			const handles = batch.flatMap((entry) => entry.handles);
			await this.commit(handles).catch((error: unknown) => this.onError(error, handles));
			for (const entry of batch) entry.done();
		}
		this.flushing = undefined;
	}
}
