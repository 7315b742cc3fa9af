/**
 * `npx ts-node --transpile-only --prefer-ts-exts scripts/benchParameterReads.ts [--items N]`: what the parameter
 * shortcuts (nodes/shared/parameterReads.ts) save, measured inside n8n's real engine (the test
 * harness, n8n 2.x): for each kind of parameter, the CPU time of reading it for every item with
 * n8n's getNodeParameter and with readItemParameter, and the saving per 1,000 items. Not a test:
 * it prints figures. Their correctness is the differential test's
 * (test/nodes/shared/parameterReadsDifferential.test.ts).
 */
// First: keeps n8n-core's encryption key out of $HOME and its logger quiet, as in the tests.
import '../test/setup-env';

import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readItemParameter } from '../nodes/shared/parameterReads';
import { nodeTypes, runWorkflow } from '../test/harness/engine';

const KINDS: Array<[string, unknown]> = [
	['a lone item field, ={{ $json.orderId }}', '={{ $json.orderId }}'],
	['a fixed value', '1001-01'],
	[
		'a fixed collection (Additional Fields)',
		{ courier: 'Correios', trackingUrl: 'https://x.example' },
	],
	[
		'any other expression, ={{ $json.orderId.trim() }} (no shortcut)',
		'={{ $json.orderId.trim() }}',
	],
];

const count = Number(process.argv[process.argv.indexOf('--items') + 1]) || 2000;
const names = KINDS.map((_, index) => `p${index}`);

function cpuMs(work: () => void): number {
	const start = process.cpuUsage();
	work();
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
	const rows: string[][] = [];
	nodeTypes.register('bench.parameterReads', {
		description: {
			displayName: 'Parameter Reads Bench',
			name: 'parameterReadsBench',
			group: ['transform'],
			version: 1,
			description: 'Reads each parameter for every item, both ways',
			defaults: { name: 'Bench' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: names.map((name) => ({ displayName: name, name, type: 'string', default: '' })),
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			names.forEach((name, index) => {
				const n8n = cpuMs(() => {
					for (let item = 0; item < count; item++) this.getNodeParameter(name, item);
				});
				const shortcut = cpuMs(() => {
					for (let item = 0; item < count; item++) readItemParameter(this, name, item);
				});
				rows.push([
					KINDS[index][0],
					(n8n / count).toFixed(4),
					(shortcut / count).toFixed(4),
					(((n8n - shortcut) / count) * 1000).toFixed(0),
				]);
			});
			return [[{ json: {} }]];
		},
	});
	const node: INode = {
		id: 'bench',
		name: 'Bench',
		type: 'bench.parameterReads',
		typeVersion: 1,
		position: [0, 0],
		parameters: Object.fromEntries(
			KINDS.map(([, value], index) => [names[index], value]),
		) as INode['parameters'],
	};
	const items = Array.from({ length: count }, (_, index) => ({
		json: { orderId: ` ${1000 + index}-01 ` },
	}));
	await runWorkflow({ nodes: [node], connections: {} }, { credentials: {}, startItems: items });
	console.log(`Parameter reads, ${count} items, n8n 2.x engine, CPU ms:`);
	console.log(
		'| Parameter | getNodeParameter per item | readItemParameter per item | saved per 1,000 items (ms) |',
	);
	console.log('| --- | --- | --- | --- |');
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

void main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
