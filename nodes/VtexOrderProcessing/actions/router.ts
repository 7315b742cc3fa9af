import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cancelSignalOf, mapWithConcurrency } from '../../shared/concurrency';
import { keepErrorStatus } from '../../shared/executionStatusWording';
import { readItemParameterAhead } from '../../shared/parameterReads';
import { getVtexDetails, requestSettingsFromOptions, VtexClient } from '../../shared/transport';
import { resources } from './resources';

/**
 * Runs the chosen operation once per input item, as many at a time as the account's pace times the
 * latency VTEX answers with (with headroom), up to Concurrency, and returns the
 * outputs in input order, each paired with its input item. Items for the same order run one after
 * another, in input order, so VTEX sees them as a one-by-one run would send them. Under "Continue
 * On Fail" a failing item becomes an error item and the others go on; without it no further item
 * starts after a failure (those already sent finish) and the node fails with the first failure.
 * With "Continue (using error output)" n8n sends the error item, merged with its input item, to
 * the node's error output (see errorOutputJson).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}

	const settings = requestSettingsFromOptions(
		this.getNodeParameter('requestOptions', 0, {}) as IDataObject,
	);
	const client = new VtexClient(this, settings);
	const errorOutputUsed = this.getNode().onError === 'continueErrorOutput';

	// Work an operation does once for all input items (Feed → Commit sends every item's handles
	// in as few requests as VTEX allows); each item's run then reads its part of the result.
	const batch = operation.prepareBatch?.call(this, client);
	batch?.catch(() => {}); // each item reports the failure below; nothing may go unhandled meanwhile

	const run = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			const prepared = await batch;
			// The item's input is read and checked before anything is sent for it.
			const input = operation.itemInput?.read(this, itemIndex);
			const result = await operation.execute.call(this, {
				client,
				itemIndex,
				batch: prepared,
				input,
			});
			const results = Array.isArray(result) ? result : [result];
			return results.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (error) {
			const failure = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			const json = errorOutputUsed
				? errorOutputJson(failure)
				: { error: failure.message, ...errorFacts(failure) };
			return [{ json, pairedItem: { item: itemIndex } }];
		}
	};
	// As many items in flight as the account's pace and latency call for, Concurrency at most.
	const outputs = await mapWithConcurrency(
		items.length,
		client.inFlightLimit(settings.concurrency),
		run,
		{
			keyOf: (itemIndex) => orderIdOf(this, itemIndex),
			signal: cancelSignalOf(this),
		},
	);
	return [outputs.flat()];
}

/** What VTEX said about a failure: its description, VTEX's error code and the HTTP status. */
function errorFacts(failure: NodeApiError | NodeOperationError): IDataObject {
	const details = getVtexDetails(failure);
	return {
		description: failure.description ?? null,
		vtexCode: details.code ?? null,
		httpCode: details.status ?? (failure instanceof NodeApiError ? failure.httpCode : null),
	};
}

/**
 * A failing item's JSON for "Continue (using error output)": exactly `error` and `message`, the
 * one shape both n8n lines move to the error output (n8n-core 1.x's handleNodeErrorOutput
 * takes `{error}` or `{error, message}` only; 2.x also takes `details`). n8n then adds the
 * input item's fields. The details ride inside `error`.
 */
export function errorOutputJson(failure: NodeApiError | NodeOperationError): IDataObject {
	const message = failure.message || 'The VTEX request failed';
	return { error: { message, ...errorFacts(failure) }, message };
}

/**
 * The item's Order ID, when the operation has one, as the key that keeps its items in sequence.
 * Read ahead: the operation's own read of the Order ID gets this value without evaluating it again.
 */
function orderIdOf(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		const value = readItemParameterAhead(ctx, 'orderId', itemIndex, '');
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	} catch {
		// An expression that fails here fails again in the operation, which reports it for the item.
		return undefined;
	}
}

function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return keepErrorStatus(error);
	}
	return keepErrorStatus(new NodeOperationError(ctx.getNode(), error as Error, { itemIndex }));
}
