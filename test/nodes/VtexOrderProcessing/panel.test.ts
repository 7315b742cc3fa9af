import type { INode, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { VtexOrderProcessing } from '../../../nodes/VtexOrderProcessing/VtexOrderProcessing.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runOperation } from '../../harness/workflow';

/** The node panel: JSON inputs start empty, one wording for one choice, fields that cannot apply hidden. */

const description = new VtexOrderProcessing().description;
const properties = description.properties;

/** The parameters n8n keeps for these values, as its editor computes them (hidden ones dropped). */
function shownParameters(parameters: INodeParameters): INodeParameters {
	const node = { parameters, type: 'vtexOrderProcessing', typeVersion: 1 } as unknown as INode;
	return (
		NodeHelpers.getNodeParameters(properties, parameters, true, false, node, description) ?? {}
	);
}

describe('node panel', () => {
	it('every JSON input is empty by default, with a placeholder showing its shape', () => {
		const jsonFields = properties.filter((property) => property.type === 'json');
		expect([...new Set(jsonFields.map((property) => property.name))].sort()).toEqual([
			'changeItemsJson',
			'document',
			'eventsJson',
			'itemsJson',
		]);
		for (const property of jsonFields) {
			expect({ name: property.name, default: property.default }).toEqual({
				name: property.name,
				default: '',
			});
			expect(String(property.placeholder)).toMatch(/^[[{]/);
		}
	});

	it('the choice between fields and JSON reads "Define Below" / "Using JSON" everywhere', () => {
		const choices = properties.filter((property) => /^(items|events)Input$/.test(property.name));
		expect(choices.length).toBeGreaterThanOrEqual(3);
		for (const property of choices as INodeProperties[]) {
			expect((property.options as INodePropertyOptions[]).map((option) => option.name)).toEqual([
				'Define Below',
				'Using JSON',
			]);
		}
	});

	it('shows Invoice Whole Order for a sale invoice only; for a return invoice the items are given', () => {
		const sale = shownParameters({
			resource: 'order',
			operation: 'invoice',
			type: 'Output',
			invoiceWholeOrder: true,
		});
		expect(sale.invoiceWholeOrder).toBe(true);
		expect(sale.itemsInput).toBeUndefined();
		const giveBack = shownParameters({ resource: 'order', operation: 'invoice', type: 'Input' });
		expect(giveBack.invoiceWholeOrder).toBeUndefined();
		expect(giveBack.itemsInput).toBe('list');
	});

	describe('through the engine', () => {
		let sandbox: Sandbox;
		beforeAll(async () => (sandbox = await startSandbox()));
		afterAll(async () => await sandbox.stop());
		beforeEach(() => sandbox.reset());

		it('Change Items (JSON) left empty sends nothing: the change is empty', async () => {
			const { error } = await runOperation(sandbox, {
				resource: 'orderChange',
				operation: 'preview',
				orderId: '1002-01',
				reason: 'r',
				itemsInput: 'json',
			});
			expect(error?.message).toMatch(
				/^Invalid "Change Items \(JSON\) \/ Manual Discount \/ Manual Increment": the change is empty/,
			);
			expect(sandbox.requests()).toEqual([]);
		});
	});
});
