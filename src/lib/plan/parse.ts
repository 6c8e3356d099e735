/**
 * `parsePlan(markdown)`: reads a plan the way people write them into the PlanDoc model of
 * shared/DESIGN.md §2, keeping UTF-16 offsets into exactly the text given (BOM and CRLF
 * included). One remark-parse + remark-gfm pass and one tree walk; everything after works on
 * the collected nodes with binary searches, so the cost stays close to remark's own.
 * It never throws: an input it cannot read yields an empty model.
 */
import type { Budget, Entry, Phase, PlanDoc, PlanKind, ProgressItem, Section } from './types';
import { readBudget } from './parse/budgets';
import { readDecisions, readLogEntries, readOutcomes, readQuestions, readSurprises } from './parse/entries';
import { readFields } from './parse/fields';
import { findLiving } from './parse/living';
import { tableItems, toProgressItem } from './parse/items';
import { logItems } from './parse/log-items';
import { buildPhases, parseDepends } from './parse/phases';
import { takeOverPhases, type WordInsert } from './parse/phases-after-insert';
import { buildSections } from './parse/sections';
import { readStyle } from './parse/style';
import { scanMarkdown, type Scan, type TaskNode } from './parse/tree';
import { startingWithin } from './parse/util';

export { lineStarts, lineIndexAt, lineEndAt, isCheckboxMarker } from './parse/util';

/** Every checkbox item of a parsed plan, nested ones included, in document order (for lint and property tests). */
export function allItems(doc: PlanDoc): ProgressItem[] {
	const out: ProgressItem[] = [];
	const visit = (items: readonly ProgressItem[]): void => {
		for (const i of items) {
			out.push(i);
			visit(i.children);
		}
	};
	visit(doc.checkboxes ?? []);
	return out;
}

/** Parses a plan into its model; never throws (odd input gives an empty or partial model). */
export function parsePlan(markdown: string): PlanDoc {
	const text = typeof markdown === 'string' ? markdown : '';
	try {
		return fullParse(text);
	} catch {
		try {
			const scan = scanMarkdown(text);
			return { ...emptyDoc(text), sections: buildSections(text, scan.headings) };
		} catch {
			return emptyDoc(text);
		}
	}
}

function lineEndingOf(text: string): '\n' | '\r\n' {
	const nl = text.indexOf('\n');
	return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

function emptyDoc(text: string): PlanDoc {
	return {
		title: null,
		kind: 'unknown',
		lineEnding: lineEndingOf(text),
		sections: [],
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		style: { timestamps: 'none', timestampFormat: 'none', datedLog: false, done_marker: '[x]' },
		progress: [],
		surprises: [],
		decisions: [],
		outcomes: [],
		phases: [],
		budget: null,
		openQuestions: [],
		checkboxes: []
	};
}

function fullParse(text: string): PlanDoc {
	return planFromScan(scanMarkdown(text));
}

/**
 * The model built from an already collected `Scan` of `scan.text` (everything `parsePlan` does
 * after remark), so the incremental parser can reuse chunk scans. Throws where `parsePlan`
 * would fall back. With `typed` (the scan is the scan of `typed.before`'s text with a word
 * insert, blocks unchanged), phases the insert cannot touch are taken from `typed.before`.
 */
export function planFromScan(scan: Scan, typed?: WordInsert): PlanDoc {
	const text = scan.text;
	const sections = buildSections(text, scan.headings);
	const { living, progressSections } = findLiving(sections);
	const titleSection = sections.find((s) => s.depth === 1) ?? null;
	const fmTitle = scan.frontMatter?.data.title;
	const title = titleSection ? titleSection.title : typeof fmTitle === 'string' && fmTitle ? fmTitle : null;

	const progressTasks = progressTaskNodes(scan, progressSections);
	const progress = progressItems(scan, sections, progressSections, progressTasks);
	const style = readStyle(scan, sections, progressTasks, progressSections);

	// Phases taken over from the model before a word insert already hold their front-matter dependencies.
	const taken = typed ? takeOverPhases(typed, scan, sections) : null;
	let phases = taken && 'phases' in taken ? taken.phases : null;
	if (!phases) {
		phases = buildPhases(scan, sections, titleSection, taken && 'known' in taken ? taken.known : undefined);
		applyFrontMatterDepends(scan, phases);
	}

	const log = style.datedLog ? readLogEntries(scan, sections, progressSections) : { decisions: [], surprises: [], questions: [] };
	const surprises: Entry[] = [...readSurprises(scan, sections, living.surprises), ...log.surprises].sort(byStart);
	const decisions = [...readDecisions(scan, sections, living.decisions), ...log.decisions].sort(byStart);
	const outcomes = readOutcomes(scan, sections, living.outcomes);
	const openQuestions = [...readQuestions(scan, sections), ...log.questions].sort(byStart);

	const kind = kindOf(scan, sections, living, phases, titleSection, progressSections);
	const budget = kind === 'phase-doc' && phases.length === 1 ? phases[0].budget : docBudget(scan, sections, phases);
	return {
		title,
		kind,
		lineEnding: lineEndingOf(text),
		sections,
		living,
		style,
		progress,
		surprises,
		decisions,
		outcomes,
		phases,
		budget,
		openQuestions,
		checkboxes: scan.tasks.map((t) => toProgressItem(text, t))
	};
}

function byStart(a: { span: { start: number } }, b: { span: { start: number } }): number {
	return a.span.start - b.span.start;
}

/** Checkbox items of the progress-like sections; with no such section, every checkbox item of the document. */
function progressTaskNodes(scan: Scan, progressSections: readonly Section[]): TaskNode[] {
	if (!progressSections.length) return scan.tasks;
	return progressSections.flatMap((s) => startingWithin(scan.tasks, s.contentStart, s.span.end));
}

/** Checkbox items, rows of status tables and dated log entries of the progress sections. */
function progressItems(scan: Scan, sections: readonly Section[], progressSections: readonly Section[], tasks: readonly TaskNode[]): ProgressItem[] {
	const items = tasks.map((t) => toProgressItem(scan.text, t));
	items.push(...logItems(scan, sections, progressSections));
	for (const s of progressSections) {
		for (const table of startingWithin(scan.tables, s.contentStart, s.span.end)) items.push(...tableItems(scan.text, table));
	}
	return items.sort(byStart);
}

/** YAML `depends_on: ["06-01"]` (or `blockedBy`) belongs to the document's single top-level phase. */
function applyFrontMatterDepends(scan: Scan, phases: Phase[]): void {
	const data = scan.frontMatter?.data;
	if (!data || phases.length !== 1 || phases[0].dependsOn.length) return;
	const raw = data.depends_on ?? data.dependson ?? data['depends-on'] ?? data.blockedby;
	if (raw === undefined) return;
	phases[0].dependsOn = Array.isArray(raw) ? raw.filter((s) => s !== '') : parseDepends(raw);
}

function countPhases(phases: readonly Phase[]): number {
	return phases.reduce((n, p) => n + 1 + countPhases(p.children), 0);
}

function kindOf(
	scan: Scan,
	sections: readonly Section[],
	living: PlanDoc['living'],
	phases: readonly Phase[],
	titleSection: Section | null,
	progressSections: readonly Section[]
): PlanKind {
	const titlePhase = titleSection !== null && phases.length === 1 && phases[0].headingSpan.start === titleSection.headingSpan.start;
	if (titlePhase) {
		const fields = readFields(scan.text, titleSection.contentStart, Math.min(titleSection.span.end, titleSection.contentStart + 4000), scan.opaque, 40);
		if (fields.some((f) => /token budget|tokens spent/.test(f.label))) return 'phase-doc';
	}
	const livingCount = Object.values(living).filter((s) => s !== null).length;
	const execHeading = sections.some((s) => /^purpose\b|big picture/i.test(s.title.replace(/[#*_]/g, '').trim()));
	if (livingCount >= 2 || (execHeading && livingCount >= 1)) return 'execplan';
	const fm = scan.frontMatter?.data ?? {};
	if ('task_id' in fm || 'step' in fm || ('phase' in fm && !('status' in fm && 'priority' in fm))) return 'step-file';
	const titleText = titleSection?.title ?? '';
	if (/^(?:\*\*)?(?:task|step)[\s_-]*\d/i.test(titleText)) return 'step-file';
	if (titlePhase) {
		const fields = readFields(scan.text, titleSection.contentStart, Math.min(titleSection.span.end, titleSection.contentStart + 4000), scan.opaque, 40);
		if (fields.some((f) => /^status$/.test(f.label))) return 'phase-doc';
	}
	if (countPhases(phases) >= 2 || /roadmap/i.test(titleText)) return 'roadmap';
	if (progressSections.some((s) => startingWithin(scan.tables, s.contentStart, s.span.end).length)) return 'roadmap';
	if (execHeading) return 'execplan';
	return 'unknown';
}

/** A whole-plan budget stated before the first phase or second-level section. */
function docBudget(scan: Scan, sections: readonly Section[], phases: readonly Phase[]): Budget | null {
	let end = scan.text.length;
	if (phases.length) end = phases[0].span.start;
	else if (sections.length > 1) end = sections[1].span.start;
	const fields = readFields(scan.text, 0, end, scan.opaque, 60);
	return readBudget(fields, null);
}
