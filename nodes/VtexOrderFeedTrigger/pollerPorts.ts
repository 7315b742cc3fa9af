import type { IDataObject } from 'n8n-workflow';

import type { FeedAnswer } from '../shared/feed/feedAnswer';
import type { CommitMode } from './commitModes';
import type { WaitClock } from './FollowUpPolls';

/** What the feed poller is given: its settings, the feed, n8n, and its clock. */

/** One execution per event, or one per read round holding every event of the round. */
export type EmitMode = 'perEvent' | 'perPoll';

export interface PollerOptions {
	/** Statuses that start a workflow; empty means every status. */
	statuses: string[];
	commitMode: CommitMode;
	emitMode: EmitMode;
	/** The most events whose executions run at once; a round reads at most what is left of it. */
	maxEventsPerPoll: number;
	includeOrder: boolean;
	/**
	 * The feed's visibility timeout. With it the poller polls again when events it knows were
	 * hidden come back (FollowUpPolls); without it (a test run) only the schedule polls.
	 */
	visibilityTimeoutMs?: number;
}

/** The feed as the poller uses it (requests go through VtexClient in the node). */
export interface FeedPort {
	/** One read, checked (readFeedAnswer): throws when the answer is not a list of events. */
	read(maxlot: number): Promise<FeedAnswer>;
	commit(handles: string[]): Promise<void>;
	readOrder(orderId: string): Promise<IDataObject>;
}

/** What the poller asks of n8n. */
export interface WorkflowPort {
	/**
	 * Starts one execution with these items and resolves to whether it succeeded (n8n resolves
	 * emit's done promise with the run once it finished).
	 */
	start(items: IDataObject[]): Promise<boolean>;
	/** A poll failed, or part of it (nothing is lost: what was not committed comes back). */
	reportError(error: unknown): void;
	/** Progress worth a log line. */
	log(message: string): void;
}

/** How long a drain may go on, the clock it is measured with, and how follow-up polls wait. */
export interface DrainLimits extends WaitClock {
	maxDrainMs: number;
}
