/** ExecPlans keep four living sections; report each one the plan lacks. */
import { diagnostic, docSpan, type LintRule } from './rule';
import { LIVING_KEYS, LIVING_NAMES } from './living';

/** Fires for an ExecPlan without Progress, Surprises & Discoveries, Decision Log or Outcomes & Retrospective. */
export const missingLivingSection: LintRule = (doc) => {
	if (doc.kind !== 'execplan') return [];
	return LIVING_KEYS.filter((key) => doc.living[key] === null).map((key) =>
		diagnostic(docSpan(doc), 'warning', 'missing-living-section', `No “${LIVING_NAMES[key]}” section: an ExecPlan keeps it up to date as work goes.`)
	);
};
