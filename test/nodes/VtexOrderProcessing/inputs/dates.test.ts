import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { Sandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';
import { runOperation } from '../../../harness/workflow';
import {
	expectRefusedBeforeSending,
	invoice,
	tracking,
	trackingEvents as events,
} from './parameters';

/**
 * Every date field of every operation: a number is read by the rules of digits in text (10 or 13
 * digits Unix time, 8 digits yyyymmdd, anything else refused), and a date outside 2000 to five
 * years ahead is refused before any request, naming the field.
 */

interface DateField {
	label: string;
	parameters: (date: string) => INodeParameters;
	/** The date as VTEX received it. */
	sent: (body: IDataObject) => string;
}

const fields: DateField[] = [
	{
		label: 'Issuance Date',
		parameters: (issuanceDate) => invoice({ issuanceDate }),
		sent: (body) => String(body.issuanceDate),
	},
	{
		label: 'Dispatched Date',
		parameters: (dispatchedDate) => invoice({ additionalFields: { dispatchedDate } }),
		sent: (body) => String(body.dispatchedDate),
	},
	{
		label: 'Dispatched Date',
		parameters: (dispatchedDate) => tracking({ dispatchedDate }),
		sent: (body) => String(body.dispatchedDate),
	},
	{
		label: 'Delivered Date',
		parameters: (deliveredDate) => events({ isDelivered: true, deliveredDate }),
		sent: (body) => String(body.deliveredDate),
	},
	{
		label: 'Events › item 1 › Date',
		parameters: (date) =>
			events({
				events: { event: [{ city: 'Rio de Janeiro', state: 'RJ', description: 'Posted', date }] },
			}),
		sent: (body) => String((body.events as IDataObject[])[0].date),
	},
];

const refused: Array<[string, string, RegExp]> = [
	['the number 0', '={{ 0 }}', /got the number 0|got 0: digits are read/],
	['the number -1', '={{ -1 }}', /got the number -1/],
	[
		'the number 12345',
		'={{ 12345 }}',
		/got 12345: digits are read as Unix time when there are 10 \(seconds\) or 13 \(milliseconds\), as yyyymmdd when there are 8/,
	],
	['a number with a fraction', '={{ 1706725543.5 }}', /got the number 1706725543\.5/],
	['an 8-digit number that is no date', '={{ 20240230 }}', /must be a full date such as/],
	['year 0', '0000-01-01', /before 2000/],
	['1999', '1999-12-31', /before 2000/],
	['far ahead', '2099-01-01', /more than 5 years ahead/],
	['Unix milliseconds far ahead', '={{ 4102444800000 }}', /more than 5 years ahead/],
];

/** Dates that luxon would complete with a guess, or whose offset or day does not exist. */
const notFull: Array<[string, string, RegExp]> = [
	['a month', '2026-11', /a month without its day/],
	['a week', '2026-W48', /a week date/],
	['a day of the year', '2026-332', /a day-of-year date/],
	['a time', '09:30', /a time without a date/],
	['a time with an offset', '09:30-03:00', /a time without a date/],
	['a two-digit year', '24/11/26', /a two-digit year/],
	['offset +25:00', '2026-11-22T10:00:00+25:00', /the offset \+25:00 does not exist/],
	['offset +99:00', '2026-11-22T10:00:00+99:00', /the offset \+99:00 does not exist/],
	['offset +05:60', '2026-11-22T10:00:00+05:60', /the offset \+05:60 does not exist/],
	['offset -13:00', '2026-11-22T10:00:00-1300', /the offset -1300 does not exist/],
	['30 February', '2026-02-30', /2026-02 has no day 30/],
	['hour 24', '2026-11-22T24:00', /must be a full date/],
];

describe('date inputs: numbers read as digits, implausible dates refused, in every date field', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	for (const field of fields) {
		it.each(refused)(
			`${field.label}: refuses %s (%p) before sending`,
			async (_name, date, message) => {
				await expectRefusedBeforeSending(sandbox, field.parameters(date), field.label, message);
			},
		);

		it.each(notFull)(
			`${field.label}: refuses %s (%p), naming the field and showing the value`,
			async (_name, date, reason) => {
				const message = await expectRefusedBeforeSending(
					sandbox,
					field.parameters(date),
					field.label,
					reason,
				);
				expect(message).toContain(JSON.stringify(date));
			},
		);

		it(`${field.label}: reads the number 20240131 as 2024-01-31 and 1706725543 as Unix seconds`, async () => {
			await runOperation(sandbox, field.parameters('={{ 20240131 }}'));
			await runOperation(sandbox, field.parameters('={{ 1706725543 }}'));
			const [day, unix] = sandbox.requests().filter((request) => request.method !== 'GET');
			expect(field.sent(day.body as IDataObject)).toMatch(/^2024-01-31/);
			const sent = field.sent(unix.body as IDataObject);
			// Unix time is an instant: the sent date is that instant in the workflow's zone, to the minute or day VTEX keeps.
			const instant = DateTime.fromSeconds(1706725543, { zone: 'America/New_York' });
			expect([
				instant.toISO({ suppressMilliseconds: true }),
				instant.toFormat('yyyy-MM-dd HH:mm'),
				instant.toFormat('yyyy-MM-dd'),
			]).toContain(sent);
		});
	}

	it('sends a real offset as given: +05:45, +14:00 and -12:00 in Issuance Date', async () => {
		for (const offset of ['+05:45', '+14:00', '-12:00']) {
			await runOperation(sandbox, invoice({ issuanceDate: `2026-11-22T10:00:00${offset}` }));
		}
		const sent = sandbox
			.requests({ method: 'POST' })
			.map((request) => (request.body as IDataObject).issuanceDate);
		expect(sent).toEqual([
			'2026-11-22T10:00:00+05:45',
			'2026-11-22T10:00:00+14:00',
			'2026-11-22T10:00:00-12:00',
		]);
	});
});
