// Redis and PostgreSQL for n8n's queue mode, from Debian's packages (redis-server, postgresql):
// installed with apt-get when missing, each started on loopback on a free port with a data
// directory of its own, and stopped by the handle returned (only the processes started here).

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { captureOutput, getFreePort, killGroup, log, run, sleepMs, tail } from './process.mjs';

const POSTGRES_ROOT = '/usr/lib/postgresql';

function postgresBinDir() {
	if (!fs.existsSync(POSTGRES_ROOT)) return undefined;
	const versions = fs
		.readdirSync(POSTGRES_ROOT)
		.filter((v) => fs.existsSync(path.join(POSTGRES_ROOT, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(POSTGRES_ROOT, versions[0], 'bin') : undefined;
}

const hasCommand = (file) => fs.existsSync(file);

/** apt-get installs redis-server and postgresql when either is missing (needs root, as CI has). */
export async function ensureQueueServices() {
	const missing = [];
	if (!hasCommand('/usr/bin/redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length === 0) return;
	log(`installing ${missing.join(', ')} from Debian's packages`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update', '-qq'], { env, timeoutMs: 10 * 60_000 });
	await run('apt-get', ['install', '-y', '-qq', ...missing], { env, timeoutMs: 20 * 60_000 });
}

/** A server process in its own process group; stop() ends only that group and removes its data directory. */
function serviceHandle(child, dataDir, name) {
	const output = captureOutput(child);
	const exited = once(child, 'exit');
	return {
		output: output.all,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				killGroup(child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
				await exited;
				clearTimeout(timer);
			}
			await fsp.rm(dataDir, { recursive: true, force: true });
			log(`${name} stopped`);
		},
	};
}

async function waitUntil(check, what, handle, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await sleepMs(300);
	}
	await handle.stop();
	throw new Error(`${what} did not start within ${timeoutMs} ms:\n${tail(handle.output())}`);
}

/**
 * Redis on 127.0.0.1, no persistence, its own working directory.
 * @returns {Promise<{host:string, port:number, stop():Promise<void>}>}
 */
export async function startRedis() {
	const port = await getFreePort();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'e2e-redis-'));
	const child = spawn(
		'/usr/bin/redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	const handle = serviceHandle(child, dir, `redis on ${port}`);
	await waitUntil(
		async () =>
			(
				await run('/usr/bin/redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], {
					allowFailure: true,
				})
			).stdout.trim() === 'PONG',
		'redis',
		handle,
	);
	log(`redis on 127.0.0.1:${port}`);
	return { host: '127.0.0.1', port, stop: handle.stop };
}

/**
 * PostgreSQL on 127.0.0.1 with a fresh cluster and a database `n8n` owned by user `n8n` (trust
 * authentication, loopback only). PostgreSQL refuses to run as root, so when we are root the
 * server runs as Debian's `postgres` user (runuser), owning its data directory.
 * @returns {Promise<{host:string, port:number, database:string, user:string, password:string, stop():Promise<void>}>}
 */
export async function startPostgres() {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
	const port = await getFreePort();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'e2e-postgres-'));
	const asRoot = process.getuid?.() === 0;
	/** @type {(cmd: string, args: string[]) => [string, string[]]} */
	const as = (cmd, args) =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
	if (asRoot) await run('chown', ['-R', 'postgres:postgres', dir]);
	const data = path.join(dir, 'data');
	await run(
		...as(path.join(bin, 'initdb'), [
			'-D',
			data,
			'-U',
			'n8n',
			'--auth=trust',
			'--encoding=UTF8',
			'--no-instructions',
		]),
	);
	const [cmd, args] = as(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dir}`,
		'-c',
		'fsync=off',
	]);
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const handle = serviceHandle(child, dir, `postgres on ${port}`);
	await waitUntil(
		async () =>
			(
				await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
					allowFailure: true,
				})
			).code === 0,
		'postgres',
		handle,
	);
	await run(path.join(bin, 'createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'n8n',
		'n8n',
	]);
	log(`postgres on 127.0.0.1:${port}`);
	return {
		host: '127.0.0.1',
		port,
		database: 'n8n',
		user: 'n8n',
		password: 'n8n',
		stop: handle.stop,
	};
}

/**
 * The environment of every n8n process of one queue-mode installation (main, workers, webhook
 * processes): Redis for the queue, PostgreSQL for the executions, and one encryption key for all.
 * @param {{host:string, port:number}} redis
 * @param {{host:string, port:number, database:string, user:string, password:string}} postgres
 * @param {string} encryptionKey
 * @returns {Record<string, string>}
 */
export function queueModeEnv(redis, postgres, encryptionKey) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_ENCRYPTION_KEY: encryptionKey,
	};
}
