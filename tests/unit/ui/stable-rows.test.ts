/**
 * Panel rows keep their identity through edits: unchanged rows are the very same objects, an
 * edited row keeps its key, an inserted one gets a new key; model values compare without offsets.
 */
import { describe, expect, it } from 'vitest';
import { equalIgnoringOffsets, keepUnchanged, reconcile, sameFields } from '../../../src/lib/ui/panels/stable-rows';
import { parsePlan } from '../../../src/lib/plan/parse';
import { createIncrementalParser } from '../../../src/lib/plan/incremental';
import { knownSameContent } from '../../../src/lib/plan/moved';

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

	it('takes phases the parser moved after a typed letter as unchanged, and the phase typed in as changed', () => {
		const text = '# P\n\n## Progress\n\n- [ ] first item\n\n## Phase 1: A\n\n- [ ] one\n\n## Phase 2: B\n\n- [x] two\n';
		const parser = createIncrementalParser();
		const before = parser.parse(text).phases;
		const at = text.indexOf('first item') + 10;
		const typed = parser.parse(text.slice(0, at) + 'x' + text.slice(at));
		expect(parser.typedParses).toBe(1);
		expect(typed.phases[0]).not.toBe(before[0]);
		expect(typed.phases[0].span.start).toBe(before[0].span.start + 1);
		expect(keepUnchanged(before, typed.phases)).toBe(before);
		// Typing inside phase 2: phase 1 is unchanged, phase 2 is not.
		const inTwo = text.indexOf('two') + 3;
		const parser2 = createIncrementalParser();
		const before2 = parser2.parse(text).phases;
		const typed2 = parser2.parse(text.slice(0, inTwo) + 'x' + text.slice(inTwo)).phases;
		const kept = keepUnchanged(before2, typed2);
		expect(kept[0]).toBe(before2[0]);
		expect(kept[1]).toBe(typed2[1]);
		expect(kept[1].tasks[0].text).toBe('twox');
	});

	it('after a full parse gave equal new phases, the phases moved on the next keys are known to match the shown ones', () => {
		const text = '# P\n\n## Progress\n\n- [ ] first item\n\n## Phase 1: A\n\n- [ ] one\n';
		const parser = createIncrementalParser();
		const shown = keepUnchanged([], parser.parse(text).phases);
		// A letter in a task's first word: read by remark, phases built again (new objects).
		let edited = text.replace('first item', 'firstx item');
		const rebuilt = parser.parse(edited).phases;
		expect(parser.typedParses).toBe(0);
		expect(knownSameContent(shown[0], rebuilt[0])).toBe(false);
		expect(keepUnchanged(shown, rebuilt)).toBe(shown);
		// The next letter is typed after a word: the phase is moved from the rebuilt one.
		const at = edited.indexOf('item') + 4;
		edited = edited.slice(0, at) + 'y' + edited.slice(at);
		const moved = parser.parse(edited).phases;
		expect(parser.typedParses).toBe(1);
		expect(knownSameContent(shown[0], moved[0])).toBe(true);
		expect(keepUnchanged(shown, moved)).toBe(shown);
	});
});
