/**
 * Real time over loopback HTTP, with real OS processes: the limiter serves HTTP in this process,
 * each n8n process of the shape is a child (worker.ts) with a pace of its own; one may be killed
 * (SIGKILL) midway, as a worker that crashed.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { Limiter } from './limiters';

const LATENCY_MS = 100;

export interface RealShape {
	name: string;
	durationMs: number;
	processes: number;
	limiter(start: () => number): Limiter;
	/** Kills process 0 at this time, ms after the start. */
	killAt?: number;
}

export interface RealFigures {
	share: number;
	refused429: number;
	refused5xx: number;
	failedItems: number;
	/** Share of the limit the survivors used, from 2 s after the kill to the end. */
	survivorsShare?: number;
	/** Jain's index of the processes' accepted requests before the kill (or over the run). */
	fairness?: number;
}

export async function runReal(shape: RealShape): Promise<RealFigures> {
	let start = 0;
	const limiter = shape.limiter(() => start);
	const accepted: Array<{ at: number; process: number }> = [];
	let refused429 = 0;
	let refused5xx = 0;
	const server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const answer = limiter.answer(Date.now());
			const process = Number(request.headers['x-process']);
			if (answer.status === 200) accepted.push({ at: Date.now() - start, process });
			else if (answer.status === 429) refused429++;
			else refused5xx++;
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (answer.retryAfter !== undefined) headers['retry-after'] = answer.retryAfter;
			// VTEX answers in about a tenth of a second; loopback alone would answer in one millisecond.
			setTimeout(() => {
				response.writeHead(answer.status, headers);
				response.end(answer.status === 200 ? '{}' : '{"error":{"message":"refused"}}');
			}, LATENCY_MS);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	let failedItems = 0;
	const children = Array.from({ length: shape.processes }, (_, index) =>
		fork(path.join(__dirname, 'worker.ts'), [], {
			execArgv: ['-r', 'ts-node/register/transpile-only'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			env: {
				...process.env,
				TS_NODE_TRANSPILE_ONLY: 'true',
				LIMITS_URL: `http://127.0.0.1:${port}`,
				LIMITS_PROCESS: String(index),
				LIMITS_DURATION_MS: String(shape.durationMs),
			},
		}),
	);
	await Promise.all(
		children.map(
			async (child) => await new Promise<void>((resolve) => child.once('message', () => resolve())),
		),
	);
	start = Date.now();
	for (const child of children) child.send({ go: true });
	const ended = children.map(
		async (child) =>
			await new Promise<void>((resolve) => {
				child.on('message', (message: { failed?: number }) => (failedItems += message.failed ?? 0));
				child.once('exit', () => resolve());
			}),
	);
	if (shape.killAt !== undefined) setTimeout(() => children[0].kill('SIGKILL'), shape.killAt);
	await Promise.all(ended);
	server.close();
	const end = shape.durationMs;
	const figures: RealFigures = {
		share: accepted.filter((entry) => entry.at < end).length / limiter.capacity(0, end),
		refused429,
		refused5xx,
		failedItems,
	};
	if (shape.processes > 1) {
		const to = shape.killAt ?? end;
		const counts = Array.from(
			{ length: shape.processes },
			(_, process) =>
				accepted.filter((entry) => entry.process === process && entry.at >= 3_000 && entry.at < to)
					.length,
		);
		const sum = counts.reduce((a, b) => a + b, 0);
		figures.fairness = (sum * sum) / (counts.length * counts.reduce((a, b) => a + b * b, 0));
	}
	if (shape.killAt !== undefined) {
		const from = shape.killAt + 2_000;
		const count = accepted.filter((entry) => entry.at >= from && entry.at < end).length;
		figures.survivorsShare = count / limiter.capacity(from, end);
	}
	return figures;
}
