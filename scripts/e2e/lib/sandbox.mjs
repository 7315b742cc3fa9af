// The VTEX sandbox (test/sandbox/cli.ts) as a child process; its admin endpoints show VTEX's state.

import { spawn } from 'node:child_process';
import { once } from 'node:events';

import { captureOutput, getFreePort, killGroup, sleepMs } from './process.mjs';
import { REPO_DIR } from './runtime.mjs';

/**
 * Starts the sandbox on a loopback port and waits until it printed its credential.
 * @param {{port?:number, onSpawn?:(pid:number)=>void}} [opts] a free port when not given; onSpawn gets the
 *   pid (= process group) as soon as it is spawned, so a caller can stop it before it is ready (npm run dev)
 * @returns {Promise<{baseUrl:string, pid:number, credential:{accountName:string, baseUrl:string, appKey:string, appToken:string},
 *   api(method:string, path:string, body?:unknown):Promise<any>, order(orderId:string):Promise<any>, state():Promise<any>,
 *   hook():Promise<any>,
 *   exited:Promise<unknown>, output():string, stop():Promise<void>}>}
 */
export async function startSandboxProcess({ port, onSpawn } = {}) {
	port ??= await getFreePort();
	const child = spawn(
		'npx',
		['ts-node', '--transpile-only', 'test/sandbox/cli.ts', '--port', String(port)],
		{
			cwd: REPO_DIR,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		},
	);
	onSpawn?.(child.pid);
	const output = captureOutput(child);
	const exited = once(child, 'exit');
	const deadline = Date.now() + 60_000;
	while (!/App Token:\s+\S+/.test(output.all())) {
		if (child.exitCode !== null || Date.now() > deadline) {
			killGroup(child, 'SIGTERM');
			throw new Error(`the sandbox did not start:\n${output.all()}`);
		}
		await sleepMs(200);
	}
	const field = (label) => new RegExp(`${label}:\\s+(\\S+)`).exec(output.all())[1];
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
		credential: {
			accountName: field('Account Name'),
			baseUrl,
			appKey: field('App Key'),
			appToken: field('App Token'),
		},
		api,
		order: (orderId) => api('GET', `/_sandbox/orders/${orderId}`),
		state: () => api('GET', '/_sandbox/state'),
		/** The hooks and every delivery attempt (`/_sandbox/hook`). */
		hook: () => api('GET', '/_sandbox/hook'),
		exited,
		output: output.all,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			killGroup(child, 'SIGTERM');
			await exited;
		},
	};
}
