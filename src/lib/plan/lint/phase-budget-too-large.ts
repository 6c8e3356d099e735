/** Seed anti-pattern: a phase over 2M tokens is too big to track; split it. */
import { allPhases } from '../deps';
import { formatTokens } from '../tokens';
import { diagnostic, type LintRule } from './rule';

/** The largest upper bound a single phase's stated budget may have. */
export const MAX_PHASE_TOKENS = 2_000_000;

/** Fires for each phase whose stated upper bound (before any multiplier) exceeds 2M tokens. */
export const phaseBudgetTooLarge: LintRule = (doc) =>
	allPhases(doc)
		.filter((p) => p.budget !== null && p.budget.high > MAX_PHASE_TOKENS)
		.map((p) =>
			diagnostic(
				p.headingSpan,
				'warning',
				'phase-budget-too-large',
				`Phase ${p.number} is budgeted up to ${formatTokens(p.budget?.high ?? 0)} tokens, over ${formatTokens(MAX_PHASE_TOKENS)}: split it into phases small enough to track.`
			)
		);
