/**
 * PlanSession keeps its model equal to `parsePlan(text)` through edits (it parses
 * incrementally now), and its derived lint, next action and dirty flag follow the text.
 */
import { describe, expect, it } from 'vitest';
import { lintPlan } from '../../../src/lib/plan/lint';
import { parsePlan } from '../../../src/lib/plan/parse';
import { PlanSession } from '../../../src/lib/session/plan-session.svelte';

const PLAN = '# Plan\n\n## Purpose\n\nWhy.\n\n## Progress\n\n- [x] one\n- [ ] two\n\n## Decision Log\n\n- Decision: keep it.\n  Rationale: small.\n';

describe('PlanSession', () => {
	it('derives the same model as parsePlan after each edit, and next action and dirty follow', () => {
		const session = new PlanSession('docs/plans/p.md', PLAN);
		expect(session.doc).toEqual(parsePlan(PLAN));
		expect(session.dirty).toBe(false);
		expect(session.next?.text).toBe('two');

		const steps = [
			PLAN.replace('- [ ] two', '- [x] two\n- [ ] three'),
			PLAN.replace('## Decision Log', '```\n\n## Decision Log'),
			PLAN.replace('two', 'two, renamed')
		];
		for (const text of steps) {
			session.text = text;
			expect(session.doc).toEqual(parsePlan(text));
			expect(session.dirty).toBe(true);
		}
		expect(session.next?.text).toBe('two, renamed');
		session.text = PLAN;
		expect(session.doc).toEqual(parsePlan(PLAN));
		expect(session.dirty).toBe(false);
	});

	it('keeps the model of HEAD equal to parsePlan(committed), and lint as with the text alone', () => {
		const session = new PlanSession('docs/plans/p.md', PLAN);
		const lintAlone = (): unknown => lintPlan(parsePlan(session.text), { previousText: session.committed }, session.text);
		expect(session.committedDoc).toEqual(parsePlan(PLAN));
		expect(session.diagnostics).toEqual(lintAlone());
		session.text = PLAN.replace('two', 'two, renamed');
		expect(session.committedDoc).toEqual(parsePlan(PLAN));
		expect(session.diagnostics).toEqual(lintAlone());
		expect(session.diagnostics.some((d) => d.ruleId === 'silent-update')).toBe(true);
		// A commit: HEAD is the editor's text.
		session.committed = session.text;
		expect(session.committedDoc).toEqual(parsePlan(session.text));
		expect(session.diagnostics).toEqual(lintAlone());
		// A sync brought a HEAD the editor never held.
		const remote = PLAN.replace('- [ ] two', '- [ ] two\n- [x] from elsewhere');
		session.committed = remote;
		expect(session.committedDoc).toEqual(parsePlan(remote));
		expect(session.diagnostics).toEqual(lintAlone());
	});
});
