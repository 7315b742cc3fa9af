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
