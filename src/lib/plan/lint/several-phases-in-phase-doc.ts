/** Seed anti-pattern: a phase document covers one phase. */
import { diagnostic, type LintRule } from './rule';

/** Fires at the second top-level phase of a document of kind `phase-doc`. */
export const severalPhasesInPhaseDoc: LintRule = (doc) => {
	if (doc.kind !== 'phase-doc' || doc.phases.length < 2) return [];
	return [
		diagnostic(
			doc.phases[1].headingSpan,
			'warning',
			'several-phases-in-phase-doc',
			`This phase document holds ${doc.phases.length} phases; give each phase its own document.`
		)
	];
};
