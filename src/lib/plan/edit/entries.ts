/** add-progress, add-surprise, add-decision, add-outcome, add-question, resolve-question: new entries in the plan's own layout. */
import type { Entry, PlanDoc, Section, Span, TextChange } from '../types';
import type { EditContext } from './context';
import { contentIndent, newPrefix, nextLead, stampedLine } from './entry-forms';
import { appendToDatedLog, appendToSection, createLivingSection, insertBlockAt, sectionEnd, type LivingKey } from './sections';
import { contentEnd, indentOf, isBlank, lineEndAt, lineStartAt, linesIn, trimEnd } from './text';
import { completedLead } from '../parse/log-items';

/** End of the last content line of a span (trailing blank lines and `---` excluded). */
function spanEnd(text: string, span: { start: number; end: number }): number {
	return contentEnd(text, span.start, span.end) ?? lineEndAt(text, span.start);
}

/** The first line of a span. */
function firstLine(text: string, span: Span): string {
	return text.slice(lineStartAt(text, span.start), lineEndAt(text, span.start));
}

/**
 * Text of the first line of a span and its continuation indent: that of its second line, else
 * the content column of a list item (`1. ` → three spaces), else two spaces.
 */
function entryShape(text: string, span: { start: number; end: number }): { first: string; lines: string[]; indent: string } {
	const lines = linesIn(text, span.start, trimEnd(text, span.start, span.end)).map((l) => l.text);
	const first = firstLine(text, span);
	const cont = lines.slice(1).find((l) => !isBlank(l));
	const base = indentOf(first);
	const indent = cont && indentOf(cont).length > base.length ? indentOf(cont) : (contentIndent(first) ?? base + '  ');
	return { first, lines, indent };
}

/** True when the last two entries are separated by a blank line (the plan spaces its entries); a heading between them says nothing. */
function spaced(text: string, entries: readonly { span: Span }[]): boolean {
	if (entries.length < 2) return false;
	const a = entries[entries.length - 2];
	const b = entries[entries.length - 1];
	const between = linesIn(text, trimEnd(text, a.span.start, a.span.end), b.span.start).slice(1);
	return !between.some((l) => /^ {0,3}#{1,6}(?:[ \t]|$)/.test(l.text)) && between.some((l) => isBlank(l.text));
}

/** Continuation lines of a new list item indented at least to its content column (`10. ` → four spaces). */
function alignToItem(block: string[]): string[] {
	const col = contentIndent(block[0]);
	if (col === null) return block;
	return block.map((l, i) => (i > 0 && !isBlank(l) && indentOf(l).length < col.length ? col + l.trimStart() : l));
}

/** Places an entry: after the last entry, else into the section, else a new living section. */
function placeEntry(ctx: EditContext, key: LivingKey, entries: Entry[], lines: string[]): TextChange {
	const { text, eol } = ctx;
	const block = alignToItem(lines);
	const sec = ctx.doc.living[key];
	const inSection = sec ? entries.filter((e) => e.span.start >= sec.span.start && e.span.start < sec.span.end) : entries;
	const last = inSection[inSection.length - 1];
	if (last) {
		const at = spanEnd(text, last.span);
		const first = text.slice(lineStartAt(text, last.span.start), lineEndAt(text, last.span.start));
		const listy = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/.test(first);
		const blank = spaced(text, inSection) || !listy || !/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/.test(block[0]);
		return { from: at, to: at, insert: eol + (blank ? eol : '') + block.join(eol) };
	}
	if (sec) return appendToSection(ctx, sec, block, true);
	return createLivingSection(ctx, key, block);
}

/** `- Label: text` with the label written as the plan's last entry writes its own (bold or not), or the default label. */
function labelled(last: Entry | undefined, label: string | null, value: string, source: string): string {
	if (last) {
		const { first } = entryShape(source, last.span);
		const m = /^[ \t]*([-*+]|\d+[.)])[ \t]+(\*\*)?([A-Z][\w/ ]{0,30}?)(\*\*)?:(\*\*)?[ \t]/.exec(first);
		const lead = nextLead(first) ?? `${indentOf(first)}- `;
		if (m && (m[2] || m[5] || /^(Observation|Discovery|Surprise|Decision|Outcome|Finding)$/i.test(m[3]))) {
			const bold = Boolean(m[2]);
			const colonInside = Boolean(m[5]) === false && bold && /\*\*[^*]+:\*\*/.test(first);
			const name = label ?? m[3];
			const lab = bold ? (colonInside ? `**${name}:**` : `**${name}**:`) : `${name}:`;
			return `${lead}${lab} ${value}`;
		}
		return `${lead}${value}`;
	}
	return label ? `- ${label}: ${value}` : `- ${value}`;
}

/** A sub-line (`  Evidence: …`) in the layout of the last entry. */
function subLine(source: string, last: Entry | undefined, label: string, value: string): string {
	if (!last) return `  ${label}: ${value}`;
	const { lines, indent } = entryShape(source, last.span);
	const bold = lines.slice(1).some((l) => /^[ \t]*\*\*[\w/ ]+\*\*:/.test(l) || /^[ \t]*\*\*[\w/ ]+:\*\*/.test(l));
	const colonInside = lines.slice(1).some((l) => /^[ \t]*\*\*[\w/ ]+:\*\*/.test(l));
	const lab = bold ? (colonInside ? `**${label}:**` : `**${label}**:`) : `${label}:`;
	return `${indent}${lab} ${value}`;
}

/**
 * add-progress: `- [ ] text` after the last top-level item of the progress list, in its bullet and
 * indentation; a new dated entry of the same form after a dated log entry (heading or bullet).
 */
export function addProgress(ctx: EditContext, value: string): TextChange[] {
	const { text, doc, eol } = ctx;
	const sec = doc.living.progress;
	const top = sec ? doc.progress.filter((it) => it.span.start >= sec.span.start && it.span.start < sec.span.end) : doc.progress;
	const last = top[top.length - 1];
	// A dated Progress Log records what was done as `- Completed: …` under the day's heading.
	const completed = `- Completed: ${value}`;
	if (last?.logEntry && doc.style.datedLog && completedLead(firstLine(text, last.span).replace(/^[ \t]*[-*+][ \t]+/, ''))) {
		const c = appendToDatedLog(ctx, [completed]);
		if (c) return [c];
	}
	if (last) {
		const ls = lineStartAt(text, last.span.start);
		const first = text.slice(ls, lineEndAt(text, last.span.start));
		const at = spanEnd(text, last.span);
		if (/^[ \t]*\|/.test(first)) return [{ from: at, to: at, insert: eol + tableRow(first, value) }];
		const logged = stampedBlock(ctx, last.span, value, null, []);
		if (logged) {
			const blank = logged.heading || spaced(text, top);
			return [{ from: at, to: at, insert: eol + (blank ? eol : '') + logged.lines.join(eol) }];
		}
		const m = /^([ \t]*(?:>[ \t]*)*)([-*+]|(\d{1,9})([.)]))([ \t]+)/.exec(first);
		const lead = m ? m[1] : '';
		const bullet = m ? (m[3] !== undefined ? `${Number(m[3]) + 1}${m[4]}` : m[2]) : '-';
		const gap = m ? m[5] : ' ';
		return [{ from: at, to: at, insert: `${eol}${lead}${bullet}${gap}[ ] ${value}` }];
	}
	const line = `- [ ] ${value}`;
	if (doc.style.datedLog) {
		const c = appendToDatedLog(ctx, [completed]);
		if (c) return [c];
	}
	if (sec) return [appendToSection(ctx, sec, [line], true)];
	return [createLivingSection(ctx, 'progress', [line])];
}

/** Names of lead labels a stamped entry may carry after its stamp (`— Decision: …`). */
const STAMPED_LABEL = /^(?:\*\*|__)?(?:Decision|Discovery|Surprise|Observation|Finding|Outcome|Result|Lesson|Learning)(?:\*\*|__)?[ \t]*(?::(?:\*\*|__)|(?:\*\*|__)?:)[ \t]*/i;

/**
 * A new entry in the stamped form of the entry at `span` (a dated heading or a stamped bullet),
 * restamped with the edit's clock, or null when that entry is not stamped. `label` replaces the
 * name of a lead label the entry carries after its stamp (none is added where it has none).
 * A heading gets `fields` as field lines below it (bold like the entry's own); a bullet stays one
 * line with the fields inline after the stamp's dash (`… — Rationale: …`).
 */
function stampedBlock(ctx: EditContext, span: Span, value: string, label: string | null, fields: [string, string][]): { lines: string[]; heading: boolean } | null {
	const { text } = ctx;
	const first = firstLine(text, span);
	const form = stampedLine(first);
	const prefix = form ? newPrefix(form, ctx) : null;
	if (!form || prefix === null) return null;
	const written = STAMPED_LABEL.exec(form.rest)?.[0] ?? '';
	const lab = written && label ? written.replace(/[A-Za-z]+/, label) : written;
	const bold = /^(\*\*|__)/.test(written) || (form.kind === 'heading' && linesIn(text, span.start, span.end).some((l) => /^[ \t]*(\*\*|__)[^*_\n]+(\*\*|__)?:/.test(l.text)));
	const colonInside = /:(\*\*|__)/.test(written) || (form.kind === 'heading' && linesIn(text, span.start, span.end).some((l) => /^[ \t]*(\*\*|__)[^*_\n]+:(\*\*|__)/.test(l.text)));
	const field = (k: string, v: string): string => `${bold ? (colonInside ? `**${k}:**` : `**${k}**:`) : `${k}:`} ${v}`;
	if (form.kind === 'heading') return { lines: [`${form.lead}${prefix}${lab}${value}`, ...fields.map(([k, v]) => field(k, v))], heading: true };
	const dash = /[—–-]/.exec(form.prefix.slice(form.prefix.indexOf(form.value) + form.value.length))?.[0] ?? '—';
	const lead = nextLead(first) ?? form.lead;
	return { lines: [`${lead}${prefix}${lab}${value}${fields.map(([k, v]) => ` ${dash} ${field(k, v)}`).join('')}`], heading: false };
}

/** The entries of `entries` inside `sec` (none without a section). */
function ownEntries<T extends Entry>(entries: T[], sec: Section | null): T[] {
	return sec ? entries.filter((e) => e.span.start >= sec.span.start && e.span.start < sec.span.end) : [];
}

/** A new table row shaped like `row`: the text in the first cell, other cells empty. */
function tableRow(row: string, value: string): string {
	const cells = row.trim().replace(/^\||\|$/g, '').split('|');
	return `${indentOf(row)}| ${[value.replace(/\|/g, '\\|'), ...cells.slice(1).map(() => '')].join(' | ')} |`.replace(/ {2}\|/g, ' |');
}

/**
 * add-surprise: `- Observation: text` + `  Evidence: …` in the layout of the last surprise (a dated
 * heading or stamped bullet gets a new one of its form), or a `- Discovery:` bullet in a dated log
 * when the Surprises section has no entries of its own.
 */
export function addSurprise(ctx: EditContext, value: string, evidence?: string): TextChange[] {
	const { text, doc } = ctx;
	const own = ownEntries(doc.surprises, doc.living.surprises);
	const lastOwn = own[own.length - 1];
	const logged = lastOwn ? stampedBlock(ctx, lastOwn.span, value, null, evidence ? [['Evidence', evidence]] : []) : null;
	if (logged) return [placeEntry(ctx, 'surprises', doc.surprises, logged.lines)];
	if (doc.style.datedLog && !own.length) {
		const c = appendToDatedLog(ctx, [`- Discovery: ${value}`, ...(evidence ? [`  Evidence: ${evidence}`] : [])]);
		if (c) return [c];
	}
	const last = lastIn(doc.surprises, doc.living.surprises);
	const block = [labelled(last, last ? null : 'Observation', value, text)];
	if (evidence) block.push(subLine(text, last, 'Evidence', evidence));
	return [placeEntry(ctx, 'surprises', doc.surprises, block)];
}

/** add-outcome: a bullet (or the next number, or a dated entry) after the last outcome in Outcomes & Retrospective. */
export function addOutcome(ctx: EditContext, value: string): TextChange[] {
	const { text, doc } = ctx;
	const last = lastIn(doc.outcomes, doc.living.outcomes);
	const logged = last ? stampedBlock(ctx, last.span, value, null, []) : null;
	if (logged) return [placeEntry(ctx, 'outcomes', doc.outcomes, logged.lines)];
	const first = last ? firstLine(text, last.span) : '';
	const placeholder = /^[ \t]*(?:[*_]*\(.*\)[*_]*|[*_]*(?:to be (?:filled|written|added)|tbd|todo|none yet)\b.*)$/i.test(first);
	const lead = placeholder ? null : nextLead(first);
	const line = lead !== null ? `${lead}${value}` : !last || placeholder ? `- ${value}` : value;
	return [placeEntry(ctx, 'outcomes', doc.outcomes, [line])];
}

/**
 * add-decision: in the layout of the existing decisions (bullets or numbered items with sub-lines,
 * `### Decision N:` headings, one stamped line `- <time> — Decision: … — Rationale: …`), or a dated
 * log entry when the Decision Log has no entries of its own.
 */
export function addDecision(ctx: EditContext, value: string, rationale: string, author?: string): TextChange[] {
	const { text, doc, clock } = ctx;
	const own = ownEntries(doc.decisions, doc.living.decisions);
	const lastOwn = own[own.length - 1];
	const fields: [string, string][] = [['Rationale', rationale]];
	if (author) fields.push(['Author', author]);
	const logged = lastOwn ? stampedBlock(ctx, lastOwn.span, value, 'Decision', fields) : null;
	if (logged && !logged.heading) return [placeEntry(ctx, 'decisions', doc.decisions, logged.lines)];
	if (doc.style.datedLog && !own.length) {
		const c = appendToDatedLog(ctx, [`- Decision: ${value}`, `  Rationale: ${rationale}`, ...(author ? [`  Author: ${author}`] : [])]);
		if (c) return [c];
	}
	const last = lastIn(doc.decisions, doc.living.decisions);
	const first = last ? text.slice(lineStartAt(text, last.span.start), lineEndAt(text, last.span.start)) : '';
	const heading = /^(#{1,6})[ \t]+Decision[ \t]+(\d+)\b/i.exec(first);
	if (last && heading) {
		const lines = entryShape(text, last.span).lines;
		const colonInside = lines.some((l) => /^\*\*[\w/ ]+:\*\*/.test(l));
		const f = (k: string, v: string): string => (colonInside ? `**${k}:** ${v}` : `**${k}**: ${v}`);
		const block = [`${heading[1]} Decision ${Number(heading[2]) + 1}: ${value}`, f('Date', clock.date), f('Decision', value), f('Rationale', rationale)];
		if (author) block.push(f('Author', author));
		return [placeEntry(ctx, 'decisions', doc.decisions, block)];
	}
	const block = [labelled(last, 'Decision', value, text), subLine(text, last, 'Rationale', rationale)];
	const lines = last ? entryShape(text, last.span).lines : [];
	const dateOnly = lines.some((l) => /Date:/.test(l.replace(/\*/g, ''))) && !lines.some((l) => /Date\/Author:/.test(l.replace(/\*/g, '')));
	if (dateOnly) {
		block.push(subLine(text, last, 'Date', clock.date));
		if (author) block.push(subLine(text, last, 'Author', author));
	} else {
		block.push(subLine(text, last, 'Date/Author', author ? `${clock.date} / ${author}` : clock.date));
	}
	return [placeEntry(ctx, 'decisions', doc.decisions, block)];
}

/** The last entry inside `sec` (or the last entry when there is no section). */
function lastIn<T extends Entry>(entries: T[], sec: Section | null): T | undefined {
	const inside = sec ? entries.filter((e) => e.span.start >= sec.span.start && e.span.start < sec.span.end) : entries;
	return inside[inside.length - 1];
}

/** The plan's open-questions section, if it has one. */
function questionsSection(doc: PlanDoc): Section | null {
	return doc.sections.find((s) => /^(open\s+)?questions\b|unresolved questions|blockers\b/i.test(s.title)) ?? null;
}

/** add-question: a bullet under Open Questions (`- **Blocker**: …` for blockers), or a `- Blocker:` log bullet in a dated log. */
export function addQuestion(ctx: EditContext, value: string, blocker = false): TextChange[] {
	const { text, doc, eol } = ctx;
	if (blocker && doc.style.datedLog) {
		const c = appendToDatedLog(ctx, [`- Blocker: ${value}`]);
		if (c) return [c];
	}
	const line = blocker ? `- **Blocker**: ${value}` : `- ${value}`;
	const sec = questionsSection(doc);
	const inside = sec ? doc.openQuestions.filter((q) => q.span.start >= sec.span.start && q.span.start < sec.span.end) : [];
	const last = inside[inside.length - 1];
	if (last) {
		const at = spanEnd(text, last.span);
		return [{ from: at, to: at, insert: eol + line }];
	}
	if (sec) return [appendToSection(ctx, sec, [line], true)];
	const depth = doc.living.progress?.depth ?? 2;
	const block = [`${'#'.repeat(depth)} Open Questions`, '', line];
	const after = doc.living.outcomes ?? doc.living.decisions ?? doc.living.surprises ?? doc.living.progress;
	return [insertBlockAfter(ctx, after, block)];
}

function insertBlockAfter(ctx: EditContext, sec: Section | null, block: string[]): TextChange {
	return insertBlockAt(ctx, sec ? sectionEnd(ctx.text, sec) : ctx.text.length, block);
}


/** resolve-question: ticks its box if it has one and adds `Resolved (date): resolution` under it. */
export function resolveQuestion(ctx: EditContext, at: number, resolution: string): TextChange[] {
	const { text, doc, eol, clock } = ctx;
	const q = doc.openQuestions.find((x) => x.span.start === at);
	if (!q) throw new RangeError(`No open question starts at offset ${at}`);
	const changes: TextChange[] = [];
	const ls = lineStartAt(text, q.span.start);
	const first = text.slice(ls, lineEndAt(text, q.span.start));
	const box = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[ \]/.exec(first);
	if (box) changes.push({ from: ls + box[1].length, to: ls + box[0].length, insert: doc.style.done_marker });
	const end = spanEnd(text, q.span);
	const indent = entryShape(text, q.span).indent;
	changes.push({ from: end, to: end, insert: `${eol}${indent}Resolved (${clock.date}): ${resolution}` });
	return changes;
}
