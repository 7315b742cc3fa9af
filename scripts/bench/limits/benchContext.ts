import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** What n8n's request helper does in a benchmark: answer one request. */
export type BenchExchange = (type: string, options: never) => Promise<unknown>;

/**
 * The little of n8n's execution context the transport uses, for one benchmark "n8n process":
 * its credential, its node, a cancel signal, a silent logger, and the exchange standing in for
 * n8n's request helper.
 */
export function benchContext(spec: {
	process: number;
	credentials: IDataObject;
	cancel: AbortSignal;
	exchange: BenchExchange;
}): IExecuteFunctions {
	return {
		getCredentials: async () => spec.credentials,
		getNode: () => ({ id: `node${spec.process}`, name: 'Bench', credentials: {} }),
		getWorkflow: () => ({ id: 'bench' }),
		getExecutionCancelSignal: () => spec.cancel,
		logger: {
			info: () => undefined,
			debug: () => undefined,
			warn: () => undefined,
			error: () => undefined,
		},
		helpers: { httpRequestWithAuthentication: spec.exchange },
	} as unknown as IExecuteFunctions;
}
