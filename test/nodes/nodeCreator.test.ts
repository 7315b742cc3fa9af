import type { INodeType } from 'n8n-workflow';

import packageJson from '../../package.json';
import { VtexOrderProcessing } from '../../nodes/VtexOrderProcessing/VtexOrderProcessing.node';
import { VtexOrderProcessingTrigger } from '../../nodes/VtexOrderProcessingTrigger/VtexOrderProcessingTrigger.node';
import { nodeSubtitle } from '../../nodes/VtexOrderProcessing/actions/description';
import { operationWorkflow } from '../harness/workflow';
import { PACKAGE } from '../harness/nodeTypes';
import { harnessWorkflow, nodeTypes } from '../harness/engine';

/** The node types this test knows, by the file package.json declares to n8n (n8n.nodes). */
const KNOWN: Record<string, new () => INodeType> = {
	'dist/nodes/VtexOrderProcessing/VtexOrderProcessing.node.js': VtexOrderProcessing,
	'dist/nodes/VtexOrderProcessingTrigger/VtexOrderProcessingTrigger.node.js':
		VtexOrderProcessingTrigger,
};

function declaredNodeTypes(): INodeType[] {
	return packageJson.n8n.nodes.filter((file) => file in KNOWN).map((file) => new KNOWN[file]());
}

/**
 * n8n's node creator lists an app's triggers under the app ("VTEX Order Processing → Triggers")
 * only for a visible trigger whose type name, less its first "Trigger", is the app's type name:
 * `generateMergedNodesAndActions` in editor-ui's useActionsGeneration (n8n 2.40.7).
 */
function mergedIntoApp(types: INodeType[]): Record<string, string[]> {
	const visible = types.filter((type) => !type.description.hidden);
	const apps = visible
		.filter((type) => !type.description.group.includes('trigger'))
		.map((type) => type.description.name);
	const merged: Record<string, string[]> = Object.fromEntries(apps.map((app) => [app, []]));
	for (const trigger of visible.filter((type) => type.description.group.includes('trigger'))) {
		const app = trigger.description.name.replace('Trigger', '');
		if (app in merged) merged[app].push(trigger.description.name);
	}
	return merged;
}

describe("n8n's node panel", () => {
	const types = declaredNodeTypes();
	const byName = (name: string) => types.find((type) => type.description.name === name);

	it('gets both from package.json', () => {
		expect(packageJson.n8n.nodes).toEqual(expect.arrayContaining(Object.keys(KNOWN)));
	});

	it('lists the orders feed trigger under VTEX Order Processing → Triggers', () => {
		expect(mergedIntoApp(types).vtexOrderProcessing).toContain('vtexOrderProcessingTrigger');
		expect(byName('vtexOrderProcessingTrigger')?.description.displayName).toBe(
			'VTEX Order Feed Trigger',
		);
	});

	it('registers one orders feed trigger type', () => {
		const triggers = packageJson.n8n.nodes.filter((file) => /Feed|ProcessingTrigger/.test(file));
		expect(triggers).toEqual([
			'dist/nodes/VtexOrderProcessingTrigger/VtexOrderProcessingTrigger.node.js',
		]);
		expect(nodeTypes.getByNameAndVersion(`${PACKAGE}.vtexOrderProcessingTrigger`, 1)).toBeDefined();
	});

	it("shows the action node first on the app's entry, which takes the merged trigger's description", () => {
		const entry = byName('vtexOrderProcessingTrigger')!.description.description;
		expect(entry).toMatch(/^Send ERP and WMS order updates to VTEX/);
		expect(entry).toMatch(/start workflows when an order changes status/);
	});

	it('shows Poll Times once, as the loaded type serves it', () => {
		const loaded = nodeTypes.getByNameAndVersion(`${PACKAGE}.vtexOrderProcessingTrigger`, 1);
		const names = loaded.description.properties.map((property) => property.name);
		expect(names.filter((name) => name === 'pollTimes')).toHaveLength(1);
	});
});

describe("the action node's canvas subtitle", () => {
	/** The subtitle as n8n's editor computes it: an expression over the node's parameters. */
	function subtitleOf(parameters: Record<string, string>): unknown {
		const definition = operationWorkflow(parameters);
		const workflow = harnessWorkflow(definition, { active: false });
		const node = definition.nodes.find((candidate) => candidate.name === 'VTEX')!;
		return workflow.expression.getSimpleParameterValue(node, nodeSubtitle, 'internal', {});
	}

	it.each([
		[{ resource: 'order', operation: 'invoice' }, 'Invoice: Order'],
		[{ resource: 'orderChange', operation: 'getHistory' }, 'Get History: Order Change'],
		[{ resource: 'note', operation: 'getMany' }, 'Get Many: Note'],
		[{ resource: 'feed', operation: 'setConfiguration' }, 'Set Configuration: Feed'],
		[{ resource: 'seller', operation: 'getChangeWindow' }, 'Get Change Window: Seller'],
	])('reads %j as "%s"', (parameters, expected) => {
		expect(subtitleOf(parameters)).toBe(expected);
	});
});
