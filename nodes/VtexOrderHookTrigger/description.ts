import type { INodeProperties } from 'n8n-workflow';

import { feedFilterFields } from '../shared/feed/descriptions';
import { requestOptionsField } from '../shared/transport';

const expiryNotice: INodeProperties = {
	displayName:
		'VTEX removes a hook that has sent no notification for three days, and this trigger is not told. Guard against it: run the VTEX Order Feed Trigger on another app key as a backup, or a scheduled workflow that reads Hook → Get Configuration and re-activates this workflow when the hook is gone.',
	name: 'expiryNotice',
	type: 'notice',
	default: '',
};

const registrationFields: INodeProperties[] = [
	{
		displayName: 'Replace Existing Hook',
		name: 'replaceExisting',
		type: 'boolean',
		default: false,
		description:
			'Whether to replace a hook this app key already sends to another URL. VTEX keeps one hook per app key: off, activation fails and names that URL, so another system’s hook is never taken over silently.',
	},
];

const deliveryFields: INodeProperties[] = [
	{
		displayName: 'Ignore Repeated Notifications',
		name: 'ignoreRepeated',
		type: 'boolean',
		default: true,
		description:
			'Whether a notification VTEX sends again (same order, status and change time) to this n8n process is answered without starting another execution. VTEX repeats a notification it thinks failed. A repeat that reaches another webhook process, or arrives after a restart, starts again: each item carries an idempotencyKey, the same for every copy, for the steps after the trigger.',
	},
	{
		displayName: 'Include Order',
		name: 'includeOrder',
		type: 'boolean',
		default: false,
		description:
			'Whether to also read each notification’s full order (Get order) and put it in the item’s "order" field. One more request per notification, made after VTEX got its answer.',
	},
];

const triggerRequestOptions: INodeProperties = {
	...requestOptionsField,
	options: requestOptionsField.options?.filter(
		(option) => !('name' in option) || option.name !== 'concurrency',
	),
};

/** The hook's filter: the feed's fields, read and checked by the feed's rules (hookSettings.ts). */
export const hookFilterProperties: INodeProperties[] = feedFilterFields({}, true, 'the hook');

/** The hook trigger's fields: the notice, the filter (the feed's), registration and delivery. */
export const hookTriggerProperties: INodeProperties[] = [
	expiryNotice,
	...hookFilterProperties,
	...registrationFields,
	...deliveryFields,
	triggerRequestOptions,
];
