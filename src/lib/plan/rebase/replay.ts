/**
 * Recording panel edits and replaying them on another text (sync after the remote moved):
 * edits that point at an item by offset are found again by the item's text, each replay
 * uses the edit's own time, and an edit the other side already made is skipped.
 */
import { applyChanges, planEditChanges } from '../edit';
import { allItems, allPhases } from '../edit/context';
import { parsePlan } from '../parse';
import type { PlanDoc, PlanEdit, RecordedEdit } from '../types';

/** What a replay gives: the new text and how many edits were already in it. */
export interface Replayed {
	text: string;
	skipped: number;
}

type OffsetEdit = Extract<PlanEdit, { at: number }>;

function isOffsetEdit(edit: PlanEdit): edit is OffsetEdit {
	return edit.kind === 'toggle-item' || edit.kind === 'set-item-state' || edit.kind === 'resolve-question';
}

/** The items (or questions) an offset edit can point at, with their start and text. */
function targets(doc: PlanDoc, edit: OffsetEdit): { start: number; text: string; resolved: boolean }[] {
	if (edit.kind === 'resolve-question') return doc.openQuestions.map((q) => ({ start: q.span.start, text: q.text, resolved: q.resolved }));
	return allItems(doc).map((it) => ({ start: it.span.start, text: it.text, resolved: false }));
}

/**
 * A panel edit with what a later replay needs: the text of the item or question at `edit.at`
 * in `text` (the text the edit is made on) and the time. Throws RangeError when `edit.at`
 * names nothing in `text`, as `planEditChanges` does.
 */
export function recordEdit(text: string, edit: PlanEdit, time: Date): RecordedEdit {
	const recorded: RecordedEdit = { edit, time: time.toISOString() };
	if (!isOffsetEdit(edit)) return recorded;
	const target = targets(parsePlan(text), edit).find((t) => t.start === edit.at);
	if (!target) throw new RangeError(`No item or question starts at offset ${edit.at}`);
	return { ...recorded, itemText: target.text };
}

/** First line of an item's or question's text. */
function firstLine(text: string): string {
	return text.split(/\r?\n/, 1)[0].trim();
}

/**
 * The edit moved to where its item now is (the one nearest the old offset among those with the
 * recorded text), null when there is none; `done` when the other side already resolved the
 * question. A question also matches by its first line, since resolving it adds lines to its text.
 */
function relocate(doc: PlanDoc, rec: RecordedEdit & { edit: OffsetEdit }): { edit: OffsetEdit; done: boolean } | null {
	const { edit, itemText } = rec;
	if (itemText === undefined) return null;
	const all = targets(doc, edit);
	let found = all.filter((t) => t.text === itemText);
	if (!found.length && edit.kind === 'resolve-question') found = all.filter((t) => firstLine(t.text) === firstLine(itemText));
	let best: { start: number; resolved: boolean } | null = null;
	for (const t of found) if (!best || Math.abs(t.start - edit.at) < Math.abs(best.start - edit.at)) best = t;
	if (!best) return null;
	return { edit: { ...edit, at: best.start }, done: edit.kind === 'resolve-question' && best.resolved };
}

/** True when replaying `edit` on `doc` would repeat what the text already says (a phase completed on both sides). */
function alreadyDone(doc: PlanDoc, edit: PlanEdit): boolean {
	if (edit.kind !== 'complete-phase') return false;
	return allPhases(doc).some((p) => p.id === edit.phase && p.status === 'done');
}

/**
 * `text` with the recorded edits made in order, each at its own recorded time, or null when one
 * cannot be made (its item, question or phase is gone). Edits that change nothing (the remote
 * made them too) leave the text as it is and count as skipped.
 */
export function replayEdits(text: string, edits: readonly RecordedEdit[], opts: { timeZone: string }): Replayed | null {
	let current = text;
	let skipped = 0;
	for (const rec of edits) {
		const now = new Date(rec.time);
		if (Number.isNaN(now.getTime())) return null;
		const doc = parsePlan(current);
		let edit: PlanEdit = rec.edit;
		if (isOffsetEdit(edit)) {
			const moved = relocate(doc, { ...rec, edit });
			if (!moved) return null;
			if (moved.done) {
				skipped++;
				continue;
			}
			edit = moved.edit;
		} else if (alreadyDone(doc, edit)) {
			skipped++;
			continue;
		}
		let next: string;
		try {
			next = applyChanges(current, planEditChanges(current, edit, { now, timeZone: opts.timeZone }));
		} catch {
			// The edit no longer fits the text (a RangeError) or the engine refused it: the caller merges instead.
			return null;
		}
		if (next === current) skipped++;
		current = next;
	}
	return { text: current, skipped };
}
