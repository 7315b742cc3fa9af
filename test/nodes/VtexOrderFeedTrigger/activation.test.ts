import { feedOf } from '../../sandbox/families/feed';
import { VTEX_ORDER_STATUSES } from '../../../nodes/shared/feed/statuses';
import { LIMITS } from '../../../nodes/shared/limits';
import { activateTrigger } from '../../harness/trigger';
import { sandboxCredentials } from '../../harness/workflow';
import { activate, emittedEventIds, feedWorkflow, until, useFeedSandbox } from './fixtures';

/** What activation does: the schedule, and the feed's configuration when asked. */
describe('VTEX Order Feed Trigger: activation', () => {
	const sandbox = useFeedSandbox();

	it('polls on n8n’s Poll Times, every minute by default, at a random second', async () => {
		const byDefault = await activate(sandbox(), feedWorkflow({}));
		expect(byDefault.crons).toEqual([
			{ expression: expect.stringMatching(/^([0-5]?\d) \* \* \* \* \*$/) },
		]);
		const pollTimes = {
			item: [
				{ mode: 'everyX', unit: 'minutes', value: 5 },
				{ mode: 'custom', cronExpression: '0 */10 8-18 * * 1-5' },
			],
		};
		const scheduled = await activate(sandbox(), feedWorkflow({ pollTimes }));
		expect(scheduled.crons.map((cron) => cron.expression)).toEqual([
			expect.stringMatching(/^\d+ \*\/5 \* \* \* \*$/),
			'0 */10 8-18 * * 1-5',
		]);
	});

	it('polls at once when n8n starts or this instance becomes the leader, and on the schedule only when a user activates it', async () => {
		const backlog = feedOf(sandbox()).addBacklog({ count: 25 });
		const byUser = await activate(sandbox(), feedWorkflow({}));
		expect(feedOf(sandbox()).stats().reads).toBe(0);
		await byUser.close();

		for (const activation of ['init', 'leadershipChange'] as const) {
			const restarted = await activateTrigger(feedWorkflow({}), {
				credentials: sandboxCredentials(sandbox()),
				activation,
			});
			// No tick: the poll started by the activation itself drains the backlog.
			await until(() => restarted.executions.length === (activation === 'init' ? 25 : 5));
			await until(() => feedOf(sandbox()).queuedEvents().length === 0);
			expect(restarted.failedPolls).toEqual([]);
			await restarted.close();
			if (activation === 'init') {
				expect(emittedEventIds(restarted).sort()).toEqual(
					backlog.map((event) => event.eventId).sort(),
				);
				// What n8n (re)started with comes in again as a leadership change: five more events.
				feedOf(sandbox()).addBacklog({ count: 5 });
			}
		}
		expect(feedOf(sandbox()).stats()).toMatchObject({ committed: 30, queued: 0 });
	});

	it('checks that the feed exists without changing it when Configure Feed on Activation is off', async () => {
		await activate(sandbox(), feedWorkflow({}));
		expect(
			sandbox()
				.requests()
				.map((request) => `${request.method} ${request.path}`),
		).toEqual(['GET /api/orders/feed/config']);
	});

	it('sets a status filter from the selected statuses, with the spec’s spelling of the retention key', async () => {
		feedOf(sandbox()).remove();
		await activate(
			sandbox(),
			feedWorkflow({
				statuses: ['ready-for-handling', 'canceled'],
				configureFeed: true,
				visibilityTimeout: 600,
				retentionPeriod: 604800,
			}),
		);
		const [request] = sandbox().requests({ method: 'POST', pathPrefix: '/api/orders/feed/config' });
		expect(request.body).toEqual({
			filter: { type: 'FromWorkflow', status: ['ready-for-handling', 'canceled'] },
			queue: { visibilityTimeoutInSeconds: 600, MessageRetentionPeriodInSeconds: 604800 },
		});
		expect(feedOf(sandbox()).config()).toEqual({
			filter: { type: 'FromWorkflow', status: ['ready-for-handling', 'canceled'] },
			queue: { visibilityTimeoutInSeconds: 600, messageRetentionPeriodInSeconds: 604800 },
		});
	});

	it('sends every status VTEX lists when no status is selected, and a JSONata filter when asked', async () => {
		await activate(sandbox(), feedWorkflow({ configureFeed: true }));
		expect(feedOf(sandbox()).config()?.filter).toEqual({
			type: 'FromWorkflow',
			status: [...VTEX_ORDER_STATUSES],
		});
		await activate(
			sandbox(),
			feedWorkflow({
				configureFeed: true,
				filterType: 'FromOrders',
				expression: 'status = "invoiced"',
				disableSingleFire: false,
			}),
		);
		expect(feedOf(sandbox()).config()?.filter).toEqual({
			type: 'FromOrders',
			expression: 'status = "invoiced"',
			disableSingleFire: false,
		});
	});

	it('refuses a retention period outside 4 to 14 days before any request', async () => {
		await expect(
			activate(sandbox(), feedWorkflow({ configureFeed: true, retentionPeriod: 86400 })),
		).rejects.toThrow(
			'Invalid "Retention Period (Seconds)": must be at least 345,600 seconds (4 days), VTEX\'s minimum',
		);
		await expect(
			activate(
				sandbox(),
				feedWorkflow({ configureFeed: true, filterType: 'FromOrders', expression: '' }),
			),
		).rejects.toThrow('Invalid "JSONata Expression": is required with a FromOrders filter');
		expect(sandbox().requests()).toHaveLength(0);
	});

	it.each([
		[
			'Statuses',
			{ statuses: new Array(LIMITS.statuses + 1).fill('handling') },
			`holds 101 status codes; at most ${LIMITS.statuses} are accepted`,
		],
		[
			'Statuses › item 1',
			{ statuses: ['x'.repeat(LIMITS.statusCode + 1)] },
			`at most ${LIMITS.statusCode} are accepted`,
		],
		[
			'Other Statuses',
			{ otherStatuses: 'x'.repeat(LIMITS.otherStatuses + 1) },
			'at most 1,000 are accepted',
		],
		[
			'JSONata Expression',
			{
				configureFeed: true,
				filterType: 'FromOrders',
				expression: 'x'.repeat(LIMITS.jsonataExpression + 1),
			},
			'at most 10,000 are accepted',
		],
	])('refuses %s beyond its limit before any request', async (label, parameters, message) => {
		const refused = activate(sandbox(), feedWorkflow(parameters));
		await expect(refused).rejects.toThrow(`Invalid "${label}": `);
		await expect(refused).rejects.toThrow(message);
		expect(sandbox().requests()).toHaveLength(0);
	});

	it('does not check a feed filter that Configure Feed on Activation leaves off', async () => {
		await activate(
			sandbox(),
			feedWorkflow({
				filterType: 'FromOrders',
				expression: 'x'.repeat(LIMITS.jsonataExpression + 1),
			}),
		);
		expect(
			sandbox()
				.requests()
				.map((request) => `${request.method} ${request.path}`),
		).toEqual(['GET /api/orders/feed/config']);
	});
});
