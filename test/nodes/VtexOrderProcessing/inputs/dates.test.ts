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
});
