import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { feedFilterFields } from '../../../shared/feed/descriptions';
import { feedFilterBody, feedFilterSchema } from '../../../shared/feed/feedConfig';
import { setHookConfiguration } from '../../../shared/hook/hookApi';
import { hookConfigBody, normalizeHookConfig } from '../../../shared/hook/hookConfig';
import { hookTargetSchema } from '../../../shared/hook/hookInput';
import type { InputOf } from '../operationInput';
import { fieldInput, inputsInOrder } from '../operationInput';
import type { OperationRun } from '../types';

const displayOptions = { show: { resource: ['hook'], operation: ['setConfiguration'] } };

const hookFields: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://erp.example.com/vtex/orders',
		description:
			'Where VTEX POSTs each order event. A public HTTPS URL (VTEX refuses http://) that answers 200 within 5 seconds: VTEX pings it with {"hookConfig": "ping"} and refuses the configuration unless it gets 200. For n8n, use the VTEX Order Hook Trigger instead: it registers itself.',
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Header',
		description:
			'Headers VTEX sends with every notification, e.g. the credentials your endpoint checks. At most 20, visible ASCII only.',
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						typeOptions: { password: true },
						default: '',
					},
				],
			},
		],
	},
];

export const description: INodeProperties[] = [
	...updateDisplayOptions(displayOptions, hookFields),
	...feedFilterFields(displayOptions, true, 'the hook'),
];

// The filter is checked first, with the feed's rules, then the hook's own fields.
export const itemInput = inputsInOrder({
	filter: fieldInput({ properties: description, schema: feedFilterSchema }),
	hook: fieldInput({ properties: description, schema: hookTargetSchema }),
});

/**
 * Create or update hook configuration: POST /api/orders/hook/config `{filter, hook: {url,
 * headers}}`, checked before the request. VTEX pings the URL first and answers 400 when it does
 * not get 200. The filter is read and checked as the feed's (same fields, rules and limits).
 * The hook belongs to the app key and replaces any other one. The output repeats the
 * configuration with header values hidden.
 */
export async function execute(
	this: IExecuteFunctions,
	{ client, itemIndex, input }: OperationRun<unknown, InputOf<typeof itemInput>>,
): Promise<IDataObject> {
	const { filter: filterInput, hook } = input;
	const headers = Object.fromEntries(hook.headers.map((header) => [header.name, header.value]));
	const body = hookConfigBody(feedFilterBody(filterInput), hook.url, headers);
	await setHookConfiguration(client, body, itemIndex);
	const { filter, hook: saved } = normalizeHookConfig(body);
	return { success: true, filter, hook: saved };
}
