import type { Route } from '../http';
import { json } from '../http';
import type { SandboxState } from '../state';

/**
 * VTEX ID app-token login
 * (developers.vtex.com/docs/api-reference/vtex-id-api#post-/api/vtexid/apptoken/login): body `{appkey, apptoken}`, no auth headers, no permission.
 * VTEX documents only the 200 body `{authStatus: "Success", token, expires}`. Its answer to a wrong
 * pair is not documented: the sandbox answers 200 with `authStatus: "WrongCredentials"`, the value
 * the VTEX ID spec uses on its other endpoints. An `an` naming another account answers 404
 * (VTEX is silent; an unknown account's host does not serve the API).
 */
export function vtexIdRoutes(state: SandboxState): Route[] {
	return [
		{
			method: 'POST',
			pattern: '/api/vtexid/apptoken/login',
			permission: null,
			handler: (request) => {
				if (request.query.an && request.query.an !== state.account) {
					return json(404, {
						error: {
							code: 'NotFound',
							message: `Account ${request.query.an} not found`,
							exception: null,
						},
					});
				}
				const body = (request.body ?? {}) as { appkey?: string; apptoken?: string };
				const key = state.keys.find(
					(candidate) => candidate.appKey === body.appkey && candidate.appToken === body.apptoken,
				);
				if (!key) return json(200, { authStatus: 'WrongCredentials', token: null, expires: 0 });
				const expires = Math.floor(Date.now() / 1000) + 24 * 3600;
				const token = Buffer.from(
					JSON.stringify({ sub: key.appKey, account: state.account, exp: expires }),
				).toString('base64url');
				return json(200, { authStatus: 'Success', token: `sandbox.${token}.signature`, expires });
			},
		},
	];
}
