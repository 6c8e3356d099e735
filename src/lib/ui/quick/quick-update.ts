/**
 * What the quick update view shows of a plan: the phase it works on (the one in progress, else
 * the next action's) and that phase's checklist, or the plan's Progress list when it has no phases.
 */
import { allPhases } from '$lib/plan/deps';
import type { NextAction } from '$lib/plan/next-action';
import type { Phase, PlanDoc, ProgressItem } from '$lib/plan/types';
import { flattenItems, type ItemRow } from '../panels/flatten';

/** The checklist the quick update view offers. */
export interface QuickChecklist {
	/** The phase it belongs to; null for the plan's own Progress list. */
	phase: Phase | null;
	rows: ItemRow[];
}

/** The current phase: in progress, else the next action's phase, else none. */
export function currentPhase(doc: PlanDoc, next: NextAction | null): Phase | null {
	const phases = allPhases(doc);
	// The innermost phase in progress (a step inside a phase in progress is the one worked on).
	const running = phases.filter((p) => p.status === 'in-progress' && p.children.every((c) => c.status !== 'in-progress'));
	return running[0] ?? (next?.phaseId ? (phases.find((p) => p.id === next.phaseId) ?? null) : null);
}

/** The checklist of the current phase (tasks, else exit criteria), else of the plan's Progress. */
export function quickChecklist(doc: PlanDoc, next: NextAction | null): QuickChecklist {
	const phase = currentPhase(doc, next);
	if (phase) {
		const items: ProgressItem[] = phase.tasks.length ? phase.tasks : phase.exitCriteria;
		if (items.length) return { phase, rows: flattenItems(items) };
	}
	return { phase, rows: flattenItems(doc.progress) };
}
