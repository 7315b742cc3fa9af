import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP load balancer on loopback, as the one in front of n8n's webhook processes in queue
 * mode: each request goes to one target, unchanged (method, path, headers, body), and its answer
 * comes back unchanged. Round robin by default; `route` picks the target from the body and how
 * many times that same body came before (so a test decides which copies of a notification meet
 * the process that took the first). Targets can be added while it runs.
 */
export interface LoadBalancer {
	/** `http://127.0.0.1:{port}`: the address to give VTEX (n8n's WEBHOOK_URL). */
	url: string;
	/** Adds a target base URL (`http://127.0.0.1:{port}`). */
	add(target: string): void;
	/** How many requests went to each target, in the order they were added. */
	served: number[];
	close(): Promise<void>;
}

export async function startLoadBalancer(
	route?: (body: string, copiesBefore: number) => number,
): Promise<LoadBalancer> {
	const targets: string[] = [];
	const served: number[] = [];
	const copies = new Map<string, number>();
	let next = 0;
	const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
		if (targets.length === 0) {
			res.writeHead(502).end();
			return;
		}
		const text = body.toString('utf8');
		const before = copies.get(text) ?? 0;
		copies.set(text, before + 1);
		const index = (route ? route(text, before) : next++) % targets.length;
		served[index]++;
		const upstream = httpRequest(
			new URL(req.url ?? '/', targets[index]),
			{ method: req.method, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		upstream.end(body);
	};
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => forward(req, res, Buffer.concat(chunks)));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		add(target: string) {
			targets.push(target);
			served.push(0);
		},
		served,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
