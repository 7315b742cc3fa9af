import { AnswerServer } from '../../harness/answerServer';
import { sandboxCredentials } from '../../harness/workflow';
import { activate, hookWorkflow, useHookSandbox } from './fixtures';

/**
 * The hook's secret header travels to VTEX with the registration; a refusal that echoes the
 * posted configuration must not carry it into the activation error.
 */
describe('hook trigger: the registration secret stays out of errors', () => {
	const sandbox = useHookSandbox();
	let server: AnswerServer;
	beforeAll(async () => {
		server = new AnswerServer(sandbox().baseUrl);
		await server.start();
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	/** The posted headers first, as a gateway that prints what it refused would: never cut off. */
	const headersOf = (posted: string) =>
		JSON.stringify((JSON.parse(posted) as { hook: { headers: unknown } }).hook.headers);
	it.each([
		[
			400,
			(posted: string) =>
				JSON.stringify({ error: { code: 'HK', message: `Invalid headers ${headersOf(posted)}` } }),
		],
		[502, (posted: string) => `upstream rejected ${headersOf(posted)} ${posted}`],
		[422, (posted: string) => JSON.stringify({ title: 'Invalid hook', detail: headersOf(posted) })],
	])('a %i that echoes the configuration', async (status, echo) => {
		server.script('POST', '/api/orders/hook/config', (request) => ({
			status,
			headers: { 'Content-Type': status === 502 ? 'text/plain' : 'application/json' },
			body: echo(request.body),
		}));
		const failure = await activate(
			sandbox(),
			hookWorkflow({ requestOptions: { maxAttempts: 1 } }),
			{ credentials: sandboxCredentials(sandbox(), { baseUrl: server.url }) },
		).then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		const posted = server.received.find((request) => request.method === 'POST');
		const headers = (JSON.parse(posted!.body) as { hook: { headers: Record<string, string> } }).hook
			.headers;
		const secret = Object.values(headers)[0];
		expect(secret.length).toBeGreaterThan(20);
		expect(failure?.message).toMatch(/Set the orders hook configuration failed/);
		const shown = `${failure?.message} ${failure?.description} ${JSON.stringify(failure)}`;
		expect(shown).not.toContain(secret);
		expect(shown).not.toContain(secret.slice(0, 16));
	});
});
