import type { CommitMode } from '../../../nodes/VtexOrderFeedTrigger/commitModes';
import { COMMIT_MODES } from '../../../nodes/VtexOrderFeedTrigger/commitModes';
import type { EventFate } from '../../../nodes/VtexOrderFeedTrigger/partitionBatch';
import { partitionBatch } from '../../../nodes/VtexOrderFeedTrigger/partitionBatch';
import type { FeedEvent } from '../../../nodes/shared/feed/feedEvent';

/**
 * The decision of what becomes of each event of a batch, as a table: the commit mode, what the
 * poller already knows (an unfinished delivery of the eventId, emitted or not; a remembered
 * eventId), the batch, and the fate of each event and the handles committed on receipt.
 */

/** `id@state#handle`; an empty id is an event without eventId. */
function event(spec: string): FeedEvent {
	const [idAndState, handle] = spec.split('#');
	const [eventId, state] = idAndState.split('@');
	return {
		eventId,
		orderId: `order-${eventId || 'anonymous'}`,
		state,
		lastState: '',
		domain: 'Marketplace',
		currentChange: '',
		lastChange: '',
		handle,
	};
}

interface Row {
	mode: CommitMode;
	statuses?: string[];
	unfinished?: Record<string, { emitted: boolean }>;
	remembered?: string[];
	batch: string[];
	fates: EventFate[];
	commitNow: string[];
}

const table: Array<[string, Row]> = [
	[
		'a new event runs, committed later after success',
		{ mode: 'afterSuccess', batch: ['a@ready#h1'], fates: ['run'], commitNow: [] },
	],
	[
		'a new event runs and is committed on receipt',
		{ mode: 'onReceive', batch: ['a@ready#h1'], fates: ['run'], commitNow: ['h1'] },
	],
	[
		'a new event runs, the workflow commits it',
		{ mode: 'inWorkflow', batch: ['a@ready#h1'], fates: ['run'], commitNow: [] },
	],
	[
		'a status not selected is committed without running, whatever the mode',
		{
			mode: 'inWorkflow',
			statuses: ['ready-for-handling'],
			batch: ['a@invoiced#h1', 'b@ready-for-handling#h2'],
			fates: ['commitNow', 'run'],
			commitNow: ['h1'],
		},
	],
	[
		'a remembered eventId is committed without running',
		{
			mode: 'afterSuccess',
			remembered: ['a'],
			batch: ['a@ready#h1'],
			fates: ['commitNow'],
			commitNow: ['h1'],
		},
	],
	[
		'the memory is not consulted when the workflow owns duplicates',
		{ mode: 'inWorkflow', remembered: ['a'], batch: ['a@ready#h1'], fates: ['run'], commitNow: [] },
	],
	[
		'a second delivery in the same batch joins the first (after success)',
		{
			mode: 'afterSuccess',
			batch: ['a@ready#h1', 'a@ready#h2'],
			fates: ['run', 'join'],
			commitNow: [],
		},
	],
	[
		'a second delivery in the same batch is committed now (on receipt)',
		{
			mode: 'onReceive',
			batch: ['a@ready#h1', 'a@ready#h2'],
			fates: ['run', 'commitNow'],
			commitNow: ['h1', 'h2'],
		},
	],
	[
		'a second delivery in the same batch joins the first before it was emitted (in workflow)',
		{
			mode: 'inWorkflow',
			batch: ['a@ready#h1', 'a@ready#h2'],
			fates: ['run', 'join'],
			commitNow: [],
		},
	],
	[
		'a delivery of an event still running joins it (after success)',
		{
			mode: 'afterSuccess',
			unfinished: { a: { emitted: true } },
			batch: ['a@ready#h2'],
			fates: ['join'],
			commitNow: [],
		},
	],
	[
		'a delivery of an event still running is committed now (on receipt)',
		{
			mode: 'onReceive',
			unfinished: { a: { emitted: true } },
			batch: ['a@ready#h2'],
			fates: ['commitNow'],
			commitNow: ['h2'],
		},
	],
	[
		'a delivery of an event whose item left runs again (in workflow)',
		{
			mode: 'inWorkflow',
			unfinished: { a: { emitted: true } },
			batch: ['a@ready#h2', 'a@ready#h3'],
			fates: ['run', 'join'],
			commitNow: [],
		},
	],
	[
		'a delivery of an event whose item has not left yet joins it (in workflow)',
		{
			mode: 'inWorkflow',
			unfinished: { a: { emitted: false } },
			batch: ['a@ready#h2'],
			fates: ['join'],
			commitNow: [],
		},
	],
	[
		'events without eventId never join each other nor anything unfinished',
		{
			mode: 'afterSuccess',
			unfinished: { '': { emitted: false } },
			batch: ['@ready#h1', '@ready#h2'],
			fates: ['run', 'run'],
			commitNow: [],
		},
	],
	[
		'an eventId with spaces around is the same event',
		{
			mode: 'afterSuccess',
			batch: ['a@ready#h1', ' a @ready#h2'],
			fates: ['run', 'join'],
			commitNow: [],
		},
	],
	[
		'a mixed batch keeps its order in the commit request',
		{
			mode: 'onReceive',
			statuses: ['ready'],
			remembered: ['c'],
			batch: ['a@ready#h1', 'b@other#h2', 'c@ready#h3', 'a@ready#h4', 'd@ready#h5'],
			fates: ['run', 'commitNow', 'commitNow', 'commitNow', 'run'],
			commitNow: ['h1', 'h2', 'h3', 'h4', 'h5'],
		},
	],
	['an empty batch decides nothing', { mode: 'afterSuccess', batch: [], fates: [], commitNow: [] }],
];

describe('partitionBatch', () => {
	it.each(table)('%s', (_, row) => {
		const unfinished = new Map(Object.entries(row.unfinished ?? {}));
		const remembered = new Set(row.remembered ?? []);
		const batch = row.batch.map(event);
		const partition = partitionBatch(batch, {
			rule: COMMIT_MODES[row.mode],
			statuses: row.statuses ?? [],
			remembered,
			unfinished,
		});
		expect(partition.events.map(({ fate }) => fate)).toEqual(row.fates);
		expect(partition.events.map(({ event: { handle } }) => handle)).toEqual(
			batch.map(({ handle }) => handle),
		);
		expect(partition.commitNow).toEqual(row.commitNow);
		// Pure: what the poller knows is read, never changed.
		expect([...unfinished.keys()]).toEqual(Object.keys(row.unfinished ?? {}));
	});
});
