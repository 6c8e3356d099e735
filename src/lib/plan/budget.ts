/**
 * Token budgets per phase and in total (shared/DESIGN.md §2), computed from a parsed
 * `PlanDoc` alone: pure arithmetic, no text, no clock.
 */
import type { Budget, Phase, PhaseStatus, PlanDoc } from './types';

/** How tokens used compare with a budget range, by the rule pinned in DESIGN §2. */
export interface Efficiency {
	kind: 'under' | 'within' | 'over';
	/** Whole percent: distance below low (of low), above high (of high), or used share of high. */
	percent: number;
	/** `13% under`, `5% over`, `within budget (87% of high)`. */
	label: string;
}

/** The budget figures of one phase or of the whole plan; null where the plan states nothing. */
export interface BudgetFigures {
	/** Plain range; null when no range is stated (a budget of 0–0 counts as none). */
	low: number | null;
	high: number | null;
	multiplier: number | null;
	/** The adjusted range as written, else the plain range × multiplier; null without either. */
	adjustedLow: number | null;
	adjustedHigh: number | null;
	spent: number | null;
	actual: number | null;
	/** `spent ?? actual`: the tokens counted against the budget. */
	used: number | null;
	/** `(adjustedHigh ?? high) − used`; negative when over. */
	remaining: number | null;
	/** `used / (adjustedHigh ?? high)` in whole percent. */
	percentUsed: number | null;
	/** Only for finished work with a range and tokens recorded (`actual ?? spent`). */
	efficiency: Efficiency | null;
}

/** One phase's figures, flattened out of the phase tree in document order. */
export interface PhaseBudgetReport extends BudgetFigures {
	phaseId: string;
	number: string;
	title: string;
	status: PhaseStatus;
	/** 0 for top-level phases. */
	depth: number;
	parentId: string | null;
}

/** Where a total came from: the plan's own statement, the sum of its phases, or nowhere. */
export type BudgetSource = 'doc' | 'phases' | 'none';

/** The whole plan's figures and where each came from. */
export interface TotalBudgetReport extends BudgetFigures {
	/** Source of the range (and multiplier / adjusted range). */
	source: BudgetSource;
	/** Source of spent/actual. */
	spentSource: BudgetSource;
}

/** What `planBudget` returns: every phase, then the total. */
export interface PlanBudgetReport {
	phases: PhaseBudgetReport[];
	total: TotalBudgetReport;
}

/** Percent rounded to a whole number, for labels people read. */
function wholePercent(part: number, of: number): number {
	return Math.round((part / of) * 100);
}

/**
 * Rates tokens used against a range (use the adjusted range when there is one):
 * below low → `N% under` (N of low), above high → `N% over` (N of high), else `within budget (N% of high)`.
 */
export function efficiency(actual: number, range: { low: number; high: number }): Efficiency {
	const { low, high } = range;
	if (actual < low) {
		const percent = wholePercent(low - actual, low);
		return { kind: 'under', percent, label: `${percent}% under` };
	}
	if (actual > high) {
		const percent = wholePercent(actual - high, high);
		return { kind: 'over', percent, label: `${percent}% over` };
	}
	const percent = high > 0 ? wholePercent(actual, high) : 100;
	return { kind: 'within', percent, label: `within budget (${percent}% of high)` };
}

/** Whether `b` states a range (a budget of only tokens spent has 0–0). */
export function hasRange(b: Budget | null): b is Budget {
	return b !== null && (b.low > 0 || b.high > 0);
}

interface RawFigures {
	low: number | null;
	high: number | null;
	multiplier: number | null;
	adjustedLow: number | null;
	adjustedHigh: number | null;
	spent: number | null;
	actual: number | null;
}

function rawOf(b: Budget | null): RawFigures {
	if (!b) return { low: null, high: null, multiplier: null, adjustedLow: null, adjustedHigh: null, spent: null, actual: null };
	const ranged = hasRange(b);
	const scale = (n: number) => (b.multiplier !== null ? Math.round(n * b.multiplier) : null);
	return {
		low: ranged ? b.low : null,
		high: ranged ? b.high : null,
		multiplier: b.multiplier,
		adjustedLow: b.adjustedLow ?? (ranged ? scale(b.low) : null),
		adjustedHigh: b.adjustedHigh ?? (ranged ? scale(b.high) : null),
		spent: b.spent,
		actual: b.actual
	};
}

/**
 * Derives used/remaining/percent/efficiency; `finished` gates efficiency. `used` and `rated`
 * (the figure efficiency rates) default to `spent ?? actual` and `actual ?? spent`.
 */
function complete(
	raw: RawFigures,
	finished: boolean,
	used: number | null = raw.spent ?? raw.actual,
	rated: number | null = raw.actual ?? raw.spent
): BudgetFigures {
	const limit = raw.adjustedHigh ?? raw.high;
	const limitLow = raw.adjustedLow ?? raw.low;
	return {
		...raw,
		used,
		remaining: limit !== null && used !== null ? limit - used : null,
		percentUsed: limit !== null && limit > 0 && used !== null ? wholePercent(used, limit) : null,
		efficiency:
			finished && rated !== null && limit !== null && limitLow !== null
				? efficiency(rated, { low: limitLow, high: limit })
				: null
	};
}

function flatten(phases: Phase[], depth: number, parentId: string | null, out: PhaseBudgetReport[]): void {
	for (const phase of phases) {
		out.push({
			phaseId: phase.id,
			number: phase.number,
			title: phase.title,
			status: phase.status,
			depth,
			parentId,
			...complete(rawOf(phase.budget), phase.status === 'done')
		});
		flatten(phase.children, depth + 1, phase.id, out);
	}
}

function add(a: number | null, b: number | null): number | null {
	return a === null ? b : b === null ? a : a + b;
}

interface RangeSum {
	lo: number;
	hi: number;
	aLo: number;
	aHi: number;
	/** Some part of the sum carried an adjusted range or a multiplier. */
	adjusted: boolean;
}

/**
 * Sums a phase tree without counting a budget twice: a phase that states a range counts it
 * and its children's ranges are ignored; a phase that does not hands over to its children.
 */
function sumRanges(phases: Phase[]): RangeSum | null {
	let acc: RangeSum | null = null;
	for (const phase of phases) {
		const part = rangeOf(phase.budget) ?? sumRanges(phase.children);
		if (!part) continue;
		acc = acc
			? {
					lo: acc.lo + part.lo,
					hi: acc.hi + part.hi,
					aLo: acc.aLo + part.aLo,
					aHi: acc.aHi + part.aHi,
					adjusted: acc.adjusted || part.adjusted
				}
			: part;
	}
	return acc;
}

/** Sums one per-phase figure over the tree; a phase without it hands over to its children. */
function sumFigure(phases: Phase[], pick: (b: Budget) => number | null): number | null {
	let total: number | null = null;
	for (const phase of phases) {
		const own = phase.budget ? pick(phase.budget) : null;
		total = add(total, own !== null ? own : sumFigure(phase.children, pick));
	}
	return total;
}

function rangeOf(b: Budget | null): RangeSum | null {
	if (!hasRange(b)) return null;
	const raw = rawOf(b);
	return {
		lo: b.low,
		hi: b.high,
		aLo: raw.adjustedLow ?? b.low,
		aHi: raw.adjustedHigh ?? b.high,
		adjusted: raw.adjustedHigh !== null
	};
}

/** True when no phase is still to do (done, or set aside as deferred/skipped), and at least one is done. */
function allFinished(phases: Phase[]): boolean {
	return phases.length > 0 && phases.every((p) => p.status !== 'open' && p.status !== 'in-progress') && phases.some((p) => p.status === 'done');
}

/**
 * Budget report for a plan: each phase's figures (the tree flattened in document order) and the
 * total — the plan's own stated budget where it gives one, else the sum of its phases.
 */
export function planBudget(doc: PlanDoc): PlanBudgetReport {
	const phases: PhaseBudgetReport[] = [];
	flatten(doc.phases, 0, null, phases);

	const stated = rawOf(doc.budget);
	const summed = sumRanges(doc.phases);
	let source: BudgetSource = 'none';
	let range: Pick<RawFigures, 'low' | 'high' | 'multiplier' | 'adjustedLow' | 'adjustedHigh'> = {
		low: null,
		high: null,
		multiplier: null,
		adjustedLow: null,
		adjustedHigh: null
	};
	if (stated.high !== null) {
		source = 'doc';
		range = stated;
	} else if (summed) {
		source = 'phases';
		range = {
			low: summed.lo,
			high: summed.hi,
			multiplier: null,
			adjustedLow: summed.adjusted ? summed.aLo : null,
			adjustedHigh: summed.adjusted ? summed.aHi : null
		};
	}

	let spentSource: BudgetSource = 'none';
	let spent = stated.spent;
	let actual = stated.actual;
	let used = spent ?? actual;
	let rated = actual ?? spent;
	if (used !== null) {
		spentSource = 'doc';
	} else {
		// Summed per phase, so a phase that records only `actual` still counts as used.
		spent = sumFigure(doc.phases, (b) => b.spent);
		actual = sumFigure(doc.phases, (b) => b.actual);
		used = sumFigure(doc.phases, (b) => b.spent ?? b.actual);
		rated = sumFigure(doc.phases, (b) => b.actual ?? b.spent);
		if (used !== null) spentSource = 'phases';
	}

	const finished = doc.phases.length === 0 ? actual !== null : allFinished(doc.phases);
	const total = complete(
		{
			low: range.low,
			high: range.high,
			multiplier: range.multiplier,
			adjustedLow: range.adjustedLow,
			adjustedHigh: range.adjustedHigh,
			spent,
			actual
		},
		finished,
		used,
		rated
	);
	return { phases, total: { ...total, source, spentSource } };
}
