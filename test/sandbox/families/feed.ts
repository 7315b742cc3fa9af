import { randomBytes } from 'node:crypto';

import jsonata from 'jsonata';

import type { Route, SandboxRequest, SandboxResponse } from '../http';
import { json } from '../http';
import type { Sandbox } from '../server';
import type { SandboxState, StatusChange } from '../state';

/**
 * Orders feed v3 (VTEX's guide "Orders feed", https://developers.vtex.com/docs/guides/orders-feed):
 * one feed per app key, filled by the
 * sandbox's own status changes (`state.onStatusChange`) and by the admin backlog; reads of at
 * most 10, handles, a visibility timeout, redelivery of what was not committed, commit, and the
 * configuration endpoints with both filter types.
 *
 * Where VTEX is silent the sandbox follows Amazon SQS, which VTEX's feed visibly sits on (its
 * handles wrap SQS receipt handles): each delivery gets a new handle; committing
 * the latest handle removes the message; committing an older handle of a redelivered message
 * answers 200 and removes nothing; committing a handle twice answers 200.
 */

export const FEED_RESOURCES = ['Feed v3 and Hook Admin', 'Feed v3 and Hook view only'];

/** A feed item as VTEX sends it, without its handle (Orders API, Retrieve feed items): a status change and its eventId. */
export type FeedEventRecord = StatusChange & { eventId: string };

export interface FeedFilter {
	type: 'FromWorkflow' | 'FromOrders';
	status?: string[];
	expression?: string;
	disableSingleFire?: boolean;
}

export interface FeedConfig {
	filter: FeedFilter;
	queue: { visibilityTimeoutInSeconds: number; messageRetentionPeriodInSeconds: number };
}

interface FeedMessage {
	messageId: string;
	event: FeedEventRecord;
	seq: number;
	enqueuedAt: number;
	visibleAt: number;
	/** The handle of the latest delivery; only it removes the message. */
	handle?: string;
	deliveries: number;
}

export interface FeedStats {
	/** Messages in the queue, visible or not. */
	queued: number;
	/** Messages a read would return now. */
	visible: number;
	/** Messages read and not committed, waiting for their visibility timeout. */
	invisible: number;
	/** Messages handed out by reads, redeliveries included. */
	delivered: number;
	/** Messages removed by a commit. */
	committed: number;
	/** Handles committed that removed nothing: an older delivery's handle, or one already committed. */
	noopCommits: number;
	/** GET /api/orders/feed requests answered 200. */
	reads: number;
	/** POST /api/orders/feed requests answered 200. */
	commitRequests: number;
}

class Feed {
	messages = new Map<string, FeedMessage>();

	/** Orders that already fired a FromOrders event (single fire: the guide's disableSingleFire). */
	firedOrders = new Set<string>();

	/** Times each eventId was removed by a commit. */
	committedByEvent = new Map<string, number>();

	/** Times each eventId was handed out by a read (redeliveries included). */
	deliveredByEvent = new Map<string, number>();

	counters = { delivered: 0, committed: 0, noopCommits: 0, reads: 0, commitRequests: 0 };

	constructor(
		readonly appKey: string,
		public config: FeedConfig,
	) {}
}

export interface FeedSettings {
	/** Every event that enters a queue enters it twice: two messages, one eventId (VTEX's duplicates). */
	deliverTwice: boolean;
	/** Replaces the configured visibility timeout (whole seconds at VTEX) so tests can be short. */
	visibilityTimeoutMs?: number;
	/**
	 * How GET config spells the retention key: `camel` as VTEX's GET example
	 * (`messageRetentionPeriodInSeconds`, `approximateAge…`), `pascal` as the spec's request
	 * schema (`MessageRetentionPeriodInSeconds`) with the guide's `aproximateAge…` typo.
	 */
	configSpelling: 'camel' | 'pascal';
}

/**
 * A read that breaks VTEX's documented answer, for tests of a client facing a feed that
 * misbehaves (VTEX documents a list of at most `maxlot` events, each with every field).
 */
export interface ReadTamper {
	/** Hands out this many visible messages whatever `maxlot` asked (VTEX promises at most `maxlot`). */
	take?: number;
	/**
	 * The answer sent instead of the events the read handed out (they are hidden for the visibility
	 * timeout all the same, as a read whose answer the client could not use): a string goes out as
	 * `text/plain`, anything else as JSON.
	 */
	answer?: (events: Array<FeedEventRecord & { handle: string }>) => unknown;
}

export const RETENTION_MIN_SECONDS = 345_600;
export const RETENTION_MAX_SECONDS = 1_209_600;

export const DEFAULT_FEED_CONFIG: FeedConfig = {
	filter: { type: 'FromWorkflow' },
	queue: {
		visibilityTimeoutInSeconds: 240,
		messageRetentionPeriodInSeconds: RETENTION_MIN_SECONDS,
	},
};

/** The feeds of every app key, their settings, and what tests read in-process. */
export class FeedFamily {
	private feeds = new Map<string, Feed>();

	settings: FeedSettings = { deliverTwice: false, configSpelling: 'camel' };

	private pending = new Set<Promise<void>>();

	private seq = 0;

	private backlogSeq = 0;

	/** Reads still to be tampered with, in order (see `tamperReads`). */
	private tampers: ReadTamper[] = [];

	constructor(private readonly state: SandboxState) {
		state.onStatusChange((change) => this.onStatusChange(change));
	}

	private get defaultAppKey(): string {
		return this.state.keys[0].appKey;
	}

	/** Creates or replaces an app key's feed configuration; queued events stay (the guide: reconfiguring keeps old events). */
	configure(config: FeedConfig = DEFAULT_FEED_CONFIG, appKey = this.defaultAppKey): void {
		const feed = this.feeds.get(appKey);
		if (feed) {
			feed.config = config;
			feed.firedOrders.clear();
		} else {
			this.feeds.set(appKey, new Feed(appKey, config));
		}
	}

	remove(appKey = this.defaultAppKey): boolean {
		return this.feeds.delete(appKey);
	}

	config(appKey = this.defaultAppKey): FeedConfig | undefined {
		return this.feeds.get(appKey)?.config;
	}

	/** Waits for FromOrders filters still evaluating their JSONata expression. */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	/** Adds `count` events straight into a feed's queue, as if VTEX had a backlog. */
	addBacklog(options: {
		count: number;
		statuses?: string[];
		orderIds?: string[];
		appKey?: string;
	}): FeedEventRecord[] {
		const feed = this.requireFeed(options.appKey ?? this.defaultAppKey);
		const statuses = options.statuses?.length ? options.statuses : ['ready-for-handling'];
		const events: FeedEventRecord[] = [];
		for (let index = 0; index < options.count; index++) {
			const sequence = ++this.backlogSeq;
			const now = new Date().toISOString();
			const event: FeedEventRecord = {
				eventId: newEventId(),
				orderId: options.orderIds?.length
					? options.orderIds[index % options.orderIds.length]
					: `${String(900000000 + sequence)}-01`,
				domain: 'Marketplace',
				state: statuses[index % statuses.length],
				lastState: 'window-to-cancel',
				lastChange: now,
				currentChange: now,
			};
			this.enqueue(feed, event);
			events.push(event);
		}
		return events;
	}

	/** The next `times` reads (of any app key) break VTEX's documented answer as `tamper` says. */
	tamperReads(tamper: ReadTamper, times = 1): void {
		for (let index = 0; index < times; index++) this.tampers.push(tamper);
	}

	/** One read as the route answers it: VTEX's answer, or a tampered one. */
	read(appKey: string, maxlot: number): SandboxResponse {
		const tamper = this.tampers.shift();
		const events = this.receive(appKey, tamper?.take ?? maxlot);
		if (!tamper?.answer) return json(200, events);
		const answer = tamper.answer(events);
		return typeof answer === 'string'
			? { status: 200, body: answer, headers: { 'Content-Type': 'text/plain' } }
			: json(200, answer);
	}

	/** Retrieve items (https://developers.vtex.com/docs/api-reference/orders-api#get-/api/orders/feed): up to `maxlot` visible messages, each with a new handle. */
	receive(appKey: string, maxlot: number): Array<FeedEventRecord & { handle: string }> {
		const feed = this.requireFeed(appKey);
		const now = Date.now();
		this.dropExpired(feed, now);
		const visible = [...feed.messages.values()]
			.filter((message) => message.visibleAt <= now)
			.sort((a, b) => a.seq - b.seq)
			.slice(0, maxlot);
		const visibilityMs =
			this.settings.visibilityTimeoutMs ?? feed.config.queue.visibilityTimeoutInSeconds * 1000;
		feed.counters.reads++;
		return visible.map((message) => {
			message.deliveries++;
			message.visibleAt = now + visibilityMs;
			message.handle = newHandle(message);
			feed.counters.delivered++;
			feed.deliveredByEvent.set(
				message.event.eventId,
				(feed.deliveredByEvent.get(message.event.eventId) ?? 0) + 1,
			);
			return { ...message.event, handle: message.handle };
		});
	}

	/** Commit feed items (Orders API `POST /api/orders/feed`); see the class comment for stale and repeated handles. */
	commit(appKey: string, handles: string[]): { removed: number } {
		const feed = this.requireFeed(appKey);
		feed.counters.commitRequests++;
		let removed = 0;
		for (const handle of handles) {
			const message = feed.messages.get(messageIdOf(handle) ?? '');
			if (message && message.handle === handle) {
				feed.messages.delete(message.messageId);
				feed.counters.committed++;
				feed.committedByEvent.set(
					message.event.eventId,
					(feed.committedByEvent.get(message.event.eventId) ?? 0) + 1,
				);
				removed++;
			} else {
				feed.counters.noopCommits++;
			}
		}
		return { removed };
	}

	stats(appKey = this.defaultAppKey): FeedStats {
		const feed = this.requireFeed(appKey);
		const now = Date.now();
		const messages = [...feed.messages.values()];
		const visible = messages.filter((message) => message.visibleAt <= now).length;
		return {
			queued: messages.length,
			visible,
			invisible: messages.length - visible,
			...feed.counters,
		};
	}

	/** Times the messages of one event were removed by a commit. */
	committedCount(eventId: string, appKey = this.defaultAppKey): number {
		return this.requireFeed(appKey).committedByEvent.get(eventId) ?? 0;
	}

	/** Per eventId: times its messages were removed by a commit, and times reads handed it out. */
	eventCounts(appKey = this.defaultAppKey): {
		committed: Record<string, number>;
		delivered: Record<string, number>;
	} {
		const feed = this.requireFeed(appKey);
		return {
			committed: Object.fromEntries(feed.committedByEvent),
			delivered: Object.fromEntries(feed.deliveredByEvent),
		};
	}

	/** Events still queued, visible or not. */
	queuedEvents(appKey = this.defaultAppKey): FeedEventRecord[] {
		return [...this.requireFeed(appKey).messages.values()].map((message) => message.event);
	}

	/** Makes every queued message visible now, as if the visibility timeout had passed. */
	expireVisibility(appKey = this.defaultAppKey): void {
		for (const message of this.requireFeed(appKey).messages.values()) message.visibleAt = 0;
	}

	/** GET config's answer (Orders API, Get feed configuration), in the spelling the settings ask for. */
	describe(appKey: string): Record<string, unknown> | undefined {
		const feed = this.feeds.get(appKey);
		if (!feed) return undefined;
		const { filter, queue } = feed.config;
		const messages = [...feed.messages.values()];
		const oldest = messages.reduce((min, message) => Math.min(min, message.enqueuedAt), Date.now());
		const age = messages.length === 0 ? 0 : (Date.now() - oldest) / 1000;
		const pascal = this.settings.configSpelling === 'pascal';
		return {
			filter,
			queue: {
				visibilityTimeoutInSeconds: queue.visibilityTimeoutInSeconds,
				[pascal ? 'MessageRetentionPeriodInSeconds' : 'messageRetentionPeriodInSeconds']:
					queue.messageRetentionPeriodInSeconds,
			},
			quantity: messages.length,
			[pascal ? 'aproximateAgeOfOldestMessageInSeconds' : 'approximateAgeOfOldestMessageInSeconds']:
				age,
		};
	}

	has(appKey: string): boolean {
		return this.feeds.has(appKey);
	}

	snapshot(): unknown {
		return {
			settings: this.settings,
			feeds: Object.fromEntries(
				[...this.feeds.keys()].map((appKey) => [
					appKey,
					{ config: this.config(appKey), ...this.stats(appKey) },
				]),
			),
		};
	}

	/** A status change enters every feed whose filter takes it (the guide's FromWorkflow and FromOrders filters). */
	private onStatusChange(change: StatusChange): void {
		const order = this.state.findOrder(change.orderId);
		const document = order
			? (JSON.parse(JSON.stringify(order)) as unknown)
			: { orderId: change.orderId, status: change.state };
		for (const feed of this.feeds.values()) {
			const { filter } = feed.config;
			if (filter.type === 'FromWorkflow') {
				if (!filter.status?.length || filter.status.includes(change.state))
					this.enqueue(feed, eventFor(change));
				continue;
			}
			// FromOrders: the sandbox evaluates the expression on status changes, the only changes
			// to the order document it observes in one place. JSONata evaluates asynchronously, so
			// reads wait for pending evaluations (`settled`).
			const evaluation = matches(filter.expression ?? '', document)
				.then((match) => {
					if (!match) return;
					if (!filter.disableSingleFire) {
						if (feed.firedOrders.has(change.orderId)) return;
						feed.firedOrders.add(change.orderId);
					}
					this.enqueue(feed, eventFor(change));
				})
				.catch(() => undefined)
				.finally(() => this.pending.delete(evaluation));
			this.pending.add(evaluation);
		}
	}

	private enqueue(feed: Feed, event: FeedEventRecord): void {
		const copies = this.settings.deliverTwice ? 2 : 1;
		for (let copy = 0; copy < copies; copy++) {
			const messageId = randomBytes(8).toString('hex');
			feed.messages.set(messageId, {
				messageId,
				event,
				seq: ++this.seq,
				enqueuedAt: Date.now(),
				visibleAt: 0,
				deliveries: 0,
			});
		}
	}

	/** Messages older than the retention period leave the queue, committed or not (the guide's messageRetentionPeriodInSeconds). */
	private dropExpired(feed: Feed, now: number): void {
		const limit = feed.config.queue.messageRetentionPeriodInSeconds * 1000;
		for (const message of feed.messages.values()) {
			if (now - message.enqueuedAt > limit) feed.messages.delete(message.messageId);
		}
	}

	private requireFeed(appKey: string): Feed {
		const feed = this.feeds.get(appKey);
		if (!feed) throw new Error(`No feed is configured for app key ${appKey}`);
		return feed;
	}
}

/** The feed family of a sandbox (or its state), for routes and in-process test access. */
export function feedOf(target: Sandbox | SandboxState): FeedFamily {
	const state = 'state' in target ? target.state : target;
	return state.family('feed', () => new FeedFamily(state));
}

function eventFor(change: StatusChange): FeedEventRecord {
	return { eventId: newEventId(), ...change };
}

/** 32 upper-case hex characters, like the spec's example eventId (Orders API, Retrieve feed items). */
function newEventId(): string {
	return randomBytes(16).toString('hex').toUpperCase();
}

/** An opaque handle; like VTEX's, it is long and must be sent back unchanged. */
function newHandle(message: FeedMessage): string {
	const payload = {
		m: message.messageId,
		d: message.deliveries,
		n: randomBytes(24).toString('base64'),
	};
	return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function messageIdOf(handle: unknown): string | undefined {
	if (typeof handle !== 'string') return undefined;
	try {
		const payload = JSON.parse(Buffer.from(handle, 'base64url').toString('utf8')) as {
			m?: unknown;
		};
		return typeof payload.m === 'string' ? payload.m : undefined;
	} catch {
		return undefined;
	}
}

/** True when a JSONata expression yields `true` for the document; a broken expression throws. */
export async function matches(expression: string, document: unknown): Promise<boolean> {
	return (await jsonata(expression).evaluate(document)) === true;
}

/** VTEX documents no body for feed errors; the sandbox uses the OMS envelope without a code. */
export function feedError(status: number, message: string): SandboxResponse {
	return json(status, { error: { code: null, message, exception: null } });
}

/**
 * Every feed endpoint takes "Feed v3 and Hook Admin" or "Feed v3 and Hook view only"
 * (the Orders API's feed endpoints). The server checks one resource per route, so these routes ask it
 * only for a valid key (permission '') and check the two alternatives here.
 */
export function lacksFeedResource(
	state: SandboxState,
	request: SandboxRequest,
): SandboxResponse | undefined {
	const key = state.keys.find((candidate) => candidate.appKey === request.appKey);
	if (
		!key ||
		key.resources === '*' ||
		key.resources.some((resource) => FEED_RESOURCES.includes(resource))
	)
		return undefined;
	return json(403, {
		error: {
			code: 'Forbidden',
			message: `The credentials are not enabled to access the service. Missing resource: ${FEED_RESOURCES.join(' or ')}`,
			exception: null,
		},
	});
}

/** A route handler that answers 403 first when the key's role lacks the feed's resource (the hook's routes use it too). */
export function guardedByFeedResource(state: SandboxState) {
	return (
			handler: (
				request: SandboxRequest,
				appKey: string,
			) => SandboxResponse | Promise<SandboxResponse>,
		) =>
		async (request: SandboxRequest): Promise<SandboxResponse> =>
			lacksFeedResource(state, request) ?? (await handler(request, request.appKey ?? ''));
}

const NO_FEED = 'There is no feed configuration for this appKey';

/**
 * Validates a configuration's `filter` as VTEX's "Orders feed" guide describes it (the feed's
 * and the hook's are the same); returns the filter or an error.
 */
export function parseFilter(
	filter: Record<string, unknown> | undefined,
): FeedFilter | SandboxResponse {
	if (!filter || typeof filter !== 'object') return feedError(400, 'filter is required');
	if (filter.type !== 'FromWorkflow' && filter.type !== 'FromOrders') {
		return feedError(400, 'filter.type must be FromWorkflow or FromOrders');
	}
	// The guide: mixing the two filter types answers 409 Conflict.
	if (
		filter.type === 'FromWorkflow' &&
		(filter.expression !== undefined || filter.disableSingleFire !== undefined)
	) {
		return feedError(409, 'FromWorkflow filters take no expression nor disableSingleFire');
	}
	if (filter.type === 'FromOrders' && filter.status !== undefined) {
		return feedError(409, 'FromOrders filters take no status');
	}
	if (filter.type === 'FromOrders') {
		if (typeof filter.expression !== 'string' || !filter.expression.trim()) {
			return feedError(400, 'filter.expression is required for FromOrders');
		}
		// VTEX does not say how it answers an expression it cannot parse; the sandbox says 400.
		try {
			jsonata(filter.expression);
		} catch (error) {
			return feedError(400, `filter.expression is not valid JSONata: ${(error as Error).message}`);
		}
	}
	if (
		filter.status !== undefined &&
		(!Array.isArray(filter.status) || filter.status.some((s) => typeof s !== 'string'))
	) {
		return feedError(400, 'filter.status must be a list of statuses');
	}
	return filter.type === 'FromWorkflow'
		? { type: 'FromWorkflow', ...(filter.status ? { status: filter.status as string[] } : {}) }
		: {
				type: 'FromOrders',
				expression: filter.expression as string,
				disableSingleFire: filter.disableSingleFire === true,
			};
}

/** A filter's status list is `status` too: an answer is what has a numeric status. */
export function isRefusal(value: FeedFilter | SandboxResponse): value is SandboxResponse {
	return typeof (value as SandboxResponse).status === 'number';
}

/** Validates a feed configuration POST body (the guide's feed configuration); returns the config or an error. */
function parseConfig(body: unknown): FeedConfig | SandboxResponse {
	const data = (body ?? {}) as Record<string, unknown>;
	const parsed = parseFilter(data.filter as Record<string, unknown> | undefined);
	if (isRefusal(parsed)) return parsed;
	const queue = data.queue as Record<string, unknown> | undefined;
	if (!queue || typeof queue !== 'object') return feedError(400, 'queue is required');
	const visibility = queue.visibilityTimeoutInSeconds;
	// The spec's request schema spells it with a capital M, the guide with a small one; VTEX's
	// API binds JSON keys case-insensitively (an inference: VTEX does not say), so both are taken.
	const retention = queue.MessageRetentionPeriodInSeconds ?? queue.messageRetentionPeriodInSeconds;
	if (!Number.isInteger(visibility) || (visibility as number) <= 0) {
		return feedError(400, 'queue.visibilityTimeoutInSeconds must be a positive integer');
	}
	if (
		!Number.isInteger(retention) ||
		(retention as number) < RETENTION_MIN_SECONDS ||
		(retention as number) > RETENTION_MAX_SECONDS
	) {
		return feedError(
			400,
			`queue.MessageRetentionPeriodInSeconds must be between ${RETENTION_MIN_SECONDS} and ${RETENTION_MAX_SECONDS}`,
		);
	}
	return {
		filter: parsed,
		queue: {
			visibilityTimeoutInSeconds: visibility as number,
			messageRetentionPeriodInSeconds: retention as number,
		},
	};
}

function vtexFeedRoutes(state: SandboxState): Route[] {
	const feeds = feedOf(state);
	const guarded = guardedByFeedResource(state);

	return [
		{
			// Retrieve feed items (Orders API): `maxlot` (lower-case l) at most 10; 404 without a
			// configuration for the key. VTEX does not say how it answers a maxlot above 10 or a
			// missing one; the sandbox answers 400 so a client that exceeds it is caught.
			method: 'GET',
			pattern: '/api/orders/feed',
			permission: '',
			handler: guarded(async ({ query }, appKey) => {
				if (!feeds.has(appKey)) return feedError(404, NO_FEED);
				const maxlot = Number(query.maxlot);
				if (!Number.isInteger(maxlot) || maxlot < 1 || maxlot > 10) {
					return feedError(400, 'maxlot must be a whole number from 1 to 10');
				}
				await feeds.settled();
				return feeds.read(appKey, maxlot);
			}),
		},
		{
			// Commit feed items (Orders API): body {handles: [...]}, 200 without a body.
			method: 'POST',
			pattern: '/api/orders/feed',
			permission: '',
			handler: guarded(({ body }, appKey) => {
				if (!feeds.has(appKey)) return feedError(404, NO_FEED);
				const handles = (body as { handles?: unknown } | undefined)?.handles;
				if (!Array.isArray(handles) || handles.some((handle) => typeof handle !== 'string')) {
					return feedError(400, 'handles must be a list of handles');
				}
				feeds.commit(appKey, handles as string[]);
				return { status: 200 };
			}),
		},
		{
			// Get feed configuration (Orders API). No configuration: 404, as the Orders API documents for
			// Retrieve feed items without a configuration (VTEX does not say so for this GET).
			method: 'GET',
			pattern: '/api/orders/feed/config',
			permission: '',
			handler: guarded((_request, appKey) => {
				const described = feeds.describe(appKey);
				return described ? json(200, described) : feedError(404, NO_FEED);
			}),
		},
		{
			// Create or update feed configuration (Orders API): 200 without a body.
			method: 'POST',
			pattern: '/api/orders/feed/config',
			permission: '',
			handler: guarded(({ body }, appKey) => {
				const config = parseConfig(body);
				if ('status' in config) return config;
				feeds.configure(config, appKey);
				return { status: 200 };
			}),
		},
		{
			// Delete feed configuration (Orders API): 200, or 404 when there is none. VTEX does
			// not say what happens to queued events; the sandbox drops them with the feed.
			method: 'DELETE',
			pattern: '/api/orders/feed/config',
			permission: '',
			handler: guarded((_request, appKey) =>
				feeds.remove(appKey) ? { status: 200 } : feedError(404, NO_FEED),
			),
		},
		{
			// Test a JSONata expression (Orders API `POST /api/orders/expressions/jsonata`): {Expression, Document (a JSON string)} →
			// a boolean. VTEX lists no resource for it and documents no error; the sandbox asks
			// for a valid key and answers 400 for a broken expression or document.
			method: 'POST',
			pattern: '/api/orders/expressions/jsonata',
			permission: '',
			handler: async ({ body }) => {
				const data = (body ?? {}) as { Expression?: unknown; Document?: unknown };
				if (typeof data.Expression !== 'string' || typeof data.Document !== 'string') {
					return feedError(400, 'Expression and Document are required strings');
				}
				let document: unknown;
				try {
					document = JSON.parse(data.Document);
				} catch {
					return feedError(400, 'Document is not valid JSON');
				}
				try {
					return json(200, await matches(data.Expression, document));
				} catch (error) {
					return feedError(400, `Expression is not valid JSONata: ${(error as Error).message}`);
				}
			},
		},
	];
}

/**
 * Admin endpoints under /_sandbox/feed: state, a backlog of N events, the deliver-twice switch,
 * a short visibility timeout, the GET config spelling, and configuring a feed without VTEX's
 * endpoint. `appKey` defaults to the sandbox's first key.
 */
function feedAdminRoutes(state: SandboxState): Route[] {
	const feeds = feedOf(state);
	return [
		{
			method: 'GET',
			pattern: '/_sandbox/feed',
			permission: null,
			handler: () => json(200, feeds.snapshot()),
		},
		{
			method: 'POST',
			pattern: '/_sandbox/feed/config',
			permission: null,
			handler: ({ body }) => {
				const data = (body ?? {}) as { appKey?: string; config?: FeedConfig };
				feeds.configure(data.config ?? DEFAULT_FEED_CONFIG, data.appKey);
				return json(200, { configured: true });
			},
		},
		{
			method: 'POST',
			pattern: '/_sandbox/feed/backlog',
			permission: null,
			handler: ({ body }) => {
				const data = (body ?? {}) as {
					count?: number;
					statuses?: string[];
					orderIds?: string[];
					appKey?: string;
				};
				const appKey = data.appKey ?? state.keys[0].appKey;
				if (!feeds.has(appKey)) return json(404, { message: `no feed configured for ${appKey}` });
				const events = feeds.addBacklog({
					count: data.count ?? 1,
					statuses: data.statuses,
					orderIds: data.orderIds,
					appKey,
				});
				return json(200, { added: events.length, eventIds: events.map((event) => event.eventId) });
			},
		},
		{
			// Per event: which are still queued, how many times each was delivered and removed by a
			// commit (the e2e queue-mode run checks "came back" and "never committed" with it).
			method: 'GET',
			pattern: '/_sandbox/feed/events',
			permission: null,
			handler: ({ query }) => {
				const appKey = query.appKey ?? state.keys[0].appKey;
				if (!feeds.has(appKey)) return json(404, { message: `no feed configured for ${appKey}` });
				return json(200, {
					queued: feeds.queuedEvents(appKey).map((event) => event.eventId),
					...feeds.eventCounts(appKey),
				});
			},
		},
		{
			method: 'PUT',
			pattern: '/_sandbox/feed/settings',
			permission: null,
			handler: ({ body }) => {
				Object.assign(feeds.settings, (body ?? {}) as Partial<FeedSettings>);
				return json(200, feeds.settings);
			},
		},
	];
}

/** The feed family: VTEX's feed endpoints and the sandbox's feed admin endpoints. */
export function feedRoutes(state: SandboxState): Route[] {
	return [...vtexFeedRoutes(state), ...feedAdminRoutes(state)];
}
