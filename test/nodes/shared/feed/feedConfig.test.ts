import {
	DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
	visibilityTimeoutSecondsOf,
} from '../../../../nodes/shared/feed/feedConfig';

/** The visibility timeout the feed trigger times its follow-up polls with. */
describe('visibilityTimeoutSecondsOf', () => {
	it('reads the body the trigger sends and GET config’s answer, whatever the capitalisation', () => {
		expect(visibilityTimeoutSecondsOf({ queue: { visibilityTimeoutInSeconds: 600 } })).toBe(600);
		expect(visibilityTimeoutSecondsOf({ Queue: { VisibilityTimeoutInSeconds: '300' } })).toBe(300);
	});

	it.each([
		['no configuration', undefined],
		['no queue', { filter: {} }],
		['no value', { queue: {} }],
		['null', { queue: { visibilityTimeoutInSeconds: null } }],
		['zero', { queue: { visibilityTimeoutInSeconds: 0 } }],
		['text', { queue: { visibilityTimeoutInSeconds: 'soon' } }],
		['true', { queue: { visibilityTimeoutInSeconds: true } }],
	])('falls back to VTEX’s default of 240 s with %s', (_case, config) => {
		expect(visibilityTimeoutSecondsOf(config)).toBe(DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
		expect(DEFAULT_VISIBILITY_TIMEOUT_SECONDS).toBe(240);
	});
});
