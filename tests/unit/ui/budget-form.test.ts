import { describe, expect, it } from 'vitest';
import { applyPlanEdit } from '../../../src/lib/plan/edit';
import { allPhases } from '../../../src/lib/plan/deps';
import { parsePlan } from '../../../src/lib/plan/parse';
import { budgetEdit } from '../../../src/lib/ui/phases/budget-form';
import { PHASES_PLAN } from '../../support/phase-plan';

describe('budgetEdit', () => {
	it('reads ranges the way plans write them', () => {
		expect(budgetEdit('3', '200K-300K', 2.5)).toEqual({ kind: 'set-budget', phase: '3', low: 200_000, high: 300_000, multiplier: 2.5 });
		expect(budgetEdit(null, '60,000–80,000 tokens', undefined)).toEqual({ kind: 'set-budget', phase: null, low: 60_000, high: 80_000 });
		expect(budgetEdit('1', '1.2M', 1)).toEqual({ kind: 'set-budget', phase: '1', low: 1_200_000, high: 1_200_000, multiplier: 1 });
	});

	it('refuses what is not a budget', () => {
		expect(budgetEdit('1', 'soon', undefined)).toEqual({ error: 'Enter a budget like 400K-600K, 60,000-80,000 or 1.2M.' });
		expect(budgetEdit('1', '0', undefined)).toHaveProperty('error');
	});

	it('writes the budget, the tier and the adjusted range into the phase', () => {
		const edit = budgetEdit('3', '200K-300K', 2.5);
		if ('error' in edit) throw new Error(edit.error);
		const text = applyPlanEdit(PHASES_PLAN, edit, new Date('2026-11-29T00:00:00Z'));
		const p3 = allPhases(parsePlan(text)).find((p) => p.id === '3');
		expect(p3?.budget).toMatchObject({ low: 200_000, high: 300_000, multiplier: 2.5, adjustedLow: 500_000, adjustedHigh: 750_000 });
		expect(text).toContain('**Token Budget**: 200K-300K tokens\n');
		expect(text).toContain('🟠 Docker Networking (2.5x)');
	});
});
