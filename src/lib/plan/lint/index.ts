/** `lintPlan`: every rule over a parsed plan, findings as data (`@codemirror/lint` shape). */
import type { LintContext, PlanDiagnostic, PlanDoc } from '../types';
import type { LintRule } from './rule';
import { missingLivingSection } from './missing-living-section';
import { emptyLivingSection } from './empty-living-section';
import { progressWithoutTimestamp } from './progress-without-timestamp';
import { decisionWithoutRationale } from './decision-without-rationale';
import { externalLink } from './external-link';
import { selfContainment } from './self-containment';
import { donePhaseOpenItems } from './done-phase-open-items';
import { openPhaseTickedItems } from './open-phase-ticked-items';
import { dependsOn } from './depends-on';
import { donePhaseNoSpend } from './done-phase-no-spend';
import { calendarPhase } from './calendar-phase';
import { phaseBudgetTooLarge } from './phase-budget-too-large';
import { severalPhasesInPhaseDoc } from './several-phases-in-phase-doc';
import { stale } from './stale';
import { silentUpdate } from './silent-update';

export { selfContainmentScore } from './self-containment';
export type { LintRule } from './rule';

/** Every rule by its id, in the order findings are reported. */
export const LINT_RULES: Readonly<Record<string, LintRule>> = {
	'missing-living-section': missingLivingSection,
	'empty-living-section': emptyLivingSection,
	'progress-without-timestamp': progressWithoutTimestamp,
	'decision-without-rationale': decisionWithoutRationale,
	'external-link': externalLink,
	'self-containment': selfContainment,
	'done-phase-open-items': donePhaseOpenItems,
	'open-phase-ticked-items': openPhaseTickedItems,
	'depends-on': dependsOn,
	'done-phase-no-spend': donePhaseNoSpend,
	'calendar-phase': calendarPhase,
	'phase-budget-too-large': phaseBudgetTooLarge,
	'several-phases-in-phase-doc': severalPhasesInPhaseDoc,
	stale,
	'silent-update': silentUpdate
};

/**
 * Runs `rules` in order and sorts their findings by position. A rule that throws yields an
 * info finding `lint-internal` naming it, so one bug neither hides the others' findings nor breaks the editor.
 */
export function runRules(rules: Readonly<Record<string, LintRule>>, doc: PlanDoc, context: LintContext, text: string | undefined): PlanDiagnostic[] {
	const out: PlanDiagnostic[] = [];
	for (const [id, rule] of Object.entries(rules)) {
		try {
			out.push(...rule(doc, context, text));
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			out.push({ from: 0, to: 0, severity: 'info', ruleId: 'lint-internal', message: `Lint rule ${id} failed: ${reason}` });
		}
	}
	return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

/**
 * Lints a parsed plan. Pass `text` (the text `doc` was parsed from) for the rules that read it:
 * empty sections, external links, self-containment, silent update. Never throws.
 */
export function lintPlan(doc: PlanDoc, context: LintContext = {}, text?: string): PlanDiagnostic[] {
	return runRules(LINT_RULES, doc, context, text);
}
