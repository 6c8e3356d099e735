/** In a plan that tracks token budgets, finishing a phase should record what it cost. */
import { allPhases } from '../deps';
import { diagnostic, type LintRule } from './rule';

/** Fires for each done phase without spent or actual tokens, when the plan states any budget. */
export const donePhaseNoSpend: LintRule = (doc) => {
	const phases = allPhases(doc);
	const tracksBudget = doc.budget !== null || phases.some((p) => p.budget !== null);
	if (!tracksBudget) return [];
	return phases
		.filter((p) => p.status === 'done' && (p.budget?.spent ?? p.budget?.actual ?? null) === null)
		.map((p) => diagnostic(p.headingSpan, 'info', 'done-phase-no-spend', `Phase ${p.number} is done but records no tokens spent.`));
};
