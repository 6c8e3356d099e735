/** The four living sections by their canonical names (shared/DESIGN.md §3), for messages. */
import type { PlanDoc } from '../types';

export type LivingKey = keyof PlanDoc['living'];

/** Canonical heading of each living section, in the order an ExecPlan keeps them. */
export const LIVING_NAMES: Record<LivingKey, string> = {
	progress: 'Progress',
	surprises: 'Surprises & Discoveries',
	decisions: 'Decision Log',
	outcomes: 'Outcomes & Retrospective'
};

/** The living-section keys in canonical order. */
export const LIVING_KEYS: LivingKey[] = ['progress', 'surprises', 'decisions', 'outcomes'];
