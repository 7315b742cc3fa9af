import type { SandboxRequest, SandboxResponse } from './http';
import { json } from './http';

/** An app key the sandbox accepts, with the License Manager resources its roles grant. */
export interface SandboxKey {
	appKey: string;
	appToken: string;
	/** Resources granted; '*' grants all. */
	resources: string[] | '*';
}

export const DEFAULT_ACCOUNT = 'sandboxstore';

export const DEFAULT_KEYS: SandboxKey[] = [
	{
		appKey: 'vtexappkey-sandboxstore-ERPKEY',
		appToken: 'sandbox-app-token-ERPKEY-secret',
		resources: '*',
	},
	{
		// A key whose role has only the order reading resources: credential test passes, writes get 403.
		appKey: 'vtexappkey-sandboxstore-READONLY',
		appToken: 'sandbox-app-token-READONLY-secret',
		resources: ['View order'],
	},
];

/**
 * VTEX's rules (developers.vtex.com/docs/guides/api-authentication-using-api-keys): every request
 * carries X-VTEX-API-AppKey and X-VTEX-API-AppToken; no or wrong key/token -> 401 with the OMS error
 * body VTEX documents for start-handling (`{"error":{"code":"1","message":"Unauthorized access"}}`);
 * a key whose role lacks the endpoint's resource -> 403. VTEX does not document a 403 body; the
 * sandbox sends the same envelope with a message naming the resource.
 */
export function authenticate(
	request: SandboxRequest,
	keys: SandboxKey[],
	permission: string | null,
): { key?: SandboxKey; denied?: SandboxResponse } {
	if (permission === null) return {};
	const appKey = header(request, 'x-vtex-api-appkey');
	const appToken = header(request, 'x-vtex-api-apptoken');
	const key = keys.find(
		(candidate) => candidate.appKey === appKey && candidate.appToken === appToken,
	);
	if (!key) {
		return {
			denied: json(401, { error: { code: '1', message: 'Unauthorized access', exception: null } }),
		};
	}
	if (key.resources !== '*' && permission !== '' && !key.resources.includes(permission)) {
		return {
			key,
			denied: json(403, {
				error: {
					code: 'Forbidden',
					message: `The credentials are not enabled to access the service. Missing resource: ${permission}`,
					exception: null,
				},
			}),
		};
	}
	return { key };
}

function header(request: SandboxRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}
