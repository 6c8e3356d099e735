/**
 * The next thing to do in a plan: the first open row whose phase may start, and across a
 * folder of numbered step files, the first step not yet done (the Execute skill's rule).
 */
import { allPhases, findPhase, isSatisfied } from './deps';
import { naturalCompare } from './natural-sort';
import type { Phase, PlanDoc, ProgressItem, Span } from './types';

/** What to do next: a progress item, a phase task, or (with no open rows) a phase or a whole step file. */
export interface NextAction {
	/** The innermost phase holding the row; null outside phases. */
	phaseId: string | null;
	/** The row (or the phase/step heading) in the parsed text. */
	span: Span;
	text: string;
	kind: 'progress' | 'task' | 'phase' | 'step';
}

interface Row {
	item: ProgressItem;
	kind: 'progress' | 'task';
}

/** Open rows are still to do; `waiting` (blocked), `na`, `failed` and `warning` rows are not picked. */
function isOpen(item: ProgressItem): boolean {
	return item.state === 'open' || item.state === 'partial';
}

/**
 * Rows that may be the next action (open, with no open child), by start: a phase task wins over
 * the progress item at the same place (the same item). Only those are kept, as only those can
 * be picked, so a long plan's thousand done rows cost no map entries and no sorting on every keystroke.
 */
function collect(items: ProgressItem[], kind: Row['kind'], rows: Map<number, Row>): void {
	for (const item of items) {
		if (isOpen(item) && !item.children.some(isOpen)) {
			const known = rows.get(item.span.start);
			if (!known || kind === 'task') rows.set(item.span.start, { item, kind });
		}
		collect(item.children, kind, rows);
	}
}

/** Innermost phase whose span holds `span`. */
function phaseOf(phases: Phase[], span: Span): Phase | null {
	let best: Phase | null = null;
	for (const p of phases)
		if (p.span.start <= span.start && span.end <= p.span.end && (!best || p.span.end - p.span.start <= best.span.end - best.span.start)) best = p;
	return best;
}

/** Phases that contain `phase` (itself included), outermost first. */
function ancestry(phases: Phase[], phase: Phase): Phase[] {
	return phases.filter((p) => p.span.start <= phase.span.start && phase.span.end <= p.span.end);
}

/** True when the phase and its ancestors are still to do and every dependency that names a phase here is done or skipped. */
function mayStart(phases: Phase[], phase: Phase): boolean {
	return ancestry(phases, phase).every(
		(p) =>
			(p.status === 'open' || p.status === 'in-progress') &&
			p.dependsOn.every((ref) => {
				const dep = findPhase(phases, ref);
				return dep === null || isSatisfied(dep.status);
			})
	);
}

/**
 * The first open row (progress item or phase task, document order) whose phase may start; an
 * open row with open children yields its first open child. With no open rows, the first phase
 * that is still to do and may start. Dependencies naming no phase of this plan do not block.
 */
export function nextAction(doc: PlanDoc): NextAction | null {
	const phases = allPhases(doc);
	const rows = new Map<number, Row>();
	collect(doc.progress, 'progress', rows);
	for (const p of phases) collect(p.tasks, 'task', rows);
	const ordered = [...rows.values()].sort((a, b) => a.item.span.start - b.item.span.start);
	for (const { item, kind } of ordered) {
		if (!isOpen(item) || item.children.some(isOpen)) continue;
		const phase = phaseOf(phases, item.span);
		if (phase && !mayStart(phases, phase)) continue;
		return { phaseId: phase?.id ?? null, span: item.span, text: item.text, kind };
	}
	for (const phase of phases) {
		if (phase.children.length > 0 || !mayStart(phases, phase)) continue;
		if (flatten(phase.tasks).some((i) => i.state === 'done') && !flatten(phase.tasks).some(isOpen)) continue;
		return { phaseId: phase.id, span: phase.headingSpan, text: phase.title, kind: 'phase' };
	}
	return null;
}

function flatten(items: ProgressItem[]): ProgressItem[] {
	return items.flatMap((i) => [i, ...flatten(i.children)]);
}

/**
 * Whether a step file is finished: all its top-level phases done or skipped, or — without
 * phases — all its progress items ticked (or N/A). A file with neither is not done.
 */
export function isStepDone(doc: PlanDoc): boolean {
	if (doc.phases.length > 0) return doc.phases.every((p) => isSatisfied(p.status));
	// Dated log entries are history, done by nature: only a checklist can say a step is finished.
	const items = flatten(doc.progress).filter((i) => !i.logEntry);
	return items.length > 0 && items.every((i) => i.state === 'done' || i.state === 'na');
}

/**
 * Across a folder of numbered step files (sorted by their numbers, whatever order they are
 * given in): the next action of the first step not done. A step without open rows yields the
 * step itself (`kind: 'step'`, at its first heading). Null when every step is done.
 */
export function nextActionAcross(files: { path: string; doc: PlanDoc }[]): { path: string; action: NextAction } | null {
	const ordered = [...files].sort((a, b) => naturalCompare(a.path, b.path));
	for (const { path, doc } of ordered) {
		if (isStepDone(doc)) continue;
		const action = nextAction(doc) ?? {
			phaseId: null,
			span: doc.sections[0]?.headingSpan ?? { start: 0, end: 0 },
			text: doc.title ?? path,
			kind: 'step' as const
		};
		return { path, action };
	}
	return null;
}
