import type { DateTime } from 'luxon';

import { dateSchema } from '../../../shared/dates';
import { chosenStatuses, statusFieldsShape } from '../../../shared/feed/feedConfig';
import { LIMITS } from '../../../shared/limits';
import {
	booleanSchema,
	schemaPerKey,
	textSchema,
	wholeNumberSchema,
} from '../../../shared/validation';
import { z } from '../../../shared/zod';
import type {
	DateRange,
	ListDateField,
	ListFilters,
	ListSortDirection,
	ListSortField,
} from './listQuery';
import { LIST_DATE_FIELDS, LIST_SORT_FIELDS } from './listQuery';

/** VTEX serves orders created in the last two years only ("You can only access information from orders created in the last two years"). */
export const YEARS_SERVED = 2;

/** The two fields of each date filter, by VTEX's date field. */
const RANGE_FIELDS: Record<ListDateField, { after: string; before: string }> = {
	creationDate: { after: 'createdAfter', before: 'createdBefore' },
	authorizedDate: { after: 'authorizedAfter', before: 'authorizedBefore' },
	invoicedDate: { after: 'invoicedAfter', before: 'invoicedBefore' },
};

/** The rules of Order → Get Many's fields (listFields.ts), per workflow time zone. */
export const getManySchema = schemaPerKey((zone: string) =>
	z
		.object({
			returnAll: booleanSchema,
			limit: wholeNumberSchema(1),
			simplify: booleanSchema,
			...statusFieldsShape,
			createdAfter: dateSchema(zone),
			createdBefore: dateSchema(zone),
			authorizedAfter: dateSchema(zone),
			authorizedBefore: dateSchema(zone),
			invoicedAfter: dateSchema(zone),
			invoicedBefore: dateSchema(zone),
			search: textSchema({ max: LIMITS.listSearch }).refine(
				(text) => typeof text !== 'string' || !text.includes('+'),
				{ message: 'may not contain "+": VTEX refuses it in a search' },
			),
			salesChannelId: textSchema({ max: LIMITS.listFilterValue }),
			affiliateId: textSchema({ max: LIMITS.listFilterValue }),
			output: z
				.enum(['orders', 'summary'], {
					errorMap: () => ({ message: 'must be "orders" or "summary"' }),
				})
				.default('orders'),
			readInFull: booleanSchema.default(false),
			sortField: z
				.enum(LIST_SORT_FIELDS, {
					errorMap: () => ({ message: `must be one of ${LIST_SORT_FIELDS.join(', ')}` }),
				})
				.default('creationDate'),
			sortDirection: z
				.enum(['asc', 'desc'], {
					errorMap: () => ({ message: 'must be "asc" or "desc"' }),
				})
				.default('desc'),
		})
		.superRefine((input, ctx) => {
			for (const field of LIST_DATE_FIELDS) {
				const { after, before } = RANGE_FIELDS[field];
				const from = input[after as keyof typeof input] as DateTime | undefined;
				const to = input[before as keyof typeof input] as DateTime | undefined;
				if (from && to && from > to) {
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						path: [before],
						message: 'is earlier than its "After" date: no order can match',
					});
				}
			}
		}),
);

export type GetManyInput = z.output<ReturnType<typeof getManySchema>>;

/**
 * The filters VTEX is sent. A range with one end gets the other from the span VTEX serves: from
 * two years before `now`, up to `now`.
 */
export function listFiltersOf(input: GetManyInput, now: number): ListFilters {
	const ranges: DateRange[] = [];
	for (const field of LIST_DATE_FIELDS) {
		const { after, before } = RANGE_FIELDS[field];
		const from = input[after as keyof GetManyInput] as DateTime | undefined;
		const to = input[before as keyof GetManyInput] as DateTime | undefined;
		if (!from && !to) continue;
		ranges.push({
			field,
			from: from?.toMillis() ?? servedSpan(now).from,
			to: to?.toMillis() ?? now,
		});
	}
	return {
		statuses: chosenStatuses(input),
		search: input.search,
		salesChannelId: input.salesChannelId,
		affiliateId: input.affiliateId,
		ranges,
		sortField: input.sortField as ListSortField,
		sortDirection: input.sortDirection as ListSortDirection,
	};
}

/** The creation dates VTEX serves: the last two years, up to `now`. */
export function servedSpan(now: number): DateRange {
	const from = new Date(now);
	from.setUTCFullYear(from.getUTCFullYear() - YEARS_SERVED);
	return { field: 'creationDate', from: from.getTime(), to: now };
}

/**
 * The range a query over VTEX's 3,000 is split by: the user's first date range (creation,
 * then authorization, then invoicing), else the creation dates VTEX serves.
 */
export function splitRangeOf(filters: ListFilters, now: number): DateRange {
	return filters.ranges[0] ?? servedSpan(now);
}
