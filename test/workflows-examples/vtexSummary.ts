import type { IExecuteResponsePromiseData } from 'n8n-workflow';

import type { InvoicePackage, Order, Sandbox } from '../sandbox';
import type { RequestRecord } from '../sandbox/state';

/**
 * What a run did, in VTEX's terms, read from the sandbox's state before and after it: status
 * changes, invoices and receipts, tracking, notes, order changes, seller changes, refusals, what
 * the ERP and the team's chat received, and the orders feed. The demo prints it.
 */

interface FamilyViews {
	notes?: Record<string, Array<{ description: string }>>;
	orderChanges?: {
		changes: Array<{
			requestId: string;
			status: string;
			totalChangeValue: number;
			origin: { orderId: string };
		}>;
	};
	seller?: {
		changes: Array<{ orderId: string; from: string; to: string; marketplacePaymentValue: number }>;
	};
	outside?: {
		erpOrders: Array<{ erpOrderId: string; body: { orderId?: string } }>;
		notifications: Array<{ body: { text?: string } }>;
	};
	feed?: { feeds: Record<string, { queued: number; delivered: number; committed: number }> };
}

export interface SandboxView {
	orders: Record<string, Order>;
	families: FamilyViews;
	lastRequest: number;
}

/** A deep copy of what the summary compares. */
export function viewOf(sandbox: Sandbox): SandboxView {
	const { state } = sandbox;
	return JSON.parse(
		JSON.stringify({
			orders: Object.fromEntries(state.orders),
			families: Object.fromEntries(
				state.familyNames().map((name) => [name, state.familySnapshot(name)]),
			),
			lastRequest: state.requests.at(-1)?.seq ?? 0,
		}),
	) as SandboxView;
}

const decimal = (cents: number) => (cents / 100).toFixed(2);
const signed = (cents: number) => `${cents >= 0 ? '+' : '-'}${decimal(Math.abs(cents))}`;
const clip = (text: string, max: number) =>
	text.length > max ? `${text.slice(0, max - 1)}…` : text;
const quote = (text: string, max = 70) => `"${clip(text, max)}"`;

/** The order a VTEX request is about, from its path or (notes) its body. */
function orderOfRequest(request: RequestRecord): string | undefined {
	const match = /\/orders\/([^/]+)/.exec(request.path);
	if (match && !['feed', 'hook', 'changes'].includes(match[1])) return decodeURIComponent(match[1]);
	const target = (request.body as { target?: { id?: string } } | undefined)?.target;
	return target?.id;
}

const ACTIONS: Array<[RegExp, string]> = [
	[/\/cancel$/, 'the cancellation'],
	[/\/start-handling$/, 'start handling'],
	[/\/invoice$/, 'the invoice'],
	[/\/invoice\/[^/]+\/tracking$/, 'the tracking events'],
	[/\/invoice\/[^/]+$/, 'the tracking number'],
	[/\/changes/, 'the order change'],
	[/\/sellers$/, 'the seller change'],
	[/\/api\/do\/notes/, 'the note'],
];

function actionOf(request: RequestRecord): string {
	return (
		ACTIONS.find(([pattern]) => pattern.test(request.path))?.[1] ??
		`${request.method} ${request.path}`
	);
}

function invoiceParts(before: InvoicePackage | undefined, after: InvoicePackage): string[] {
	const parts: string[] = [];
	if (!before) {
		parts.push(
			`invoice ${after.invoiceNumber} of ${decimal(after.invoiceValue)} (receipt ${after.receipt.slice(0, 8)}…)`,
		);
	}
	if (after.trackingNumber && after.trackingNumber !== before?.trackingNumber) {
		parts.push(
			`${before ? `invoice ${after.invoiceNumber}: ` : ''}tracking ${after.trackingNumber}${after.courier ? ` (${after.courier})` : ''}`,
		);
	}
	const status = after.courierStatus;
	if (status && JSON.stringify(status) !== JSON.stringify(before?.courierStatus)) {
		parts.push(
			`${status.data.length} tracking event(s)${status.finished ? `, delivered ${status.deliveredDate}` : ''}`,
		);
	}
	return parts;
}

function orderParts(
	orderId: string,
	before: SandboxView,
	after: SandboxView,
	refused: RequestRecord[],
): string[] {
	const parts: string[] = [];
	const was = before.orders[orderId];
	const now = after.orders[orderId];
	if (was && now) {
		if (was.status !== now.status) parts.push(`${was.status} → ${now.status}`);
		if (now.status === 'canceled' && was.status !== 'canceled' && now.cancelReason)
			parts.push(`reason ${quote(now.cancelReason)}`);
		for (const invoice of now.packageAttachment.packages) {
			const earlier = was.packageAttachment.packages.find(
				(candidate) => candidate.invoiceNumber === invoice.invoiceNumber,
			);
			parts.push(...invoiceParts(earlier, invoice));
		}
	}
	const known = new Set((before.families.notes?.[orderId] ?? []).map((note) => note.description));
	for (const note of after.families.notes?.[orderId] ?? []) {
		if (!known.has(note.description)) parts.push(`note ${quote(note.description)}`);
	}
	const earlierChanges = new Set(
		(before.families.orderChanges?.changes ?? []).map((change) => change.requestId),
	);
	for (const change of after.families.orderChanges?.changes ?? []) {
		if (change.origin.orderId !== orderId || earlierChanges.has(change.requestId)) continue;
		parts.push(
			`change ${change.requestId.slice(0, 8)}… ${change.status}, total ${signed(change.totalChangeValue)}`,
		);
		if (was && now && was.value !== now.value)
			parts.push(`order total ${decimal(was.value)} → ${decimal(now.value)}`);
	}
	const sellerChanges = after.families.seller?.changes ?? [];
	for (const change of sellerChanges.slice(before.families.seller?.changes.length ?? 0)) {
		if (change.orderId === orderId) {
			parts.push(
				`seller ${change.from} → ${change.to}, marketplace pays ${decimal(change.marketplacePaymentValue)}`,
			);
		}
	}
	const erpOrders = after.families.outside?.erpOrders ?? [];
	for (const received of erpOrders.slice(before.families.outside?.erpOrders.length ?? 0)) {
		if (received.body?.orderId === orderId) parts.push(`sent to the ERP (${received.erpOrderId})`);
	}
	for (const request of refused) {
		// An order another example already moved to handling: VTEX answers 409 to start handling, and
		// the node reads the order and counts the step as done (what a replayed feed event meets).
		// Not a failure, so not worded as one.
		if (/\/start-handling$/.test(request.path) && was?.status === 'handling') {
			parts.push(
				`start handling: already done before this run (VTEX answered HTTP ${request.status}; the node checked the order and went on)`,
			);
		} else parts.push(`VTEX refused ${actionOf(request)} (HTTP ${request.status})`);
	}
	const notifications = after.families.outside?.notifications ?? [];
	for (const sent of notifications.slice(before.families.outside?.notifications.length ?? 0)) {
		if (sent.body?.text?.includes(orderId))
			parts.push(`team notified: ${quote(sent.body.text, 90)}`);
	}
	return parts;
}

/** One line per order the run touched, one for the feed, one per answer to the caller. */
export function describeRun(
	sandbox: Sandbox,
	before: SandboxView,
	after: SandboxView,
	responses: IExecuteResponsePromiseData[] = [],
): string[] {
	const requests = sandbox.state.requests.filter((request) => request.seq > before.lastRequest);
	const orderIds = new Set<string>();
	for (const request of requests) {
		const orderId = orderOfRequest(request);
		if (orderId) orderIds.add(orderId);
	}
	for (const received of after.families.outside?.erpOrders ?? [])
		if (received.body?.orderId) orderIds.add(received.body.orderId);
	const lines: string[] = [];
	for (const orderId of [...orderIds].sort()) {
		const refused = requests.filter(
			(request) => request.status >= 400 && orderOfRequest(request) === orderId,
		);
		const parts = orderParts(orderId, before, after, refused);
		if (parts.length > 0) lines.push(`order ${orderId}: ${parts.join('; ')}`);
	}
	const feedBefore = Object.values(before.families.feed?.feeds ?? {})[0];
	const feedAfter = Object.values(after.families.feed?.feeds ?? {})[0];
	if (feedAfter && feedAfter.delivered !== (feedBefore?.delivered ?? 0)) {
		lines.push(
			`orders feed: ${feedAfter.delivered - (feedBefore?.delivered ?? 0)} event(s) read, ${feedAfter.committed - (feedBefore?.committed ?? 0)} committed, ${feedAfter.queued} left in the feed for the next poll`,
		);
	}
	for (const response of responses) {
		lines.push(
			`answered the caller: HTTP ${response.statusCode ?? 200} ${clip(JSON.stringify(response.body), 110)}`,
		);
	}
	return lines;
}
