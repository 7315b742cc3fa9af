import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as the sandbox's handlers see it. */
export interface SandboxRequest {
	method: string;
	path: string;
	params: Record<string, string>;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: unknown;
	rawBody: string;
	/** The app key that authenticated the request (undefined on routes that need none). */
	appKey?: string;
}

export interface SandboxResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
	method: string;
	/** Path pattern with `:name` segments, e.g. /api/oms/pvt/orders/:orderId. */
	pattern: string;
	/** License Manager resource the key needs; `null` for routes VTEX documents as needing none. */
	permission: string | null;
	handler: Handler;
}

/** A JSON answer. */
export function json(
	status: number,
	body?: unknown,
	headers?: Record<string, string>,
): SandboxResponse {
	return { status, body, headers };
}

/**
 * VTEX OMS error envelope `{error: {code, message, exception}}`, as VTEX's API reference shows it
 * for Start handling's 409 (developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/start-handling).
 */
export function omsError(status: number, code: string, message: string): SandboxResponse {
	return json(status, { error: { code, message, exception: null } });
}

export function compile(pattern: string): (path: string) => Record<string, string> | undefined {
	const names: string[] = [];
	const regex = new RegExp(
		'^' +
			pattern
				.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
				.replace(/\/:([A-Za-z]+)/g, (_match, name: string) => {
					names.push(name);
					return '/([^/]+)';
				}) +
			'/?$',
	);
	return (path) => {
		const match = regex.exec(path);
		if (!match) return undefined;
		const params: Record<string, string> = {};
		names.forEach((name, index) => (params[name] = decodeURIComponent(match[index + 1])));
		return params;
	};
}

export function send(res: ServerResponse, response: SandboxResponse): void {
	const { headers, payload } = encode(response);
	res.writeHead(response.status, headers);
	res.end(payload);
}

/** The headers and body text an answer is sent with. */
export function encode(response: SandboxResponse): {
	headers: Record<string, string>;
	payload: string;
} {
	const headers: Record<string, string> = { ...(response.headers ?? {}) };
	let payload = '';
	if (response.body !== undefined) {
		if (typeof response.body === 'string' && headers['Content-Type']) {
			payload = response.body;
		} else {
			payload = JSON.stringify(response.body);
			headers['Content-Type'] ??= 'application/json; charset=utf-8';
		}
	}
	return { headers, payload };
}
