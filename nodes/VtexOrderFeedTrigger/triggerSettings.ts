import type { CronExpression, IDataObject, ITriggerFunctions, TriggerTime } from 'n8n-workflow';
import { toCronExpression } from 'n8n-workflow';
import { z } from '../shared/zod';

import { labelsFrom, readFieldsWith } from '../shared/fields';
import {
	chosenStatuses,
	feedConfigBody,
	feedConfigSchema,
	statusFieldsShape,
} from '../shared/feed/feedConfig';
import type { RequestSettings } from '../shared/transport';
import { requestSettingsFromOptions } from '../shared/transport';
import { numberSchema } from '../shared/numbers';
import { optionSchema } from '../shared/optionSchema';
import { invalidField, validateInput } from '../shared/validation';
import { triggerProperties } from './description';
import type { CommitMode, EmitMode, PollerOptions } from './FeedPoller';

export interface TriggerSettings {
	poller: PollerOptions;
	/** When to poll: one cron expression per entry of Poll Times. */
	schedule: CronExpression[];
	/** The feed configuration to set on activation, when asked. */
	feedConfig?: IDataObject;
	request: RequestSettings;
}

const settingsSchema = z
	.object({
		...statusFieldsShape,
		commitMode: optionSchema<CommitMode>(
			triggerProperties,
			'commitMode',
			'must be After the Workflow Succeeds, When Received or In the Workflow',
		),
		emitMode: optionSchema<EmitMode>(
			triggerProperties,
			'emitMode',
			'must be One Execution per Event or One Execution per Poll',
		),
		maxEventsPerPoll: numberSchema.pipe(
			z
				.number()
				.int('must be a whole number')
				.min(1, 'must be at least 1')
				.max(10_000, 'must be at most 10,000'),
		),
		includeOrder: z.boolean({ invalid_type_error: 'must be true or false' }),
	})
	.transform(({ otherStatuses, ...settings }) => ({
		...settings,
		statuses: chosenStatuses({ ...settings, otherStatuses }),
	}));

/** Errors name the trigger's fields by their displayNames; Poll Times is n8n's own field. */
const labels = labelsFrom(triggerProperties);

/**
 * Whether a cron fires more than once a minute: a 6-field expression has seconds first, and
 * anything there but one fixed second (a wildcard, step, range or list) fires every minute
 * several times; a 5-field expression has no seconds. The package's own rule rather than
 * n8n-workflow's `isSubMinuteCron`, which n8n 1.x does not export.
 */
export function firesMoreThanOnceAMinute(expression: string): boolean {
	const fields = expression.trim().split(/\s+/);
	return fields.length === 6 && !/^\d+$/.test(fields[0]);
}

/** Reads and checks every field before anything is sent to VTEX; errors name the field. */
export function readTriggerSettings(ctx: ITriggerFunctions): TriggerSettings {
	const node = ctx.getNode();
	const parameter = (name: string, fallback: unknown) =>
		ctx.getNodeParameter(name, fallback) as unknown;
	// One read of every field (a hidden one counts as its default), checked by both schemas.
	const fields = readFieldsWith(parameter, triggerProperties);
	const poller = validateInput(node, settingsSchema, fields, labels, 0);

	// Poll Times as n8n's polling triggers read it: each entry a cron at a random second.
	const pollTimes = (parameter('pollTimes', { item: [{ mode: 'everyMinute' }] }) ?? {}) as {
		item?: TriggerTime[];
	};
	const schedule = (pollTimes.item ?? []).map(toCronExpression);
	if (schedule.length === 0) {
		throw invalidField(
			node,
			'Poll Times',
			'is empty: add at least one poll time, e.g. Every Minute',
			0,
		);
	}
	if (schedule.some(firesMoreThanOnceAMinute)) {
		throw invalidField(
			node,
			'Poll Times',
			'polls more than once a minute; it has to be at least a minute apart',
			0,
		);
	}

	let feedConfig: IDataObject | undefined;
	if (fields.configureFeed === true) {
		feedConfig = feedConfigBody(validateInput(node, feedConfigSchema, fields, labels, 0));
	}

	return {
		poller,
		schedule,
		feedConfig,
		request: requestSettingsFromOptions(parameter('requestOptions', {}) as IDataObject),
	};
}
