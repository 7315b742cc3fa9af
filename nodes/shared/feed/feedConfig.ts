import type { IDataObject } from 'n8n-workflow';
import { z } from '../zod';

import { VTEX_ORDER_STATUSES } from './statuses';

/** VTEX's bounds for the retention period: 4 to 14 days (VTEX's "Orders feed" guide, feed configuration). */
export const RETENTION_MIN_SECONDS = 345_600;
export const RETENTION_MAX_SECONDS = 1_209_600;

export type FeedFilterType = 'FromWorkflow' | 'FromOrders';

const filterShape = {
	filterType: z.enum(['FromWorkflow', 'FromOrders'], {
		errorMap: () => ({ message: 'must be FromWorkflow (statuses) or FromOrders (a JSONata expression)' }),
	}),
	statuses: z.array(z.string().trim().min(1)),
	expression: z.string({ invalid_type_error: 'must be text' }).trim(),
	disableSingleFire: z.boolean({ invalid_type_error: 'must be true or false' }),
};

/** A FromOrders filter needs its expression. */
function requireExpression(input: { filterType: FeedFilterType; expression: string }, context: z.RefinementCtx): void {
	if (input.filterType === 'FromOrders' && !input.expression) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['expression'],
			message: 'is required with a FromOrders filter, e.g. status = "ready-for-handling"',
		});
	}
}

/** A filter as the nodes' fields collect it: the feed's and the hook's (they are the same). */
export const feedFilterSchema = z.object(filterShape).superRefine(requireExpression);

export type FeedFilterInput = z.output<typeof feedFilterSchema>;

/** What a feed configuration is made of, as the nodes' fields collect it: the filter and the queue. */
export const feedConfigSchema = z
	.object({
		...filterShape,
		visibilityTimeout: z
			.number({ invalid_type_error: 'must be a number of seconds' })
			.int('must be a whole number of seconds')
			.positive('must be at least 1 second'),
		retentionPeriod: z
			.number({ invalid_type_error: 'must be a number of seconds' })
			.int('must be a whole number of seconds')
			.min(RETENTION_MIN_SECONDS, `must be at least ${RETENTION_MIN_SECONDS.toLocaleString('en-US')} seconds (4 days), VTEX's minimum`)
			.max(RETENTION_MAX_SECONDS, `must be at most ${RETENTION_MAX_SECONDS.toLocaleString('en-US')} seconds (14 days), VTEX's maximum`),
	})
	.superRefine(requireExpression);

export type FeedConfigInput = z.output<typeof feedConfigSchema>;

export const FEED_FILTER_LABELS = {
	filterType: 'Filter Type',
	statuses: 'Statuses',
	expression: 'JSONata Expression',
	disableSingleFire: 'Disable Single Fire',
};

export const FEED_CONFIG_LABELS = {
	...FEED_FILTER_LABELS,
	visibilityTimeout: 'Visibility Timeout (Seconds)',
	retentionPeriod: 'Retention Period (Seconds)',
};

/**
 * The `filter` of a feed or hook configuration (VTEX's "Orders feed" guide). The two filter
 * types never mix (VTEX answers 409). A FromWorkflow filter without statuses lists every status
 * VTEX documents.
 */
export function feedFilterBody(input: FeedFilterInput): IDataObject {
	return input.filterType === 'FromWorkflow'
		? { type: 'FromWorkflow', status: input.statuses.length ? input.statuses : [...VTEX_ORDER_STATUSES] }
		: { type: 'FromOrders', expression: input.expression, disableSingleFire: input.disableSingleFire };
}

/**
 * The POST /api/orders/feed/config body with the spelling of the Orders API's request schema
 * (`MessageRetentionPeriodInSeconds`, capital M).
 */
export function feedConfigBody(input: FeedConfigInput): IDataObject {
	return {
		filter: feedFilterBody(input),
		queue: {
			visibilityTimeoutInSeconds: input.visibilityTimeout,
			MessageRetentionPeriodInSeconds: input.retentionPeriod,
		},
	};
}

/**
 * A key's value whatever its capitalisation: VTEX spells some feed keys two ways (the Orders
 * API's request schema and its GET example differ).
 */
export function caseInsensitiveValue(data: IDataObject | undefined, ...names: string[]): unknown {
	if (!data || typeof data !== 'object') return undefined;
	const wanted = names.map((name) => name.toLowerCase());
	const key = Object.keys(data).find((candidate) => wanted.includes(candidate.toLowerCase()));
	return key === undefined ? undefined : data[key];
}

/** A feed or hook configuration's `filter`, with the keys VTEX documents and one spelling each. */
export function normalizeFeedFilter(raw: unknown): IDataObject {
	const filter = (raw ?? {}) as IDataObject;
	const normalized: IDataObject = { type: caseInsensitiveValue(filter, 'type') ?? null };
	for (const key of ['status', 'expression', 'disableSingleFire']) {
		const value = caseInsensitiveValue(filter, key);
		if (value !== undefined) normalized[key] = value as IDataObject[keyof IDataObject];
	}
	return normalized;
}

/**
 * GET /api/orders/feed/config's answer (Orders API, `GetFeedConfiguration`) with one spelling per key, whichever
 * VTEX sent: `messageRetentionPeriodInSeconds` or `MessageRetentionPeriodInSeconds`,
 * `approximateAgeOfOldestMessageInSeconds` or the guide's `aproximateAge…`.
 */
export function normalizeFeedConfig(raw: IDataObject): IDataObject {
	const queue = (caseInsensitiveValue(raw, 'queue') ?? {}) as IDataObject;
	return {
		configured: true,
		filter: normalizeFeedFilter(caseInsensitiveValue(raw, 'filter')),
		queue: {
			visibilityTimeoutInSeconds: (caseInsensitiveValue(queue, 'visibilityTimeoutInSeconds') ?? null) as number | null,
			messageRetentionPeriodInSeconds: (caseInsensitiveValue(queue, 'messageRetentionPeriodInSeconds') ?? null) as number | null,
		},
		quantity: (caseInsensitiveValue(raw, 'quantity') ?? null) as number | null,
		approximateAgeOfOldestMessageInSeconds: (caseInsensitiveValue(
			raw,
			'approximateAgeOfOldestMessageInSeconds',
			'aproximateAgeOfOldestMessageInSeconds',
		) ?? null) as number | null,
	};
}
