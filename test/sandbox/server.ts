import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { adminRoutes } from './admin';
import type { SandboxKey } from './auth';
import { authenticate, DEFAULT_ACCOUNT, DEFAULT_KEYS } from './auth';
import { allFamilies } from './families';
import type { FaultRule } from './faults';
import { Faults } from './faults';
import type { Route, SandboxRequest, SandboxResponse } from './http';
import { compile, encode, json, send } from './http';
import { outsideRoutes } from './outside';
import { seedOrders } from './seed';
import { SandboxState } from './state';

export interface SandboxOptions {
	port?: number;
	host?: string;
	account?: string;
	keys?: SandboxKey[];
	/** `default` loads the seeded orders; `empty` starts with none. */
	seed?: 'default' | 'empty';
}

interface CompiledRoute extends Route {
	match: (path: string) => Record<string, string> | undefined;
}

/**
 * A stateful stand-in for VTEX on loopback. Endpoint families (families/*.ts) each add their
 * routes; this class does what is common to all: authentication, faults, rate limit, latency,
 * the request log and the admin endpoints under /_sandbox (a path VTEX does not use).
 */
export class Sandbox {
	readonly state: SandboxState;

	readonly faults = new Faults();

	/** VTEX requests being served now, and the most at once since the last reset (admin calls excluded). */
	/** `closedEarly`: trickled answers whose client closed the connection before the last byte. */
	readonly load = { inFlight: 0, peakInFlight: 0, closedEarly: 0 };

	private routes: CompiledRoute[] = [];

	private server?: Server;

	private sockets = new Set<import('node:net').Socket>();

	baseUrl = '';

	constructor(private readonly options: SandboxOptions = {}) {
		this.state = new SandboxState(options.account ?? DEFAULT_ACCOUNT, options.keys ?? DEFAULT_KEYS);
		this.reset();
	}

	/** Back to the seeded orders, an empty log, no faults; families start afresh. */
	reset(): void {
		const fresh = new SandboxState(this.state.account, this.state.keys);
		Object.assign(this.state, fresh);
		this.faults.clear();
		this.load.peakInFlight = this.load.inFlight;
		this.load.closedEarly = 0;
		if ((this.options.seed ?? 'default') === 'default') {
			for (const order of seedOrders(this.state.account)) this.state.putOrder(order);
		}
		this.routes = [];
		for (const family of allFamilies) this.addRoutes(family(this.state, this));
		this.addRoutes(adminRoutes(this));
		this.addRoutes(outsideRoutes(this.state));
	}

	addRoutes(routes: Route[]): void {
		for (const route of routes) this.routes.push({ ...route, match: compile(route.pattern) });
	}

	/** The key a client should use: the first one, with every resource. */
	get defaultKey(): SandboxKey {
		return this.state.keys[0];
	}

	addFault(rule: FaultRule): void {
		this.faults.add(rule);
	}

	/** Requests VTEX would have received (admin calls excluded), optionally filtered. */
	requests(filter: { method?: string; pathPrefix?: string } = {}) {
		return this.state.requests.filter(
			(record) =>
				(!filter.method || record.method === filter.method.toUpperCase()) &&
				(!filter.pathPrefix || record.path.startsWith(filter.pathPrefix)),
		);
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			void this.handle(req, res);
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) =>
			this.server!.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve),
		);
		const address = this.server.address() as AddressInfo;
		this.baseUrl = `http://${address.address}:${address.port}`;
		return this;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const rawBody = await readBody(req);
		let body: unknown = undefined;
		if (rawBody) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = rawBody;
			}
		}
		const request: SandboxRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			params: {},
			query: Object.fromEntries(url.searchParams.entries()),
			headers: req.headers,
			body,
			rawBody,
		};
		const isAdmin = request.path.startsWith('/_sandbox/');

		try {
			if (isAdmin) {
				send(res, await this.dispatch(request));
				return;
			}
			this.load.inFlight++;
			this.load.peakInFlight = Math.max(this.load.peakInFlight, this.load.inFlight);
			try {
				await this.serveVtex(request, req, res);
			} finally {
				this.load.inFlight--;
			}
		} catch (error) {
			send(
				res,
				json(500, {
					error: { code: 'SANDBOX', message: (error as Error).message, exception: null },
				}),
			);
		}
	}

	private async serveVtex(
		request: SandboxRequest,
		req: IncomingMessage,
		res: ServerResponse,
	): Promise<void> {
		const appKey = headerValue(req, 'x-vtex-api-appkey');
		const record = (status: number, fault?: string) =>
			this.state.record({
				method: request.method,
				path: request.path,
				query: request.query,
				body: request.body,
				appKey,
				status,
				fault,
			});

		if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);

		if (this.faults.overRate()) {
			const retryAfter = this.faults.rateLimit?.retryAfterSeconds;
			record(429, 'rateLimit');
			send(
				res,
				json(
					429,
					{ error: { code: '429', message: 'Too Many Requests', exception: null } },
					retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
				),
			);
			return;
		}

		const fault = this.faults.take(request.method, request.path);
		if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
		if (fault && fault.kind !== 'slow' && fault.kind !== 'trickle' && fault.phase !== 'after') {
			record(faultStatus(fault), fault.kind);
			this.inject(fault, res);
			return;
		}

		const response = await this.dispatch(request);
		if (fault?.kind === 'trickle') {
			// Applied, then answered one byte at a time: each byte keeps an idle timeout from firing.
			record(response.status, 'trickle');
			await this.trickle(res, response, fault.delayMs ?? 300);
			return;
		}
		if (fault && fault.kind !== 'slow') {
			// Applied, then the answer is lost or replaced: VTEX did the work, the client cannot know.
			record(faultStatus(fault), `${fault.kind}-after-applied`);
			this.inject(fault, res);
			return;
		}
		record(response.status);
		send(res, response);
	}

	/** Sends the answer a byte at a time until its end or until the client closes the connection. */
	private async trickle(
		res: ServerResponse,
		response: SandboxResponse,
		pauseMs: number,
	): Promise<void> {
		const { headers, payload } = encode(response);
		const bytes = Buffer.from(payload);
		res.writeHead(response.status, { ...headers, 'Content-Length': String(bytes.length) });
		for (let sent = 0; sent < bytes.length; sent++) {
			if (res.destroyed || res.socket?.destroyed !== false) {
				this.load.closedEarly++;
				return;
			}
			res.write(bytes.subarray(sent, sent + 1));
			await delay(pauseMs);
		}
		res.end();
	}

	private inject(fault: FaultRule, res: ServerResponse): void {
		switch (fault.kind) {
			case 'reset':
				res.socket?.destroy();
				return;
			case 'redirect':
				send(res, {
					status: 302,
					headers: { Location: fault.location ?? '/', 'Content-Type': 'text/plain' },
					body: 'Found',
				});
				return;
			case 'html200':
				send(res, {
					status: 200,
					headers: { 'Content-Type': 'text/html; charset=utf-8' },
					body: '<!DOCTYPE html><html><head><title>VTEX ID</title></head><body>Login</body></html>',
				});
				return;
			case '429':
				send(
					res,
					json(
						429,
						{ error: { code: '429', message: 'Too Many Requests', exception: null } },
						fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter },
					),
				);
				return;
			default:
				send(res, {
					status: Number(fault.kind),
					headers: { 'Content-Type': 'text/plain' },
					body: fault.kind === '503' ? 'Service Unavailable' : 'Bad Gateway',
				});
		}
	}

	private async dispatch(request: SandboxRequest): Promise<SandboxResponse> {
		for (const route of this.routes) {
			if (route.method !== request.method) continue;
			const params = route.match(request.path);
			if (!params) continue;
			request.params = params;
			const { key, denied } = authenticate(request, this.state.keys, route.permission);
			if (denied) return denied;
			request.appKey = key?.appKey;
			return await route.handler(request);
		}
		// VTEX answers unknown routes with 404; its body there is not documented.
		return json(404, {
			error: {
				code: 'NotFound',
				message: `No route for ${request.method} ${request.path}`,
				exception: null,
			},
		});
	}
}

function faultStatus(fault: FaultRule): number {
	if (fault.kind === 'trickle') return 200;
	if (fault.kind === 'reset') return 0;
	if (fault.kind === 'html200') return 200;
	if (fault.kind === 'redirect') return 302;
	return Number(fault.kind);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * A wait of the stand-in (latency, a slow or trickled answer). Unref'd: the server's sockets keep
 * a running sandbox alive, and a wait still pending when a test has stopped it must not keep the
 * test's process (a jest worker) from exiting.
 */
function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await new Sandbox(options).start();
}
