/**
 * `npm run sandbox -- [--port 8787] [--seed default|empty]`: serves the VTEX sandbox until Ctrl+C
 * and prints what a credential needs to reach it.
 */
import { startSandbox } from './server';

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({
		port: Number(option('port', '8787')),
		seed: option('seed', 'default') === 'empty' ? 'empty' : 'default',
	});
	const key = sandbox.defaultKey;
	console.log(`VTEX sandbox listening on ${sandbox.baseUrl}`);
	console.log('Credential "VTEX Order Processing API":');
	console.log(`  Account Name: ${sandbox.state.account}`);
	console.log('  Environment:  vtexcommercestable');
	console.log(`  Base URL:     ${sandbox.baseUrl}`);
	console.log(`  App Key:      ${key.appKey}`);
	console.log(`  App Token:    ${key.appToken}`);
	console.log(
		`Seeded orders: ${[...sandbox.state.orders.values()].map((order) => `${order.orderId} (${order.status})`).join(', ') || 'none'}`,
	);
	console.log(
		`Try: curl -H "X-VTEX-API-AppKey: ${key.appKey}" -H "X-VTEX-API-AppToken: ${key.appToken}" ${sandbox.baseUrl}/api/oms/pvt/orders/1001-01`,
	);
	console.log(`Admin: ${sandbox.baseUrl}/_sandbox/state, /_sandbox/requests`);
	const stop = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main();
