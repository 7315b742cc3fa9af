import {
	cutAtCharacter,
	nonAsciiAt,
	oneLineProblem,
	textProblem,
} from '../../../nodes/shared/characters';
import { Secrets } from '../../../nodes/shared/transport/secrets';
import { shown } from '../../../nodes/shared/values';

/** Whether a text has no lone surrogate (String.prototype.isWellFormed, Node 20+). */
const wellFormed = (text: string) =>
	(text as unknown as { isWellFormed(): boolean }).isWellFormed();

const FAMILY = '👨‍👩‍👧‍👦'; // 11 UTF-16 units: four people joined by ZWJs
const THUMB = '👍🏽'; // 4 units: an emoji and its skin tone
const FLAG = '🇧🇷'; // 4 units: two regional indicators

describe('characters: the text rules and the cut', () => {
	it.each([
		['a'.repeat(58) + '😀😀', 60, 'a'.repeat(58) + '😀'],
		['a'.repeat(59) + '😀', 60, 'a'.repeat(59)],
		['a'.repeat(55) + FAMILY, 60, 'a'.repeat(55)],
		['a'.repeat(49) + FAMILY, 60, 'a'.repeat(49) + FAMILY],
		['a'.repeat(58) + THUMB, 60, 'a'.repeat(58)],
		['a'.repeat(57) + FLAG + FLAG, 60, 'a'.repeat(57)],
		['a'.repeat(56) + FLAG + FLAG, 60, 'a'.repeat(56) + FLAG],
		['é'.normalize('NFD').repeat(40), 61, 'é'.normalize('NFD').repeat(30)],
		['short', 60, 'short'],
	])('cuts %p to at most %p units at a character boundary', (text, max, expected) => {
		expect(cutAtCharacter(text, max)).toBe(expected);
	});

	it('cuts every shown value and every redacted text whole, never half an emoji', () => {
		for (let pad = 0; pad < 12; pad++) {
			const value = `${'x'.repeat(pad)}${FAMILY.repeat(20)}${THUMB.repeat(20)}`;
			const text = shown(value, { bare: true });
			expect(wellFormed(text)).toBe(true);
			expect(text).toMatch(/^x*(?:👨‍👩‍👧‍👦)*(?:👍🏽)*… \(/u);
			const cut = new Secrets(['app-token-123456']).redactAndCut(value, 40 + pad);
			expect(wellFormed(cut)).toBe(true);
			expect(cut).toMatch(/^x*(?:👨‍👩‍👧‍👦)*(?:👍🏽)*…$/u);
		}
	});

	it('refuses half of a character and controls other than tab and line breaks in any text', () => {
		expect(textProblem('NF-\ud83d')).toMatch(/half of a character at position 4/);
		expect(textProblem('\udc00x')).toMatch(/half of a character at position 1/);
		expect(textProblem('a\u0000')).toMatch(/NUL U\+0000 at position 2/);
		expect(textProblem('a\u001b[31m')).toMatch(/control character U\+001B/);
		expect(textProblem('line\r\nnext\tcolumn 😀')).toBeUndefined();
	});

	it('refuses every control character in a one-line value, and tells ASCII apart', () => {
		expect(oneLineProblem('a\tb')).toMatch(/tab U\+0009 at position 2/);
		expect(oneLineProblem('a\u0085')).toMatch(/U\+0085/);
		expect(oneLineProblem('https://x.example/a b')).toBeUndefined();
		expect(nonAsciiAt('Bearer abc~!')).toBe(-1);
		expect(nonAsciiAt('José')).toBe(3);
	});
});
