import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import { SOCKS_FOR_A_MUG } from './changeFixtures';

/**
 * Preview and Create check every input before anything is sent; each error names the field as
 * the node shows it.
 */
describe('orderChange → preview and create: bad inputs', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const cases: Array<[string, INodeParameters, IDataObject[] | undefined, RegExp]> = [
		[
			'no reason',
			{ reason: '={{ $json.reason }}' },
			[{ reason: '  ' }],
			/Invalid "Reason": is required \(VTEX shows it to the shopper\)/,
		],
		[
			'an empty change',
			{ itemsToAdd: {}, itemsToRemove: {} },
			undefined,
			/Invalid "Items to Add \/ Items to Remove \/ Items to Replace \/ Manual Discount \/ Manual Increment": the change is empty/,
		],
		[
			'a negative discount',
			{ manualDiscount: '-5' },
			undefined,
			/Invalid "Manual Discount": must not be negative, got -5/,
		],
		[
			'a negative price in decimal',
			{
				moneyFormat: 'decimal',
				itemsToAdd: { item: [{ id: '404', quantity: 1, price: '-1.50' }] },
			},
			undefined,
			/Invalid "Items to Add › item 1 › Unit Price": must not be negative/,
		],
		[
			'a price with fractions of a cent',
			{
				moneyFormat: 'decimal',
				itemsToAdd: { item: [{ id: '404', quantity: 1, price: '1015.905' }] },
			},
			undefined,
			/Invalid "Items to Add › item 1 › Unit Price": has fractions of a cent/,
		],
		[
			'quantity 0',
			{ itemsToRemove: { item: [{ id: '202', quantity: 0 }] } },
			undefined,
			/Invalid "Items to Remove › item 1 › Quantity": must be a whole number of at least 1, got 0/,
		],
		[
			'a replacement without a target SKU',
			{
				itemsToReplace: {
					replacement: [{ fromId: '101', fromQuantity: 1, toId: '', toQuantity: 1 }],
				},
			},
			undefined,
			/Invalid "Items to Replace › item 1 › To SKU ID": is required/,
		],
		[
			'JSON that does not parse',
			{ itemsInput: 'json', changeItemsJson: '{"add": [' },
			undefined,
			/Invalid "Change Items \(JSON\)": is not valid JSON/,
		],
		[
			'a JSON quantity of 0',
			{
				itemsInput: 'json',
				changeItemsJson: JSON.stringify({ remove: [{ id: '202', quantity: 0 }] }),
			},
			undefined,
			/Invalid "Change Items \(JSON\) › remove › item 1 › quantity": must be a whole number of at least 1, got 0/,
		],
	];

	for (const operation of ['preview', 'create']) {
		it.each(cases)(
			`${operation}: refuses %s, naming the field, with no request sent`,
			async (_name, parameters, items, message) => {
				const { error } = await runOperation(
					sandbox,
					{ ...SOCKS_FOR_A_MUG, operation, ...parameters },
					{ items },
				);
				expect(error?.message).toMatch(message);
				expect(error?.description).toMatch(/Nothing was sent to VTEX/);
				expect(sandbox.requests()).toHaveLength(0);
			},
		);
	}
});
