// A throwaway local HTTP server on 127.0.0.1 for tests.

import { once } from 'node:events';
import http from 'node:http';

/**
 * A throwaway local HTTP server on 127.0.0.1 for tests.
 * handler(req, body) returns {status?, headers?, json?, body?} (or a Promise of it);
 * every request is recorded in `requests`.
 * @returns {Promise<{port:number, baseUrl:string, requests:Array<{method:string,url:string,headers:object,body:string}>, close():Promise<void>}>}
 */
export async function startStubServer(handler) {
	const requests = [];
	const server = http.createServer(async (req, res) => {
		let body = '';
		for await (const chunk of req) body += chunk;
		const entry = { method: req.method, url: req.url, headers: req.headers, body };
		requests.push(entry);
		let r;
		try {
			r = (await handler(entry)) ?? { status: 404, json: { error: 'not found' } };
		} catch (e) {
			r = { status: 500, json: { error: String(e) } };
		}
		const headers = { ...(r.headers ?? {}) };
		let payload = r.body ?? '';
		if (r.json !== undefined) {
			payload = JSON.stringify(r.json);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
		res.writeHead(r.status ?? 200, headers);
		res.end(payload);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise((r) => {
				server.closeAllConnections?.();
				server.close(() => r());
			}),
	};
}
