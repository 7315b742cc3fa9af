import dns from 'dns';
import net from 'net';

/**
 * Catches every outgoing TCP connection and every DNS lookup before it is made (n8n's request
 * helper looks the host up before it connects): one for a host that is not loopback is recorded
 * and fails with EGRESSBLOCKED, so a test proves that nothing left the machine, and nothing can.
 */
export const egress = { attempts: [] as string[] };

const LOOPBACK = /^(?:localhost|127(?:\.\d+){3}|::1|\[::1\])$/;
const originalConnect = net.Socket.prototype.connect;
const originalLookup = dns.lookup;
const originalPromisesLookup = dns.promises.lookup;

function blocked(host: string): Error {
	return Object.assign(new Error(`Test blocked a connection to ${host}`), {
		code: 'EGRESSBLOCKED',
	});
}

type ConnectArgs = Parameters<typeof originalConnect>;

/** The host and port (or socket path) of any of `connect`'s call forms. */
function targetOf(args: unknown[]): { host?: string; port?: unknown; path?: string } {
	// Node's own callers pass their normalised arguments as an array.
	const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
	if (first && typeof first === 'object') return first as { host?: string; port?: unknown };
	if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
	return { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
}

export function blockEgress(): void {
	dns.lookup = function lookup(host: string, ...rest: unknown[]) {
		if (LOOPBACK.test(host)) return (originalLookup as (...args: unknown[]) => void)(host, ...rest);
		egress.attempts.push(`${host} (DNS)`);
		const callback = rest[rest.length - 1] as (error: Error) => void;
		process.nextTick(() => callback(blocked(host)));
	} as typeof dns.lookup;
	dns.promises.lookup = async function lookup(host: string, ...rest: unknown[]) {
		if (LOOPBACK.test(host))
			return await (originalPromisesLookup as (...args: unknown[]) => Promise<never>)(
				host,
				...rest,
			);
		egress.attempts.push(`${host} (DNS)`);
		throw blocked(host);
	} as typeof dns.promises.lookup;
	net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
		const target = targetOf(args);
		const host = target.host ?? 'localhost';
		if (target.path === undefined && !LOOPBACK.test(host)) {
			egress.attempts.push(`${host}:${String(target.port)}`);
			process.nextTick(() => this.destroy(blocked(host)));
			return this;
		}
		return originalConnect.apply(this, args as ConnectArgs);
	} as typeof originalConnect;
}

export function restoreEgress(): void {
	net.Socket.prototype.connect = originalConnect;
	dns.lookup = originalLookup;
	dns.promises.lookup = originalPromisesLookup;
}
