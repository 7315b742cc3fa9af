export { CREDENTIAL_TYPE, VtexClient } from './client';
export type { VtexContext, VtexRequest } from './client';
export { resolveBaseUrl } from './baseUrl';
export { getVtexDetails, hintForCode, extractVtexError, withVtexDetails } from './errors';
export type { VtexErrorDetails } from './errors';
export type { VtexResponse } from './errors';
export { DEFAULT_REQUEST_SETTINGS, requestSettingsFromOptions } from './settings';
export type { RequestSettings } from './settings';
export { requestOptionsField } from './requestOptions';
