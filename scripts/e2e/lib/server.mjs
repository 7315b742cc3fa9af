// Long-running n8n processes of the leg: `n8n start` (the main) and `n8n worker` (queue mode).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';

import { baseEnv } from './env.mjs';
import { captureOutput, getFreePort, killGroup, sleepMs, tail } from './process.mjs';
import { N8N_BIN, NODE_BIN } from './runtime.mjs';

function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			let body = '';
			res.on('data', (d) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode, body }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, body: '' }));
	});
}

/**
 * Spawns `n8n <command>` in its own process group and returns a handle to it.
 * @returns {{child, pid:number, output():string, exited():boolean, stop():Promise<void>, kill():Promise<void>}}
 */
function spawnN8n(inst, command, env, args = []) {
	const child = spawn(NODE_BIN, [N8N_BIN, command, ...args], {
		cwd: inst.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const output = captureOutput(child);
	let exited = false;
	const exitPromise = once(child, 'exit').then(() => {
		exited = true;
	});
	return {
		child,
		pid: child.pid,
		output: output.all,
		exited: () => exited,
		/** SIGTERM (n8n's graceful shutdown), SIGKILL after 20 s. */
		async stop() {
			if (exited) return;
			killGroup(child, 'SIGTERM');
			const t = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
			await exitPromise;
			clearTimeout(t);
		},
		/** kill -9 of the process group: a crash, no shutdown at all. */
		async kill() {
			if (exited) return;
			killGroup(child, 'SIGKILL');
			await exitPromise;
		},
	};
}

/**
 * Starts `n8n start` in the background and waits until /healthz/readiness answers 200 and
 * n8n printed "Editor is now accessible". Published workflows are activated asynchronously
 * after that (n8n 2.40's publication service); pass `webhooks` to also wait until those
 * production webhooks are registered (see waitForWebhook).
 * @param {import('./cli.mjs').N8nInstance} inst
 * @param {{port?:number, env?:Record<string,string>, readyTimeoutMs?:number,
 *          webhooks?:Array<{path:string, method?:string}>, onSpawn?:(pid:number)=>void}} [opts]
 *        onSpawn gets the pid (= process group) of `n8n start` as soon as it is spawned, so a caller
 *        can stop it before it is ready (npm run dev on Ctrl-C).
 * @returns {Promise<{port:number, baseUrl:string, pid:number, output():string, stop():Promise<void>, kill():Promise<void>}>}
 */
export async function startN8n(
	inst,
	{ port, env = {}, readyTimeoutMs = 180_000, webhooks = [], onSpawn } = {},
) {
	port ??= await getFreePort();
	const brokerPort = await getFreePort();
	const proc = spawnN8n(
		inst,
		'start',
		baseEnv(inst.userFolder, {
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_HOST: '127.0.0.1',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_LOG_LEVEL: 'info',
			...inst.env,
			...env,
		}),
	);
	onSpawn?.(proc.pid);
	const baseUrl = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + readyTimeoutMs;
	while (Date.now() < deadline) {
		if (proc.exited())
			throw new Error(`n8n start exited before it was ready:\n${tail(proc.output())}`);
		const r = await httpGet(`${baseUrl}/healthz/readiness`);
		if (r.status === 200 && proc.output().includes('Editor is now accessible')) {
			const server = {
				port,
				baseUrl,
				pid: proc.pid,
				output: proc.output,
				stop: proc.stop,
				kill: proc.kill,
			};
			try {
				for (const w of webhooks)
					await waitForWebhook(server, w.path, w.method, Math.max(1000, deadline - Date.now()));
			} catch (e) {
				await proc.stop();
				throw new Error(`${e.message}\n${tail(proc.output())}`);
			}
			return server;
		}
		await sleepMs(500);
	}
	await proc.stop();
	throw new Error(`n8n start was not ready after ${readyTimeoutMs} ms:\n${tail(proc.output())}`);
}

/**
 * Starts `n8n worker` (queue mode: give the same queue and database settings in inst.env as the
 * main's) and waits until its health check answers 200.
 * @returns {Promise<{pid:number, output():string, stop():Promise<void>, kill():Promise<void>}>}
 */
export async function startWorker(
	inst,
	{ env = {}, concurrency = 10, readyTimeoutMs = 120_000 } = {},
) {
	const healthPort = await getFreePort();
	const proc = spawnN8n(
		inst,
		'worker',
		baseEnv(inst.userFolder, {
			N8N_RUNNERS_BROKER_PORT: String(await getFreePort()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_LOG_LEVEL: 'info',
			...inst.env,
			...env,
		}),
		[`--concurrency=${concurrency}`],
	);
	const deadline = Date.now() + readyTimeoutMs;
	while (Date.now() < deadline) {
		if (proc.exited())
			throw new Error(`n8n worker exited before it was ready:\n${tail(proc.output())}`);
		const r = await httpGet(`http://127.0.0.1:${healthPort}/healthz`);
		if (r.status === 200)
			return { pid: proc.pid, output: proc.output, stop: proc.stop, kill: proc.kill };
		await sleepMs(500);
	}
	await proc.stop();
	throw new Error(`n8n worker was not ready after ${readyTimeoutMs} ms:\n${tail(proc.output())}`);
}

/**
 * Waits until a production webhook (`/webhook/<path>`) is registered, without triggering
 * it: a CORS preflight (OPTIONS) lists the registered methods in Access-Control-Allow-Methods.
 */
export async function waitForWebhook(server, webhookPath, method = 'GET', timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	const url = `${server.baseUrl}/webhook/${webhookPath.replace(/^\/+/, '')}`;
	while (Date.now() < deadline) {
		const allowed = await new Promise((resolve) => {
			const req = http.request(
				url,
				{
					method: 'OPTIONS',
					timeout: 2000,
					headers: { Origin: server.baseUrl, 'Access-Control-Request-Method': method },
				},
				(res) => {
					res.resume();
					resolve(String(res.headers['access-control-allow-methods'] ?? ''));
				},
			);
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', () => resolve(''));
			req.end();
		});
		if (allowed.split(/\s*,\s*/).includes(method.toUpperCase())) return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`webhook ${method} ${url} was not registered within ${timeoutMs} ms`);
}
