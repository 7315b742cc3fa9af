import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import type { Route, SandboxResponse } from '../http';
import { json } from '../http';
import type { SandboxState, StatusChange } from '../state';
import type { FeedFilter } from './feed';
import { feedError, guardedByFeedResource, isRefusal, matches, parseFilter } from './feed';

/**
 * The orders hook (VTEX's "Orders feed" guide, section Hook; Orders API
 * `GET|POST|DELETE /api/orders/hook/config`): one hook per app key, configured with the feed's
 * filter and `hook: {url, headers}`. Saving a configuration first pings the URL with
 * `POST {"hookConfig": "ping"}` and fails with 400 unless it answers 200. Then every order status
 * change the sandbox makes that the filter takes is POSTed to the URL with the configured
 * headers, in the body the Orders API documents (schema `HookConfiguration`), and retried with a
 * growing pause while the answer is not 200 within 5,000 ms. Every attempt is recorded.
 */

export interface HookConfig {
	filter: FeedFilter;
	hook: { url: string; headers: Record<string, string> };
}

/** The body VTEX POSTs for one order event (Orders API schema `HookConfiguration`). */
export interface HookNotificationBody {
	Domain: string;
	OrderId: string;
	State: string;
	LastState: string;
	LastChange: string;
	CurrentChange: string;
	Origin: { Account: string; Key: string };
}

export interface HookAttempt {
	attempt: number;
	at: string;
	/** The HTTP status; 0 when there was no answer within the timeout or the connection failed. */
	status: number;
	ms: number;
	error?: string;
}

export interface HookDelivery {
	id: number;
	kind: 'ping' | 'notification';
	appKey: string;
	url: string;
	body: unknown;
	/** The header names sent (values stay out of the record: they are the receiver's secrets). */
	headerNames: string[];
	attempts: HookAttempt[];
	/** Answered 200 within the timeout. */
	delivered: boolean;
	/** Stopped without a 200: attempts used up, or the hook was removed or pointed elsewhere. */
	gaveUp: boolean;
}

export interface HookSettings {
	/** VTEX's deadline for the 200: "within 5000 ms" (the guide). */
	timeoutMs: number;
	/**
	 * The first pause before a retry; each next pause doubles. VTEX says only that it retries on
	 * "an internal geometric progression"; the base and the ratio 2 are the sandbox's.
	 */
	retryBaseMs: number;
	/** Attempts per notification, the first included. VTEX does not say when it stops. */
	maxAttempts: number;
	/** Plays a URL VTEX cannot reach (not public, behind a firewall): every POST fails unanswered. */
	unreachable: boolean;
}

/** The guide: "If the hook has no notifications for three days, your configuration will be removed." */
export const HOOK_EXPIRY_MS = 3 * 24 * 60 * 60 * 1000;

interface Hook {
	config: HookConfig;
	/** Orders that already fired a FromOrders notification (single fire). */
	firedOrders: Set<string>;
	lastNotificationAt: number;
}

export interface BurstResult {
	/** Notifications sent, repeats included. */
	sent: number;
	/** Of them, repeats of an earlier notification (same body). */
	repeats: number;
	delivered: number;
	/** Attempts that did not get 200 within the timeout (each was retried). */
	failedAttempts: number;
	elapsedMs: number;
	perSecond: number;
	/** The slowest answer of any attempt, in ms. */
	slowestMs: number;
	orderIds: string[];
}

export class HookFamily {
	private hooks = new Map<string, Hook>();

	deliveries: HookDelivery[] = [];

	settings: HookSettings = {
		timeoutMs: 5000,
		retryBaseMs: 1000,
		maxAttempts: 10,
		unreachable: false,
	};

	private pending = new Set<Promise<unknown>>();

	private deliverySeq = 0;

	private burstSeq = 0;

	constructor(private readonly state: SandboxState) {
		state.onStatusChange((change) => this.track(this.onStatusChange(change)));
	}

	private get defaultAppKey(): string {
		return this.state.keys[0].appKey;
	}

	config(appKey = this.defaultAppKey): HookConfig | undefined {
		return this.live(appKey)?.config;
	}

	/**
	 * Create or update: pings the URL with the configured headers (VTEX does not say whether the
	 * ping carries them; the sandbox sends them) and saves the configuration only on a 200.
	 */
	async configure(config: HookConfig, appKey = this.defaultAppKey): Promise<SandboxResponse> {
		const ping = await this.deliver({
			kind: 'ping',
			appKey,
			url: config.hook.url,
			headers: config.hook.headers,
			body: { hookConfig: 'ping' },
			retry: false,
		});
		if (!ping.delivered) {
			const answer = ping.attempts[0];
			// VTEX documents the 400 and no body for it; the message is the sandbox's.
			return feedError(
				400,
				`Unable to check address: the ping to ${config.hook.url} got ${answer.status === 0 ? `no answer (${answer.error ?? 'timeout'})` : `HTTP ${answer.status}`}, not 200`,
			);
		}
		this.hooks.set(appKey, { config, firedOrders: new Set(), lastNotificationAt: Date.now() });
		return { status: 200 };
	}

	remove(appKey = this.defaultAppKey): boolean {
		return this.hooks.delete(appKey);
	}

	/** As VTEX does after three days without notifications. */
	expire(appKey = this.defaultAppKey): boolean {
		return this.remove(appKey);
	}

	/** Waits for deliveries in flight and their retries. */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	/** Notifications (not pings) to an app key's hook, optionally for one order. */
	notifications(filter: { appKey?: string; orderId?: string } = {}): HookDelivery[] {
		return this.deliveries.filter(
			(delivery) =>
				delivery.kind === 'notification' &&
				(!filter.appKey || delivery.appKey === filter.appKey) &&
				(!filter.orderId || (delivery.body as HookNotificationBody).OrderId === filter.orderId),
		);
	}

	/**
	 * One notification to the app key's hook, as for a status change; `omitHeaders` or `headers`
	 * change what is sent (a caller that does not know the secret), `body` replaces the body.
	 */
	async notify(
		options: {
			appKey?: string;
			change?: Partial<StatusChange>;
			body?: unknown;
			omitHeaders?: boolean;
			headers?: Record<string, string>;
			retry?: boolean;
		} = {},
	): Promise<HookDelivery> {
		const appKey = options.appKey ?? this.defaultAppKey;
		const hook = this.requireHook(appKey);
		const now = new Date().toISOString();
		const change: StatusChange = {
			orderId: '1001-01',
			domain: 'Fulfillment',
			state: 'ready-for-handling',
			lastState: 'window-to-cancel',
			lastChange: now,
			currentChange: now,
			...options.change,
		};
		const headers = options.omitHeaders
			? {}
			: { ...hook.config.hook.headers, ...(options.headers ?? {}) };
		return await this.track(
			this.deliver({
				kind: 'notification',
				appKey,
				url: hook.config.hook.url,
				headers,
				body: options.body === undefined ? this.bodyFor(change, appKey) : options.body,
				retry: options.retry ?? true,
			}),
		);
	}

	/**
	 * `count` notifications of distinct orders, up to `concurrency` in flight: the next leaves as
	 * soon as one is answered, so they go as fast as the receiver takes them. Then `repeats` of
	 * them are sent again with the same body, as VTEX resends a notification it thinks failed.
	 * `orderIds` names the orders (of orders the sandbox holds, for a workflow that acts on them);
	 * by default `count` new ids.
	 */
	async burst(options: {
		count: number;
		concurrency?: number;
		appKey?: string;
		state?: string;
		repeats?: number;
		orderIds?: string[];
	}): Promise<BurstResult> {
		const appKey = options.appKey ?? this.defaultAppKey;
		this.requireHook(appKey);
		const concurrency = Math.max(1, options.concurrency ?? 32);
		const orderIds =
			options.orderIds ??
			Array.from({ length: options.count }, () => `${String(800000000 + ++this.burstSeq)}-01`);
		const deliveries: HookDelivery[] = [];
		const started = Date.now();
		let next = 0;
		const worker = async () => {
			while (next < orderIds.length) {
				const orderId = orderIds[next++];
				deliveries.push(
					await this.notify({
						appKey,
						change: { orderId, state: options.state ?? 'ready-for-handling' },
					}),
				);
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, orderIds.length) }, worker));
		const repeated = deliveries.slice(
			0,
			Math.max(0, Math.min(options.repeats ?? 0, deliveries.length)),
		);
		next = 0;
		const repeatWorker = async () => {
			while (next < repeated.length) {
				const original = repeated[next++];
				deliveries.push(await this.notify({ appKey, body: original.body }));
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, repeated.length) }, repeatWorker));
		const elapsedMs = Date.now() - started;
		const attempts = deliveries.flatMap((delivery) => delivery.attempts);
		return {
			sent: deliveries.length,
			repeats: repeated.length,
			delivered: deliveries.filter((delivery) => delivery.delivered).length,
			failedAttempts: attempts.filter((attempt) => attempt.status !== 200).length,
			elapsedMs,
			perSecond: Math.round((deliveries.length / (elapsedMs / 1000)) * 10) / 10,
			slowestMs: attempts.reduce((max, attempt) => Math.max(max, attempt.ms), 0),
			orderIds,
		};
	}

	/** GET config's answer. VTEX documents no body; the sandbox answers what was saved. */
	describe(appKey: string): HookConfig | undefined {
		return this.live(appKey)?.config;
	}

	snapshot(): unknown {
		return {
			settings: this.settings,
			hooks: Object.fromEntries(
				[...this.hooks.entries()].map(([appKey, hook]) => [
					appKey,
					{
						filter: hook.config.filter,
						url: hook.config.hook.url,
						headerNames: Object.keys(hook.config.hook.headers),
					},
				]),
			),
			deliveries: this.deliveries,
		};
	}

	private live(appKey: string): Hook | undefined {
		const hook = this.hooks.get(appKey);
		if (hook && Date.now() - hook.lastNotificationAt > HOOK_EXPIRY_MS) {
			this.hooks.delete(appKey);
			return undefined;
		}
		return hook;
	}

	private requireHook(appKey: string): Hook {
		const hook = this.live(appKey);
		if (!hook) throw new Error(`No hook is configured for app key ${appKey}`);
		return hook;
	}

	private track<T>(promise: Promise<T>): Promise<T> {
		const tracked = promise.finally(() => this.pending.delete(tracked));
		this.pending.add(tracked);
		return promise;
	}

	/** A status change goes to every hook whose filter takes it (the feed's filter rules). */
	private async onStatusChange(change: StatusChange): Promise<void> {
		const order = this.state.findOrder(change.orderId);
		const document = order
			? (JSON.parse(JSON.stringify(order)) as unknown)
			: { orderId: change.orderId, status: change.state };
		await Promise.all(
			[...this.hooks.entries()].map(async ([appKey, hook]) => {
				const { filter } = hook.config;
				if (filter.type === 'FromWorkflow') {
					if (filter.status?.length && !filter.status.includes(change.state)) return;
				} else {
					if (!(await matches(filter.expression ?? '', document).catch(() => false))) return;
					if (!filter.disableSingleFire) {
						if (hook.firedOrders.has(change.orderId)) return;
						hook.firedOrders.add(change.orderId);
					}
				}
				await this.deliver({
					kind: 'notification',
					appKey,
					url: hook.config.hook.url,
					headers: hook.config.hook.headers,
					body: this.bodyFor(change, appKey),
					retry: true,
				});
			}),
		);
	}

	/**
	 * The notification body. The Orders API lists all seven keys as required; the guide's example
	 * leaves out LastState and CurrentChange. VTEX does not say which key `Origin.Key` names; the
	 * sandbox puts the app key whose hook it is.
	 */
	private bodyFor(change: StatusChange, appKey: string): HookNotificationBody {
		return {
			Domain: change.domain,
			OrderId: change.orderId,
			State: change.state,
			LastState: change.lastState,
			LastChange: change.lastChange,
			CurrentChange: change.currentChange,
			Origin: { Account: this.state.account, Key: appKey },
		};
	}

	/**
	 * POSTs until a 200 within the timeout, pausing retryBaseMs, then twice that, and so on. Stops
	 * early when the app key's hook was removed or now points elsewhere (VTEX does not say what it
	 * does then; sending the old hook's secret to a URL no longer configured would be wrong).
	 */
	private async deliver(options: {
		kind: HookDelivery['kind'];
		appKey: string;
		url: string;
		headers: Record<string, string>;
		body: unknown;
		retry: boolean;
	}): Promise<HookDelivery> {
		const delivery: HookDelivery = {
			id: ++this.deliverySeq,
			kind: options.kind,
			appKey: options.appKey,
			url: options.url,
			body: options.body,
			headerNames: Object.keys(options.headers),
			attempts: [],
			delivered: false,
			gaveUp: false,
		};
		this.deliveries.push(delivery);
		const payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		for (let attempt = 1; ; attempt++) {
			const at = new Date().toISOString();
			const started = Date.now();
			const answer = this.settings.unreachable
				? { status: 0, error: 'unreachable' }
				: await post(options.url, options.headers, payload, this.settings.timeoutMs);
			delivery.attempts.push({
				attempt,
				at,
				status: answer.status,
				ms: Date.now() - started,
				...(answer.error ? { error: answer.error } : {}),
			});
			if (answer.status === 200) {
				delivery.delivered = true;
				const hook = this.hooks.get(options.appKey);
				if (hook && options.kind === 'notification') hook.lastNotificationAt = Date.now();
				return delivery;
			}
			const stillConfigured = this.hooks.get(options.appKey)?.config.hook.url === options.url;
			if (!options.retry || attempt >= this.settings.maxAttempts || !stillConfigured) {
				delivery.gaveUp = true;
				return delivery;
			}
			await pause(this.settings.retryBaseMs * 2 ** (attempt - 1));
		}
	}
}

/** One POST; status 0 when no answer came within the timeout or the connection failed. */
function post(
	url: string,
	headers: Record<string, string>,
	payload: string,
	timeoutMs: number,
): Promise<{ status: number; error?: string }> {
	return new Promise((resolve) => {
		let settled = false;
		const finish = (result: { status: number; error?: string }) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(result);
		};
		const target = new URL(url);
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		const request = send(
			target,
			{
				method: 'POST',
				headers: {
					...headers,
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(payload),
				},
			},
			(response) => {
				response.resume();
				response.on('end', () => finish({ status: response.statusCode ?? 0 }));
				response.on('error', (error) => finish({ status: 0, error: error.message }));
			},
		);
		const timer = setTimeout(() => {
			request.destroy();
			finish({ status: 0, error: `no answer within ${timeoutMs} ms` });
		}, timeoutMs);
		request.on('error', (error) => finish({ status: 0, error: error.message }));
		request.end(payload);
	});
}

function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The hook family of a sandbox (or its state), for routes and in-process test access. */
export function hookOf(target: { state: SandboxState } | SandboxState): HookFamily {
	const state = 'state' in target ? target.state : target;
	return state.family('hook', () => new HookFamily(state));
}

/**
 * Validates a configuration POST body (schema `HookConfigurationRequest`: `filter` and `hook`
 * with `url` and `headers`, all required). VTEX's 400 text "Only https scheme is accepted"
 * suggests it takes only HTTPS URLs; the sandbox also takes http on loopback so it can reach an
 * n8n on this machine.
 */
function parseHookConfig(body: unknown): HookConfig | SandboxResponse {
	const data = (body ?? {}) as Record<string, unknown>;
	const filter = parseFilter(data.filter as Record<string, unknown> | undefined);
	if (isRefusal(filter)) return filter;
	const hook = data.hook as Record<string, unknown> | undefined;
	if (!hook || typeof hook !== 'object') return feedError(400, 'hook is required');
	let url: URL;
	try {
		url = new URL(String(hook.url ?? ''));
	} catch {
		return feedError(400, 'hook.url must be a URL');
	}
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
		return feedError(400, 'Unable to check address. Only https scheme is accepted.');
	}
	const headers = hook.headers;
	if (
		!headers ||
		typeof headers !== 'object' ||
		Array.isArray(headers) ||
		Object.values(headers).some((value) => typeof value !== 'string')
	) {
		return feedError(400, 'hook.headers must be an object of header names and text values');
	}
	return { filter, hook: { url: url.toString(), headers: headers as Record<string, string> } };
}

const NO_HOOK = 'There is no hook configuration for this appKey';

function vtexHookRoutes(state: SandboxState): Route[] {
	const hooks = hookOf(state);
	const guarded = guardedByFeedResource(state);
	return [
		{
			// Get hook configuration. VTEX documents a 200 and no body; the sandbox answers what was
			// saved, and 404 without a hook as the feed's GET does.
			method: 'GET',
			pattern: '/api/orders/hook/config',
			permission: '',
			handler: guarded((_request, appKey) => {
				const config = hooks.describe(appKey);
				return config ? json(200, config) : feedError(404, NO_HOOK);
			}),
		},
		{
			// Create or update hook configuration: ping first, 400 unless it gets 200. The spec shows a
			// notification as the 200 body, which the guide contradicts; the sandbox sends none.
			method: 'POST',
			pattern: '/api/orders/hook/config',
			permission: '',
			handler: guarded(async ({ body }, appKey) => {
				const config = parseHookConfig(body);
				if ('status' in config) return config;
				return await hooks.configure(config, appKey);
			}),
		},
		{
			// Delete hook configuration: 200, or 404 when there is none.
			method: 'DELETE',
			pattern: '/api/orders/hook/config',
			permission: '',
			handler: guarded((_request, appKey) =>
				hooks.remove(appKey) ? { status: 200 } : feedError(404, NO_HOOK),
			),
		},
	];
}

/**
 * Admin endpoints under /_sandbox/hook: the hooks and every delivery attempt, settings (timeout,
 * retry pause, attempts), one notification (optionally without the configured headers), a burst,
 * and the three-day expiry. `appKey` defaults to the sandbox's first key.
 */
function hookAdminRoutes(state: SandboxState): Route[] {
	const hooks = hookOf(state);
	const appKeyOf = (body: unknown) =>
		((body ?? {}) as { appKey?: string }).appKey ?? state.keys[0].appKey;
	const unlessConfigured = (appKey: string) =>
		hooks.config(appKey) ? undefined : json(404, { message: `no hook configured for ${appKey}` });
	return [
		{
			method: 'GET',
			pattern: '/_sandbox/hook',
			permission: null,
			handler: () => json(200, hooks.snapshot()),
		},
		{
			method: 'PUT',
			pattern: '/_sandbox/hook/settings',
			permission: null,
			handler: ({ body }) => {
				Object.assign(hooks.settings, (body ?? {}) as Partial<HookSettings>);
				return json(200, hooks.settings);
			},
		},
		{
			method: 'POST',
			pattern: '/_sandbox/hook/notify',
			permission: null,
			handler: async ({ body }) => {
				const appKey = appKeyOf(body);
				const data = (body ?? {}) as {
					change?: Partial<StatusChange>;
					body?: unknown;
					omitHeaders?: boolean;
					headers?: Record<string, string>;
					retry?: boolean;
				};
				return unlessConfigured(appKey) ?? json(200, await hooks.notify({ ...data, appKey }));
			},
		},
		{
			method: 'POST',
			pattern: '/_sandbox/hook/burst',
			permission: null,
			handler: async ({ body }) => {
				const appKey = appKeyOf(body);
				const data = (body ?? {}) as {
					count?: number;
					concurrency?: number;
					state?: string;
					repeats?: number;
				};
				return (
					unlessConfigured(appKey) ??
					json(
						200,
						await hooks.burst({
							count: data.count ?? 1,
							concurrency: data.concurrency,
							state: data.state,
							repeats: data.repeats,
							appKey,
						}),
					)
				);
			},
		},
		{
			method: 'POST',
			pattern: '/_sandbox/hook/expire',
			permission: null,
			handler: ({ body }) => json(200, { expired: hooks.expire(appKeyOf(body)) }),
		},
		{
			method: 'DELETE',
			pattern: '/_sandbox/hook/deliveries',
			permission: null,
			handler: () => {
				hooks.deliveries = [];
				return json(200, { cleared: true });
			},
		},
	];
}

/** The hook family: VTEX's hook configuration endpoints and the sandbox's hook admin endpoints. */
export function hookRoutes(state: SandboxState): Route[] {
	return [...vtexHookRoutes(state), ...hookAdminRoutes(state)];
}
