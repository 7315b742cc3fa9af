// n8n's REST API as the editor uses it: the owner's first-run setup, a login, and requests with
// the session cookie; and what the CLI cannot do while `n8n start` runs (deactivating a workflow:
// the CLI's unpublish only changes the database, the running n8n would keep the webhook). Used by
// `npm run dev` (scripts/dev.mjs), the e2e tests and `npm run bench:hook`.
//
// n8n binds its session token to the browser that logged in (the `browser-id` header, hashed into
// the JWT), so a session sends the same browser id on every request, as the editor does.

import { randomUUID } from 'node:crypto';

/** The owner account `npm run dev` and the e2e tests set up. n8n wants 8+ characters, a digit and a capital. */
export const DEV_OWNER = {
	email: 'dev@example.com',
	firstName: 'VTEX',
	lastName: 'Developer',
	password: 'VtexSandbox1',
};

/**
 * @param {string} baseUrl
 * @param {string} method
 * @param {string} urlPath
 * @param {{body?:unknown, headers?:Record<string,string>}} [opts]
 */
async function call(baseUrl, method, urlPath, { body, headers = {} } = {}) {
	const response = await fetch(`${baseUrl}${urlPath}`, {
		method,
		headers: { 'Content-Type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json, data: json?.data };
}

/**
 * Sets up the instance owner (`POST /rest/owner/setup`), the form n8n shows on a fresh instance.
 * @returns {Promise<boolean>} false when the instance already has an owner
 */
export async function setUpOwner(baseUrl, owner = DEV_OWNER) {
	const res = await call(baseUrl, 'POST', '/rest/owner/setup', { body: owner });
	if (res.status === 200) return true;
	// n8n answers 400 "Instance owner already setup" once an owner exists.
	if (res.status === 400 && /already setup/i.test(res.text)) return false;
	throw new Error(`POST /rest/owner/setup: HTTP ${res.status} ${res.text.slice(0, 500)}`);
}

/**
 * Logs in (`POST /rest/login`) and returns a session whose requests carry the cookie.
 * @returns {Promise<{get(path):Promise<any>, post(path, body):Promise<any>, patch(path, body):Promise<any>, request(method, path, body?):Promise<{status:number,text:string,json:any,data:any}>}>}
 */
export async function logIn(baseUrl, { email, password } = DEV_OWNER) {
	const browserId = randomUUID();
	const res = await call(baseUrl, 'POST', '/rest/login', {
		body: { emailOrLdapLoginId: email, password },
		headers: { 'browser-id': browserId },
	});
	if (res.status !== 200)
		throw new Error(`POST /rest/login: HTTP ${res.status} ${res.text.slice(0, 500)}`);
	const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie')])
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
	const headers = { cookie, 'browser-id': browserId };
	const request = (method, urlPath, body) => call(baseUrl, method, urlPath, { body, headers });
	const ok = async (method, urlPath, body) => {
		const r = await request(method, urlPath, body);
		if (r.status < 200 || r.status > 299)
			throw new Error(`${method} ${urlPath}: HTTP ${r.status} ${r.text.slice(0, 1000)}`);
		return r.data ?? r.json;
	};
	return {
		request,
		get: (urlPath) => ok('GET', urlPath),
		post: (urlPath, body) => ok('POST', urlPath, body),
		patch: (urlPath, body) => ok('PATCH', urlPath, body),
	};
}

/**
 * The owner's session on a fresh instance (set up, then logged in), with what the e2e tests and
 * the hook burst need beyond the CLI.
 * @param {{baseUrl:string}} server
 */
export async function ownerSession(server) {
	await setUpOwner(server.baseUrl);
	const session = await logIn(server.baseUrl);
	return {
		...session,
		/** Deactivates (unpublishes) a workflow in the running n8n: its webhooks' delete methods run. */
		deactivate: (workflowId) => session.post(`/rest/workflows/${workflowId}/deactivate`, {}),
		/** Executions of a workflow, newest first (n8n's list endpoint). */
		executions: async (workflowId) => {
			const data = await session.get(
				`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
			);
			return data.results ?? data;
		},
	};
}
