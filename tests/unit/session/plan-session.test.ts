/**
 * PlanSession keeps its model equal to `parsePlan(text)` through edits (it parses
 * incrementally now), and its derived lint, next action and dirty flag follow the text.
 */
import { describe, expect, it } from 'vitest';
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
});
