import type { IDataObject } from 'n8n-workflow';

import { LIMITS } from '../limits';
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
		example: '["ready-for-handling", "canceled"]',
		noun: 'status code',
	}),
	otherStatuses: textSchema({ max: LIMITS.otherStatuses }),
};

/** The statuses the two status fields choose together, without blanks or repeats. */
export function chosenStatuses(input: { statuses: Array<string | undefined>; otherStatuses?: string }): string[] {
	return selectedStatuses(input.statuses.filter((status) => status !== undefined), input.otherStatuses);
}

/**
 * What a feed configuration is made of, read from its fields (`feedConfigFields`, with the
 * status fields beside them) by `readFields`; errors name each field by its displayName.
 */
export const feedConfigSchema = z
	.object({
		...statusFieldsShape,
		filterType: z.enum(['FromWorkflow', 'FromOrders'], {
			errorMap: () => ({ message: 'must be FromWorkflow (statuses) or FromOrders (a JSONata expression)' }),
		}),
		expression: textSchema({ max: LIMITS.jsonataExpression }),
		disableSingleFire: z.boolean({ invalid_type_error: 'must be true or false' }),
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
	.superRefine((input, context) => {
		if (input.filterType === 'FromOrders' && !input.expression) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['expression'],
				message: 'is required with a FromOrders filter, e.g. status = "ready-for-handling"',
			});
		}
	})
	.transform((input) => ({ ...input, statuses: chosenStatuses(input) }));

export type FeedConfigInput = z.output<typeof feedConfigSchema>;

/**
 * The POST /api/orders/feed/config body (https://developers.vtex.com/docs/api-reference/orders-api#post-/api/orders/feed/config) with the request schema's
 * spelling (`MessageRetentionPeriodInSeconds`, capital M). The two filter types never mix
 * (VTEX answers 409). A FromWorkflow filter without statuses lists every status VTEX documents.
 */
export function feedConfigBody(input: FeedConfigInput): IDataObject {
	const filter: IDataObject =
		input.filterType === 'FromWorkflow'
			? { type: 'FromWorkflow', status: input.statuses.length ? input.statuses : [...VTEX_ORDER_STATUSES] }
			: { type: 'FromOrders', expression: input.expression, disableSingleFire: input.disableSingleFire };
	return {
		filter,
		queue: {
			visibilityTimeoutInSeconds: input.visibilityTimeout,
			MessageRetentionPeriodInSeconds: input.retentionPeriod,
		},
	};
}

/**
 * A key's value whatever its capitalisation: VTEX spells some feed keys two ways
 * (`MessageRetentionPeriodInSeconds` in the API reference's request, `messageRetentionPeriodInSeconds`
 * in its GET example and the guide).
 */
function valueOf(data: IDataObject | undefined, ...names: string[]): unknown {
	if (!data || typeof data !== 'object') return undefined;
	const wanted = names.map((name) => name.toLowerCase());
	const key = Object.keys(data).find((candidate) => wanted.includes(candidate.toLowerCase()));
	return key === undefined ? undefined : data[key];
}

/**
 * GET /api/orders/feed/config's answer (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed/config) with one spelling per key, whichever
 * VTEX sent: `messageRetentionPeriodInSeconds` or `MessageRetentionPeriodInSeconds`,
 * `approximateAgeOfOldestMessageInSeconds` or the guide's `aproximateAge…`.
 */
export function normalizeFeedConfig(raw: IDataObject): IDataObject {
	const filter = (valueOf(raw, 'filter') ?? {}) as IDataObject;
	const queue = (valueOf(raw, 'queue') ?? {}) as IDataObject;
	const normalizedFilter: IDataObject = { type: valueOf(filter, 'type') ?? null };
	for (const key of ['status', 'expression', 'disableSingleFire']) {
		const value = valueOf(filter, key);
		if (value !== undefined) normalizedFilter[key] = value as IDataObject[keyof IDataObject];
	}
	return {
		configured: true,
		filter: normalizedFilter,
		queue: {
			visibilityTimeoutInSeconds: (valueOf(queue, 'visibilityTimeoutInSeconds') ?? null) as number | null,
			messageRetentionPeriodInSeconds: (valueOf(queue, 'messageRetentionPeriodInSeconds') ?? null) as number | null,
		},
		quantity: (valueOf(raw, 'quantity') ?? null) as number | null,
		approximateAgeOfOldestMessageInSeconds: (valueOf(
			raw,
			'approximateAgeOfOldestMessageInSeconds',
			'aproximateAgeOfOldestMessageInSeconds',
		) ?? null) as number | null,
	};
}
