import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VtexClient } from '../../shared/transport';
import type { OperationInput } from './operationInput';

/** What an operation gets for one input item. */
export interface OperationRun<Batch = unknown, Input = unknown> {
	client: VtexClient;
	itemIndex: number;
	/** What the operation's prepareBatch gave for this node run (undefined without one). */
	batch: Batch;
	/** The item's input, read and checked by the router from the operation's `itemInput` (undefined without one). */
	input: Input;
}

/**
 * One operation: the fields it shows (with their display conditions) and what it does for one
 * input item. It returns the JSON of its output item(s); the router adds item pairing and
 * continue-on-fail handling.
 */
export interface OperationModule<Batch = unknown, Input = unknown> {
	description: INodeProperties[];
	/**
	 * Optional: how one item's input is read and checked (operationInput.ts). The router does it
	 * before execute, which receives the validated input as `run.input`.
	 */
	itemInput?: OperationInput<Input>;
	/**
	 * Optional: work done once per node run for every input item, before any item's execute
	 * (e.g. Feed → Commit sends all items' handles in as few requests as VTEX allows). The
	 * router awaits it in each item's run, so a failure becomes that item's error.
	 */
	prepareBatch?(this: IExecuteFunctions, client: VtexClient): Promise<Batch>;
	execute(
		this: IExecuteFunctions,
		run: OperationRun<Batch, Input>,
	): Promise<IDataObject | IDataObject[]>;
}

/** A resource (built by defineResource.ts): its name in the resource picker, its operation picker and its operations by value. */
export interface ResourceModule {
	name: string;
	operationField: INodeProperties;
	operations: Record<string, OperationModule>;
}
