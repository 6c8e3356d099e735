/** commonPrefix / commonSuffix against the plain character loop, on random texts and edits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonPrefix, commonSuffix } from '../../../src/lib/plan/parse/affix';

function loopPrefix(a: string, b: string): number {
	let n = 0;
	while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
	return n;
}

function loopSuffix(a: string, b: string, max: number): number {
	let n = 0;
	while (n < max && n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
	return n;
}

describe('commonPrefix and commonSuffix', () => {
	it('equal the character loop around random edits of long texts', () => {
		const textArb = fc.string({ unit: fc.constantFrom('a', 'b', '\n', '✅', '-', ' '), minLength: 0, maxLength: 3000 });
		fc.assert(
			fc.property(textArb, fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 40 }), (a, at, del, ins) => {
				const i = a.length ? at % (a.length + 1) : 0;
				const b = a.slice(0, i) + ins + a.slice(i + del);
				const head = commonPrefix(a, b);
				expect(head).toBe(loopPrefix(a, b));
				const max = Math.min(a.length, b.length) - head;
				expect(commonSuffix(a, b, max)).toBe(loopSuffix(a, b, max));
				expect(commonSuffix(a, b)).toBe(loopSuffix(a, b, Math.min(a.length, b.length)));
			}),
			{ numRuns: 500, seed: 5 }
		);
	});

	it('handles empty, equal and wholly different texts', () => {
		expect(commonPrefix('', '')).toBe(0);
		expect(commonPrefix('abc', 'abc')).toBe(3);
		expect(commonSuffix('abc', 'abc')).toBe(3);
		expect(commonPrefix('x'.repeat(1000), 'y'.repeat(1000))).toBe(0);
		expect(commonSuffix('x'.repeat(1000) + 'z', 'y'.repeat(999) + 'z')).toBe(1);
		expect(commonPrefix('a'.repeat(5000), 'a'.repeat(4000))).toBe(4000);
	});
});
