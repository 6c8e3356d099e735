import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { efficiency, planBudget } from '../../../src/lib/plan/budget';
import { parseTokenAmount, parseTokenRange } from '../../../src/lib/plan/tokens';
import { budget, doc, phase } from './build';

describe('efficiency (DESIGN §2 rule)', () => {
	it('650K against 750K–1.2M is 13% under', () => {
		expect(efficiency(650_000, { low: 750_000, high: 1_200_000 })).toEqual({
			kind: 'under',
			percent: 13,
			label: '13% under'
		});
	});

	it('over the high bound is measured against high', () => {
		expect(efficiency(1_500_000, { low: 750_000, high: 1_200_000 }).label).toBe('25% over');
	});

	it('inside the range reports the share of high', () => {
		expect(efficiency(900_000, { low: 750_000, high: 1_200_000 }).label).toBe('within budget (75% of high)');
		expect(efficiency(750_000, { low: 750_000, high: 1_200_000 }).kind).toBe('within');
		expect(efficiency(1_200_000, { low: 750_000, high: 1_200_000 }).label).toBe('within budget (100% of high)');
	});

	it('takes amounts written with K, M and commas alike', () => {
		const range = parseTokenRange('60,000-80,000 tokens');
		const actual = parseTokenAmount('~45K');
		expect(range).not.toBeNull();
		expect(efficiency(actual as number, range as { low: number; high: number }).label).toBe('25% under');
		expect(efficiency(parseTokenAmount('1.1M') as number, parseTokenRange('500K-800K') as { low: number; high: number }).label).toBe(
			'38% over'
		);
	});

	it('follows the rule on generated cases', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 5_000_000 }),
				fc.integer({ min: 0, max: 5_000_000 }),
				fc.integer({ min: 0, max: 20_000_000 }),
				(low, width, actual) => {
					const high = low + width;
					const e = efficiency(actual, { low, high });
					if (actual < low) {
						expect(e.kind).toBe('under');
						expect(e.percent).toBe(Math.round(((low - actual) / low) * 100));
						expect(e.label).toBe(`${e.percent}% under`);
					} else if (actual > high) {
						expect(e.kind).toBe('over');
						expect(e.percent).toBe(Math.round(((actual - high) / high) * 100));
						expect(e.label).toBe(`${e.percent}% over`);
					} else {
						expect(e.kind).toBe('within');
						expect(e.percent).toBe(Math.round((actual / high) * 100));
						expect(e.label).toBe(`within budget (${e.percent}% of high)`);
					}
				}
			)
		);
	});
});

describe('planBudget per phase', () => {
	it('uses the adjusted range for efficiency when a multiplier is given', () => {
		const d = doc({
			phases: [phase('1', { status: 'done', budget: budget({ low: 500_000, high: 800_000, multiplier: 1.5, actual: 650_000 }) })]
		});
		const [p] = planBudget(d).phases;
		expect(p.adjustedLow).toBe(750_000);
		expect(p.adjustedHigh).toBe(1_200_000);
		expect(p.efficiency?.label).toBe('13% under');
		expect(p.remaining).toBe(550_000);
		expect(p.percentUsed).toBe(54);
	});

	it('prefers an adjusted range as written over low/high × multiplier', () => {
		const d = doc({
			phases: [
				phase('1', {
					status: 'done',
					budget: budget({ low: 500_000, high: 800_000, multiplier: 1.5, adjustedLow: 1_200_000, adjustedHigh: 2_000_000, spent: 1_000_000 })
				})
			]
		});
		const [p] = planBudget(d).phases;
		expect(p.adjustedHigh).toBe(2_000_000);
		expect(p.efficiency?.label).toBe('17% under');
		expect(p.remaining).toBe(1_000_000);
	});

	it('uses the plain range without a multiplier and leaves adjusted null', () => {
		const d = doc({ phases: [phase('1', { status: 'done', budget: budget({ low: 500_000, high: 800_000, actual: 900_000 }) })] });
		const [p] = planBudget(d).phases;
		expect(p.adjustedLow).toBeNull();
		expect(p.adjustedHigh).toBeNull();
		expect(p.efficiency?.label).toBe('13% over');
		expect(p.remaining).toBe(-100_000);
	});

	it('rates only done phases', () => {
		const d = doc({
			phases: [
				phase('1', { status: 'in-progress', budget: budget({ low: 500_000, high: 800_000, spent: 250_000 }) }),
				phase('2', { status: 'done', budget: budget({ low: 500_000, high: 800_000 }) })
			]
		});
		const [p1, p2] = planBudget(d).phases;
		expect(p1.efficiency).toBeNull();
		expect(p1.used).toBe(250_000);
		expect(p1.percentUsed).toBe(31);
		expect(p2.efficiency).toBeNull();
		expect(p2.used).toBeNull();
		expect(p2.remaining).toBeNull();
	});

	it('flattens nested phases in document order with their ids and parents', () => {
		const d = doc({
			phases: [
				phase('1', { children: [phase('1.1'), phase('1.2', { children: [phase('1.2.1')] })] }),
				phase('2')
			]
		});
		const rows = planBudget(d).phases;
		expect(rows.map((r) => [r.phaseId, r.depth, r.parentId])).toEqual([
			['1', 0, null],
			['1.1', 1, '1'],
			['1.2', 1, '1'],
			['1.2.1', 2, '1.2'],
			['2', 0, null]
		]);
		expect(rows.every((r) => r.low === null && r.used === null)).toBe(true);
	});

	it('treats a 0–0 budget with only spent as spent without a range', () => {
		const d = doc({ phases: [phase('1', { status: 'done', budget: budget({ spent: 300_000 }) })] });
		const [p] = planBudget(d).phases;
		expect(p.low).toBeNull();
		expect(p.used).toBe(300_000);
		expect(p.efficiency).toBeNull();
		expect(p.percentUsed).toBeNull();
	});
});

describe('planBudget totals', () => {
	it('sums phases when the plan states no total, without counting nested budgets twice', () => {
		const d = doc({
			phases: [
				phase('1', {
					status: 'done',
					budget: budget({ low: 500_000, high: 800_000, spent: 600_000 }),
					children: [phase('1.1', { budget: budget({ low: 100_000, high: 200_000, spent: 50_000 }) })]
				}),
				phase('2', {
					status: 'done',
					children: [
						phase('2.1', { budget: budget({ low: 100_000, high: 200_000, spent: 150_000 }) }),
						phase('2.2', { budget: budget({ low: 50_000, high: 60_000, actual: 70_000 }) })
					]
				})
			]
		});
		const { total } = planBudget(d);
		expect(total.source).toBe('phases');
		expect(total.low).toBe(650_000);
		expect(total.high).toBe(1_060_000);
		expect(total.spent).toBe(750_000);
		expect(total.actual).toBe(70_000);
		// 600K (phase 1; its child's 50K is inside it) + 150K (2.1) + 70K actual (2.2).
		expect(total.used).toBe(820_000);
		expect(total.remaining).toBe(240_000);
		expect(total.spentSource).toBe('phases');
		expect(total.efficiency?.label).toBe('within budget (77% of high)');
	});

	it("takes the plan's own budget when it states one", () => {
		const d = doc({
			budget: budget({ low: 3_000_000, high: 6_000_000, spent: 1_500_000 }),
			phases: [phase('1', { budget: budget({ low: 500_000, high: 800_000, spent: 400_000 }) })]
		});
		const { total } = planBudget(d);
		expect(total.source).toBe('doc');
		expect(total.spentSource).toBe('doc');
		expect([total.low, total.high, total.used, total.percentUsed]).toEqual([3_000_000, 6_000_000, 1_500_000, 25]);
		expect(total.efficiency).toBeNull();
	});

	it('mixes a stated range with summed spend and says so', () => {
		const d = doc({
			budget: budget({ low: 1_000_000, high: 2_000_000 }),
			phases: [phase('1', { budget: budget({ spent: 400_000 }) }), phase('2', { budget: budget({ spent: 100_000 }) })]
		});
		const { total } = planBudget(d);
		expect(total.source).toBe('doc');
		expect(total.spentSource).toBe('phases');
		expect(total.used).toBe(500_000);
	});

	it('sums adjusted ranges where phases have them and plain ranges elsewhere', () => {
		const d = doc({
			phases: [
				phase('1', { budget: budget({ low: 100_000, high: 200_000, multiplier: 2 }) }),
				phase('2', { budget: budget({ low: 100_000, high: 200_000 }) })
			]
		});
		const { total } = planBudget(d);
		expect([total.low, total.high, total.adjustedLow, total.adjustedHigh]).toEqual([200_000, 400_000, 300_000, 600_000]);
	});

	it('reports no source for a plan without budgets', () => {
		const { total, phases } = planBudget(doc({ phases: [phase('1')] }));
		expect(phases).toHaveLength(1);
		expect(total.source).toBe('none');
		expect(total.spentSource).toBe('none');
		expect(total.high).toBeNull();
		expect(total.remaining).toBeNull();
	});

	it('totals are the sums of generated phase figures', () => {
		const phaseArb = fc.record({
			low: fc.integer({ min: 1, max: 2_000_000 }),
			width: fc.integer({ min: 0, max: 2_000_000 }),
			spent: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
			multiplier: fc.option(fc.constantFrom(1.5, 2, 2.5, 4), { nil: null })
		});
		fc.assert(
			fc.property(fc.array(phaseArb, { minLength: 1, maxLength: 8 }), (specs) => {
				const d = doc({
					phases: specs.map((s, i) =>
						phase(String(i + 1), {
							status: 'done',
							budget: budget({ low: s.low, high: s.low + s.width, multiplier: s.multiplier, spent: s.spent })
						})
					)
				});
				const { total, phases } = planBudget(d);
				const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
				expect(total.low).toBe(sum(specs.map((s) => s.low)));
				expect(total.high).toBe(sum(specs.map((s) => s.low + s.width)));
				const spents = specs.map((s) => s.spent).filter((s): s is number => s !== null);
				expect(total.spent).toBe(spents.length ? sum(spents) : null);
				const anyAdjusted = specs.some((s) => s.multiplier !== null);
				const effHigh = sum(specs.map((s) => Math.round((s.low + s.width) * (s.multiplier ?? 1))));
				expect(total.adjustedHigh).toBe(anyAdjusted ? effHigh : null);
				if (total.used !== null) expect(total.remaining).toBe(effHigh - total.used);
				phases.forEach((p, i) => {
					const s = specs[i];
					const limit = Math.round((s.low + s.width) * (s.multiplier ?? 1));
					expect(p.remaining).toBe(s.spent === null ? null : limit - s.spent);
					expect(p.efficiency === null).toBe(s.spent === null);
				});
			})
		);
	});
});
