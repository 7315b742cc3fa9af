import type { INodeProperties } from 'n8n-workflow';

/** Fields several operations share. Each operation places them with its own display conditions. */

export const orderIdField: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1172452900788-01',
	description: 'The VTEX order ID. `seq` followed by the sequence number (e.g. seq501456) also works for reads.',
};

export const moneyFormatField: INodeProperties = {
	displayName: 'Money Format',
	name: 'moneyFormat',
	type: 'options',
	default: 'cents',
	options: [
		{
			name: 'Cents (VTEX Native)',
			value: 'cents',
			description: 'Whole numbers of cents: 2499 means 24.99',
		},
		{
			name: 'Decimal Amount',
			value: 'decimal',
			description: 'Amounts with up to two decimals: 24.99. Sent to VTEX as cents.',
		},
	],
	description: 'How the money fields of this operation are written. VTEX always receives integer cents.',
};

/** Transport and throughput settings, shown on every operation. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 20,
			description:
				'How many input items are sent to VTEX at once; Requests per Minute still sets the pace. Items for the same order go one after another, and output order and item pairing stay as in a one-by-one run. Set 1 to send strictly one item after another.',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description: 'Attempts per request, the first included, when VTEX answers 429, 502, 503, 504 or the connection breaks. Requests that are not safe to repeat are never repeated after a 5xx.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 180,
			description: 'The longest one request may spend waiting between attempts, Retry-After included',
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 6000,
			description:
				'Budget shared by every request to this VTEX account in this n8n process, all nodes and executions included. VTEX allows an account about 6,000 a minute; the node sends at 95 % of the budget and slows down for a while after a 429.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'Time allowed for one HTTP exchange with VTEX',
		},
	],
};
