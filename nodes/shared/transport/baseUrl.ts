import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The account's API root: the credential's Base URL when set (custom domain, proxy, sandbox),
 * otherwise https://{accountName}.{environment}.com.br, the host VTEX's API reference gives for
 * every Orders API endpoint (developers.vtex.com/docs/api-reference/orders-api).
 * The credential's own test request repeats this rule as an expression.
 */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.baseUrl ?? '').trim();
	if (override) return override.replace(/\/+$/, '');
	const environment = String(credentials.environment ?? '').trim() || 'vtexcommercestable';
	return `https://${String(credentials.accountName ?? '').trim()}.${environment}.com.br`;
}
