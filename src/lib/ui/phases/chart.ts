/** The budget charts' text (what a screen reader hears for each SVG) and the spend-over-time layout. Pure. */
import type { PhaseBudgetReport } from '$lib/plan/budget';
import type { SpendPoint } from '$lib/plan/spend-history';
import { formatTokens } from '$lib/plan/tokens';

/** One phase in words: `Phase 2: 390K spent of 600K–900K (35% under)`. */
export function phaseChartText(p: PhaseBudgetReport): string {
	const lo = p.adjustedLow ?? p.low;
	const hi = p.adjustedHigh ?? p.high;
	const range = lo !== null && hi !== null ? `${formatTokens(lo)}–${formatTokens(hi)}` : null;
	const spent = p.used === null ? 'nothing spent' : `${formatTokens(p.used)} spent`;
	let judged = '';
	if (p.efficiency) judged = ` (${p.efficiency.label})`;
	else if (p.used !== null && hi !== null && p.used > hi) judged = ' (over budget)';
	return `Phase ${p.number}: ${spent}${range ? ` of ${range}` : ''}${judged}`;
}

/** The chart's summary: every charted phase in order. */
export function chartSummary(phases: readonly PhaseBudgetReport[]): string {
	if (phases.length === 0) return 'Budget chart: no phase has a budget or spend';
	return `Budget band and tokens spent per phase. ${phases.map(phaseChartText).join('; ')}.`;
}

/** A commit's time as the spend chart and its table write it: `2026-11-29 14:05` (UTC). */
export function commitTime(seconds: number): string {
	return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The spend-over-time chart in words: `Spend over time, 3 commits: 900K on 2026-11-01 to 990K on 2026-11-29`. */
export function spendChartSummary(points: readonly SpendPoint[]): string {
	if (points.length === 0) return 'Spend over time: no commits of this plan yet';
	const first = points[0];
	const last = points[points.length - 1];
	const n = `${points.length} commit${points.length === 1 ? '' : 's'}`;
	if (points.length === 1) return `Spend over time, ${n}: ${formatTokens(first.spent)} on ${commitTime(first.time).slice(0, 10)}`;
	return `Spend over time, ${n}: ${formatTokens(first.spent)} on ${commitTime(first.time).slice(0, 10)} to ${formatTokens(last.spent)} on ${commitTime(last.time).slice(0, 10)}`;
}

/** The drawing of the spend-over-time chart: a step line through one dot per commit. */
export interface SpendChartGeometry {
	width: number;
	height: number;
	/** SVG path data of the step line (empty for fewer than two points). */
	line: string;
	dots: { x: number; y: number; point: SpendPoint }[];
	/** The y-axis top: the largest spend (at least 1). */
	max: number;
	/** Where the plot area is. */
	plot: { left: number; right: number; top: number; bottom: number };
}

/**
 * Lays out `points` (oldest first) in a `width` × `height` box: x by commit time (evenly spaced
 * when all commits share one second), y by spend from 0 at the bottom to the largest at the top;
 * the line holds each value until the next commit (a step line: spend changes at commits only).
 */
export function spendChartGeometry(points: readonly SpendPoint[], width = 320, height = 140): SpendChartGeometry {
	const plot = { left: 44, right: width - 8, top: 10, bottom: height - 22 };
	const max = Math.max(1, ...points.map((p) => p.spent));
	const t0 = points.length ? points[0].time : 0;
	const t1 = points.length ? points[points.length - 1].time : 0;
	const x = (p: SpendPoint, i: number) => {
		if (points.length === 1) return (plot.left + plot.right) / 2;
		const share = t1 > t0 ? (p.time - t0) / (t1 - t0) : i / (points.length - 1);
		return plot.left + share * (plot.right - plot.left);
	};
	const y = (p: SpendPoint) => plot.bottom - (p.spent / max) * (plot.bottom - plot.top);
	const round = (n: number) => Math.round(n * 10) / 10;
	const dots = points.map((p, i) => ({ x: round(x(p, i)), y: round(y(p)), point: p }));
	const line = dots.length < 2 ? '' : dots.map((d, i) => (i === 0 ? `M${d.x},${d.y}` : `H${d.x}V${d.y}`)).join('');
	return { width, height, line, dots, max, plot };
}
