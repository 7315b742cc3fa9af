import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { labelsFrom, readFieldsWith } from '../shared/fields';
import { feedFilterBody, feedFilterSchema } from '../shared/feed/feedConfig';
import type { RequestSettings } from '../shared/transport';
import { requestSettingsFromOptions } from '../shared/transport';
import { validateInput } from '../shared/validation';
import { hookFilterProperties } from './description';

/** Errors name the filter's fields by their displayNames. */
const filterLabels = labelsFrom(hookFilterProperties);

type HookTriggerContext = IHookFunctions | IWebhookFunctions;

const parameterOf =
	(ctx: HookTriggerContext) =>
	(name: string, fallback: unknown): unknown =>
		ctx.getNodeParameter(name, fallback) as unknown;

/** The request settings (Request Options), for registration and for Include Order. */
export function readRequestSettings(ctx: HookTriggerContext): RequestSettings {
	return requestSettingsFromOptions(parameterOf(ctx)('requestOptions', {}) as IDataObject);
}

/**
 * The hook's `filter`, read and checked as the feed's (same fields, rules and limits) before
 * anything is sent to VTEX; errors name the field.
 */
export function readHookFilter(ctx: HookTriggerContext): IDataObject {
	const fields = readFieldsWith(parameterOf(ctx), hookFilterProperties);
	return feedFilterBody(validateInput(ctx.getNode(), feedFilterSchema, fields, filterLabels, 0));
}

export function readReplaceExisting(ctx: HookTriggerContext): boolean {
	return parameterOf(ctx)('replaceExisting', false) === true;
}

/** What a notification's handling needs. */
export interface DeliverySettings {
	ignoreRepeated: boolean;
	includeOrder: boolean;
}

export function readDeliverySettings(ctx: HookTriggerContext): DeliverySettings {
	const parameter = parameterOf(ctx);
	return {
		ignoreRepeated: parameter('ignoreRepeated', true) !== false,
		includeOrder: parameter('includeOrder', false) === true,
	};
}
