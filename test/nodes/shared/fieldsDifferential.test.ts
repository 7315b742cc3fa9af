import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { readFieldsWith } from '../../../nodes/shared/fields';
import { resources } from '../../../nodes/VtexOrderProcessing/actions/resources';
import { packageNodeTypes } from '../../harness/nodeTypes';
import type { N8nWorkflowModule } from './n8nLines';
import { loadWorkflow1x, workflow1xWhere, workflow2x } from './n8nLines';

/**
 * fields.ts decides which of an operation's fields are shown from their `displayOptions` (only
 * `show`/`hide` with lists of values), without n8n. n8n decides it in NodeHelpers.getNodeParameters
 * (what the editor keeps of a node's parameters: a hidden field is dropped). Over every operation
 * of the action node and both triggers, and every combination of the values its display
 * conditions look at (as the editor saves them), both must show the same fields, on
 * n8n-workflow 2.x and 1.x.
 */

interface Case {
	label: string;
	description: INodeTypeDescription;
	/** The fields fields.ts reads for it. */
	fields: INodeProperties[];
	/** The node parameters that select it (resource and operation). */
	selection: INodeParameters;
}

function cases(): Case[] {
	const action =
		packageNodeTypes['n8n-nodes-vtex-order-processing.vtexOrderProcessing'].description;
	const list: Case[] = [];
	for (const [resource, module] of Object.entries(resources)) {
		for (const [operation, op] of Object.entries(module.operations)) {
			list.push({
				label: `${resource} → ${operation}`,
				description: action,
				fields: op.description,
				selection: { resource, operation },
			});
		}
	}
	for (const name of ['vtexOrderProcessingTrigger', 'vtexOrderHookTrigger']) {
		const description = packageNodeTypes[`n8n-nodes-vtex-order-processing.${name}`].description;
		list.push({ label: name, description, fields: description.properties, selection: {} });
	}
	return list;
}

/** The values each field named in a display condition may take: its options, true/false, or the values the conditions name. */
function candidates(fields: INodeProperties[]): Map<string, unknown[]> {
	const byName = new Map(fields.map((field) => [field.name, field]));
	const values = new Map<string, Set<unknown>>();
	for (const field of fields) {
		const { show, hide } = field.displayOptions ?? {};
		for (const [name, listed] of [...Object.entries(show ?? {}), ...Object.entries(hide ?? {})]) {
			if (name === 'resource' || name === 'operation' || name.startsWith('@')) continue;
			const set = values.get(name) ?? new Set<unknown>();
			for (const value of (listed ?? []) as unknown[]) set.add(value);
			const controlling = byName.get(name);
			if (controlling?.type === 'boolean') [true, false].forEach((value) => set.add(value));
			if (controlling?.type === 'options')
				for (const option of controlling.options ?? [])
					set.add((option as { value: unknown }).value);
			if (controlling) set.add(controlling.default);
			// A value no condition names, as a user's stale or unusual value would be.
			set.add('something else');
			values.set(name, set);
		}
	}
	return new Map([...values].map(([name, set]) => [name, [...set]]));
}

/** Every combination of the candidates (they are few: at most a few hundred per operation). */
function combinations(choices: Map<string, unknown[]>): INodeParameters[] {
	let combos: INodeParameters[] = [{}];
	for (const [name, values] of choices) {
		combos = combos.flatMap((combo) =>
			values.map((value) => ({ ...combo, [name]: value as INodeParameters[string] })),
		);
	}
	return combos;
}

/** The names of the fields fields.ts reads (shown), for these stored values. */
function shownByFields(fields: INodeProperties[], stored: INodeParameters): string[] {
	const asked = new Set<string>();
	readFieldsWith((name, fallback) => {
		asked.add(name);
		return stored[name] ?? fallback;
	}, fields);
	return fields
		.filter((field) => field.type !== 'notice' && asked.has(field.name))
		.map((field) => field.name);
}

/**
 * The parameters n8n's editor saves for these values: it applies getNodeParameters (which drops
 * a hidden field and fills in defaults) on every change, until nothing changes. A value the
 * editor never keeps (a hidden field's stale value) is not compared: fields.ts reads it as its
 * default, on purpose.
 */
function savedByEditor(
	workflow: N8nWorkflowModule,
	testCase: Case,
	values: INodeParameters,
): INodeParameters {
	let parameters: INodeParameters = { ...values, ...testCase.selection };
	for (let pass = 0; pass < 10; pass++) {
		const next =
			workflow.NodeHelpers.getNodeParameters(
				testCase.description.properties,
				parameters,
				true,
				false,
				{ typeVersion: 1 },
				testCase.description,
			) ?? {};
		if (JSON.stringify(next) === JSON.stringify(parameters)) break;
		parameters = next;
	}
	return parameters;
}

/** The names of the fields n8n shows (keeps) among an operation's. */
function shownByN8n(testCase: Case, saved: INodeParameters): string[] {
	return testCase.fields
		.filter((field) => field.type !== 'notice' && field.name in saved)
		.map((field) => field.name);
}

const workflow1x = loadWorkflow1x();
const lines: Array<[string, N8nWorkflowModule | undefined]> = [
	['2.x', workflow2x],
	['1.x', workflow1x],
];

describe.each(lines)('fields.ts shows what n8n-workflow %s shows', (line, workflow) => {
	const all = cases();

	it('covers every operation and both triggers', () => {
		expect(all.length).toBeGreaterThanOrEqual(25);
	});

	(workflow ? it : it.skip)(
		`for every combination of the values display conditions read${workflow ? '' : ` (not installed: ${workflow1xWhere()})`}`,
		() => {
			const differences: string[] = [];
			let compared = 0;
			for (const testCase of all) {
				for (const stored of combinations(candidates(testCase.fields))) {
					compared++;
					const saved = savedByEditor(workflow!, testCase, stored);
					const ours = shownByFields(testCase.fields, saved);
					const theirs = shownByN8n(testCase, saved);
					if (ours.join() !== theirs.join())
						differences.push(
							`${testCase.label} ${JSON.stringify(saved)}: fields.ts [${ours}] n8n ${line} [${theirs}]`,
						);
				}
			}
			expect(differences).toEqual([]);
			expect(compared).toBeGreaterThan(all.length);
		},
	);
});
