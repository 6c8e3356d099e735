/** The budget chart's text: what a screen reader hears for the SVG (its `aria-label`). Pure. */
import type { PhaseBudgetReport } from '$lib/plan/budget';
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
