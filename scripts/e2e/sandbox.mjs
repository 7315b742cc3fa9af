// The VTEX sandbox (test/sandbox/cli.ts) as a child process, for the real-n8n tests and the hook
// burst: its admin endpoints under /_sandbox show VTEX's state and play VTEX's part.

import { spawn } from 'node:child_process';
import { once } from 'node:events';

import { REPO_DIR, getFreePort } from './n8n.mjs';

/** Starts the sandbox on a free port and returns its credential values and an admin client. */
export async function startSandboxProcess() {
	const port = await getFreePort();
	const child = spawn('npx', ['ts-node', '--transpile-only', 'test/sandbox/cli.ts', '--port', String(port)], {
		cwd: REPO_DIR,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = once(child, 'exit');
	const deadline = Date.now() + 60_000;
	while (!/App Token:\s+\S+/.test(output)) {
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the sandbox did not start:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	const field = (label) => new RegExp(`${label}:\\s+(\\S+)`).exec(output)[1];
	const baseUrl = field('Base URL');
	const api = async (method, urlPath, body) => {
		const response = await fetch(`${baseUrl}${urlPath}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${urlPath}: HTTP ${response.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
	return {
		baseUrl,
		credential: { accountName: field('Account Name'), baseUrl, appKey: field('App Key'), appToken: field('App Token') },
		api,
		order: (orderId) => api('GET', `/_sandbox/orders/${orderId}`),
		state: () => api('GET', '/_sandbox/state'),
		/** The hooks and every delivery attempt (`/_sandbox/hook`). */
		hook: () => api('GET', '/_sandbox/hook'),
		async stop() {
			if (child.exitCode !== null) return;
			// Only the process group of the child spawned above.
			process.kill(-child.pid, 'SIGTERM');
			await exited;
		},
	};
}

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor(what, probe, timeoutMs = 60_000, everyMs = 250) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}
