import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { hookOf } from '../../../sandbox/families/hook';
import { runOperation } from '../../../harness/workflow';
import {
	cancel,
	event,
	expectRefusedBeforeSending,
	invoice,
	item,
	note,
	preview as change,
	sellerChange as seller,
	tracking,
	trackingEvents as events,
} from './parameters';

/**
 * The text rules, through the engine: half of an emoji (a lone UTF-16 surrogate) or a NUL in any
 * text field; a control character anywhere in a URL or a hook header; a hook URL that is not
 * https. Each is refused before anything is sent, naming the field.
 */

const LONE = '\ud83d';

type TextField = [string, (text: string) => INodeParameters];

const textFields: TextField[] = [
	['Invoice Number', (invoiceNumber) => invoice({ invoiceNumber })],
	// The invoice number goes into Update Tracking's path, where it used to fail as "URI malformed".
	['Invoice Number', (invoiceNumber) => tracking({ invoiceNumber })],
	['Tracking Number', (trackingNumber) => tracking({ trackingNumber })],
	['Courier', (courier) => tracking({ courier })],
	['Invoice Key', (invoiceKey) => invoice({ additionalFields: { invoiceKey } })],
	[
		'Embedded Invoice (XML)',
		(embeddedInvoice) => invoice({ additionalFields: { embeddedInvoice } }),
	],
	['Items › item 1 › SKU ID', (id) => invoice({ items: { item: [{ ...item, id }] } })],
	[
		'Items › item 1 › Description',
		(description) => invoice({ items: { item: [{ ...item, description }] } }),
	],
	[
		'Items (JSON) › item 1 › description',
		(description) =>
			invoice({ itemsInput: 'json', itemsJson: JSON.stringify([{ ...item, description }]) }),
	],
	['Events › item 1 › City', (city) => events({ events: { event: [{ ...event, city }] } })],
	['Description', (description) => note({ description })],
	['Reason', (reason) => cancel({ reason })],
	['Reason', (reason) => change({ reason })],
	['New Seller ID', (newSellerId) => seller({ newSellerId })],
	[
		'JSONata Expression',
		(expression) => ({
			resource: 'feed',
			operation: 'setConfiguration',
			filterType: 'FromOrders',
			expression,
		}),
	],
	[
		'Other Statuses',
		(otherStatuses) => ({ resource: 'feed', operation: 'setConfiguration', otherStatuses }),
	],
];

const hook = (fields: INodeParameters): INodeParameters => ({
	resource: 'hook',
	operation: 'setConfiguration',
	url: 'https://erp.example.com/vtex',
	...fields,
});
const header = (name: string, value: string) => ({ headers: { header: [{ name, value }] } });

/** Fields sent on one line: a control character anywhere is refused, not trimmed or dropped. */
const oneLineFields: TextField[] = [
	['URL', (url) => hook({ url: `https://erp.example.com/${url}` })],
	['Headers › item 1 › Name', (name) => hook(header(`X-Erp${name}`, 'v'))],
	['Headers › item 1 › Value', (value) => hook(header('X-Erp', `secret${value}`))],
	[
		'Invoice URL',
		(url) => invoice({ additionalFields: { invoiceUrl: `https://nf.example/${url}` } }),
	],
	['Tracking URL', (url) => tracking({ trackingUrl: `https://track.example/${url}` })],
];

const controls: Array<[string, string, RegExp]> = [
	['CR LF', 'a\r\nX-Injected: 1', /carriage return \(CR\)/],
	['a trailing LF', 'a\n', /line feed \(LF\)/],
	['a tab', 'a\tb', /tab/],
	['NUL', 'a\u0000b', /NUL/],
	['DEL', 'a\u007fb', /DEL/],
	['a C1 control (NEL)', 'a\u0085b', /control character U\+0085/],
	['half of an emoji', `a${LONE}`, /half of a character/],
];

describe('text inputs: characters VTEX could not store or send as written', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => {
		await hookOf(sandbox).settled();
		await sandbox.stop();
	});
	beforeEach(() => sandbox.reset());

	it.each(textFields)(
		'%s: refuses half of an emoji (NF-\\ud83d), naming the field',
		async (label, parameters) => {
			const message = await expectRefusedBeforeSending(
				sandbox,
				parameters(`NF-${LONE}`),
				label,
				/half of a character at position 4/,
			);
			// Shown escaped, so the error itself stays well-formed.
			expect(message).toContain('"NF-\\ud83d"');
		},
	);

	it.each(textFields)('%s: refuses a NUL', async (label, parameters) => {
		await expectRefusedBeforeSending(
			sandbox,
			parameters('NF\u00001'),
			label,
			/NUL U\+0000 at position 3/,
		);
	});

	it('sends whole emoji and line breaks in free text as given', async () => {
		const { error } = await runOperation(sandbox, note({ description: 'Entregue 📦👍🏽\nObrigado' }));
		expect(error).toBeUndefined();
		const [request] = sandbox.requests({ method: 'POST' });
		expect(JSON.stringify(request.body)).toContain('Entregue 📦👍🏽\\nObrigado');
	});

	for (const [label, parameters] of oneLineFields) {
		it.each(controls)(`${label}: refuses %s`, async (_name, text, words) => {
			await expectRefusedBeforeSending(sandbox, parameters(text), label, words);
		});
	}

	it.each([
		['Issuance Date', (value: string) => invoice({ issuanceDate: value })],
		[
			'Items › item 1 › Quantity',
			(value: string) => invoice({ items: { item: [{ ...item, quantity: value }] } }),
		],
		['URL', (value: string) => hook({ url: value })],
	])(
		'%s: an error cuts a long value between two emoji, never inside one',
		async (label, parameters) => {
			const value = '👍🏽👨‍👩‍👧'.repeat(20);
			const message = await expectRefusedBeforeSending(
				sandbox,
				parameters(value),
				label,
				/characters\)/,
			);
			const shownValue = /"((?:👍🏽|👨‍👩‍👧)*)…/u.exec(message);
			expect(shownValue?.[1].length).toBeGreaterThan(40);
			expect((message as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
		},
	);

	it('never shows a header value in its error: it may be a secret', async () => {
		const message = await expectRefusedBeforeSending(
			sandbox,
			hook(header('Authorization', 'Bearer s3cr3t-t0ken\r\n')),
			'Headers › item 1 › Value',
			/carriage return \(CR\) U\+000D at position 20 \(the value is not shown/,
		);
		expect(message).not.toContain('s3cr3t');
	});

	it('refuses a header value outside visible ASCII, and two headers of one name', async () => {
		await expectRefusedBeforeSending(
			sandbox,
			hook(header('X-Erp', 'José')),
			'Headers › item 1 › Value',
			/other than visible ASCII at position 4/,
		);
		await expectRefusedBeforeSending(
			sandbox,
			hook({
				headers: {
					header: [
						{ name: 'X-Erp', value: 'a' },
						{ name: 'x-erp', value: 'b' },
					],
				},
			}),
			'Headers › item 2 › Name',
			/"x-erp" is given twice: HTTP header names ignore case/,
		);
	});

	it.each([
		['http://erp.example.com/vtex'],
		['HTTP://erp.example.com/vtex'],
		['http://10.0.0.5/vtex'],
		['ftp://erp.example.com/vtex'],
		['https:erp.example.com/vtex'],
		['https:///vtex'],
	])('Hook → Set Configuration refuses %p: VTEX accepts only https', async (url) => {
		await expectRefusedBeforeSending(
			sandbox,
			hook({ url }),
			'URL',
			/must (start with https:\/\/|be a full URL)/,
		);
	});

	it('Hook → Set Configuration sends the URL and headers exactly as checked', async () => {
		const url = `${sandbox.baseUrl}/_sandbox/notify`;
		const { error } = await runOperation(sandbox, {
			...hook({ url }),
			...header('X-Erp-Token', 'a b~c'),
		});
		expect(error).toBeUndefined();
		expect(hookOf(sandbox).config()?.hook).toEqual({ url, headers: { 'X-Erp-Token': 'a b~c' } });
	});
});
