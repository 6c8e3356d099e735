/**
 * Phase lookup and dependency resolution shared by lint and next-action: a `dependsOn`
 * entry may be written `3`, `Phase 3`, `phase-03`, `06-01` or a phase id.
 */
import type { Phase, PhaseStatus, PlanDoc } from './types';

/** Every phase of the tree, parents before their children, in document order. */
export function allPhases(doc: PlanDoc): Phase[] {
	const out: Phase[] = [];
	const walk = (phases: Phase[]) => {
		for (const p of phases) {
			out.push(p);
			walk(p.children);
		}
	};
	walk(doc.phases);
	return out;
}

/** A phase reference in a canonical spelling: lower case, no `phase`/`step` word, no leading zeros. */
export function normalizePhaseRef(ref: string): string {
	return ref
		.trim()
		.toLowerCase()
		.replace(/^(?:phase|step|milestone|task|stage)[\s_-]*/, '')
		.replace(/[\s:.,;)]+$/, '')
		.replace(/\d+/g, (digits) => String(Number(digits)));
}

/** The phase a `dependsOn` entry names, by id first, then by number; null when none matches. */
export function findPhase(phases: Phase[], ref: string): Phase | null {
	const exact = phases.find((p) => p.id === ref);
	if (exact) return exact;
	const wanted = normalizePhaseRef(ref);
	if (!wanted) return null;
	return phases.find((p) => normalizePhaseRef(p.id) === wanted || normalizePhaseRef(p.number) === wanted) ?? null;
}

/** Whether a dependency in this status lets dependents go ahead: done, or skipped on purpose. */
export function isSatisfied(status: PhaseStatus): boolean {
	return status === 'done' || status === 'skipped';
}
