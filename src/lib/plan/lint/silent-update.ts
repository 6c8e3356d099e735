/** A plan edit should leave a trace in its living sections. */
import { parsePlan } from '../parse';
import type { PlanDoc } from '../types';
import { diagnostic, docSpan, flattenItems, type LintRule } from './rule';

/** What counts as recording work: progress items, ticked items, decisions, surprises, outcomes. */
function record(doc: PlanDoc): number[] {
	const items = flattenItems(doc.progress);
	return [items.length, items.filter((i) => i.state === 'done').length, doc.decisions.length, doc.surprises.length, doc.outcomes.length];
}

// The previous text (HEAD) rarely changes while typing: parse it once, not on every keystroke
// (and not at all when the caller hands in its model).
let memo: { text: string; record: number[] } | null = null;
function recordOf(previous: string, doc: PlanDoc | undefined): number[] {
	if (memo?.text !== previous) memo = { text: previous, record: record(doc ?? parsePlan(previous)) };
	return memo.record;
}

/**
 * Fires when `text` differs from `context.previousText` but no progress item was added or
 * ticked and no decision, surprise or outcome was added. Needs the text.
 */
export const silentUpdate: LintRule = (doc, context, text) => {
	const previous = context.previousText;
	if (previous === undefined || text === undefined || previous === text) return [];
	const before = recordOf(previous, context.previousDoc);
	const after = record(doc);
	if (after.some((n, i) => n > before[i])) return [];
	return [
		diagnostic(docSpan(doc), 'info', 'silent-update', 'The plan changed but no Progress, Decision or Surprise entry was added: say what happened.')
	];
};
