import type { IDataObject } from 'n8n-workflow';

import { DEDUP_MEMORY_SIZE, DedupMemory } from '../../../nodes/shared/DedupMemory';

describe('DedupMemory', () => {
	it('keeps the most recent eventIds in the static data, at most DEDUP_MEMORY_SIZE of them', () => {
		const store: IDataObject = {};
		const memory = new DedupMemory(store);
		const ids = Array.from({ length: DEDUP_MEMORY_SIZE + 50 }, (_value, index) => `E${index}`);
		for (let start = 0; start < ids.length; start += 10)
			memory.remember(ids.slice(start, start + 10));
		expect(memory.size).toBe(DEDUP_MEMORY_SIZE);
		expect(memory.has('E0')).toBe(false);
		expect(memory.has('E49')).toBe(false);
		expect(memory.has('E50')).toBe(true);
		expect(memory.has(`E${ids.length - 1}`)).toBe(true);
		expect(store.processedEventIds).toHaveLength(DEDUP_MEMORY_SIZE);
		expect(DEDUP_MEMORY_SIZE).toBe(2000);
	});

	it('reads what an earlier activation stored, and a repeated eventId counts as recent again', () => {
		const store: IDataObject = { processedEventIds: ['A', 'B', 'C'] };
		const memory = new DedupMemory(store, 3);
		expect(memory.has('B')).toBe(true);
		memory.remember(['A']);
		memory.remember(['D']);
		expect(store.processedEventIds).toEqual(['C', 'A', 'D']);
	});

	it('never holds an empty eventId: it identifies no event, so it would swallow every event without one', () => {
		const store: IDataObject = { processedEventIds: ['', 'A'] };
		const memory = new DedupMemory(store);
		expect(memory.has('')).toBe(false);
		memory.remember(['', 'B', '']);
		expect(store.processedEventIds).toEqual(['A', 'B']);
		expect(memory.size).toBe(2);
	});
});
