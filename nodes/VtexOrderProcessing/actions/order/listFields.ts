import type { INodeProperties } from 'n8n-workflow';

import { statusFields } from '../../../shared/feed/descriptions';
import { LIST_ORDERS_SERVED } from './listQuery';
import { returnAllFields } from '../returnAllFields';

/** The fields of Order → Get Many, with descriptions a person or an AI agent can fill them from. */

const served = LIST_ORDERS_SERVED.toLocaleString('en-US');

function dateField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description: `${description} Any date format; a date without an offset is read in the workflow time zone`,
	};
}

const filterFields: INodeProperties[] = [
	...statusFields(
		'Only orders in one of these statuses. VTEX documents the filter for waiting-for-sellers-confirmation, payment-pending, payment-approved, ready-for-handling, handling, invoiced and canceled.',
	),
	dateField('Created After', 'createdAfter', 'Only orders created at or after this date.'),
	dateField('Created Before', 'createdBefore', 'Only orders created at or before this date.'),
	dateField(
		'Authorized After',
		'authorizedAfter',
		'Only orders whose payment was authorized at or after this date.',
	),
	dateField(
		'Authorized Before',
		'authorizedBefore',
		'Only orders whose payment was authorized at or before this date.',
	),
	dateField('Invoiced After', 'invoicedAfter', 'Only orders invoiced at or after this date.'),
	dateField('Invoiced Before', 'invoicedBefore', 'Only orders invoiced at or before this date.'),
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. ana.souza@example.com',
		description:
			"Free text VTEX matches against the order ID and the customer's email, document and name (the character + is not allowed)",
	},
	{
		displayName: 'Sales Channel ID',
		name: 'salesChannelId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1',
		description: 'Only orders of this sales channel (trade policy), by its ID',
	},
	{
		displayName: 'Affiliate ID',
		name: 'affiliateId',
		type: 'string',
		default: '',
		placeholder: 'e.g. WLM',
		description: 'Only orders of this affiliate (a marketplace connected to the store)',
	},
];

export const getManyProperties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description:
			"Whether to return only ID, status, dates, totals in cents and decimal and the customer's name instead of VTEX's whole list entry. The list has no items; turn on Read Each Order in Full for them.",
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: `VTEX serves at most ${served} orders per query; Return All (or a larger Limit) splits the date range until every order is returned`,
		options: filterFields,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: 'orders',
				options: [
					{
						name: 'One Item per Order',
						value: 'orders',
						description: 'Each order is an item, ready for the next node',
					},
					{
						name: 'One Item with Counts and Orders',
						value: 'summary',
						description:
							'One item: how many orders VTEX reported, how many were returned, how many queries it took, and the orders as a list',
					},
				],
				description: 'What the node outputs',
			},
			{
				displayName: 'Read Each Order in Full',
				name: 'readInFull',
				type: 'boolean',
				default: false,
				description:
					'Whether to read each listed order with Order → Get (items, shipping, payments), one request per order at the account’s pace',
			},
			{
				displayName: 'Sort By',
				name: 'sortField',
				type: 'options',
				default: 'creationDate',
				options: [
					{ name: 'Creation Date', value: 'creationDate' },
					{ name: 'Number of Items', value: 'items' },
					{ name: 'Order ID', value: 'orderId' },
					{ name: 'Origin', value: 'origin' },
					{ name: 'Total Value', value: 'totalValue' },
				],
				description: 'The field VTEX sorts the list by',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				description: 'Descending lists the newest (or largest) first',
			},
		],
	},
];
