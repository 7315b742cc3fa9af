// The VTEX sandbox (`npm run sandbox`) as a child process in a process group of its own, for
// `npm run dev` and the e2e tests. Its admin endpoints (/_sandbox/…) show VTEX's state.

import { spawn } from 'node:child_process';
import { once } from 'node:events';

import { REPO_DIR, getFreePort } from './n8n.mjs';

/**
 * Starts `npm run sandbox -- --port <port>` and waits until it printed its credential.
 * @param {{port?:number, onSpawn?:(pid:number)=>void}} [opts] a free port when not given; onSpawn gets the
 *   pid (= process group) as soon as it is spawned, so a caller can stop it before it is ready
 * @returns {Promise<{baseUrl:string, pid:number, credential:{accountName:string, baseUrl:string, appKey:string, appToken:string},
 *   api(method:string, path:string, body?:unknown):Promise<any>, order(id:string):Promise<any>, state():Promise<any>,
 *   exited:Promise<unknown>, output():string, stop():Promise<void>}>}
 */
export async function startSandboxProcess({ port, onSpawn } = {}) {
	port ??= await getFreePort();
	const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--port', String(port)], {
		cwd: REPO_DIR,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	onSpawn?.(child.pid);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = once(child, 'exit');
	const deadline = Date.now() + 90_000;
	while (!/App Token:\s+\S+/.test(output)) {
		if (child.exitCode !== null || Date.now() > deadline) {
			stopGroup(child);
			throw new Error(`the sandbox did not start:\n${output}`);
		}
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
		pid: child.pid,
		credential: { accountName: field('Account Name'), baseUrl, appKey: field('App Key'), appToken: field('App Token') },
		api,
		order: (orderId) => api('GET', `/_sandbox/orders/${orderId}`),
		state: () => api('GET', '/_sandbox/state'),
		exited,
		output: () => output,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			stopGroup(child);
			await exited;
		},
	};
}

/** SIGTERM to the process group of the child spawned above (npm, its shell, the sandbox), and only that. */
function stopGroup(child) {
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		// already gone
	}
}
