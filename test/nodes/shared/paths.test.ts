import { pathSegment, pathSegmentProblem } from '../../../nodes/shared/paths';

describe('path segments: one rule for every value placed in a URL path', () => {
	it.each([
		'.',
		'..',
		'...',
		'%2e',
		'%2E',
		'%2e%2e',
		'.%2e',
		'%252e',
		'%25252e%25252e',
		'a/b',
		'a%2fb',
		'a%252Fb',
		'a\\b',
		'%5c',
		'',
		'a\nb',
	])('refuses %p', (value) => {
		expect(pathSegmentProblem(value)).toBeDefined();
		expect(() => pathSegment(value, 'Invoice Number')).toThrow(
			/^Nothing was sent: "Invoice Number" /,
		);
	});

	it.each([
		['NF-2001', 'NF-2001'],
		['1.2', '1.2'],
		['.a', '.a'],
		['a..b', 'a..b'],
		['100%', '100%25'],
		['NF 1', 'NF%201'],
		['%zz', '%25zz'],
	])('encodes %p as %p', (value, encoded) => {
		expect(pathSegmentProblem(value)).toBeUndefined();
		expect(pathSegment(value, 'Invoice Number')).toBe(encoded);
	});
});
