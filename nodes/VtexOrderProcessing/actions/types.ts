import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VtexClient } from '../../shared/transport';

/** What an operation gets for one input item. */
export interface OperationRun {
	client: VtexClient;
	itemIndex: number;
}

/**
 * One operation: the fields it shows (with their display conditions) and what it does for one
 * input item. It returns the JSON of its output item(s); the router adds item pairing and
 * continue-on-fail handling.
 */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, run: OperationRun): Promise<IDataObject | IDataObject[]>;
}

/** A resource: its name in the resource picker, its operation picker and its operations by value. */
export interface ResourceModule {
	displayName: string;
	operationField: INodeProperties;
	operations: Record<string, OperationModule>;
}
