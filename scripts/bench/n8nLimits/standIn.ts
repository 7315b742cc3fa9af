/**
 * The VTEX stand-in of `npm run bench:n8n-limits`: loopback HTTP in the benchmark's process, one
 * limit shape at a time (scripts/bench/limits/limiters.ts), answering what the Invoice operation
 * sends and reads:
 *
 * - `POST /api/oms/pvt/orders/{orderId}/invoice`: the limiter decides when the request arrives;
 *   200 `{date, orderId, receipt}` (VTEX's receipt), or its 429/503 with the limiter's Retry-After.
 *   Every accepted invoice is kept per order, so an order invoiced twice shows.
 * - `GET /api/oms/pvt/orders/{orderId}`: the order with the invoices accepted so far (the
 *   operation reads it only after a failure that may mean "already done"); limited like any call.
 *
 * Every answer leaves after `latencyMs`, as VTEX answers in about a tenth of a second. Each request
 * is logged with the n8n process that sent it: the workflow puts `$env.BENCH_WORKER` in the
 * invoice's Invoice Key, a field the stand-in only reads for that.
 *
 * `POST /_bench/report` (not limited) takes each execution's summary from the workflow's last
 * node: how many items the Invoice node output and how many of them were errors.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Limiter } from '../limits/limiters';

/** One request the stand-in answered, `at` ms after the shape's first request. */
export interface Exchange {
	at: number;
	orderId: string;
	kind: 'invoice' | 'read';
	status: number;
	/** The n8n process that sent it (the invoice's Invoice Key); undefined for reads. */
	worker?: string;
}

interface Invoice {
	at: number;
	body: Record<string, unknown>;
	receipt: string;
}

/** What an execution's last node reported: its Invoice node's items and error items. */
export interface ExecutionReport {
	items: number;
	failed: number;
	firstError: string | null;
	/** The batch's first order, which names the batch. */
	firstOrderId: string | null;
	/** The n8n process that ran it. */
	worker: string;
}

/** What one shape met: the limiter, when its first request came, every exchange and invoice. */
export class ShapeState {
	/** Date.now() of the shape's first request; 0 until then. The limiter reads it as its start. */
	start = 0;
	readonly exchanges: Exchange[] = [];
	readonly invoices = new Map<string, Invoice[]>();
	readonly reports: ExecutionReport[] = [];
	readonly limiter: Limiter;

	constructor(limiter: (start: () => number) => Limiter) {
		this.limiter = limiter(() => this.start);
	}

	/** Ms since the shape's first request of the last request of any kind (undefined: none yet). */
	lastRequestAt(): number | undefined {
		return this.exchanges.at(-1)?.at;
	}

	acceptedInvoices(): Exchange[] {
		return this.exchanges.filter((entry) => entry.kind === 'invoice' && entry.status === 200);
	}
}

const ORDER_PATH = /^\/api\/oms\/pvt\/orders\/([A-Za-z0-9_-]+)(\/invoice)?\/?$/;

export class StandIn {
	private state: ShapeState | undefined;
	private receipts = 0;

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
		private readonly latencyMs: number,
	) {}

	static async start(latencyMs: number): Promise<StandIn> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const standIn = new StandIn(server, `http://127.0.0.1:${port}`, latencyMs);
		server.on('request', (request, response) => {
			let text = '';
			request.on('data', (chunk: Buffer) => (text += chunk.toString()));
			request.on('end', () => {
				const answer = standIn.answer(request.method ?? 'GET', request.url ?? '/', text);
				setTimeout(() => {
					response.writeHead(answer.status, answer.headers);
					response.end(JSON.stringify(answer.body));
				}, standIn.latencyMs);
			});
		});
		return standIn;
	}

	/** Serves `limiter` from now on, with a fresh ledger. */
	begin(limiter: (start: () => number) => Limiter): ShapeState {
		this.state = new ShapeState(limiter);
		return this.state;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private answer(
		method: string,
		url: string,
		text: string,
	): { status: number; headers: Record<string, string>; body: unknown } {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (method === 'POST' && url === '/_bench/report' && this.state) {
			this.state.reports.push(JSON.parse(text) as ExecutionReport);
			return { status: 200, headers, body: {} };
		}
		const match = ORDER_PATH.exec(url.split('?')[0]);
		const state = this.state;
		const isInvoice = method === 'POST' && match?.[2] === '/invoice';
		const isRead = method === 'GET' && match && !match[2];
		if (!state || !match || (!isInvoice && !isRead))
			return { status: 404, headers, body: { error: { message: `No route ${method} ${url}` } } };
		const now = Date.now();
		if (state.start === 0) state.start = now;
		const orderId = match[1];
		let body: Record<string, unknown> = {};
		try {
			body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
		} catch {
			return { status: 400, headers, body: { error: { message: 'The body is not JSON' } } };
		}
		const limit = state.limiter.answer(now);
		state.exchanges.push({
			at: now - state.start,
			orderId,
			kind: isInvoice ? 'invoice' : 'read',
			status: limit.status,
			worker: isInvoice && typeof body.invoiceKey === 'string' ? body.invoiceKey : undefined,
		});
		if (limit.retryAfter !== undefined) headers['retry-after'] = limit.retryAfter;
		if (limit.status !== 200)
			return {
				status: limit.status,
				headers,
				body: {
					error: {
						code: String(limit.status),
						message: limit.status === 429 ? 'Too many requests' : 'Service unavailable',
					},
				},
			};
		const invoices = state.invoices.get(orderId) ?? [];
		if (isRead) return { status: 200, headers, body: orderOf(orderId, invoices) };
		const receipt = `receipt-${++this.receipts}`;
		invoices.push({ at: now - state.start, body, receipt });
		state.invoices.set(orderId, invoices);
		return { status: 200, headers, body: { date: new Date(now).toISOString(), orderId, receipt } };
	}
}

/** The order as VTEX's Get order serves it, with the invoices accepted so far (what replays read). */
function orderOf(orderId: string, invoices: Invoice[]): Record<string, unknown> {
	return {
		orderId,
		status: invoices.length > 0 ? 'invoiced' : 'handling',
		value: 5990,
		items: [{ id: '101', quantity: 1, price: 4990 }],
		packageAttachment: {
			packages: invoices.map(({ body, receipt }) => ({
				type: body.type,
				invoiceNumber: body.invoiceNumber,
				invoiceValue: Number(body.invoiceValue),
				issuanceDate: body.issuanceDate,
				items: body.items,
				receipt,
			})),
		},
	};
}
