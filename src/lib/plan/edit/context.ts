/** What every edit kind needs: the text, its model, the clock and lookups into the model. */
import type { EditOptions, Phase, PlanDoc, ProgressItem, Section, Span } from '../types';
import { clockParts, type ClockParts } from './clock';

/** The text an edit is computed against, its fresh model and the caller's clock. */
export interface EditContext {
	text: string;
	doc: PlanDoc;
	eol: string;
	clock: ClockParts;
	/** The same instant in UTC, for plans whose stamps say `UTC` or `Z`. */
	utc: ClockParts;
}

/** Builds the context; `doc` must be `parsePlan(text)`. */
export function createContext(text: string, doc: PlanDoc, opts: EditOptions): EditContext {
	return { text, doc, eol: doc.lineEnding, clock: clockParts(opts.now, opts.timeZone ?? 'UTC'), utc: clockParts(opts.now, 'UTC') };
}

/** Every progress item of the model (progress, phase tasks, criteria, nested children), each once. */
export function allItems(doc: PlanDoc): ProgressItem[] {
	const seen = new Set<number>();
	const out: ProgressItem[] = [];
	const walk = (items: ProgressItem[]): void => {
		for (const it of items) {
			if (!seen.has(it.span.start)) {
				seen.add(it.span.start);
				out.push(it);
			}
			walk(it.children);
		}
	};
	walk(doc.progress);
	for (const ph of allPhases(doc)) {
		walk(ph.entryCriteria);
		walk(ph.tasks);
		walk(ph.exitCriteria);
	}
	return out.sort((a, b) => a.span.start - b.span.start);
}

/** The item whose span starts at `at`; a position that names no item is a programmer mistake (RangeError). */
export function findItem(doc: PlanDoc, at: number): ProgressItem {
	const item = allItems(doc).find((it) => it.span.start === at);
	if (!item) throw new RangeError(`No progress item starts at offset ${at}`);
	return item;
}

/** Every phase, children included, in document order. */
export function allPhases(doc: PlanDoc): Phase[] {
	const out: Phase[] = [];
	const walk = (phases: Phase[]): void => {
		for (const p of phases) {
			out.push(p);
			walk(p.children);
		}
	};
	walk(doc.phases);
	return out.sort((a, b) => a.span.start - b.span.start);
}

/** The phase with `id`; an unknown id is a programmer mistake (RangeError). */
export function findPhase(doc: PlanDoc, id: string): Phase {
	const phase = allPhases(doc).find((p) => p.id === id);
	if (!phase) throw new RangeError(`No phase with id ${JSON.stringify(id)}`);
	return phase;
}

/**
 * The block of a phase that the parser reads its metadata from: the whole phase minus its child
 * phases (`holes`); new metadata lines go into its head, after the heading.
 */
export function phaseRegion(phase: Phase): { from: number; to: number; headingEnd: number; holes: Span[] } {
	return { from: phase.headingSpan.end, to: phase.span.end, headingEnd: phase.headingSpan.end, holes: phase.children.map((c) => c.span) };
}

/** The section whose heading starts exactly at `start`, if any. */
export function sectionAt(doc: PlanDoc, start: number): Section | null {
	return doc.sections.find((s) => s.span.start === start) ?? null;
}
