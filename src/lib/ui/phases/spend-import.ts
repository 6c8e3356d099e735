/**
 * The spend import's preview and the edits "Write spend" makes: usage records split over the
 * plan's phases (by their Started/Completed dates, the rest on a chosen phase), each phase's
 * Tokens Spent before and after, as `set-spent` (replace) or `add-spent` (add) edits. A plan
 * without phases gets the whole spend on its own line. Pure.
 */
import { assignToPhases, type SpendCounts, type TokenTotals, type UsageRecord } from '$lib/spend';
import type { Phase, PlanDoc, PlanEdit } from '$lib/plan/types';
import { allPhases } from '$lib/plan/deps';

/** Replace each phase's Tokens Spent with the imported spend, or add the spend to it. */
export type SpendMode = 'set' | 'add';

/** One row of the preview: a phase (or the plan, `phaseId` null) with its imported usage. */
export interface SpendRow extends TokenTotals {
	phaseId: string | null;
	label: string;
	/** Tokens Spent as the plan states it now (null when it states none). */
	current: number | null;
	/** Tokens Spent after writing (null when nothing is written, or when adding to a figure the parse does not know). */
	next: number | null;
	/** Tokens added to the line (add mode), else null. */
	adds: number | null;
}

/** The preview and the edits that write it. */
export interface SpendPreview {
	rows: SpendRow[];
	/** Usage no phase took (outside every phase's dates, no phase chosen for it). */
	unassigned: TokenTotals;
	total: TokenTotals;
	/** Phases without a Started date: they take usage only as the chosen phase. */
	undated: string[];
	edits: PlanEdit[];
}

/** Options of {@link spendPreview}. */
export interface SpendPreviewOptions {
	counts: SpendCounts;
	mode: SpendMode;
	/** Phase id that takes usage outside every phase's dates. */
	fallbackPhase?: string | null;
}

/**
 * What writing `spend` does to a line stating `current`: replaced, or added to. Adding to a line
 * the parse does not read (no figure, or a figure outside a stated budget) shows only the addition:
 * the edit itself reads the line's number and adds to it.
 */
function outcome(spend: number, current: number | null, mode: SpendMode): { next: number | null; adds: number | null } {
	if (spend <= 0) return { next: null, adds: null };
	if (mode === 'set') return { next: spend, adds: null };
	return { next: current === null ? null : current + spend, adds: spend };
}

function spentOf(p: Phase): number | null {
	return p.budget?.spent ?? null;
}

/** What writing the imported usage into `doc` would do. */
export function spendPreview(records: readonly UsageRecord[], doc: PlanDoc, opts: SpendPreviewOptions): SpendPreview {
	const phases = allPhases(doc);
	if (phases.length === 0) {
		const a = assignToPhases(records, [], { counts: opts.counts });
		const total = a.total;
		const current = doc.budget?.spent ?? null;
		const { next, adds } = outcome(total.spend > 0 ? total.spend : 0, current, opts.mode);
		const row: SpendRow = { ...total, phaseId: null, label: 'Whole plan', current, next, adds };
		const edits: PlanEdit[] = next === null ? [] : [opts.mode === 'add' ? { kind: 'add-spent', phase: null, tokens: total.spend } : { kind: 'set-spent', phase: null, tokens: total.spend }];
		return { rows: [row], unassigned: { ...total, input: 0, output: 0, cacheWrite: 0, cacheRead: 0, spend: 0, records: 0 }, total, undated: [], edits };
	}
	const fallback = opts.fallbackPhase && phases.some((p) => p.id === opts.fallbackPhase) ? opts.fallbackPhase : undefined;
	const a = assignToPhases(records, phases, { counts: opts.counts, ...(fallback ? { fallbackPhase: fallback } : {}) });
	const rows: SpendRow[] = [];
	const edits: PlanEdit[] = [];
	a.phases.forEach((share, i) => {
		const p = phases[i];
		const current = spentOf(p);
		const writes = share.records > 0 && share.spend > 0;
		const { next, adds } = outcome(writes ? share.spend : 0, current, opts.mode);
		rows.push({ ...share, phaseId: p.id, label: `Phase ${p.number}`, current, next, adds });
		if (writes) edits.push(opts.mode === 'add' ? { kind: 'add-spent', phase: p.id, tokens: share.spend } : { kind: 'set-spent', phase: p.id, tokens: share.spend });
	});
	return { rows, unassigned: a.unassigned, total: a.total, undated: a.undated, edits };
}
