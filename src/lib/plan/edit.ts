/**
 * The edit engine: a `PlanEdit` becomes minimal text changes in the coordinates of the text it
 * is computed against (re-parsed here, so changes never apply to an older text), following the
 * plan's own style. Everything outside the changed bytes stays as it was (CRLF, BOM, emoji, fences).
 */
import { parsePlan } from './parse';
import type { EditOptions, PlanDoc, PlanEdit, TextChange } from './types';
import { addSpent, setBudget, setSpent } from './edit/budget-lines';
import { createContext, type EditContext } from './edit/context';
import { addDecision, addOutcome, addProgress, addQuestion, addSurprise, resolveQuestion } from './edit/entries';
import { setItemState } from './edit/items';
import { completePhase, reopenPhase, setPhaseStatus, startPhase } from './edit/phases';

/** A bare `Date` means `{ now }`. */
function toOptions(opts: EditOptions | Date): EditOptions {
	return opts instanceof Date ? { now: opts } : opts;
}

function changesFor(ctx: EditContext, edit: PlanEdit): TextChange[] {
	switch (edit.kind) {
		case 'toggle-item':
			return setItemState(ctx, edit.at, edit.checked ? 'done' : 'open');
		case 'set-item-state':
			return setItemState(ctx, edit.at, edit.state);
		case 'add-progress':
			return addProgress(ctx, oneLine(edit.text));
		case 'add-surprise':
			return addSurprise(ctx, oneLine(edit.text), edit.evidence === undefined ? undefined : oneLine(edit.evidence));
		case 'add-decision':
			return addDecision(ctx, oneLine(edit.text), oneLine(edit.rationale), edit.author === undefined ? undefined : oneLine(edit.author));
		case 'add-outcome':
			return addOutcome(ctx, oneLine(edit.text));
		case 'add-question':
			return addQuestion(ctx, oneLine(edit.text), edit.blocker ?? false);
		case 'resolve-question':
			return resolveQuestion(ctx, edit.at, oneLine(edit.resolution));
		case 'start-phase':
			return startPhase(ctx, edit.phase);
		case 'complete-phase':
			return completePhase(ctx, edit.phase, edit.lessons === undefined ? undefined : oneLine(edit.lessons));
		case 'reopen-phase':
			return reopenPhase(ctx, edit.phase);
		case 'set-phase-status':
			return setPhaseStatus(ctx, edit.phase, edit.status, oneLine(edit.reason));
		case 'set-budget':
			return setBudget(ctx, edit.phase, edit.low, edit.high, edit.multiplier);
		case 'set-spent':
			return setSpent(ctx, edit.phase, edit.tokens);
		case 'add-spent':
			return addSpent(ctx, edit.phase, edit.tokens);
	}
}

/** User text goes on one line (line breaks would split an entry into structure of its own). */
function oneLine(s: string): string {
	return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Sorts changes, joins insertions at the same point in emission order, and rejects overlaps (an engine bug). */
export function normalizeChanges(text: string, changes: TextChange[]): TextChange[] {
	const sorted = changes
		.map((c, i) => ({ c, i }))
		.sort((a, b) => a.c.from - b.c.from || (a.c.to - a.c.from) - (b.c.to - b.c.from) || a.i - b.i)
		.map(({ c }) => c);
	const out: TextChange[] = [];
	for (const c of sorted) {
		if (c.from < 0 || c.to < c.from || c.to > text.length) throw new RangeError(`Change out of range: ${c.from}-${c.to}`);
		const prev = out[out.length - 1];
		if (prev && prev.from === c.from && prev.to === prev.from && c.to === c.from) {
			prev.insert += c.insert;
			continue;
		}
		if (prev && c.from < prev.to) throw new Error(`Overlapping plan edit changes at ${c.from}`);
		if (c.from === c.to && c.insert === '') continue;
		out.push({ ...c });
	}
	return out;
}

/**
 * The changes that perform `edit` on `markdown`, in `markdown`'s coordinates (as CodeMirror takes
 * them), sorted and non-overlapping. A bare `Date` as `opts` means `{ now }`. Throws RangeError
 * when the edit names no item, question or phase of `markdown` (a caller mistake).
 */
export function planEditChanges(markdown: string, edit: PlanEdit, opts: EditOptions | Date, doc?: PlanDoc): TextChange[] {
	// `doc` (the model of exactly `markdown`, e.g. the editor's, kept by its incremental parser)
	// spares a full parse: seconds on a 20,000-line plan, for every panel action.
	const ctx = createContext(markdown, doc ?? parsePlan(markdown), toOptions(opts));
	return normalizeChanges(markdown, changesFor(ctx, edit));
}

/** Applies sorted, non-overlapping changes (in the coordinates of `text`) to `text`. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
	let out = '';
	let pos = 0;
	for (const c of changes) {
		out += text.slice(pos, c.from) + c.insert;
		pos = c.to;
	}
	return out + text.slice(pos);
}

/** `markdown` with `edit` performed (see {@link planEditChanges}). */
export function applyPlanEdit(markdown: string, edit: PlanEdit, opts: EditOptions | Date): string {
	return applyChanges(markdown, planEditChanges(markdown, edit, opts));
}
