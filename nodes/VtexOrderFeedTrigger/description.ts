import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsField } from '../shared/transport';
import { feedConfigFields, statusFields } from '../shared/feed/descriptions';

const deliveryFields: INodeProperties[] = [
	{
		displayName: 'Commit Events',
		name: 'commitMode',
		type: 'options',
		options: [
			{
				name: 'After the Workflow Succeeds',
				value: 'afterSuccess',
				description:
					'At least once: an event is committed when the execution it started succeeded. A failed execution leaves it in the feed, and VTEX delivers it again after the visibility timeout.',
			},
			{
				name: 'In the Workflow',
				value: 'inWorkflow',
				description:
					'The trigger commits nothing it emits: each item carries its handle, and the workflow ends with VTEX Order Processing → Feed → Commit',
			},
			{
				name: 'When Received',
				value: 'onReceive',
				description:
					'At most once: events are committed before the workflow runs. A failed execution does not bring them back.',
			},
		],
		default: 'afterSuccess',
		description:
			'When the trigger tells VTEX an event was handled (commits its handle), so VTEX stops delivering it',
	},
	{
		displayName: 'Emit',
		name: 'emitMode',
		type: 'options',
		options: [
			{
				name: 'One Execution per Event',
				value: 'perEvent',
				description:
					'Each event runs the workflow on its own: a failing order does not hold back the others',
			},
			{
				name: 'One Execution per Poll',
				value: 'perPoll',
				description:
					'The events read together (up to Max Events per Poll) run the workflow together, one item each; a poll draining a backlog starts one such execution after another',
			},
		],
		default: 'perEvent',
		description: 'How events are grouped into executions',
	},
	{
		displayName: 'Max Events per Poll',
		name: 'maxEventsPerPoll',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10000 },
		default: 100,
		description:
			'The most events whose executions run at once. A poll reads batches of 10 up to this many, then reads again as executions finish, until the feed is empty. Size it to what the workflow and the rate limit handle in one visibility timeout.',
	},
	{
		displayName: 'Include Order',
		name: 'includeOrder',
		type: 'boolean',
		default: false,
		description:
			'Whether to also read each event’s full order (Get order) and put it in the item’s "order" field. One more request per event.',
	},
];

const feedSetupFields: INodeProperties[] = [
	{
		displayName: 'Configure Feed on Activation',
		name: 'configureFeed',
		type: 'boolean',
		default: false,
		description:
			'Whether to set the feed’s filter and queue settings when the workflow is activated, and before a test read (Fetch Test Event). The feed belongs to the app key: it changes the feed for everyone using the same key.',
	},
	{
		displayName:
			'The orders feed is shared by everyone using this app key: this configuration replaces theirs, and they commit events from the same feed. Use an app key of its own for this workflow.',
		name: 'sharedFeedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { configureFeed: [true] } },
	},
	...feedConfigFields({ show: { configureFeed: [true] } }, false),
];

const triggerRequestOptions: INodeProperties = {
	...requestOptionsField,
	options: requestOptionsField.options?.filter(
		(option) => !('name' in option) || option.name !== 'concurrency',
	),
};

/**
 * The schedule is n8n's own "Poll Times" field: with `polling: true` in the description, n8n
 * adds it above these fields, as on its polling triggers (every minute by default).
 */
export const triggerProperties: INodeProperties[] = [
	...statusFields(
		'Statuses whose events start a workflow. None chosen: every status. Events of other statuses are committed without starting anything, so the feed never blocks. With Configure Feed on Activation and an Order Statuses filter, these are also the feed’s filter.',
	),
	...deliveryFields,
	...feedSetupFields,
	triggerRequestOptions,
];
