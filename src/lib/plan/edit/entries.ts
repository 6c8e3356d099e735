/** add-progress, add-surprise, add-decision, add-outcome, add-question, resolve-question: new entries in the plan's own layout. */
import type { Entry, PlanDoc, Section, TextChange } from '../types';
import type { EditContext } from './context';
import { appendToDatedLog, appendToSection, createLivingSection, insertBlockAt, type LivingKey } from './sections';
import { contentEnd, indentOf, isBlank, lineEndAt, lineStartAt, linesIn, trimEnd } from './text';

/** End of the last content line of a span (trailing blank lines and `---` excluded). */
function spanEnd(text: string, span: { start: number; end: number }): number {
	return contentEnd(text, span.start, span.end) ?? lineEndAt(text, span.start);
}

/** Text of the first line of a span and its continuation indent (that of its second line, else two spaces). */
function entryShape(text: string, span: { start: number; end: number }): { first: string; lines: string[]; indent: string } {
	const lines = linesIn(text, span.start, trimEnd(text, span.start, span.end)).map((l) => l.text);
	const first = text.slice(lineStartAt(text, span.start), lineEndAt(text, span.start));
	const cont = lines.slice(1).find((l) => !isBlank(l));
	const base = indentOf(first);
	const indent = cont && indentOf(cont).length > base.length ? indentOf(cont) : base + '  ';
	return { first, lines, indent };
}

/** True when the last two entries are separated by a blank line (the plan spaces its entries). */
function spaced(text: string, entries: Entry[]): boolean {
	if (entries.length < 2) return false;
	const a = entries[entries.length - 2];
	const b = entries[entries.length - 1];
	return linesIn(text, trimEnd(text, a.span.start, a.span.end), b.span.start).some((l, i) => i > 0 && isBlank(l.text));
}

/** Places an entry: after the last entry, else into the section, else a new living section. */
function placeEntry(ctx: EditContext, key: LivingKey, entries: Entry[], block: string[]): TextChange {
	const { text, eol } = ctx;
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
		const bullet = /^[ \t]*([-*+])/.exec(first)?.[1] ?? '-';
		if (m && (m[2] || m[5] || /^(Observation|Discovery|Surprise|Decision|Outcome|Finding)$/i.test(m[3]))) {
			const bold = Boolean(m[2]);
			const colonInside = Boolean(m[5]) === false && bold && /\*\*[^*]+:\*\*/.test(first);
			const name = label ?? m[3];
			const lab = bold ? (colonInside ? `**${name}:**` : `**${name}**:`) : `${name}:`;
			return `${indentOf(first)}${bullet} ${lab} ${value}`;
		}
		return `${indentOf(first)}${bullet} ${value}`;
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

/** add-progress: `- [ ] text` after the last top-level item of the progress list, in its bullet and indentation. */
export function addProgress(ctx: EditContext, value: string): TextChange[] {
	const { text, doc, eol } = ctx;
	const sec = doc.living.progress;
	const top = sec ? doc.progress.filter((it) => it.span.start >= sec.span.start && it.span.start < sec.span.end) : doc.progress;
	const last = top[top.length - 1];
	if (last) {
		const ls = lineStartAt(text, last.span.start);
		const first = text.slice(ls, lineEndAt(text, last.span.start));
		const at = spanEnd(text, last.span);
		if (/^[ \t]*\|/.test(first)) return [{ from: at, to: at, insert: eol + tableRow(first, value) }];
		const m = /^([ \t]*(?:>[ \t]*)*)([-*+]|(\d{1,9})([.)]))([ \t]+)/.exec(first);
		const lead = m ? m[1] : '';
		const bullet = m ? (m[3] !== undefined ? `${Number(m[3]) + 1}${m[4]}` : m[2]) : '-';
		const gap = m ? m[5] : ' ';
		return [{ from: at, to: at, insert: `${eol}${lead}${bullet}${gap}[ ] ${value}` }];
	}
	const line = `- [ ] ${value}`;
	if (doc.style.datedLog) {
		const c = appendToDatedLog(ctx, [line]);
		if (c) return [c];
	}
	if (sec) return [appendToSection(ctx, sec, [line], true)];
	return [createLivingSection(ctx, 'progress', [line])];
}

/** A new table row shaped like `row`: the text in the first cell, other cells empty. */
function tableRow(row: string, value: string): string {
	const cells = row.trim().replace(/^\||\|$/g, '').split('|');
	return `${indentOf(row)}| ${[value.replace(/\|/g, '\\|'), ...cells.slice(1).map(() => '')].join(' | ')} |`.replace(/ {2}\|/g, ' |');
}

/** add-surprise: `- Observation: text` + `  Evidence: …`, or a `- Discovery:` bullet in a dated log. */
export function addSurprise(ctx: EditContext, value: string, evidence?: string): TextChange[] {
	const { text, doc } = ctx;
	if (doc.style.datedLog) {
		const c = appendToDatedLog(ctx, [`- Discovery: ${value}`, ...(evidence ? [`  Evidence: ${evidence}`] : [])]);
		if (c) return [c];
	}
	const last = lastIn(doc.surprises, doc.living.surprises);
	const block = [labelled(last, last ? null : 'Observation', value, text)];
	if (evidence) block.push(subLine(text, last, 'Evidence', evidence));
	return [placeEntry(ctx, 'surprises', doc.surprises, block)];
}

/** add-outcome: a bullet in Outcomes & Retrospective. */
export function addOutcome(ctx: EditContext, value: string): TextChange[] {
	const { text, doc } = ctx;
	const last = lastIn(doc.outcomes, doc.living.outcomes);
	const first = last ? text.slice(lineStartAt(text, last.span.start), lineEndAt(text, last.span.start)) : '';
	const placeholder = /^[ \t]*(?:[*_]*\(.*\)[*_]*|[*_]*(?:to be (?:filled|written|added)|tbd|todo|none yet)\b.*)$/i.test(first);
	const bulleted = !last || placeholder || /^[ \t]*[-*+][ \t]/.test(first);
	const line = bulleted ? `${placeholder ? '' : indentOf(first)}${/^[ \t]*([-*+])/.exec(first)?.[1] ?? '-'} ${value}` : value;
	return [placeEntry(ctx, 'outcomes', doc.outcomes, [line])];
}

/** add-decision: in the layout of the existing decisions (bullets with sub-lines, or `### Decision N:` headings), or a dated log entry. */
export function addDecision(ctx: EditContext, value: string, rationale: string, author?: string): TextChange[] {
	const { text, doc, clock } = ctx;
	if (doc.style.datedLog) {
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
	return insertBlockAt(ctx, sec ? sec.span.end : ctx.text.length, block);
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
