import http from 'http';
import type { AddressInfo } from 'net';

/** One scripted answer: what a proxy, a gateway or a broken VTEX might send. */
export interface ScriptedAnswer {
	status?: number;
	headers?: Record<string, string>;
	/** A Buffer is sent as is; a function writes the body itself (streams, huge bodies). */
	body?: string | Buffer | ((response: http.ServerResponse) => void);
}

/** What a scripted answer may be built from: the request as received. */
export interface Received {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

type Answering = ScriptedAnswer | ((request: Received) => ScriptedAnswer);

interface Script {
	method: string;
	path: string;
	answer: Answering;
}

/**
 * A loopback server in front of the sandbox: requests matching a script get the scripted answer,
 * every other request is passed to the sandbox unchanged (so an operation's other requests, a
 * replay's read, work as against VTEX). It records what it received.
 */
export class AnswerServer {
	readonly received: Received[] = [];

	private scripts: Script[] = [];

	private server?: http.Server;

	constructor(private readonly sandboxUrl: string) {}

	get url(): string {
		const { port } = this.server?.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	script(method: string, path: string, answer: Answering): void {
		this.scripts.push({ method, path, answer });
	}

	reset(): void {
		this.scripts = [];
		this.received.length = 0;
	}

	async start(): Promise<void> {
		this.server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks);
				const path = request.url ?? '/';
				const received = {
					method: request.method ?? '',
					path,
					headers: request.headers,
					body: body.toString(),
				};
				this.received.push(received);
				const script = this.scripts.find(
					(candidate) =>
						candidate.method === request.method && path.split('?')[0] === candidate.path,
				);
				if (script)
					return this.answer(
						response,
						typeof script.answer === 'function' ? script.answer(received) : script.answer,
					);
				this.forward(request, body, response);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise((resolve) => this.server?.close(resolve));
	}

	private answer(response: http.ServerResponse, answer: ScriptedAnswer): void {
		response.writeHead(
			answer.status ?? 200,
			answer.headers ?? { 'Content-Type': 'application/json' },
		);
		if (typeof answer.body === 'function') return answer.body(response);
		response.end(answer.body ?? '');
	}

	private forward(
		request: http.IncomingMessage,
		body: Buffer,
		response: http.ServerResponse,
	): void {
		const target = new URL(request.url ?? '/', this.sandboxUrl);
		const upstream = http.request(
			target,
			{ method: request.method, headers: { ...request.headers, host: target.host } },
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		upstream.on('error', () => response.destroy());
		upstream.end(body);
	}
}
