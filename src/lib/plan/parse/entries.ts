/**
 * Living-log entries (DESIGN §3): surprises with `Evidence:`, decisions with `Rationale:` /
 * `Date:` / `Author:` / `Date/Author:` lines (as bullets, sub-lines, bare `Decision:` paragraphs,
 * `- **Topic**: Chose …` bullets or `### Decision 1: …` headings), outcomes, open questions,
 * and `- Decision:/Discovery:/Blocker:` bullets of a dated progress log. Surprises and outcomes
 * may be dated headings (`### 2025-10-01 16:00 UTC - The cache was cold` + field lines); a
 * stamped line may carry its labels inline (`- 2025-10-01T14:30Z — Decision: X — Rationale: Y`);
 * a document footer after the last section (`---` + `**Completed By**: …`) is no entry.
 */
import type { Decision, Entry, Question, Section } from '../types';
import { readFields } from './fields';
import { footerStart } from './footer';
import { normaliseTitle } from './living';
import { contentEndBefore, headingEntries } from './log-items';
import { firstDate, readStamp } from './stamps';
import type { ItemNode, Scan } from './tree';
import { firstAtOrAfter, stripInline } from './util';

/** An entry with every labelled line it carried. */
interface RawEntry {
	span: { start: number; end: number };
	text: string;
	/** Leading label such as `decision`, `discovery`, `blocker`, or null. */
	kind: string | null;
	labels: Map<string, string>;
}

const LABEL_LINE =
	/^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?(rationale|date\/author|date|author|evidence|why|reason|decided by|by|resolution|answer|impact|alternatives(?: considered)?|context|consequences?)[ \t]*(?::(?:\*\*|__|\*|_)|(?:\*\*|__|\*|_):|:)[ \t]*(.*)$/i;
const LEAD_LABEL = /^(?:\*\*|__)?(decision|discovery|surprise|observation|finding|blocker|question|outcome|result|lesson|learning|completed)(?:\*\*|__)?[ \t]*(?::(?:\*\*|__)|(?:\*\*|__)?:)[ \t]*/i;
const PLACEHOLDER = /^[(_*]*\s*(?:none(?: yet)?|n\/a|tbd|nothing(?: yet)?|no (?:entries|decisions|surprises) yet)\b[^\n]*$/i;

/** Reads one entry from raw text starting at `start`: text up to the first labelled line, and the labels. */
function readEntry(text: string, start: number, end: number, paraEnd = end): RawEntry | null {
	const raw = text.slice(start, end);
	const labels = new Map<string, string>();
	let textEnd = raw.length;
	let pos = 0;
	let first = true;
	while (pos <= raw.length) {
		let nl = raw.indexOf('\n', pos);
		if (nl === -1) nl = raw.length;
		const line = raw.slice(pos, nl).replace(/\r$/, '');
		const m = LABEL_LINE.exec(line);
		if (m && !first) {
			if (textEnd === raw.length) textEnd = pos;
			const key = m[1].toLowerCase();
			if (!labels.has(key)) labels.set(key, m[2].replace(/(\*\*|__)\s*$/, '').trim());
		}
		first = false;
		pos = nl + 1;
	}
	const body = raw.slice(0, Math.min(textEnd, Math.max(0, paraEnd - start)));
	const e = headOf(body, labels);
	return e ? { span: { start, end }, ...e, labels } : null;
}

/** Text and kind of an entry's first paragraph: a lead label and a stamp (either order) dropped, inline labels moved to `labels`. */
function headOf(body: string, labels: Map<string, string>): { text: string; kind: string | null } | null {
	let offset = 0;
	let lead = LEAD_LABEL.exec(body);
	if (lead) offset = lead[0].length;
	const stamp = readStamp(body.slice(offset));
	if (stamp && stamp.consumed) {
		offset += stamp.consumed;
		labels.set('stamp', stamp.value);
		if (!lead) {
			lead = LEAD_LABEL.exec(body.slice(offset));
			if (lead) offset += lead[0].length;
		}
	}
	const kind = lead ? lead[1].toLowerCase() : null;
	const text = inlineLabels(body.slice(offset), labels).trim();
	if (text === '' || PLACEHOLDER.test(stripInline(text))) return null;
	return { text, kind };
}

/** `X — Rationale: Y — Author: Z` or `X. Rationale: Y`: labels written inline after the text. */
const INLINE_LABEL = /(?:[ \t]+[—–-]|[.;])[ \t\r\n]+(?:\*\*|__)?(rationale|author|evidence)[ \t]*(?::(?:\*\*|__)|(?:\*\*|__)?:)[ \t]+/gi;

/** The text before the first inline label; each label's value goes into `labels` unless a label line set it. */
function inlineLabels(s: string, labels: Map<string, string>): string {
	const found = [...s.matchAll(INLINE_LABEL)];
	if (!found.length) return s;
	for (let i = 0; i < found.length; i++) {
		const m = found[i];
		const from = (m.index ?? 0) + m[0].length;
		const to = i + 1 < found.length ? (found[i + 1].index ?? s.length) : s.length;
		const key = m[1].toLowerCase();
		if (!labels.has(key)) labels.set(key, s.slice(from, to).replace(/\s+/g, ' ').trim());
	}
	const first = found[0];
	// A sentence keeps its full stop (`X. Rationale: Y` → `X.`).
	return s.slice(0, (first.index ?? 0) + (first[0].trimStart().startsWith('.') ? 1 : 0));
}

/** Top-level list items and loose paragraphs of a range, in order. */
function blocksIn(scan: Scan, from: number, to: number, skip: readonly { start: number; end: number }[]): { start: number; end: number; item: ItemNode | null }[] {
	const out: { start: number; end: number; item: ItemNode | null }[] = [];
	let topEnd = -1;
	for (let i = firstAtOrAfter(scan.items, from); i < scan.items.length && scan.items[i].start < to; i++) {
		const it = scan.items[i];
		if (it.start < topEnd || skip.some((s) => it.start >= s.start && it.start < s.end)) continue;
		topEnd = it.end;
		out.push({ start: it.start, end: it.end, item: it });
	}
	for (let i = firstAtOrAfter(scan.paragraphs, from); i < scan.paragraphs.length && scan.paragraphs[i].start < to; i++) {
		const p = scan.paragraphs[i];
		if (skip.some((s) => p.start >= s.start && p.start < s.end)) continue;
		out.push({ start: p.start, end: p.end, item: null });
	}
	return out.sort((a, b) => a.start - b.start);
}

/**
 * Entries of a section: each top list item is one; loose paragraphs start one, or add labelled
 * lines to the previous; with `sections`, each dated subsection is one too. A document footer is none.
 */
function entriesIn(scan: Scan, section: Section, skip: readonly { start: number; end: number }[] = [], sections?: readonly Section[]): RawEntry[] {
	const out: RawEntry[] = [];
	const end = footerStart(scan.text, section.contentStart, section.span.end) ?? section.span.end;
	const heads = sections ? datedHeadingEntries(scan.text, sections, section) : [];
	const skipped = heads.length ? [...skip, ...heads.map((h) => h.span)] : skip;
	for (const b of blocksIn(scan, section.contentStart, end, skipped)) {
		const start = b.item ? (b.item.task ? b.item.task.textStart : b.item.paraStart ?? b.start) : b.start;
		const first = scan.text.slice(start, Math.min(b.end, start + 200));
		const prev = out[out.length - 1];
		if (!b.item && prev && LABEL_LINE.test(first.split('\n')[0]) && !LEAD_LABEL.test(first)) {
			const m = LABEL_LINE.exec(scan.text.slice(b.start, b.end).split('\n')[0].replace(/\r$/, ''));
			if (m && !prev.labels.has(m[1].toLowerCase())) prev.labels.set(m[1].toLowerCase(), m[2].trim());
			for (const [k, v] of readEntry(scan.text, b.start, b.end)?.labels ?? []) if (!prev.labels.has(k)) prev.labels.set(k, v);
			prev.span.end = b.end;
			continue;
		}
		const paraEnd = b.item ? (b.item.task ? b.item.task.textEnd : b.item.paraEnd ?? b.end) : b.end;
		const e = readEntry(scan.text, start, b.end, paraEnd);
		if (e) {
			e.span.start = b.start;
			out.push(e);
		}
	}
	return heads.length ? [...out, ...heads].sort((a, b) => a.span.start - b.span.start) : out;
}

/** Dated subsections of `section` as entries: the heading's words after the stamp, labels from the field lines below it. */
function datedHeadingEntries(text: string, sections: readonly Section[], section: Section): RawEntry[] {
	const out: RawEntry[] = [];
	for (const { section: s } of headingEntries(text, sections, section)) {
		const end = contentEndBefore(text, s.contentStart, Math.min(s.span.end, section.span.end)) ?? s.headingSpan.end;
		const labels = new Map<string, string>();
		for (const line of text.slice(s.contentStart, Math.max(s.contentStart, end)).split('\n')) {
			const m = LABEL_LINE.exec(line.replace(/\r$/, ''));
			if (m && !labels.has(m[1].toLowerCase())) labels.set(m[1].toLowerCase(), m[2].replace(/(\*\*|__)\s*$/, '').trim());
		}
		const head = headOf(s.title, labels);
		if (head) out.push({ span: { start: s.span.start, end }, ...head, labels });
	}
	return out;
}

function toEntry(e: RawEntry, withEvidence: boolean): Entry {
	const dateLabel = e.labels.get('date') ?? e.labels.get('date/author') ?? null;
	const entry: Entry = { span: e.span, text: e.text, date: dateLabel ? firstDate(dateLabel) ?? dateLabel : e.labels.get('stamp') ?? null };
	if (withEvidence) entry.evidence = e.labels.get('evidence') ?? null;
	return entry;
}

function toDecision(e: RawEntry): Decision {
	const base = toEntry(e, false);
	let author = e.labels.get('author') ?? e.labels.get('decided by') ?? e.labels.get('by') ?? null;
	const da = e.labels.get('date/author');
	if (da && !author) {
		const rest = da.replace(firstDate(da) ?? '', '').replace(/^[\s/,;–—-]+|[\s/,;–—-]+$/g, '');
		author = rest || null;
	}
	return { ...base, rationale: e.labels.get('rationale') ?? e.labels.get('why') ?? e.labels.get('reason') ?? null, author };
}

/** Surprises of the surprises section (dated subsections included). */
export function readSurprises(scan: Scan, sections: readonly Section[], section: Section | null): Entry[] {
	return section ? entriesIn(scan, section, [], sections).map((e) => toEntry(e, true)) : [];
}

/** Outcomes of the outcomes section (dated subsections included). */
export function readOutcomes(scan: Scan, sections: readonly Section[], section: Section | null): Entry[] {
	return section ? entriesIn(scan, section, [], sections).map((e) => toEntry(e, false)) : [];
}

/** Decisions of the decision section: `### Decision N: …` subsections, then items and paragraphs outside them. */
export function readDecisions(scan: Scan, sections: readonly Section[], section: Section | null): Decision[] {
	if (!section) return [];
	const subs = sections.filter(
		(s) => s.span.start > section.span.start && s.span.start < section.span.end && /^decision\b/i.test(normaliseTitle(s.title))
	);
	const out: Decision[] = subs.map((s) => {
		const fields = readFields(scan.text, s.contentStart, s.span.end, scan.opaque, 30);
		const get = (re: RegExp): string | null => fields.find((f) => re.test(f.label))?.value ?? null;
		const title = s.title.replace(/^\s*(?:\*\*)?decision(?:\s+\d+)?\s*[:.\-–—]?\s*/i, '').replace(/\*\*$/, '').trim() || s.title;
		const date = get(/^date$/);
		return {
			span: { ...s.span },
			text: title,
			date: date ? firstDate(date) ?? date : null,
			rationale: get(/^(?:rationale|why|reason)$/),
			author: get(/^(?:author|decided by|by)$/)
		};
	});
	const skip = subs.map((s) => s.span);
	out.push(...entriesIn(scan, section, skip).map(toDecision));
	return out.sort((a, b) => a.span.start - b.span.start);
}

/** `- Decision:/Discovery:/Blocker:` bullets of a dated progress log, dated by the heading above them. */
export function readLogEntries(
	scan: Scan,
	sections: readonly Section[],
	progress: readonly Section[]
): { decisions: Decision[]; surprises: Entry[]; questions: Question[] } {
	const decisions: Decision[] = [];
	const surprises: Entry[] = [];
	const questions: Question[] = [];
	for (const p of progress) {
		const dated = sections.filter((s) => s.span.start > p.span.start && s.span.start < p.span.end && firstDate(s.title) !== null);
		for (const d of dated) {
			for (const e of entriesIn(scan, { ...d, span: { ...d.span } })) {
				if (!e.kind) continue;
				const date = e.labels.get('stamp') ?? firstDate(d.title);
				if (e.kind === 'decision') decisions.push({ ...toDecision(e), date });
				else if (e.kind === 'discovery' || e.kind === 'surprise' || e.kind === 'observation' || e.kind === 'finding')
					surprises.push({ ...toEntry(e, true), date });
				else if (e.kind === 'blocker' || e.kind === 'question')
					questions.push({ span: e.span, text: e.text, date, blocker: e.kind === 'blocker', resolved: isResolved(scan.text, e) });
			}
		}
	}
	return { decisions, surprises, questions };
}

function isResolved(text: string, e: RawEntry): boolean {
	const raw = text.slice(e.span.start, e.span.end);
	return /\b(resolved|answered)\b/i.test(raw) || /^[-*+]?\s*(?:\d+\.\s*)?~~/.test(raw) || e.labels.has('resolution') || e.labels.has('answer');
}

/** Whether a section holds open questions or blockers. */
export function isQuestionSection(title: string): boolean {
	return /^(?:open questions?|questions?|blockers?|open issues|unresolved questions?|open questions? (?:&|and) blockers?|blockers? (?:&|and) (?:open )?questions?)\b/.test(normaliseTitle(title));
}

/** Questions of every Open Questions / Blockers / Questions section. */
export function readQuestions(scan: Scan, sections: readonly Section[]): Question[] {
	const out: Question[] = [];
	for (const s of sections) {
		if (!isQuestionSection(s.title)) continue;
		const blockerSection = /blocker/.test(normaliseTitle(s.title));
		for (const e of entriesIn(scan, s)) {
			const task = scan.items[firstAtOrAfter(scan.items, e.span.start)];
			const ticked = task && task.start === e.span.start && task.task?.state === 'done';
			out.push({
				span: e.span,
				text: e.text,
				date: e.labels.get('stamp') ?? null,
				blocker: blockerSection || e.kind === 'blocker',
				resolved: Boolean(ticked) || isResolved(scan.text, e)
			});
		}
	}
	return out;
}
