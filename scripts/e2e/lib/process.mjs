// Child processes of the e2e run: run a command, capture a child's output, kill only what we
// started, free ports.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { NODE_BIN } from './runtime.mjs';

let verbose = !!process.env.E2E_VERBOSE;
export function setVerbose(v) {
	verbose = !!v;
}
let logTag = 'e2e';
/** The word in front of each log line: `e2e` for the test run, `dev` for `npm run dev`. */
export function setLogTag(tag) {
	logTag = tag;
}
export function log(...args) {
	const t = new Date().toISOString().slice(11, 19);
	console.error(`[${logTag} ${t}]`, ...args);
}

/** "4 min 05 s", "12 s". */
export function minutesAndSeconds(ms) {
	const total = Math.round(ms / 1000);
	const minutes = Math.floor(total / 60);
	return minutes ? `${minutes} min ${String(total % 60).padStart(2, '0')} s` : `${total} s`;
}

/**
 * Logs "<what>: <progress()>, <elapsed> so far" every `everyMs` until the returned function is
 * called: a step that prints nothing for minutes (npm installing n8n, node-gyp building sqlite3)
 * shows it is alive. The timer is unref'd, so it never keeps the process up.
 * @param {string} what
 * @param {() => string} [progress]
 * @param {number} [everyMs]
 * @returns {() => void} stops it
 */
export function heartbeat(what, progress = () => '', everyMs = 30_000) {
	const started = Date.now();
	const timer = setInterval(() => {
		const detail = progress();
		log(`${what}: ${detail ? `${detail}, ` : ''}${minutesAndSeconds(Date.now() - started)} so far`);
	}, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}

/**
 * Collects a child's stdout and stderr (streamed to our stderr with E2E_VERBOSE).
 * @returns {{stdout():string, stderr():string, all():string}} stdout, stderr, and both interleaved
 */
export function captureOutput(child) {
	let stdout = '';
	let stderr = '';
	let all = '';
	const collect = (append) => (chunk) => {
		append(String(chunk));
		all += chunk;
		if (verbose) process.stderr.write(chunk);
	};
	child.stdout?.on(
		'data',
		collect((s) => (stdout += s)),
	);
	child.stderr?.on(
		'data',
		collect((s) => (stderr += s)),
	);
	return { stdout: () => stdout, stderr: () => stderr, all: () => all };
}

/**
 * @typedef {{code:number|null, signal:string|null, stdout:string, stderr:string, ms:number}} RunResult
 */

/**
 * Runs a command, captures its output. Rejects on a non-zero exit unless allowFailure.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?:string, env?:NodeJS.ProcessEnv, timeoutMs?:number, allowFailure?:boolean, input?:string}} [opts]
 * @returns {Promise<{code:number|null, signal:string|null, stdout:string, stderr:string, ms:number}>}
 */
export function run(
	cmd,
	args,
	{ cwd, env, timeoutMs = 10 * 60_000, allowFailure = false, input } = {},
) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd,
			env: env ?? process.env,
			stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
			detached: true,
		});
		const output = captureOutput(child);
		let timedOut = '';
		if (input !== undefined) {
			// A child may exit without reading its input (its exit code says why); the write then
			// fails with EPIPE, which must not become an uncaught exception in the test process.
			child.stdin.on('error', () => {});
			child.stdin.end(input);
		}
		const timer = setTimeout(() => {
			timedOut = `\n[${logTag}] timed out after ${timeoutMs} ms, killing process group ${child.pid}\n`;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const res = {
				code,
				signal,
				stdout: output.stdout(),
				stderr: output.stderr() + timedOut,
				ms: Date.now() - started,
			};
			if (code !== 0 && !allowFailure) {
				const err = /** @type {Error & {result?: RunResult}} */ (
					new Error(
						`${path.basename(cmd)} ${args.join(' ')} exited with ${code ?? signal}\n--- stdout ---\n${tail(res.stdout)}\n--- stderr ---\n${tail(res.stderr)}`,
					)
				);
				err.result = res;
				reject(err);
			} else resolve(res);
		});
	});
}

export function tail(s, n = 4000) {
	return s.length > n ? '…' + s.slice(-n) : s;
}

/** Signals the process group of a child we spawned ourselves (detached: true), and nothing else. */
export function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {}
	}
}

/** @returns {Promise<number>} a loopback port free right now */
export async function getFreePort() {
	const srv = net.createServer();
	srv.listen(0, '127.0.0.1');
	await once(srv, 'listening');
	const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
	await new Promise((r) => srv.close(r));
	return port;
}

export function withNodeOnPath(env = process.env) {
	return { ...env, PATH: `${path.dirname(NODE_BIN)}${path.delimiter}${env.PATH ?? ''}` };
}

export function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

export function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

export const sleepMs = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor(what, probe, timeoutMs = 60_000, everyMs = 250) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleepMs(everyMs);
	}
}
