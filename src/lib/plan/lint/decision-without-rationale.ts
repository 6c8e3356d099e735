/** An ExecPlan decision is only useful later with its reason (the ExecPlan format asks for `Rationale:`). */
import { diagnostic, quote, type LintRule } from './rule';

/**
 * A reason written inside the decision's own text counts too: `… Rationale: …`, `… because …`,
 * or a bold choice followed by its explanation (`**TUI over desktop app**: stays in the terminal`).
 */
const INLINE_REASON = /\b(?:rationale|reason|why)\s*:|\bbecause\b|^\*\*[^*]+\*\*\s*[:—–-]\s*\S/i;

/** Fires, in ExecPlans, for each decision whose rationale is missing or blank and whose text gives no reason either. */
export const decisionWithoutRationale: LintRule = (doc) => {
	if (doc.kind !== 'execplan') return [];
	return doc.decisions
		.filter((d) => (!d.rationale || d.rationale.trim() === '') && !INLINE_REASON.test(d.text.trim()))
		.map((d) => diagnostic(d.span, 'warning', 'decision-without-rationale', `Decision ${quote(d.text)} gives no rationale.`));
};
