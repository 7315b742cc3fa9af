// n8n's own REST API for what its CLI cannot do while `n8n start` runs: deactivating a workflow
// (the CLI's unpublish only changes the database; the running n8n would keep the webhook).

const OWNER = { email: 'e2e-owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-Passw0rd' };

/**
 * Sets up the instance's owner (allowed once, without authentication, on a fresh n8n) and
 * returns a client that sends its session cookie.
 */
export async function ownerSession(server) {
	const response = await fetch(`${server.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!response.ok) throw new Error(`owner setup: HTTP ${response.status} ${await response.text()}`);
	const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''])
		.map((value) => value.split(';')[0])
		.join('; ');
	const call = async (method, urlPath, body) => {
		const answer = await fetch(`${server.baseUrl}/rest${urlPath}`, {
			method,
			headers: { 'Content-Type': 'application/json', cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await answer.text();
		if (!answer.ok) throw new Error(`${method} /rest${urlPath}: HTTP ${answer.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
	return {
		call,
		/** Deactivates (unpublishes) a workflow in the running n8n: its webhooks' delete methods run. */
		deactivate: (workflowId) => call('POST', `/workflows/${workflowId}/deactivate`, {}),
		/** Executions of a workflow, newest first (n8n's list endpoint). */
		executions: async (workflowId) => {
			const { data } = await call('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`);
			return data.results ?? data;
		},
	};
}
