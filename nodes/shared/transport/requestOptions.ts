import type { INodeProperties } from 'n8n-workflow';

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
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 50,
			description:
				"The most input items sent to VTEX at once. Below it, the node keeps as many in flight as the account's pace times VTEX's latency needs. Items for the same order go one after another, and output order and item pairing stay as in a one-by-one run. Set 1 to send strictly one item after another.",
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description:
				'Attempts per request, the first included, when VTEX answers 502, 503, 504 or the connection breaks. A 429 (the rate limit: VTEX did nothing) and a wait VTEX declares (Retry-After) are bounded by Max Retry Wait only. Requests that are not safe to repeat are never repeated after a 5xx.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 180,
			description:
				'The longest one request may spend waiting between attempts, Retry-After included',
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 6000,
			description:
				"This node's pace: it sends at 95 % of it. Below 6,000 (VTEX's published limit per account) it slows only this node. Every request to the account in this n8n process also follows the account's shared pace, which learns VTEX's real limit from its 429s.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description:
				"Time allowed for one HTTP exchange with VTEX, from sending the request to the answer's last byte",
		},
	],
};
