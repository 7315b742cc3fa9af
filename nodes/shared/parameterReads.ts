import type { IDataObject, IExecuteFunctions, INode, NodeParameterValueType } from 'n8n-workflow';

/**
 * n8n's `getNodeParameter` resolves a parameter afresh for every item: it copies the node, walks
 * the value for expressions, and evaluates each one with a new data proxy (which builds `$now` in
 * the workflow's time zone). Evaluating an expression is most of that cost (n8n 2 runs each one in
 * an isolated V8), so this answers two reads without evaluating again:
 *
 * - An item's expression read twice in one run (the Order ID: the router's key that keeps an
 *   order's items in sequence, then the operation's input) is evaluated once: the router keeps
 *   its value for the operation, which takes it.
 * - A parameter that is nothing but one field of the item, `={{ $json.orderId }}` (or
 *   `={{ $json["order id"] }}`), the usual way to map an ERP's fields, is read from the item
 *   when that field is the item's own text, number or boolean: n8n's answer is that value.
 *
 * Everything else (a value without an expression, any other expression, a parameter not stored
 * on the node, a read that throws) goes to `getNodeParameter`, so errors and values are n8n's
 * own. A differential test holds both shortcuts to n8n's answers on both n8n lines, and
 * scripts/benchParameterReads.ts measures what they save: about 0.15 to 0.2 ms of CPU per item
 * and lone field; a value without an expression is not worth keeping (n8n reads it in
 * microseconds).
 */
export type ItemParameterReader = (name: string, itemIndex: number, fallback?: unknown) => unknown;

interface ExecutionReads {
	/** The node as the execution started (n8n's `getNode` copies it on every call). */
	node: INode;
	/** The node's stored parameters, as the execution started. */
	stored: Record<string, unknown>;
	/** Whether each stored parameter holds an expression, by name. */
	expression: Map<string, boolean>;
	/**
	 * Expression values read ahead for an item, by name and item, until the item takes them. One
	 * an operation never takes (it has no such field) lasts only as long as the execution.
	 */
	ahead: Map<string, unknown>;
	/** The item field each stored parameter is, by name (null: not a lone `$json` field). */
	itemField: Map<string, string | null>;
	/** The node's input items, read once. */
	items?: Array<{ json?: IDataObject }>;
}

const executions = new WeakMap<IExecuteFunctions, ExecutionReads>();

/** Whether a stored value holds an n8n expression anywhere (a string starting with "="). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

function readsOf(ctx: IExecuteFunctions): ExecutionReads {
	let reads = executions.get(ctx);
	if (!reads) {
		const node = ctx.getNode();
		reads = {
			node,
			stored: (node.parameters ?? {}) as Record<string, unknown>,
			expression: new Map(),
			ahead: new Map(),
			itemField: new Map(),
		};
		executions.set(ctx, reads);
	}
	return reads;
}

/**
 * The node, copied once per execution for the errors of every item (n8n's `getNode` copies the
 * whole node, parameters included, on each call). Read it, never change it.
 */
export function executionNode(ctx: IExecuteFunctions): INode {
	return readsOf(ctx).node;
}

/** Whether the named parameter is stored with an expression (undefined: not stored). */
function storedWithExpression(reads: ExecutionReads, name: string): boolean | undefined {
	const stored = reads.stored[name];
	if (stored === undefined) return undefined;
	let expression = reads.expression.get(name);
	if (expression === undefined) {
		expression = holdsExpression(stored);
		reads.expression.set(name, expression);
	}
	return expression;
}

/**
 * `={{ $json.name }}`, `={{ $json["name"] }}` or `={{ $json['name'] }}`, spaces inside the braces
 * allowed, and nothing else: the expression n8n answers with the item's field `name`.
 */
const LONE_ITEM_FIELD =
	/^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])\s*\}\}$/;

/** Names n8n's expression sandbox treats apart (it refuses `.constructor`): always evaluated by n8n. */
const GUARDED_NAMES = new Set(['constructor', '__proto__', 'prototype']);

/** The item field a stored parameter is nothing but, or null. */
function itemFieldOf(reads: ExecutionReads, name: string): string | null {
	let field = reads.itemField.get(name);
	if (field === undefined) {
		const stored = reads.stored[name];
		const match = typeof stored === 'string' ? LONE_ITEM_FIELD.exec(stored) : null;
		const found = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
		field = found !== undefined && !GUARDED_NAMES.has(found) ? found : null;
		reads.itemField.set(name, field);
	}
	return field;
}

const NOT_READ = Symbol('not read from the item');

/**
 * The item's own field, when it is text, a number or a boolean: what n8n's expression gives for
 * it. Anything else (no such field, null, an object or list, no item) is left to n8n, whose
 * answer or error stands.
 */
function fieldOfItem(
	ctx: IExecuteFunctions,
	reads: ExecutionReads,
	field: string,
	itemIndex: number,
): unknown {
	reads.items ??= ctx.getInputData();
	const json = reads.items[itemIndex]?.json;
	if (!json || !Object.prototype.hasOwnProperty.call(json, field)) return NOT_READ;
	const value = json[field];
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		? value
		: NOT_READ;
}

/** A copy of a parameter's value (JSON: lists, objects and plain values), so no item changes another's. */
function copyOf(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(copyOf);
	if (value === null || typeof value !== 'object') return value;
	const copy: Record<string, unknown> = {};
	for (const [key, member] of Object.entries(value)) copy[key] = copyOf(member);
	return copy;
}

const aheadKey = (name: string, itemIndex: number) => `${itemIndex}\n${name}`;

function getParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
): unknown {
	return fallback === undefined
		? ctx.getNodeParameter(name, itemIndex)
		: ctx.getNodeParameter(name, itemIndex, fallback as NodeParameterValueType);
}

/** Reads one parameter of one item, as `getNodeParameter(name, itemIndex, fallback)` does. */
export function readItemParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const reads = readsOf(ctx);
	const expression = storedWithExpression(reads, name);
	if (!expression) return getParameter(ctx, name, itemIndex, fallback);
	const field = itemFieldOf(reads, name);
	if (field !== null) {
		const value = fieldOfItem(ctx, reads, field, itemIndex);
		if (value !== NOT_READ) return value;
	}
	const key = aheadKey(name, itemIndex);
	if (reads.ahead.has(key)) {
		const value = reads.ahead.get(key);
		reads.ahead.delete(key);
		return value;
	}
	return getParameter(ctx, name, itemIndex, fallback);
}

/**
 * Reads one parameter of one item ahead of the operation, which then gets the same value without
 * evaluating it again. A read that throws keeps nothing: the operation's own read reports it.
 */
export function readItemParameterAhead(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const value = readItemParameter(ctx, name, itemIndex, fallback);
	const reads = readsOf(ctx);
	const field = itemFieldOf(reads, name);
	// A value read from the item is read from it again, at no cost.
	const fromItem = field !== null && fieldOfItem(ctx, reads, field, itemIndex) !== NOT_READ;
	if (storedWithExpression(reads, name) === true && !fromItem)
		reads.ahead.set(aheadKey(name, itemIndex), copyOf(value));
	return value;
}
