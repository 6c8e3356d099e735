import { describe, expect, it } from 'vitest';
import { applyPlanEdit } from '../../../src/lib/plan/edit';
import { allPhases } from '../../../src/lib/plan/deps';
import { parsePlan } from '../../../src/lib/plan/parse';
import { DEFAULT_COUNTS, parseUsageFile } from '../../../src/lib/spend';
import { spendPreview } from '../../../src/lib/ui/phases/spend-import';
import { chartSummary } from '../../../src/lib/ui/phases/chart';
import { planBudget } from '../../../src/lib/plan/budget';
import { PHASES_PLAN, PHASES_USAGE_JSONL } from '../../support/phase-plan';

const usage = parseUsageFile('session.jsonl', PHASES_USAGE_JSONL);

describe('the usage fixture', () => {
	it('has the hand-counted messages, one malformed line and one repeat', () => {
		expect(usage.source).toBe('claude-jsonl');
		expect(usage.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
		expect(usage.skipped).toBe(1);
		expect(usage.duplicates).toBe(1);
	});
});

describe('spendPreview', () => {
	it('splits by phase dates with the default counts and replaces Tokens Spent', () => {
		const p = spendPreview(usage.messages, parsePlan(PHASES_PLAN), { counts: DEFAULT_COUNTS, mode: 'set' });
		expect(p.rows.map((r) => [r.phaseId, r.records, r.spend, r.current, r.next])).toEqual([
			['1', 1, 6_000, 600_000, 6_000],
			['2', 2, 80_000, 300_000, 80_000],
			['3', 0, 0, null, null]
		]);
		expect(p.rows[1]).toMatchObject({ input: 15_000, output: 35_000, cacheWrite: 30_000, cacheRead: 901_000 });
		expect(p.undated).toEqual(['3']);
		expect(p.edits).toEqual([
			{ kind: 'set-spent', phase: '1', tokens: 6_000 },
			{ kind: 'set-spent', phase: '2', tokens: 80_000 }
		]);
		let text = PHASES_PLAN;
		for (const e of p.edits) text = applyPlanEdit(text, e, new Date('2026-11-29T00:00:00Z'));
		expect(allPhases(parsePlan(text)).map((x) => x.budget?.spent ?? null)).toEqual([6_000, 80_000, null]);
	});

	it('adds to Tokens Spent, counts cache reads when asked, and puts usage outside the dates on the chosen phase', () => {
		const counts = { ...DEFAULT_COUNTS, cacheRead: true };
		const add = spendPreview(usage.messages, parsePlan(PHASES_PLAN), { counts, mode: 'add' });
		expect(add.rows[1]).toMatchObject({ spend: 981_000, current: 300_000, next: 1_281_000 });
		expect(add.edits[1]).toEqual({ kind: 'add-spent', phase: '2', tokens: 981_000 });
		// Phase 1 moved later: m1 (2026-11-03) is outside every phase until phase 3 is chosen for it.
		const shifted = PHASES_PLAN.replace('**Started**: 2026-11-01', '**Started**: 2026-11-04');
		const none = spendPreview(usage.messages, parsePlan(shifted), { counts: DEFAULT_COUNTS, mode: 'set' });
		expect(none.unassigned).toMatchObject({ records: 1, spend: 6_000 });
		const chosen = spendPreview(usage.messages, parsePlan(shifted), { counts: DEFAULT_COUNTS, mode: 'set', fallbackPhase: '3' });
		expect(chosen.unassigned.records).toBe(0);
		expect(chosen.rows[2]).toMatchObject({ phaseId: '3', spend: 6_000, next: 6_000 });
	});

	it('writes the whole spend on the plan’s own line when the plan has no phases', () => {
		const plan = '# Plan\n\n**Token Budget**: 100K-200K tokens\n**Tokens Spent**: 1,000 tokens\n\n## Progress\n\n- [ ] a\n';
		const p = spendPreview(usage.messages, parsePlan(plan), { counts: DEFAULT_COUNTS, mode: 'add' });
		expect(p.rows).toMatchObject([{ phaseId: null, spend: 86_000, current: 1_000, next: 87_000, adds: 86_000 }]);
		expect(p.edits).toEqual([{ kind: 'add-spent', phase: null, tokens: 86_000 }]);
		// Without a stated budget the figure spent is still read, and added to.
		const bare = spendPreview(usage.messages, parsePlan('# Plan\n\n**Tokens Spent**: 1,000 tokens\n'), { counts: DEFAULT_COUNTS, mode: 'add' });
		expect(bare.rows).toMatchObject([{ current: 1_000, next: 87_000, adds: 86_000 }]);
	});
});

describe('chartSummary', () => {
	it('says each phase’s spend against its (adjusted) band', () => {
		expect(chartSummary(planBudget(parsePlan(PHASES_PLAN)).phases)).toBe(
			'Budget band and tokens spent per phase. Phase 1: 600K spent of 500K–800K (within budget (75% of high)); Phase 2: 300K spent of 600K–900K; Phase 3: nothing spent of 300K–500K.'
		);
	});
});
