import { describe, expect, it } from 'vitest';
import { commitTime, spendChartGeometry, spendChartSummary } from '../../../src/lib/ui/phases/chart';

const t = (iso: string) => Date.parse(iso) / 1000;
const points = [
	{ oid: 'a'.repeat(40), time: t('2026-11-01T00:00:00Z'), spent: 900_000 },
	{ oid: 'b'.repeat(40), time: t('2026-11-03T00:00:00Z'), spent: 960_000 },
	{ oid: 'c'.repeat(40), time: t('2026-11-05T00:00:00Z'), spent: 990_000 }
];

describe('spend over time chart', () => {
	it('says its range in words', () => {
		expect(spendChartSummary(points)).toBe('Spend over time, 3 commits: 900K on 2026-11-01 to 990K on 2026-11-05');
		expect(spendChartSummary(points.slice(0, 1))).toBe('Spend over time, 1 commit: 900K on 2026-11-01');
		expect(spendChartSummary([])).toBe('Spend over time: no commits of this plan yet');
		expect(commitTime(t('2026-11-29T14:05:59Z'))).toBe('2026-11-29 14:05');
	});

	it('places commits by time and spend, the largest at the top, and steps between them', () => {
		const g = spendChartGeometry(points, 320, 140);
		const { left, right, top, bottom } = g.plot;
		expect(g.max).toBe(990_000);
		expect(g.dots.map((d) => d.x)).toEqual([left, (left + right) / 2, right]);
		expect(g.dots[2].y).toBe(top);
		const y0 = Math.round((bottom - (900_000 / 990_000) * (bottom - top)) * 10) / 10;
		expect(g.dots[0].y).toBe(y0);
		// Flat until the next commit, then up: horizontal, then vertical segments.
		expect(g.line).toBe(`M${g.dots[0].x},${g.dots[0].y}H${g.dots[1].x}V${g.dots[1].y}H${g.dots[2].x}V${g.dots[2].y}`);
	});

	it('spreads commits of one second evenly and draws a lone commit as a dot', () => {
		const same = points.map((p) => ({ ...p, time: 1_790_000_000 }));
		const g = spendChartGeometry(same, 320, 140);
		expect(g.dots.map((d) => d.x)).toEqual([g.plot.left, (g.plot.left + g.plot.right) / 2, g.plot.right]);
		const one = spendChartGeometry(points.slice(0, 1), 320, 140);
		expect(one.line).toBe('');
		expect(one.dots).toHaveLength(1);
		expect(one.dots[0].y).toBe(one.plot.top);
	});
});
