/**
 * Phases, steps and milestones (DESIGN §2–3): from phase headings (nested where the document
 * nests them), checklist phases (`- [x] **Phase 1: Foundation** - …`), phase tables, or the
 * whole body of a phase document. Status comes from the heading, then a `Status:` line in
 * the phase's own text, then a checklist/table entry for the same number; only when none of
 * these states anything is it derived from the tasks: all ticked (≥ 1) → done, some ticked →
 * in-progress, else open. A status that disagrees with the boxes is kept as written.
 */
import type { Phase, PhaseStatus, ProgressItem, Section, Span } from '../types';
import { readBudget } from './budgets';
import { fieldValue, readFields, type Field } from './fields';
import { livingKind, normaliseTitle } from './living';
import { cellText, tableColumns, toProgressItem } from './items';
import { phaseStatusFromWord, readPhaseHead, stageOf, type PhaseHead } from './phase-heads';
import { firstDate } from './stamps';
import type { Scan, TaskNode } from './tree';
import { firstAtOrAfter, lineEndAt, memoByString, startingWithin, stripInline } from './util';

interface Draft {
	head: PhaseHead;
	section: Section | null;
	span: { start: number; end: number };
	headingSpan: { start: number; end: number };
	contentStart: number;
	/** Tasks of a checklist phase (its nested items). */
	itemTasks: TaskNode[] | null;
	/** Status from a checklist box or a status table row with the same number. */
	external: { status: PhaseStatus; note: string | null } | null;
	children: Draft[];
	stages: Phase['stages'];
}

const ENTRY_RE = /^(?:entry criteria|prerequisites|preconditions)$/;
const EXIT_RE = /^(?:exit criteria|success criteria|completion criteria|acceptance criteria|definition of done|done when)$/;

/**
 * A phase known without reading its text again (see `phases-after-insert.ts`), by its span and
 * heading span in the text being parsed, or null to read it.
 */
export type KnownPhase = (span: Span, headingSpan: Span) => Phase | null;

/** All phases of the document, nested, with ids assigned; `known` may supply phases whose text did not change. */
export function buildPhases(scan: Scan, sections: readonly Section[], title: Section | null, known?: KnownPhase): Phase[] {
	const drafts = headingPhases(scan, sections, title);
	mergeChecklistPhases(scan, drafts);
	mergeTablePhases(scan, drafts);
	const phases = drafts.map((d) => finish(scan, sections, d, known));
	assignIds(phases);
	return phases;
}

function headingPhases(scan: Scan, sections: readonly Section[], title: Section | null): Draft[] {
	const numberedOk = numberedHeadingsArePhases(scan, sections);
	const named = namedNumbers(sections, numberedOk);
	const top: Draft[] = [];
	const stack: Draft[] = [];
	for (const s of sections) {
		while (stack.length && stack[stack.length - 1].span.end <= s.span.start) stack.pop();
		const parent = stack[stack.length - 1] ?? null;
		const stage = parent ? stageOf(s.title) : null;
		if (parent && stage) {
			if (!parent.stages[stage]) parent.stages[stage] = s;
			continue;
		}
		if (livingKind(s.title)) continue;
		const isTitle = title !== null && s === title;
		let head = readPhaseHead(s.title, numberedOk, false);
		if (!head && isTitle) head = idHead(s.title) ?? titlePhaseHead(scan, s);
		// `# Phase 2 Progress Summary` over `### Phase 2: Component Creation`: the title names the document,
		// the heading below names the phase (`## Phase 2 Completion Summary` below a title names no phase).
		if (head && isTitle && namedPhaseBelow(sections, s, head.number, numberedOk)) head = null;
		// `## Phase 1 Completion Criteria` beside `## Phase 1: Alpha`: a section about phase 1, not a second phase 1.
		else if (head && !isTitle && !namedPhase(head) && named.has(head.number)) head = null;
		if (!head) continue;
		const draft: Draft = {
			head,
			section: s,
			span: { ...s.span },
			headingSpan: { ...s.headingSpan },
			contentStart: s.contentStart,
			itemTasks: null,
			external: null,
			children: [],
			stages: { build: null, review: null, verify: null }
		};
		(parent ? parent.children : top).push(draft);
		stack.push(draft);
	}
	return top;
}

/** `Phase 2: Title`, `Phase 2 — Title`: a number followed by a separator, as phases are named (not `Phase 2 Progress Summary`). */
function namedPhase(head: PhaseHead): boolean {
	return /^\s*[:—–-]/.test(head.rest);
}

/** The numbers of phases some heading names (see `namedPhase`). */
function namedNumbers(sections: readonly Section[], numberedOk: boolean): Set<string> {
	const out = new Set<string>();
	for (const s of sections) {
		if (livingKind(s.title)) continue;
		const head = readPhaseHead(s.title, numberedOk, false);
		if (head && namedPhase(head)) out.add(head.number);
	}
	return out;
}

/** Whether a heading other than `title` names a phase numbered `number` (see `namedPhase`). */
function namedPhaseBelow(sections: readonly Section[], title: Section, number: string, numberedOk: boolean): boolean {
	return sections.some((s) => {
		if (s === title || livingKind(s.title)) return false;
		const head = readPhaseHead(s.title, numberedOk, false);
		return head !== null && head.number === number && namedPhase(head);
	});
}

/** `# TASK-009: Migrate …`, `# EP-82: …`: an ID-titled document is one step. */
export function idHead(title: string): PhaseHead | null {
	const m = /^([A-Z]{2,8}-\d+[A-Za-z0-9]*)\s*[:—–-]\s*(.*)$/u.exec(stripInline(title));
	return m ? { keyword: null, number: m[1], title: m[2].trim(), status: null, statusNote: null, completed: null, rest: m[2] } : null;
}

/** `# V1.2.0 - Phase 1: Foundation` followed by phase metadata: the document is that phase. */
function titlePhaseHead(scan: Scan, s: Section): PhaseHead | null {
	const head = readPhaseHead(s.title, false, true);
	if (!head) return null;
	const fields = readFields(scan.text, s.contentStart, Math.min(s.span.end, s.contentStart + 4000), scan.opaque, 30);
	return fields.some((f) => /token budget|^status$|tokens spent|^budget$/.test(f.label)) ? head : null;
}

/** `## 1. Title` / `### 1.1. Title` count as phases only in a document with no keyword phases whose numbered sections hold tasks. */
function numberedHeadingsArePhases(scan: Scan, sections: readonly Section[]): boolean {
	let numbered = 0;
	let withTasks = 0;
	for (const s of sections) {
		if (readPhaseHead(s.title, false, false)) return false;
		if (/^\s*(?:\*\*)?\d+(?:\.\d+)*\.?\s/.test(s.title) && !livingKind(s.title)) {
			numbered++;
			if (startingWithin(scan.allTasks, s.contentStart, s.span.end).length) withTasks++;
		}
	}
	return numbered >= 2 && withTasks >= 1;
}

/** `- [x] **Phase 1: Foundation** - …`: merged into the heading phase of the same number, else a phase of its own. */
function mergeChecklistPhases(scan: Scan, drafts: Draft[]): void {
	const byNumber = indexByNumber(drafts);
	const added: Draft[] = [];
	for (const item of scan.items) {
		if (!item.task) continue;
		const bold = boldLead(scan.text, item.task.textStart, Math.min(item.task.textEnd, item.task.textStart + 300));
		const head = bold === null ? null : readPhaseHead(bold, false, false);
		if (!head || head.keyword === 'task') continue;
		const status: PhaseStatus = item.task.state === 'done' ? 'done' : item.task.state === 'na' ? 'skipped' : item.task.state === 'partial' ? 'in-progress' : 'open';
		const same = byNumber.get(normNumber(head.number));
		if (same) {
			if (!same.external) same.external = { status, note: null };
			continue;
		}
		added.push({
			head: { ...head, status: head.status ?? status },
			section: null,
			span: { start: item.start, end: item.end },
			headingSpan: { start: item.start, end: Math.min(item.end, lineEndAt(scan.text, item.start)) },
			contentStart: item.task.textStart,
			itemTasks: item.task.children,
			external: null,
			children: [],
			stages: { build: null, review: null, verify: null }
		});
	}
	insertSorted(drafts, added);
}

/**
 * The words of a `**…**` run at the very start of `text[from, to)` (what the pattern
 * `^\*\*([^*]+)\*\*` captures on that cut-out text), or null. Read in place: the thousands of
 * items of a long plan cost a few character comparisons each per keystroke, not a copy and a match.
 */
export function boldLead(text: string, from: number, to: number): string | null {
	if (to - from < 5 || text.charCodeAt(from) !== 42 || text.charCodeAt(from + 1) !== 42) return null;
	let star = from + 2;
	while (star < to && text.charCodeAt(star) !== 42) star++;
	if (star === from + 2 || star + 2 > to || text.charCodeAt(star + 1) !== 42) return null;
	return text.slice(from + 2, star);
}

/** Tables with a Status column whose rows name phases: merged into existing phases, or phases of their own. */
function mergeTablePhases(scan: Scan, drafts: Draft[]): void {
	const byNumber = indexByNumber(drafts);
	const added: Draft[] = [];
	for (const table of scan.tables) {
		const cols = tableColumns(scan.text, table);
		if (!cols) continue;
		const header = table.rows[0].cells.map((c) => stripInline(cellText(scan.text, c).value).toLowerCase());
		if (!header.some((h) => /^(#|no\.?|phase|step|milestone|id)$/.test(h))) continue;
		for (const row of table.rows.slice(1)) {
			const cells = row.cells.map((c) => cellText(scan.text, c).value);
			const found = rowNumber(cells, cols.label);
			if (!found) continue;
			const statusRaw = cells[cols.status] ?? '';
			const status = phaseStatusFromWord(statusRaw);
			const same = byNumber.get(normNumber(found.number));
			if (same) {
				if (!same.external && status) same.external = { status, note: stripInline(statusRaw) || null };
				continue;
			}
			if (drafts.length) continue;
			added.push({
				head: { keyword: 'phase', number: found.number, title: found.title, status, statusNote: status ? stripInline(statusRaw) : null, completed: null, rest: found.title },
				section: null,
				span: { start: row.start, end: row.end },
				headingSpan: { start: row.start, end: row.end },
				contentStart: row.end,
				itemTasks: [],
				external: null,
				children: [],
				stages: { build: null, review: null, verify: null }
			});
		}
	}
	insertSorted(drafts, added);
}

/** A row's title cell without a trailing status parenthetical. */
const rowTitle = memoByString((s: string): string =>
	stripInline(s)
		.replace(/\s*\(([^()]*)\)\s*$/, (w, inner: string) => (phaseStatusFromWord(inner) ? '' : w))
		.trim()
);

function rowNumber(cells: string[], label: number): { number: string; title: string } | null {
	const titleOf = rowTitle;
	const first = stripInline(cells[0] ?? '');
	if (/^\d+[A-Za-z]?(?:\.\d+)*$/.test(first)) return { number: first, title: titleOf(cells[label !== 0 ? label : 1] ?? '') };
	const l = stripInline(cells[label] ?? '');
	const m = /^(?:(?:phase|step|milestone)\s+)?(\d+[A-Za-z]?(?:\.\d+)*)[.:)]?\s+(.*)$/i.exec(l);
	return m ? { number: m[1], title: titleOf(m[2]) } : null;
}

function normNumber(n: string): string {
	return /^\d+$/.test(n) ? String(Number(n)) : n.toLowerCase();
}

function indexByNumber(drafts: Draft[]): Map<string, Draft> {
	const map = new Map<string, Draft>();
	const visit = (ds: Draft[]): void => {
		for (const d of ds) {
			const key = normNumber(d.head.number);
			if (!map.has(key)) map.set(key, d);
			visit(d.children);
		}
	};
	visit(drafts);
	return map;
}

function insertSorted(drafts: Draft[], added: Draft[]): void {
	if (!added.length) return;
	drafts.push(...added);
	drafts.sort((a, b) => a.span.start - b.span.start);
}

/** The parts of a phase's text not inside a child phase. */
function ownRanges(d: Draft): { start: number; end: number }[] {
	const out: { start: number; end: number }[] = [];
	let pos = d.contentStart;
	for (const c of d.children) {
		if (c.span.start > pos) out.push({ start: pos, end: c.span.start });
		pos = Math.max(pos, c.span.end);
	}
	if (d.span.end > pos) out.push({ start: pos, end: d.span.end });
	return out;
}

function finish(scan: Scan, sections: readonly Section[], d: Draft, known?: KnownPhase): Phase {
	const kept = known?.(d.span, { start: d.headingSpan.start, end: Math.min(d.headingSpan.end, d.span.end) });
	if (kept) return kept;
	const children = d.children.map((c) => finish(scan, sections, c, known));
	const own = d.itemTasks ? [] : ownRanges(d);
	const fields: Field[] = own.flatMap((r) => readFields(scan.text, r.start, r.end, scan.opaque));
	const taskNodes = d.itemTasks ?? own.flatMap((r) => startingWithin(scan.tasks, r.start, r.end));
	const tasks = taskNodes.map((t) => toProgressItem(scan.text, t));

	let status = d.head.status;
	let statusNote = d.head.statusNote;
	const statusField = fieldValue(fields, /^(?:status|phase status|state)$/);
	if (status === null && statusField) {
		status = phaseStatusFromWord(statusField.value);
		if (status) statusNote = stripInline(statusField.value) || null;
	}
	if (status === null && d.external) {
		status = d.external.status;
		statusNote = d.external.note;
	}
	if (status === null) status = deriveStatus(tasks);

	const started = fieldValue(fields, /^(?:started|start date|date started|started on)$/);
	const completedField = fieldValue(fields, /^(?:completed|completion date|date completed|completed on|finished)$/);
	const completed = completedField ? firstDate(completedField.value) ?? stripInline(completedField.value) : d.head.completed;

	const criteria = readCriteria(scan, sections, own, fields);
	const summary = own.length ? sectionsWithin(sections, own).find((s) => normaliseTitle(s.title) === 'completion summary') ?? null : null;

	return {
		id: '',
		span: d.span,
		headingSpan: { start: d.headingSpan.start, end: Math.min(d.headingSpan.end, d.span.end) },
		number: d.head.number,
		title: d.head.title,
		status,
		statusNote,
		started: started ? firstDate(started.value) ?? stripInline(started.value) : null,
		completed,
		dependsOn: readDepends(fields),
		entryCriteria: criteria.entry,
		exitCriteria: criteria.exit,
		stages: d.stages,
		tasks,
		budget: readBudget(fields, d.section ? d.section.title : null),
		summary,
		children
	};
}

function deriveStatus(tasks: readonly ProgressItem[]): PhaseStatus {
	let all = 0;
	let done = 0;
	const count = (items: readonly ProgressItem[]): void => {
		for (const t of items) {
			all++;
			if (t.checked) done++;
			count(t.children);
		}
	};
	count(tasks);
	if (all > 0 && done === all) return 'done';
	return done > 0 ? 'in-progress' : 'open';
}

function sectionsWithin(sections: readonly Section[], ranges: readonly { start: number; end: number }[]): Section[] {
	const out: Section[] = [];
	for (const r of ranges) {
		for (let i = firstSectionAtOrAfter(sections, r.start); i < sections.length && sections[i].span.start < r.end; i++) out.push(sections[i]);
	}
	return out;
}

/** First index of a section starting at or after `offset` (sections are sorted by start). */
export function firstSectionAtOrAfter(sections: readonly Section[], offset: number): number {
	let lo = 0;
	let hi = sections.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sections[mid].span.start < offset) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function readCriteria(
	scan: Scan,
	sections: readonly Section[],
	own: readonly { start: number; end: number }[],
	fields: readonly Field[]
): { entry: ProgressItem[]; exit: ProgressItem[] } {
	const entry: ProgressItem[] = [];
	const exit: ProgressItem[] = [];
	for (const s of sectionsWithin(sections, own)) {
		const t = normaliseTitle(s.title);
		const target = ENTRY_RE.test(t) ? entry : EXIT_RE.test(t) ? exit : null;
		if (target) target.push(...startingWithin(scan.tasks, s.contentStart, s.span.end).map((n) => toProgressItem(scan.text, n)));
	}
	for (const f of fields) {
		const target = ENTRY_RE.test(f.label) ? entry : EXIT_RE.test(f.label) ? exit : null;
		if (!target || f.value.trim() !== '') continue;
		const li = firstAtOrAfter(scan.lists, f.lineEnd);
		const list = scan.lists[li];
		if (!list || scan.text.slice(f.lineEnd, list.start).trim() !== '') continue;
		// The list's own items (not those of lists nested in it), found from the list's start on.
		for (const t of startingWithin(scan.allTasks, list.start, list.end)) if (t.listStart === list.start) target.push(toProgressItem(scan.text, t));
	}
	return { entry, exit };
}

/** `Phase 3`, `phase-01 (schema), phase-02 (sync)`, `Requires Phase 4`, `Nothing (first phase)` → numbers as written. */
export function parseDepends(value: string): string[] {
	const v = stripInline(value).trim();
	if (v === '' || /^(?:nothing|none|n\/a|no dependencies|-|—|–)\b/i.test(v) || /^\(?none/i.test(v)) return [];
	const out: string[] = [];
	const push = (n: string): void => {
		const x = n.replace(/[.,;:]+$/, '');
		if (x && !out.includes(x)) out.push(x);
	};
	const keyword = /(?:phases?|steps?|milestones?|tasks?)[\s_-]*((?:[A-Za-z]{0,5}-?)?\d[A-Za-z0-9]*(?:[.-]\d[A-Za-z0-9]*)*)((?:\s*(?:,|and|&|\/)\s*\d[A-Za-z0-9.]*)*)/gi;
	let any = false;
	for (const m of v.matchAll(keyword)) {
		any = true;
		push(m[1]);
		for (const extra of m[2].matchAll(/\d[A-Za-z0-9.]*/g)) push(extra[0]);
	}
	if (any) return out;
	for (const m of v.matchAll(/(?<![\w.])(\d+(?:[.-]\d+)*[A-Za-z]?)(?![\w])/g)) push(m[1]);
	return out;
}

const dependsOf = memoByString(parseDepends);

function readDepends(fields: readonly Field[]): string[] {
	const f = fieldValue(fields, /^(?:depends on|depends|dependencies|dependency|depends_on|blocked by|blockedby|prerequisite phases?)$/);
	return f ? [...dependsOf(f.value)] : [];
}

/** Ids: the number where unique in the document, else `number#n` for the n-th (n ≥ 2) in document order. */
export function assignIds(phases: Phase[]): void {
	const all: Phase[] = [];
	const visit = (ps: Phase[]): void => {
		for (const p of ps) {
			all.push(p);
			visit(p.children);
		}
	};
	visit(phases);
	all.sort((a, b) => a.span.start - b.span.start);
	const seen = new Map<string, number>();
	for (const p of all) {
		const n = (seen.get(p.number) ?? 0) + 1;
		seen.set(p.number, n);
		p.id = n === 1 ? p.number : `${p.number}#${n}`;
	}
}
