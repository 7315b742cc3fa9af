import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { RETENTION_MAX_SECONDS, RETENTION_MIN_SECONDS } from './feedConfig';
import { statusOptions } from './statuses';

/** Fields the nodes show for the feed and the hook: statuses, a filter, and a feed configuration. */

/** A status multi-select and a free-text field for statuses VTEX adds later. */
export function statusFields(
	description: string,
	displayOptions?: IDisplayOptions,
): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: statusOptions,
			default: [],
			description,
		},
		{
			displayName: 'Other Statuses',
			name: 'otherStatuses',
			type: 'string',
			default: '',
			placeholder: 'e.g. some-new-status, another-status',
			description:
				'Statuses not in the list above, separated by commas. VTEX warns that its list of statuses is not closed.',
		},
	];
	return displayOptions ? updateDisplayOptions(displayOptions, fields) : fields;
}

/**
 * The filter both the feed and the hook configuration take (https://developers.vtex.com/docs/guides/orders-feed: the hook's
 * `filter` "is configured the same way as the `filter` in the feed configuration"): the filter
 * type, and a JSONata expression with Disable Single Fire for FromOrders. With `withStatuses` the
 * FromWorkflow filter has its own status fields; without, the node's other status fields feed it.
 * `subject` names what receives the orders ("the feed", "the hook"). `feedFilterSchema` checks
 * what `readFields` reads from them; the limits are in limits.ts.
 */
export function feedFilterFields(
	displayOptions: IDisplayOptions,
	withStatuses: boolean,
	subject = 'the feed',
): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Filter Type',
			name: 'filterType',
			type: 'options',
			options: [
				{
					name: 'JSONata Expression (FromOrders)',
					value: 'FromOrders',
					description: 'Any change to the order document for which a JSONata expression is true',
				},
				{
					name: 'Order Statuses (FromWorkflow)',
					value: 'FromWorkflow',
					description: 'Status changes to the chosen statuses',
				},
			],
			default: 'FromWorkflow',
			description: `Which order updates VTEX sends to ${subject}. The two types never mix.`,
		},
		...(withStatuses
			? statusFields(
					`Statuses whose changes VTEX sends to ${subject}. None chosen means every status VTEX lists.`,
					{
						show: { filterType: ['FromWorkflow'] },
					},
				)
			: []),
		{
			displayName: 'JSONata Expression',
			name: 'expression',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. status = "ready-for-handling" and salesChannel = "2"',
			description: `JSONata evaluated against the order document (Get order); orders for which it is true go to ${subject}. Test it with Feed → Test Expression.`,
			displayOptions: { show: { filterType: ['FromOrders'] } },
		},
		{
			displayName: 'Disable Single Fire',
			name: 'disableSingleFire',
			type: 'boolean',
			default: false,
			description: `Whether an order goes to ${subject} again each time it changes and still matches. Off: each order once. On can fire hundreds of times per order.`,
			displayOptions: { show: { filterType: ['FromOrders'] } },
		},
	];
	return updateDisplayOptions(displayOptions, fields);
}

/**
 * A feed configuration's fields
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed/config): the
 * filter, then the queue settings. `feedConfigSchema` checks what `readFields` reads from them.
 */
export function feedConfigFields(
	displayOptions: IDisplayOptions,
	withStatuses: boolean,
): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Visibility Timeout (Seconds)',
			name: 'visibilityTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 240,
			description:
				'How long an event read from the feed stays hidden before VTEX delivers it again unless it is committed. Longer than your slowest workflow run.',
		},
		{
			displayName: 'Retention Period (Seconds)',
			name: 'retentionPeriod',
			type: 'number',
			typeOptions: { minValue: RETENTION_MIN_SECONDS, maxValue: RETENTION_MAX_SECONDS },
			default: RETENTION_MIN_SECONDS,
			description:
				'How long an uncommitted event stays in the feed: 345,600 (4 days) to 1,209,600 (14 days). VTEX also removes a feed that receives no event for this long.',
		},
	];
	return [
		...feedFilterFields(displayOptions, withStatuses),
		...updateDisplayOptions(displayOptions, fields),
	];
}
