import type { INodePropertyOptions } from 'n8n-workflow';

import { VTEX_ORDER_STATUSES } from '../../../../nodes/shared/feed/statuses';
import { VtexOrderProcessing } from '../../../../nodes/VtexOrderProcessing/VtexOrderProcessing.node';
import { VtexOrderProcessingTrigger } from '../../../../nodes/VtexOrderProcessingTrigger/VtexOrderProcessingTrigger.node';

/** The Statuses lists both nodes show: readable names, VTEX's codes as the stored values. */
describe('feed status options', () => {
	const statusLists = [
		new VtexOrderProcessingTrigger().description,
		new VtexOrderProcessing().description,
	].flatMap((description) =>
		description.properties
			.filter((property) => property.name === 'statuses')
			.map((property) => property.options as INodePropertyOptions[]),
	);

	it('shows each status by a readable name with its code beside it, and stores the code', () => {
		expect(statusLists.length).toBeGreaterThanOrEqual(2);
		for (const options of statusLists) {
			expect(options.map((option) => option.value).sort()).toEqual([...VTEX_ORDER_STATUSES].sort());
			for (const option of options)
				expect(option.name).toMatch(new RegExp(`^[A-Z][A-Za-z ]+ \\(${String(option.value)}\\)$`));
			expect(options).toContainEqual({
				name: 'Ready for Handling (ready-for-handling)',
				value: 'ready-for-handling',
			});
			expect(options).toContainEqual({ name: 'Handling Shipping (handling)', value: 'handling' });
			expect(options.map((option) => option.name)).toEqual(
				options.map((option) => option.name).sort((a, b) => a.localeCompare(b)),
			);
		}
	});
});
