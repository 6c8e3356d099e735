import { describe, expect, it } from 'vitest';
import { planSummary } from '../../../src/lib/ui/repo/plan-summary';

describe('planSummary', () => {
	it('counts ticked checkboxes, names the next action and the status', () => {
		const text = '# Plan\n\n## Purpose\n\nX.\n\n## Progress\n\n- [x] (2026-01-02 10:00Z) One\n- [ ] Two **bold**\n- [ ] Three\n\n## Decision Log\n\n- Decision: a\n  Rationale: b\n';
		expect(planSummary(text)).toMatchObject({ done: 1, total: 3, status: 'In progress', next: 'Two bold' });
	});

	it('reads phase status from a phase document', () => {
		const text = '# V1 - Phase 2: Editor\n\n**Status**: In Progress\n**Token Budget**: 100K-200K tokens\n\n## Deliverables\n\n- [ ] A\n';
		expect(planSummary(text)).toMatchObject({ done: 0, total: 1, status: 'In progress', next: 'A' });
	});

	it('says when a plan has no checklist', () => {
		expect(planSummary('# Notes\n\nText.\n')).toMatchObject({ done: 0, total: 0, status: 'No checklist', next: null });
	});

	it('counts what the Progress panel shows, not checkboxes of other sections (the list and the panel agree)', () => {
		const text = '# Plan\n\n## Progress\n\n- [x] Done one\n  - [ ] Nested\n- [ ] Open\n\n## Concrete Steps\n\n1. [ ] Step one\n2. [ ] Step two\n3. [ ] Step three\n';
		expect(planSummary(text)).toMatchObject({ done: 1, total: 3 });
	});
});
