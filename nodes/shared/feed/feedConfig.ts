import type { IDataObject } from 'n8n-workflow';

import { LIMITS } from '../limits';
import { numberSchema } from '../numbers';
import { listSchema, textSchema } from '../validation';
import { z } from '../zod';
import { selectedStatuses, VTEX_ORDER_STATUSES } from './statuses';

/** VTEX's bounds for the retention period: 4 to 14 days (https://developers.vtex.com/docs/guides/orders-feed, `queue`). */
export const RETENTION_MIN_SECONDS = 345_600;
export const RETENTION_MAX_SECONDS = 1_209_600;

export type FeedFilterType = 'FromWorkflow' | 'FromOrders';

/**
 * The rules of the two status fields (`statusFields` in descriptions.ts), for any schema that
 * reads them: the multi-select's list (or an expression giving one) and the free text.
 */
export const statusFieldsShape = {
	statuses: listSchema(textSchema({ max: LIMITS.statusCode }), {
		max: LIMITS.statuses,
		// Not "canceled": error messages spell that word "cancelled" (executionStatusWording.ts),
		// which would misspell the status code.
		example: '["ready-for-handling", "invoiced"]',
		noun: 'status code',
	}),
	otherStatuses: textSchema({ max: LIMITS.otherStatuses }),
};

/** The statuses the two status fields choose together, without blanks or repeats. */
export function chosenStatuses(input: {
	statuses: Array<string | undefined>;
	otherStatuses?: string;
}): string[] {
	return selectedStatuses(
		input.statuses.filter((status) => status !== undefined),
		input.otherStatuses,
	);
}

/** The rules of a filter's fields (`feedFilterFields`), the status fields among them. */
const filterShape = {
	...statusFieldsShape,
	filterType: z.enum(['FromWorkflow', 'FromOrders'], {
		errorMap: () => ({
			message: 'must be FromWorkflow (statuses) or FromOrders (a JSONata expression)',
		}),
	}),
	expression: textSchema({ max: LIMITS.jsonataExpression }),
	disableSingleFire: z.boolean({ invalid_type_error: 'must be true or false' }),
};

/** A FromOrders filter needs its expression. */
function requireExpression(
	input: { filterType: FeedFilterType; expression?: string },
	context: z.RefinementCtx,
): void {
	if (input.filterType === 'FromOrders' && !input.expression) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['expression'],
			message: 'is required with a FromOrders filter, e.g. status = "ready-for-handling"',
		});
	}
}

/**
 * A filter, read from its fields (`feedFilterFields`) by `readFields`: the feed's and the hook's
 * (they are the same); errors name each field by its displayName.
 */
export const feedFilterSchema = z
	.object(filterShape)
	.superRefine(requireExpression)
	.transform((input) => ({ ...input, statuses: chosenStatuses(input) }));

export type FeedFilterInput = z.output<typeof feedFilterSchema>;

/**
 * What a feed configuration is made of, read from its fields (`feedConfigFields`, with the
 * status fields beside them) by `readFields`: the filter and the queue.
 */
export const feedConfigSchema = z
	.object({
		...filterShape,
		visibilityTimeout: numberSchema.pipe(
			z.number().int('must be a whole number of seconds').positive('must be at least 1 second'),
		),
		retentionPeriod: numberSchema.pipe(
			z
				.number()
				.int('must be a whole number of seconds')
				.min(
					RETENTION_MIN_SECONDS,
					`must be at least ${RETENTION_MIN_SECONDS.toLocaleString('en-US')} seconds (4 days), VTEX's minimum`,
				)
				.max(
					RETENTION_MAX_SECONDS,
					`must be at most ${RETENTION_MAX_SECONDS.toLocaleString('en-US')} seconds (14 days), VTEX's maximum`,
				),
		),
	})
	.superRefine(requireExpression)
	.transform((input) => ({ ...input, statuses: chosenStatuses(input) }));

export type FeedConfigInput = z.output<typeof feedConfigSchema>;

/**
 * The `filter` of a feed or hook configuration (https://developers.vtex.com/docs/guides/orders-feed). The two filter
 * types never mix (VTEX answers 409). A FromWorkflow filter without statuses lists every status
 * VTEX documents.
 */
export function feedFilterBody(input: FeedFilterInput): IDataObject {
	return input.filterType === 'FromWorkflow'
		? {
				type: 'FromWorkflow',
				status: input.statuses.length ? input.statuses : [...VTEX_ORDER_STATUSES],
			}
		: {
				type: 'FromOrders',
				expression: input.expression,
				disableSingleFire: input.disableSingleFire,
			};
}

/**
 * The POST /api/orders/feed/config body
 * (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed/config) with
 * the spelling of its request schema
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
 * GET /api/orders/feed/config's answer (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed/config) with one spelling per key, whichever
 * VTEX sent: `messageRetentionPeriodInSeconds` or `MessageRetentionPeriodInSeconds`,
 * `approximateAgeOfOldestMessageInSeconds` or the guide's `aproximateAge…`.
 */
export function normalizeFeedConfig(raw: IDataObject): IDataObject {
	const queue = (caseInsensitiveValue(raw, 'queue') ?? {}) as IDataObject;
	return {
		configured: true,
		filter: normalizeFeedFilter(caseInsensitiveValue(raw, 'filter')),
		queue: {
			visibilityTimeoutInSeconds: (caseInsensitiveValue(queue, 'visibilityTimeoutInSeconds') ??
				null) as number | null,
			messageRetentionPeriodInSeconds: (caseInsensitiveValue(
				queue,
				'messageRetentionPeriodInSeconds',
			) ?? null) as number | null,
		},
		quantity: (caseInsensitiveValue(raw, 'quantity') ?? null) as number | null,
		approximateAgeOfOldestMessageInSeconds: (caseInsensitiveValue(
			raw,
			'approximateAgeOfOldestMessageInSeconds',
			'aproximateAgeOfOldestMessageInSeconds',
		) ?? null) as number | null,
	};
}

/**
 * VTEX's default visibility timeout, 240 seconds (the feed guide's `queue`,
 * https://developers.vtex.com/docs/guides/orders-feed): what a feed configured without one uses.
 */
export const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 240;

/**
 * The visibility timeout of a feed configuration, in seconds: a POST body this package built or
 * GET /api/orders/feed/config's answer, whichever spelling. VTEX's default when the answer has
 * no usable value (absent, not a positive number).
 */
export function visibilityTimeoutSecondsOf(config: IDataObject | undefined): number {
	const queue = caseInsensitiveValue(config, 'queue') as IDataObject | undefined;
	const raw = caseInsensitiveValue(queue, 'visibilityTimeoutInSeconds');
	const value = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
	return Number.isFinite(value) && value > 0 ? value : DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
}
