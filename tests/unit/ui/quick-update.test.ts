/** What the quick update view offers: the checklist of the phase in progress, else of the next action's phase, else Progress. */
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/lib/plan/parse';
import { nextAction } from '../../../src/lib/plan/next-action';
import { quickChecklist } from '../../../src/lib/ui/quick/quick-update';

function checklist(text: string) {
	const doc = parsePlan(text);
	const c = quickChecklist(doc, nextAction(doc));
	return { phase: c.phase?.id ?? null, rows: c.rows.map((r) => [r.depth, r.item.text, r.item.state]) };
}

describe('quickChecklist', () => {
	it('takes the phase in progress', () => {
		const text = '# P\n\n## Phase 1: A\n\n- [ ] a1\n\n## Phase 2: B\n\n**Status**: In Progress\n\n- [x] b1\n- [ ] b2\n  - [ ] b2.1\n';
		expect(checklist(text)).toEqual({ phase: '2', rows: [[0, 'b1', 'done'], [0, 'b2', 'open'], [1, 'b2.1', 'open']] });
	});

	it('without one in progress, takes the next action’s phase', () => {
		const text = '# P\n\n## Phase 1: A ✅\n\n- [x] a1\n\n## Phase 2: B\n\n- [ ] b1\n';
		expect(checklist(text)).toEqual({ phase: '2', rows: [[0, 'b1', 'open']] });
	});

	it('without phases, takes the Progress list', () => {
		const text = '# P\n\n## Progress\n\n- [x] (2026-01-01) one\n- [ ] two\n';
		expect(checklist(text)).toEqual({ phase: null, rows: [[0, 'one', 'done'], [0, 'two', 'open']] });
	});
});
