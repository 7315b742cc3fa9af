import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readItemParameter, readItemParameterAhead } from '../../../nodes/shared/parameterReads';
import { nodeTypes, runWorkflow } from '../../harness/engine';
import type { N8nWorkflowModule } from './n8nLines';
import { loadWorkflow1x, workflow1xWhere } from './n8nLines';

/**
 * parameterReads.ts answers some reads without n8n: a parameter with no expression once per
 * execution, and `={{ $json.field }}` from the item when the field is its own text, number or
 * boolean. Over a generated corpus of items and parameters, every read must give what n8n gives:
 * on 2.x through the engine's own getNodeParameter (a probe node reads each parameter both ways),
 * on 1.x through n8n-workflow 1.x's expression evaluation, which its getNodeParameter calls.
 */

/** A small deterministic generator, so a failure names a corpus that can be run again. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

const KEYS = [
	'orderId',
	'a.b',
	'a b',
	'ü',
	'日本',
	'x😀',
	'$x',
	'_',
	'constructor',
	'length',
	'0',
	'toString',
];
const VALUES: unknown[] = [
	'1001-01',
	'',
	' spaced ',
	'ünïcödé 日本 😀',
	'123',
	'true',
	'=not an expression',
	'{{ $json.x }}',
	0,
	-1,
	1.5,
	1e21,
	Number.MAX_SAFE_INTEGER,
	true,
	false,
	null,
	[],
	['1001-01'],
	{},
	{ nested: 'x' },
];

/** Items: each key present or missing, with a value drawn from VALUES. */
function corpusItems(count: number, next: () => number): IDataObject[] {
	const items: IDataObject[] = [];
	for (let index = 0; index < count; index++) {
		const json: IDataObject = {};
		for (const key of KEYS) {
			if (next() < 0.3) continue;
			json[key] = VALUES[Math.floor(next() * VALUES.length)] as IDataObject[string];
		}
		items.push(json);
	}
	// Every value under the usual key at least once.
	VALUES.forEach((value) => items.push({ orderId: value as IDataObject[string] }));
	items.push({});
	return items;
}

const identifier = (key: string) => /^[A-Za-z_$][\w$]*$/.test(key);

/** Stored parameter values: lone fields in every spelling, near misses, other expressions, fixed values. */
function corpusParameters(): unknown[] {
	const lone = KEYS.flatMap((key) => [
		...(identifier(key)
			? [`={{ $json.${key} }}`, `={{$json.${key}}}`, `={{   $json.${key}\t}}`]
			: []),
		`={{ $json["${key}"] }}`,
		`={{ $json['${key}'] }}`,
	]);
	const near = [
		'={{ $json.orderId }} ',
		' ={{ $json.orderId }}',
		'=x{{ $json.orderId }}',
		'={{ $json.orderId }}{{ $json.orderId }}',
		'={{ ($json.orderId) }}',
		'={{ $json.orderId.length }}',
		'={{ $json?.orderId }}',
		'={{ $json["a\\"b"] }}',
		'={{ $json.__proto__ }}',
		'={{ $json.prototype }}',
		'={{ $json }}',
		'={{ $json.orderId + "" }}',
		'={{ $input.item.json.orderId }}',
		'=plain text',
		'=',
	];
	const fixed = [
		'1001-01',
		'',
		'{{ $json.orderId }}',
		42,
		true,
		{ nested: '={{ $json.orderId }}' },
	];
	return [...lone, ...near, ...fixed];
}

/** A value or the error's message, comparable with toEqual. */
function outcome(read: () => unknown): unknown {
	try {
		return { value: read() };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

const PARAMETERS = corpusParameters();
const NAMES = PARAMETERS.map((_, index) => `p${index}`);
const FALLBACK = 'fallback';

/** Reads every parameter for every item both ways; returns the differences. */
function compareReads(ctx: IExecuteFunctions, count: number): string[] {
	const differences: string[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		NAMES.forEach((name, position) => {
			const theirs = outcome(() => ctx.getNodeParameter(name, itemIndex, FALLBACK));
			// Half the reads go through the router's read-ahead first, as an Order ID does.
			if ((itemIndex + position) % 2 === 0)
				outcome(() => readItemParameterAhead(ctx, name, itemIndex, FALLBACK));
			const ours = outcome(() => readItemParameter(ctx, name, itemIndex, FALLBACK));
			if (JSON.stringify(ours) !== JSON.stringify(theirs))
				differences.push(
					`${JSON.stringify(PARAMETERS[position])} item ${itemIndex}: ours ${JSON.stringify(ours)}, n8n ${JSON.stringify(theirs)}`,
				);
		});
	}
	return differences;
}

const probeDescription: INodeType['description'] = {
	displayName: 'Parameter Probe',
	name: 'parameterProbe',
	group: ['transform'],
	version: 1,
	description: 'Reads each parameter through parameterReads and through n8n (tests only)',
	defaults: { name: 'Parameter Probe' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: NAMES.map((name) => ({ displayName: name, name, type: 'string', default: '' })),
};

const probeNode = (): INode => ({
	id: 'probe',
	name: 'Probe',
	type: 'test.parameterProbe',
	typeVersion: 1,
	position: [0, 0],
	parameters: Object.fromEntries(
		NAMES.map((name, index) => [name, PARAMETERS[index]]),
	) as INode['parameters'],
});

describe('parameterReads gives what n8n gives, over a generated corpus', () => {
	const items = corpusItems(40, random(20_261_203));

	it('on n8n 2.x, through the engine', async () => {
		let differences: string[] = ['the probe did not run'];
		nodeTypes.register('test.parameterProbe', {
			description: probeDescription,
			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				differences = compareReads(this, this.getInputData().length);
				return [[{ json: {} }]];
			},
		});
		const result = await runWorkflow(
			{ nodes: [probeNode()], connections: {} },
			{ credentials: {}, startItems: items.map((json) => ({ json })) },
		);
		expect(result.status).toBe('success');
		expect(differences).toEqual([]);
	});

	const workflow1x = loadWorkflow1x();
	(workflow1x ? it : it.skip)(
		`on n8n 1.x, through its expression evaluation${workflow1x ? '' : ` (not installed: ${workflow1xWhere()})`}`,
		() => {
			const { Workflow } = workflow1x as N8nWorkflowModule;
			const node = probeNode();
			const types: INodeTypes = {
				getByName: () => ({ description: probeDescription }) as INodeType,
				getByNameAndVersion: () => ({ description: probeDescription }) as INodeType,
				getKnownTypes: () => ({}),
			};
			const workflow = new Workflow({
				id: 'w',
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: types,
				settings: {},
			});
			const inputs: INodeExecutionData[] = items.map((json) => ({ json }));
			// What n8n-core 1.x's getNodeParameter does for a stored value: the fallback when it is
			// not stored, else the expression engine's answer for the item.
			const ctx = {
				getNode: () => node,
				getInputData: () => inputs,
				getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
					const stored = node.parameters[name];
					if (stored === undefined) return fallback;
					return workflow.expression.getParameterValue(
						stored,
						null,
						0,
						itemIndex,
						node.name,
						inputs,
						'manual',
						{},
					);
				},
			} as unknown as IExecuteFunctions;
			expect(compareReads(ctx, inputs.length)).toEqual([]);
		},
	);
});
