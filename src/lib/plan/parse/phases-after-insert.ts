/**
 * Phases after a word insert (see `word-insert.ts`) without building them again: when the blocks
 * are unchanged and the insert is in no phase, no heading, no table, no checklist item that reads
 * (or would read) as a phase, and not where a title could become a phase, every phase is what it
 * was — the ones before the insert the very same objects, the ones after it moved by its length
 * (holding the new scan's items and sections, as `buildPhases` would).
 */
import { markMoved } from '../moved';
import type { Phase, PlanDoc, ProgressItem, Section } from '../types';
import { toProgressItem } from './items';
import { boldLead, firstSectionAtOrAfter, idHead, type KnownPhase } from './phases';
import { readPhaseHead } from './phase-heads';
import type { Scan } from './tree';
import { firstAtOrAfter } from './util';

/** A plan model and the text it was parsed from, before `inserted` went in at `at`. */
export interface WordInsert {
	before: PlanDoc;
	beforeText: string;
	at: number;
	inserted: string;
}

/** How far into a title section's content its fields can make the title a phase (as `titlePhaseHead` reads). */
const TITLE_FIELDS_REACH = 4000;
/** How much of a checklist item's text its bold lead is read from (as `mergeChecklistPhases` reads). */
const BOLD_LEAD_REACH = 300;

/** What can be taken over from the phases before a word insert (see `takeOverPhases`). */
export type TakenPhases = { phases: Phase[] } | { known: KnownPhase };

/**
 * The phases after a word insert, read once for both ways of taking them over: all of them
 * (`phases`) when the insert is in none and each could be moved, else the ones it is not in
 * (`known`, for `buildPhases`); null when the insert may change which phases there are.
 */
export function takeOverPhases(edit: WordInsert, scan: Scan, sections: readonly Section[]): TakenPhases | null {
	if (!phasesStay(edit, scan, sections)) return null;
	const phases = movedPhases(edit, scan, sections);
	return phases ? { phases } : { known: knownFrom(edit, scan, sections) };
}

/**
 * The phases of `scan` (the scan of the text after the insert, blocks unchanged) from the phases
 * before it, when the insert is in none of them; null when it is in one (see `knownPhases`) or
 * may change which phases there are.
 */
export function phasesAfterInsert(edit: WordInsert, scan: Scan, sections: readonly Section[]): Phase[] | null {
	return phasesStay(edit, scan, sections) ? movedPhases(edit, scan, sections) : null;
}

/**
 * For an insert inside a phase: the phases before it that the insert is not in (by their span and
 * heading span in the new text), moved, for `buildPhases` to take instead of reading them again;
 * null when the insert may change which phases there are.
 */
export function knownPhases(edit: WordInsert, scan: Scan, sections: readonly Section[]): KnownPhase | null {
	return phasesStay(edit, scan, sections) ? knownFrom(edit, scan, sections) : null;
}

/** `phasesAfterInsert` once `phasesStay` holds. */
function movedPhases(edit: WordInsert, scan: Scan, sections: readonly Section[]): Phase[] | null {
	const { before, at, inserted } = edit;
	if (anyPhase(before.phases, (p) => p.span.start <= at && at <= p.span.end)) return null;
	const phases: Phase[] = [];
	for (const p of before.phases) {
		const moved = movePhase(p, at, inserted.length, scan, sections);
		if (!moved) return null;
		phases.push(moved);
	}
	return phases;
}

/** `knownPhases` once `phasesStay` holds. */
function knownFrom(edit: WordInsert, scan: Scan, sections: readonly Section[]): KnownPhase {
	const { before, at, inserted } = edit;
	const d = inserted.length;
	const byHeading = new Map<number, Phase>();
	const visit = (ps: readonly Phase[]): void => {
		for (const p of ps) {
			byHeading.set(p.headingSpan.start, p);
			visit(p.children);
		}
	};
	visit(before.phases);
	return (span, headingSpan) => {
		if (span.start <= at && at <= span.end) return null;
		const old = byHeading.get(headingSpan.start > at ? headingSpan.start - d : headingSpan.start);
		if (!old || old.span.end - old.span.start !== span.end - span.start || old.headingSpan.end - old.headingSpan.start !== headingSpan.end - headingSpan.start) return null;
		return movePhase(old, at, d, scan, sections);
	};
}

/** Whether the insert leaves which phases there are, their headings and their outside statuses as they were. */
function phasesStay(edit: WordInsert, scan: Scan, sections: readonly Section[]): boolean {
	const { beforeText, at, inserted } = edit;
	const d = inserted.length;
	for (const h of scan.headings) if (h.start <= at + d && at <= h.end) return false;
	for (const t of scan.tables) if (t.start <= at + d && at <= t.end) return false;
	for (const item of scan.items) {
		const task = item.task;
		if (!task || task.textStart > at || at > task.textEnd) continue;
		const after = boldLead(scan.text, task.textStart, Math.min(task.textEnd, task.textStart + BOLD_LEAD_REACH));
		const was = boldLead(beforeText, task.textStart, Math.min(task.textEnd - d, task.textStart + BOLD_LEAD_REACH));
		if ((after !== null && readPhaseHead(after, false, false)) || (was !== null && readPhaseHead(was, false, false))) return false;
	}
	const title = sections.find((s) => s.depth === 1);
	return !(title && at >= title.contentStart && at <= title.contentStart + TITLE_FIELDS_REACH + d && titleNeedsFields(title.title));
}

/**
 * Whether a title is a phase only by the fields below it (`titlePhaseHead`): one that reads as a
 * phase on its own (`# Phase 13: …`, `# TASK-009: …`) is one whatever is typed under it.
 */
function titleNeedsFields(title: string): boolean {
	return readPhaseHead(title, false, true) !== null && readPhaseHead(title, false, false) === null && idHead(title) === null;
}

function anyPhase(phases: readonly Phase[], test: (p: Phase) => boolean): boolean {
	return phases.some((p) => test(p) || anyPhase(p.children, test));
}

/**
 * `p` as it is after the insert: the same object when it ends before it, else (it starts after
 * it) a copy moved by `d` whose items and sections are the new scan's own (the objects
 * `buildPhases` would use), marked as moved from `p` (see `moved.ts`), or null when one cannot be found.
 */
function movePhase(p: Phase, at: number, d: number, scan: Scan, sections: readonly Section[]): Phase | null {
	if (p.span.end < at) return p;
	const items = (list: readonly ProgressItem[]): ProgressItem[] | null => {
		const out: ProgressItem[] = [];
		for (const i of list) {
			const k = firstAtOrAfter(scan.allTasks, i.span.start + d);
			const node = scan.allTasks[k];
			if (!node || node.start !== i.span.start + d) return null;
			out.push(toProgressItem(scan.text, node));
		}
		return out;
	};
	const section = (s: Section | null): Section | null | undefined => (s === null ? null : sectionAt(sections, s.span.start + d));
	const children: Phase[] = [];
	for (const c of p.children) {
		const moved = movePhase(c, at, d, scan, sections);
		if (!moved) return null;
		children.push(moved);
	}
	const tasks = items(p.tasks);
	const entryCriteria = items(p.entryCriteria);
	const exitCriteria = items(p.exitCriteria);
	const build = section(p.stages.build);
	const review = section(p.stages.review);
	const verify = section(p.stages.verify);
	const summary = section(p.summary);
	if (!tasks || !entryCriteria || !exitCriteria || build === undefined || review === undefined || verify === undefined || summary === undefined) return null;
	return markMoved<Phase>({
		id: p.id,
		span: { start: p.span.start + d, end: p.span.end + d },
		headingSpan: { start: p.headingSpan.start + d, end: p.headingSpan.end + d },
		number: p.number,
		title: p.title,
		status: p.status,
		statusNote: p.statusNote,
		started: p.started,
		completed: p.completed,
		dependsOn: p.dependsOn,
		entryCriteria,
		exitCriteria,
		stages: { build, review, verify },
		tasks,
		budget: p.budget,
		summary,
		children
	}, p);
}

/** The section of `sections` (sorted by start) that starts at `start`, or undefined. */
function sectionAt(sections: readonly Section[], start: number): Section | undefined {
	const s = sections[firstSectionAtOrAfter(sections, start)];
	return s?.span.start === start ? s : undefined;
}
