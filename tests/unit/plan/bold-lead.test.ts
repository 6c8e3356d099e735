/**
 * `boldLead` reads the `**…**` run at the start of a checklist item in place; it must capture
 * exactly what the regex it replaced captures on the item's text cut out, for any text and range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boldLead } from '../../../src/lib/plan/parse/phases';

const byRegex = (text: string, from: number, to: number): string | null => /^\*\*([^*]+)\*\*/.exec(text.slice(from, to))?.[1] ?? null;

describe('boldLead', () => {
	it('reads the bold run at the start of the range', () => {
		expect(boldLead('- [ ] **Phase 1: Setup** - go', 6, 29)).toBe('Phase 1: Setup');
		expect(boldLead('**a**', 0, 5)).toBe('a');
		expect(boldLead('**a**', 0, 4)).toBeNull();
		expect(boldLead('****', 0, 4)).toBeNull();
		expect(boldLead('**a*b**', 0, 7)).toBeNull();
		expect(boldLead('**a\nb** x', 0, 9)).toBe('a\nb');
		expect(boldLead('x **a**', 0, 7)).toBeNull();
	});

	it('captures what /^\\*\\*([^*]+)\\*\\*/ captures on the cut-out text', () => {
		const text = fc.string({ unit: fc.constantFrom('*', '*', 'a', ' ', '\n', 'P', '1', ':'), maxLength: 30 });
		fc.assert(
			fc.property(text, fc.nat(), fc.nat(), (t, x, y) => {
				const from = x % (t.length + 1);
				const to = from + (y % (t.length - from + 1));
				expect(boldLead(t, from, to)).toBe(byRegex(t, from, to));
			}),
			{ numRuns: 5000 }
		);
	});
});
