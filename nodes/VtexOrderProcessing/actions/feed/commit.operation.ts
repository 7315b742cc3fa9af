import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { textProblem } from '../../../shared/characters';
import { commitFeedHandles, MAX_HANDLES_PER_COMMIT } from '../../../shared/feed/feedApi';
import type { VtexClient } from '../../../shared/transport';
import { LIMITS } from '../../../shared/limits';
import { invalidField, tooLong } from '../../../shared/validation';
import { shown } from '../../../shared/values';
import type { OperationRun } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Handles Source',
		name: 'handlesSource',
		type: 'options',
		options: [
			{
				name: 'From Input Items',
				value: 'fromItems',
				description:
					'Each input item’s "handle" (or "handles" list), as the feed trigger and Get Items output them',
			},
			{
				name: 'List',
				value: 'list',
				description: 'Handles given in the Handles field',
			},
		],
		default: 'fromItems',
		description: 'Where the handles of the events to commit come from',
	},
	{
		displayName: 'Handles',
		name: 'handles',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.handle }}',
		description:
			'Handles to commit, separated by commas or new lines, or an expression that gives a list of handles',
		displayOptions: { show: { handlesSource: ['list'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['feed'], operation: ['commit'] } },
	properties,
);

/** The handles of every input item, committed once for the whole node run. */
export interface CommitRun {
	handlesByItem: Array<string[] | Error>;
	failures: Map<string, Error>;
}

function splitHandles(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(/[\s,]+/);
	return list.map((handle) => String(handle ?? '').trim()).filter(Boolean);
}

function handlesOfItem(ctx: IExecuteFunctions, itemIndex: number): string[] | Error {
	const fromList = ctx.getNodeParameter('handlesSource', itemIndex, 'fromItems') === 'list';
	const json = ctx.getInputData()[itemIndex]?.json ?? {};
	const handles = fromList
		? splitHandles(ctx.getNodeParameter('handles', itemIndex, ''))
		: splitHandles(Array.isArray(json.handles) ? json.handles : (json.handle ?? ''));
	const label = fromList ? 'Handles' : 'Handles Source';
	if (handles.length === 0) {
		return fromList
			? invalidField(
					ctx.getNode(),
					label,
					'is empty: give at least one handle from the feed',
					itemIndex,
				)
			: invalidField(
					ctx.getNode(),
					label,
					`input item ${itemIndex + 1} has no "handle". Connect this node after the VTEX Order Feed Trigger (Commit Events: In the Workflow) or Feed → Get Items, or choose "List".`,
					itemIndex,
				);
	}
	if (handles.length > LIMITS.feedHandles) {
		return invalidField(
			ctx.getNode(),
			label,
			`holds ${handles.length.toLocaleString('en-US')} handles; at most ${LIMITS.feedHandles.toLocaleString('en-US')} per item are accepted`,
			itemIndex,
		);
	}
	const long = handles.find((handle) => handle.length > LIMITS.feedHandle);
	if (long !== undefined)
		return invalidField(
			ctx.getNode(),
			label,
			`has a handle that ${tooLong(long, LIMITS.feedHandle)}`,
			itemIndex,
		);
	for (const handle of handles) {
		const problem = textProblem(handle);
		if (problem)
			return invalidField(
				ctx.getNode(),
				label,
				`has a handle that ${problem}: ${shown(handle)}`,
				itemIndex,
			);
	}
	return handles;
}

/**
 * The router's batch hook: gathers the handles of every input item and commits them in as few
 * requests as VTEX allows (10 handles each), instead of one request per item; each item then
 * reports its own handles' outcome.
 */
export async function prepareBatch(
	this: IExecuteFunctions,
	client: VtexClient,
): Promise<CommitRun> {
	const handlesByItem = this.getInputData().map((_item, itemIndex) =>
		handlesOfItem(this, itemIndex),
	);
	const unique = [
		...new Set(handlesByItem.flatMap((handles) => (handles instanceof Error ? [] : handles))),
	];
	const failures = new Map<string, Error>();
	for (let start = 0; start < unique.length; start += MAX_HANDLES_PER_COMMIT) {
		const chunk = unique.slice(start, start + MAX_HANDLES_PER_COMMIT);
		try {
			await commitFeedHandles(client, chunk);
		} catch (error) {
			for (const handle of chunk) failures.set(handle, error as Error);
		}
	}
	return { handlesByItem, failures };
}

/**
 * Commit feed items: POST /api/orders/feed {handles} (VTEX's "Commit feed items" in the Orders
 * API reference: https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed).
 * Committing removes the events from the feed for everyone using this app key; an event not
 * committed comes back after the visibility timeout. Safe to repeat.
 */
export async function execute(
	this: IExecuteFunctions,
	{ itemIndex, batch }: OperationRun<CommitRun>,
): Promise<IDataObject> {
	const { handlesByItem, failures } = batch;
	const handles = handlesByItem[itemIndex];
	if (handles instanceof Error) throw handles;
	const failure = handles
		.map((handle) => failures.get(handle))
		.find((error) => error !== undefined);
	if (failure) throw failure;
	const json = this.getInputData()[itemIndex]?.json ?? {};
	return {
		success: true,
		committed: handles.length,
		...(json.eventId !== undefined ? { eventId: json.eventId } : {}),
		...(json.orderId !== undefined ? { orderId: json.orderId } : {}),
	};
}
