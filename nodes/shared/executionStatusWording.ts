/**
 * n8n records an execution as "canceled" (stopped by a user) instead of "error" when the error
 * that ended it has a message containing the lower-case word "canceled" (n8n-core's
 * WorkflowExecute.processSuccessExecution: `executionError.message?.includes('canceled')`). A
 * VTEX refusal such as "Order … is canceled and cannot be invoiced" would then hide among the
 * executions a user stopped. Every error message of the package is worded through here, so the
 * same words spelled "cancelled" keep the execution an error. VTEX's own text stays intact in the
 * error's `description` and details; only the message is reworded.
 */
export const N8N_CANCELED_MARKER = 'canceled';

export function wordedForExecutionStatus(message: string): string {
	return message.split(N8N_CANCELED_MARKER).join('cancelled');
}

/** Rewords the error's message in place (n8n reads `message`), and returns the error. */
export function keepErrorStatus<T extends Error>(error: T): T {
	if (typeof error.message === 'string' && error.message.includes(N8N_CANCELED_MARKER)) {
		error.message = wordedForExecutionStatus(error.message);
	}
	return error;
}
