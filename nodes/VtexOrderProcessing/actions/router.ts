import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/concurrency';
import { getVtexDetails, requestSettingsFromOptions, VtexClient } from '../../shared/transport';
import { resources } from './resources';

/**
 * Runs the chosen operation once per input item, up to Concurrency at a time, and returns the
 * outputs in input order, each paired with its input item. Under "Continue On Fail" a failing
 * item becomes an error item and the others go on; with "Continue (using error output)" n8n
 * sends it, merged with its input item, to the node's error output.
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

	const outputs = await mapWithConcurrency(items.length, settings.concurrency, async (itemIndex) => {
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
	});
	return [outputs.flat()];
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
