import { randomBytes } from 'node:crypto';

import type { SandboxKey } from './auth';
import type { Order } from './model';

export interface RequestRecord {
	seq: number;
	at: string;
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** The app key that sent it, never the token. */
	appKey?: string;
	status: number;
	/** The fault injected instead of (or after) the normal answer, if any. */
	fault?: string;
}

/** A status change, as the orders feed reports it (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed). */
export interface StatusChange {
	orderId: string;
	domain: string;
	state: string;
	lastState: string;
	lastChange: string;
	currentChange: string;
}

/**
 * Everything the sandbox remembers. Endpoint families keep their own data in `family(name)`,
 * so adding a family does not change this class.
 */
export class SandboxState {
	orders = new Map<string, Order>();

	requests: RequestRecord[] = [];

	private statusListeners: Array<(change: StatusChange) => void> = [];

	private families = new Map<string, unknown>();

	private requestSeq = 0;

	constructor(
		readonly account: string,
		readonly keys: SandboxKey[],
	) {}

	family<T>(name: string, init: () => T): T {
		if (!this.families.has(name)) this.families.set(name, init());
		return this.families.get(name) as T;
	}

	familyNames(): string[] {
		return [...this.families.keys()];
	}

	familySnapshot(name: string): unknown {
		const value = this.families.get(name) as { snapshot?: () => unknown } | undefined;
		return value && typeof value.snapshot === 'function' ? value.snapshot() : value;
	}

	/** By order ID, or `seq{sequence}` as VTEX allows on Get order (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/oms/pvt/orders/-orderId-). */
	findOrder(orderId: string): Order | undefined {
		if (orderId.startsWith('seq')) {
			const sequence = orderId.slice(3);
			return [...this.orders.values()].find((order) => order.sequence === sequence);
		}
		return this.orders.get(orderId);
	}

	putOrder(order: Order): void {
		this.orders.set(order.orderId, order);
	}

	/** Moves an order to a new status and tells the listeners (the feed). */
	setStatus(order: Order, status: string): void {
		const lastState = order.status;
		const lastChange = order.lastChange;
		order.status = status;
		order.statusDescription = status;
		order.lastChange = new Date().toISOString();
		const change: StatusChange = {
			orderId: order.orderId,
			domain: order.origin === 'Marketplace' ? 'Marketplace' : 'Fulfillment',
			state: status,
			lastState,
			lastChange,
			currentChange: order.lastChange,
		};
		for (const listener of this.statusListeners) listener(change);
	}

	onStatusChange(listener: (change: StatusChange) => void): void {
		this.statusListeners.push(listener);
	}

	record(entry: Omit<RequestRecord, 'seq' | 'at'>): RequestRecord {
		const record = { seq: ++this.requestSeq, at: new Date().toISOString(), ...entry };
		this.requests.push(record);
		return record;
	}
}

/** A receipt code like VTEX's: 32 hex characters (the receipt of https://developers.vtex.com/docs/api-reference/orders-api#post-/api/oms/pvt/orders/-orderId-/invoice). */
export function newReceipt(): string {
	return randomBytes(16).toString('hex');
}

/** VTEX's write acknowledgement: `{date, orderId, receipt}` (sections 4.4 to 4.7). */
export function receiptBody(orderId: string): { date: string; orderId: string; receipt: string } {
	return { date: new Date().toISOString(), orderId, receipt: newReceipt() };
}
