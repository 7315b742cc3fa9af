import type { IDataObject } from 'n8n-workflow';

import { caseInsensitiveValue, normalizeFeedFilter } from '../feed/feedConfig';

/**
 * The hook configuration (VTEX's "Orders feed" guide, section Hook): `{filter, hook: {url,
 * headers}}`, the filter being the feed's.
 */

/** The POST /api/orders/hook/config body. */
export function hookConfigBody(
	filter: IDataObject,
	url: string,
	headers: Record<string, string>,
): IDataObject {
	return { filter, hook: { url, headers } };
}

/** The hook's URL in a GET /api/orders/hook/config answer, whatever its capitalisation. */
export function hookUrlOf(raw: IDataObject | undefined): string | undefined {
	const hook = caseInsensitiveValue(raw, 'hook') as IDataObject | undefined;
	const url = caseInsensitiveValue(hook, 'url');
	return typeof url === 'string' && url ? url : undefined;
}

/** The hook's headers in a GET answer (names and values), whatever their capitalisation. */
export function hookHeadersOf(raw: IDataObject | undefined): Record<string, string> {
	const hook = caseInsensitiveValue(raw, 'hook') as IDataObject | undefined;
	const headers = caseInsensitiveValue(hook, 'headers');
	if (!headers || typeof headers !== 'object') return {};
	return Object.fromEntries(
		Object.entries(headers as IDataObject).map(([name, value]) => [name, String(value ?? '')]),
	);
}

/** What stands in for a header value in outputs: header values are often secrets. */
export const HIDDEN_HEADER_VALUE = '(hidden)';

/**
 * A GET answer as the nodes output it: `{configured: true, filter, hook: {url, headers}}`, every
 * header value replaced by "(hidden)". Header values carry the receiver's credentials (the hook
 * trigger's secret among them), so they never reach an output; the names are enough to tell
 * whose hook it is.
 */
export function normalizeHookConfig(raw: IDataObject): IDataObject {
	const headers = hookHeadersOf(raw);
	return {
		configured: true,
		filter: normalizeFeedFilter(caseInsensitiveValue(raw, 'filter')),
		hook: {
			url: hookUrlOf(raw) ?? null,
			headers: Object.fromEntries(Object.keys(headers).map((name) => [name, HIDDEN_HEADER_VALUE])),
		},
	};
}
