/**
 * The benchmark's VTEX sandbox, in a process of its own. It answers `prepare` (conditions and
 * orders for a run) and `report` (what it saw), and tells its address once it listens.
 */
import { startSandbox } from '../../test/sandbox';
import { feedOf } from '../../test/sandbox/families/feed';
import { makeOrder } from '../../test/sandbox/seed';
import type {
	FeedBacklogCommand,
	FeedSandboxReport,
	PrepareCommand,
	ReportCommand,
	SandboxCommand,
	SandboxReport,
} from './protocol';
import { benchOrderId, serve } from './protocol';

async function main(): Promise<void> {
	const sandbox = await startSandbox({ seed: 'empty' });

	const prepare = (command: PrepareCommand) => {
		sandbox.reset();
		sandbox.faults.latencyMs = command.latencyMs;
		sandbox.faults.rateLimit = command.rateLimit;
		for (let n = 1; n <= command.orders.count; n++) {
			const orderId = benchOrderId(command.orders.prefix, n);
			sandbox.state.putOrder(
				makeOrder(
					{
						orderId,
						status: 'handling',
						items: [{ sku: '101', name: 'Camiseta Algodão Azul M', quantity: 1, price: 4990 }],
						shipping: [1000],
					},
					sandbox.state.account,
				),
			);
		}
		return { orders: command.orders.count };
	};

	const report = (command: ReportCommand): SandboxReport => {
		let duplicateInvoices = 0;
		let ordersWithoutInvoice = 0;
		for (let n = 1; n <= command.count; n++) {
			const numbers =
				sandbox.state
					.findOrder(benchOrderId(command.prefix, n))
					?.packageAttachment.packages.map((pkg) => pkg.invoiceNumber) ?? [];
			if (numbers.length === 0) ordersWithoutInvoice++;
			// One invoice was sent per order: a second one, or a number stored twice, is a duplicate.
			if (numbers.length > 1 || new Set(numbers).size !== numbers.length) duplicateInvoices++;
		}
		const requests = sandbox.requests();
		const invoicePosts = requests.filter(
			(request) => request.method === 'POST' && request.path.endsWith('/invoice'),
		);
		// VTEX keeps one invoice per number, so an invoice sent twice is not stored twice: count the sends.
		const acceptedPerOrder = new Map<string, number>();
		for (const post of invoicePosts) {
			if (post.status >= 200 && post.status < 300)
				acceptedPerOrder.set(post.path, (acceptedPerOrder.get(post.path) ?? 0) + 1);
		}
		const refused = requests.filter((request) => request.fault === 'rateLimit');
		// The first seconds are the pace's to learn VTEX's real limit; after them 429s should be few.
		const learnedBy = requests.length > 0 ? Date.parse(requests[0].at) + 5_000 : 0;
		return {
			requests: requests.length,
			rateLimited: refused.length,
			rateLimitedAfter5s: refused.filter((request) => Date.parse(request.at) >= learnedBy).length,
			invoicePosts: invoicePosts.length,
			repeatedInvoicePosts: [...acceptedPerOrder.values()].reduce(
				(sum, accepted) => sum + accepted - 1,
				0,
			),
			duplicateInvoices,
			ordersWithoutInvoice,
			peakInFlight: sandbox.load.peakInFlight,
		};
	};

	const feedBacklog = (command: FeedBacklogCommand) => {
		sandbox.reset();
		sandbox.faults.latencyMs = command.latencyMs;
		sandbox.faults.rateLimit = command.rateLimit;
		const feed = feedOf(sandbox);
		feed.configure();
		return { added: feed.addBacklog({ count: command.events }).length };
	};

	const feedReport = (): FeedSandboxReport => {
		const { queued, reads, commitRequests, committed, delivered } = feedOf(sandbox).stats();
		const rateLimited = sandbox
			.requests()
			.filter((request) => request.fault === 'rateLimit').length;
		return { queued, reads, commitRequests, committed, delivered, rateLimited };
	};

	serve(async (command) => {
		const typed = command as SandboxCommand;
		if (typed.type === 'prepare') return prepare(typed);
		if (typed.type === 'report') return report(typed);
		if (typed.type === 'feedBacklog') return feedBacklog(typed);
		if (typed.type === 'feedReport') return feedReport();
		throw new Error(`unknown command ${command.type}`);
	});
	process.send?.({
		ready: {
			baseUrl: sandbox.baseUrl,
			state: { account: sandbox.state.account },
			defaultKey: sandbox.defaultKey,
		},
	});
	process.on('disconnect', () => void sandbox.stop().then(() => process.exit(0)));
}

if (require.main === module) void main();
