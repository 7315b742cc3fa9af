import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { sellerFamilyOf } from '../../../sandbox/families/seller';
import { runOperation } from '../../../harness/workflow';

const WINDOW = '/api/checkout/pvt/configuration/window-to-change-seller';

describe('seller → getChangeWindow and setChangeWindow', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it("reads VTEX's default window of 2 days", async () => {
		const { output, error } = await runOperation(sandbox, {
			resource: 'seller',
			operation: 'getChangeWindow',
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([{ waitingTimeDays: 2 }]);
	});

	it('sets the window, and reading it back gives the new value', async () => {
		const set = await runOperation(sandbox, {
			resource: 'seller',
			operation: 'setChangeWindow',
			waitingTimeDays: 7,
		});
		expect(set.error).toBeUndefined();
		expect(set.output).toEqual([
			{ waitingTimeDays: 7, success: true, replay: null, replayEvidence: 'notChecked' },
		]);
		expect(sandbox.requests({ method: 'POST', pathPrefix: WINDOW })[0].body).toEqual({
			waitingTime: 7,
		});
		expect(sellerFamilyOf(sandbox.state).windowDays).toBe(7);
		const get = await runOperation(sandbox, { resource: 'seller', operation: 'getChangeWindow' });
		expect(get.output).toEqual([{ waitingTimeDays: 7 }]);
	});

	it('accepts 0, which turns the window off', async () => {
		const { error } = await runOperation(sandbox, {
			resource: 'seller',
			operation: 'setChangeWindow',
			waitingTimeDays: 0,
		});
		expect(error).toBeUndefined();
		expect(sellerFamilyOf(sandbox.state).windowDays).toBe(0);
	});

	it.each([
		[31, /Invalid "Days": must be a whole number from 0 to 30, got 31/],
		[-1, /Invalid "Days": must be a whole number from 0 to 30/],
		[2.5, /Invalid "Days": must be a whole number from 0 to 30/],
	])('refuses %p days, naming the field, with no request sent', async (days, message) => {
		const { error } = await runOperation(sandbox, {
			resource: 'seller',
			operation: 'setChangeWindow',
			waitingTimeDays: days,
		});
		expect(error?.message).toMatch(message);
		expect(sandbox.requests()).toHaveLength(0);
	});

	it('is repeated after a 5xx: setting the same window twice is harmless', async () => {
		sandbox.addFault({ kind: '503', method: 'POST', pathPrefix: WINDOW });
		const { error } = await runOperation(sandbox, {
			resource: 'seller',
			operation: 'setChangeWindow',
			waitingTimeDays: 5,
		});
		expect(error).toBeUndefined();
		expect(sandbox.requests({ pathPrefix: WINDOW }).map((request) => request.status)).toEqual([
			503, 201,
		]);
	});
});
