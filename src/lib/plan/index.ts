/**
 * The public API of the plan core (shared/DESIGN.md §2): pure functions over Markdown text
 * and the `PlanDoc` model. Everything the app uses from `src/lib/plan` is listed here.
 */

// Reading plans
export { parsePlan } from './parse';

// Editing plans (changes in the coordinates of the text they were computed from)
export { planEditChanges, applyPlanEdit } from './edit';

// Sync: re-creating local commits on a moved remote (panel edits replayed, typing merged three-way)
export { rebaseText, mergeText, recordEdit, replayEdits } from './rebase';
export type { RebaseHow, RebaseInput, RebaseResult, Replayed } from './rebase';
export type { RecordedEdit } from './types';

// Budgets
export { planBudget, efficiency } from './budget';
export type { BudgetFigures, BudgetSource, Efficiency, PhaseBudgetReport, PlanBudgetReport, TotalBudgetReport } from './budget';
export { parseTokenAmount, parseTokenRange, parseMultiplier, formatTokens, findTokenAmounts, findTokenRange } from './tokens';
export type { TokenAmountMatch, TokenRangeMatch } from './tokens';

// Lint
export { lintPlan, selfContainmentScore, LINT_RULES, runRules } from './lint/index';
export type { LintRule } from './lint/index';

// What to do next
export { nextAction, nextActionAcross, isStepDone } from './next-action';
export type { NextAction } from './next-action';

// Finding plans in a repository
export { discoverPlans, hasLivingHeadings } from './discover';
export type { DiscoveredPlan, DiscoverOptions, PlanGroup, ReadFile } from './discover';

// Helpers shared by the UI
export { knownSameContent } from './moved';
export { allPhases, findPhase } from './deps';
export { naturalCompare } from './natural-sort';

// The model
export type {
	Budget,
	Decision,
	EditOptions,
	Entry,
	ItemState,
	LintContext,
	Phase,
	PhaseStatus,
	PlanDiagnostic,
	PlanDoc,
	PlanEdit,
	PlanKind,
	PlanStyle,
	ProgressItem,
	Question,
	Section,
	Severity,
	Span,
	TextChange,
	TimestampFormat,
	TimestampStyle
} from './types';

// Closing a phase: the "Complete phase N" checklist
export { phaseTransition } from './transition';
export type { PhaseTransition, TransitionCheck, TransitionCheckId, TransitionOptions } from './transition';
