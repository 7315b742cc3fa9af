/**
 * The three Commit Events modes, as data: every difference between them lives in this table, and
 * the poller only reads it. Whatever the mode, an event of a status not selected, or one already
 * remembered, is committed when received without starting anything (so the feed never blocks);
 * and every execution is waited for, so no more than Max Events per Poll events run at once.
 */
export type CommitMode = 'afterSuccess' | 'onReceive' | 'inWorkflow';

export interface CommitModeRule {
	/**
	 * When the trigger commits an event it runs: `onReceipt` before the workflow runs (at most
	 * once), `afterSuccess` once the execution succeeded (at least once), `byWorkflow` never: the
	 * workflow commits it with Feed → Commit.
	 */
	commit: 'onReceipt' | 'afterSuccess' | 'byWorkflow';
	/**
	 * When its eventId is remembered (DedupMemory), so that a later delivery is committed without
	 * running: together with the trigger's commit, or `never` when the workflow owns duplicates
	 * (the memory is then not consulted either).
	 */
	remember: 'onReceipt' | 'afterSuccess' | 'never';
	/**
	 * A second delivery of an event whose first delivery has not finished (not yet emitted, or its
	 * execution still running): `join` it, so its handle is committed with the first once that
	 * succeeded; `commitNow`, as the first was; `joinUntilEmitted`: join while the first is still
	 * being read (its item then carries both handles), and run again once it left, since an item
	 * cannot change after it was emitted.
	 */
	secondDelivery: 'join' | 'commitNow' | 'joinUntilEmitted';
	/** Whether items carry `handles` (every delivery's handle) for the workflow to commit. */
	handlesInItems: boolean;
}

export const COMMIT_MODES: Readonly<Record<CommitMode, Readonly<CommitModeRule>>> = {
	afterSuccess: {
		commit: 'afterSuccess',
		remember: 'afterSuccess',
		secondDelivery: 'join',
		handlesInItems: false,
	},
	onReceive: {
		commit: 'onReceipt',
		remember: 'onReceipt',
		secondDelivery: 'commitNow',
		handlesInItems: false,
	},
	inWorkflow: {
		commit: 'byWorkflow',
		remember: 'never',
		secondDelivery: 'joinUntilEmitted',
		handlesInItems: true,
	},
};
