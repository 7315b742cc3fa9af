import type { IDataObject } from 'n8n-workflow';

import type { VtexClient } from '../../../shared/transport';
import { objectsIn } from '../../../shared/values';
import { APPLIED_STATUS, CANCELED_STATUS, readChange, readChangeHistory } from './changeRequests';

/**
 * What "already done" means for Change v2 writes
 * (https://developers.vtex.com/docs/guides/order-modifications).
 */

/** The keys of a change body that say what the change does. */
const CHANGE_KEYS = [
	'reason',
	'manualDiscountValue',
	'manualIncrementValue',
	'add',
	'remove',
	'replace',
];

/**
 * Create: the order's latest change request is this very change (same reason, amounts and
 * items) and VTEX has not canceled it. VTEX runs one change of an order at a time, so an
 * identical latest change is the one an earlier run (or a lost answer) sent; a change to send
 * again on purpose needs another reason. Returns that change as VTEX's history shows it.
 */
export async function sameChangeAlreadySent(
	client: VtexClient,
	orderId: string,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const history = await readChangeHistory(client, orderId, itemIndex);
	const requests = objectsIn(history.requests);
	const latest = requests.reduce<IDataObject | undefined>(
		(newest, change) =>
			!newest || String(change.date ?? '') >= String(newest.date ?? '') ? change : newest,
		undefined,
	);
	if (!latest || latest.status === CANCELED_STATUS || typeof latest.requestId !== 'string')
		return undefined;
	return CHANGE_KEYS.every((key) => canonical(body[key]) === canonical(latest[key]))
		? latest
		: undefined;
}

/**
 * Retry and Cancel of a change: after a refusal (VTEX answers SalesOrderSystem016 to a retry of
 * a finished change) or a lost answer, the change is read; a retried change that is done, or a
 * cancelled change that is canceled, reached its goal.
 */
export async function changeActionDone(
	client: VtexClient,
	reference: { orderId: string; changeRequestId: string },
	action: 'retry' | 'cancel',
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const change = await readChange(client, reference.orderId, reference.changeRequestId, itemIndex);
	const status = String(change.status ?? '');
	if (status !== (action === 'retry' ? APPLIED_STATUS : CANCELED_STATUS)) return undefined;
	return {
		...reference,
		status,
		message: `Change ${reference.changeRequestId} of order ${reference.orderId} is already "${status}".`,
	};
}

/** A value in a form where equal changes compare equal: keys sorted, absent amounts and lists as empty. */
function canonical(value: unknown): string {
	if (
		value === undefined ||
		value === null ||
		value === 0 ||
		(Array.isArray(value) && value.length === 0)
	)
		return '';
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object') {
		const entries = Object.entries(value as IDataObject)
			.filter(([, inner]) => canonical(inner) !== '')
			.sort(([a], [b]) => a.localeCompare(b));
		return entries.length === 0
			? ''
			: `{${entries.map(([key, inner]) => `${key}:${canonical(inner)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}
