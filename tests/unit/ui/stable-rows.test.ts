/**
 * Panel rows keep their identity through edits: unchanged rows are the very same objects, an
 * edited row keeps its key, an inserted one gets a new key; model values compare without offsets.
 */
import { describe, expect, it } from 'vitest';
import { equalIgnoringOffsets, keepUnchanged, reconcile, sameFields } from '../../../src/lib/ui/panels/stable-rows';
import { parsePlan } from '../../../src/lib/plan/parse';

const views = (...texts: string[]) => texts.map((text) => ({ text }));

describe('reconcile', () => {
	it('returns the previous rows when nothing changed, and keeps head and tail objects around an edit', () => {
		const first = reconcile([], views('a', 'b', 'c', 'd'), sameFields);
		expect(reconcile(first, views('a', 'b', 'c', 'd'), sameFields)).toBe(first);
		const edited = reconcile(first, views('a', 'bX', 'c', 'd'), sameFields);
		expect(edited[0]).toBe(first[0]);
		expect(edited[2]).toBe(first[2]);
		expect(edited[3]).toBe(first[3]);
		expect(edited[1]).toEqual({ text: 'bX', key: first[1].key });
	});

	it('gives inserted rows new keys and drops deleted ones, keeping the others', () => {
		const first = reconcile([], views('a', 'b', 'c'), sameFields);
		const inserted = reconcile(first, views('a', 'new', 'b', 'c'), sameFields);
		expect(inserted.map((r) => r.key).filter((k) => first.some((f) => f.key === k))).toEqual(first.map((f) => f.key));
		expect(new Set(inserted.map((r) => r.key)).size).toBe(4);
		const deleted = reconcile(inserted, views('a', 'c'), sameFields);
		expect(deleted).toEqual([first[0], first[2]]);
		expect(deleted[1]).toBe(first[2]);
	});

	it('handles repeated rows and empty lists', () => {
		const first = reconcile([], views('x', 'x', 'x'), sameFields);
		expect(new Set(first.map((r) => r.key)).size).toBe(3);
		expect(reconcile(first, [], sameFields)).toEqual([]);
		expect(reconcile(reconcile(first, views('x', 'x'), sameFields), views('x', 'x', 'x'), sameFields)).toHaveLength(3);
	});
});

describe('equalIgnoringOffsets and keepUnchanged', () => {
	const plan = '# P\n\n## Phase 1: A\n\n- [ ] one\n\n## Phase 2: B\n\n- [x] two\n';
	it('sees a plan whose text moved (an edit above) as equal, and a changed item as not', () => {
		const before = parsePlan(plan);
		const moved = parsePlan(plan.replace('# P', '# P\n\nIntro.'));
		expect(moved.phases[0].span.start).not.toBe(before.phases[0].span.start);
		expect(equalIgnoringOffsets(before.phases, moved.phases)).toBe(true);
		const ticked = parsePlan(plan.replace('- [ ] one', '- [x] one'));
		expect(equalIgnoringOffsets(before.phases, ticked.phases)).toBe(false);
	});

	it('keeps the previous array when all elements only moved, and the unchanged elements otherwise', () => {
		const before = parsePlan(plan).phases;
		expect(keepUnchanged(before, parsePlan(plan.replace('# P', '# P\n\nIntro.')).phases)).toBe(before);
		const changed = keepUnchanged(before, parsePlan(plan.replace('- [x] two', '- [ ] two')).phases);
		expect(changed).not.toBe(before);
		expect(changed[0]).toBe(before[0]);
		expect(changed[1]).not.toBe(before[1]);
	});
});
