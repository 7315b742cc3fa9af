import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { feedFilterInputFrom, statusesFrom } from '../shared/feed/descriptions';
import { FEED_FILTER_LABELS, feedFilterBody, feedFilterSchema } from '../shared/feed/feedConfig';
import type { RequestSettings } from '../shared/transport';
import { requestSettingsFromOptions } from '../shared/transport';
import { validateInput } from '../shared/validation';

type HookTriggerContext = IHookFunctions | IWebhookFunctions;

const parameterOf =
	(ctx: HookTriggerContext) =>
	(name: string, fallback: unknown): unknown =>
		ctx.getNodeParameter(name, fallback) as unknown;

/** The request settings (Request Options), for registration and for Include Order. */
export function readRequestSettings(ctx: HookTriggerContext): RequestSettings {
	return requestSettingsFromOptions(parameterOf(ctx)('requestOptions', {}) as IDataObject);
}

/** The hook's `filter`, checked before anything is sent to VTEX; errors name the field. */
export function readHookFilter(ctx: HookTriggerContext): IDataObject {
	const parameter = parameterOf(ctx);
	const input = validateInput(
		ctx.getNode(),
		feedFilterSchema,
		feedFilterInputFrom(parameter, statusesFrom(parameter)),
		FEED_FILTER_LABELS,
		0,
	);
	return feedFilterBody(input);
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
