import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cancelSignalOf, mapWithConcurrency } from '../../shared/concurrency';
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
 * the node's error output.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of resource "${resource}" is not supported`);
	}

	const settings = requestSettingsFromOptions(this.getNodeParameter('requestOptions', 0, {}) as IDataObject);
	const client = new VtexClient(this, settings);
	const errorOutputUsed = this.getNode().onError === 'continueErrorOutput';

	const run = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			const result = await operation.execute.call(this, { client, itemIndex });
			const results = Array.isArray(result) ? result : [result];
			return results.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (error) {
			const failure = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			const details = getVtexDetails(failure);
			const facts = {
				description: failure.description ?? null,
				vtexCode: details.code ?? null,
				httpCode: details.status ?? (failure instanceof NodeApiError ? failure.httpCode : null),
			};
			// n8n moves an item to the error output ("Continue (using error output)") only when its JSON
			// holds nothing but `error`, `message` and `details`; it then adds the input item's fields.
			const json = errorOutputUsed ? { error: failure.message, details: facts } : { error: failure.message, ...facts };
			return [{ json, pairedItem: { item: itemIndex } }];
		}
	};
	// As many items in flight as the account's pace and latency call for, Concurrency at most.
	const inFlight = { most: settings.concurrency, now: () => client.inFlightTarget(settings.concurrency) };
	const outputs = await mapWithConcurrency(items.length, inFlight, run, {
		keyOf: (itemIndex) => orderIdOf(this, itemIndex),
		signal: cancelSignalOf(this),
	});
	return [outputs.flat()];
}

/** The item's Order ID, when the operation has one, as the key that keeps its items in sequence. */
function orderIdOf(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		const value = ctx.getNodeParameter('orderId', itemIndex, '');
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
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
