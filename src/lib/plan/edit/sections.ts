/** Where new blocks go: at the end of a section, as a new living section in its canonical place, or into a dated log. */
import { footerStart } from '../parse/footer';
import type { PlanDoc, Section, TextChange } from '../types';
import type { EditContext } from './context';
import { contentEnd, isBlank, lineEndAt, lineStartAt, nextLineStart } from './text';

/** The four living sections in their canonical order, with their canonical headings. */
export const LIVING_ORDER = ['progress', 'surprises', 'decisions', 'outcomes'] as const;
/** A key of `PlanDoc.living`. */
export type LivingKey = (typeof LIVING_ORDER)[number];
/** Canonical spelling of each living section's heading. */
export const LIVING_TITLES: Record<LivingKey, string> = {
	progress: 'Progress',
	surprises: 'Surprises & Discoveries',
	decisions: 'Decision Log',
	outcomes: 'Outcomes & Retrospective'
};

/** Where a section's own content ends: before a document footer (`---` + `**Completed By**: …`) that closes the text. */
export function sectionEnd(text: string, sec: Section): number {
	return footerStart(text, sec.contentStart, sec.span.end) ?? sec.span.end;
}

/** Inserts `block` (lines without endings) at the end of a section's content (above a footer), after a blank line if asked. */
export function appendToSection(ctx: EditContext, sec: Section, block: string[], blankBefore: boolean): TextChange {
	const { text, eol } = ctx;
	const body = block.join(eol);
	const end = contentEnd(text, sec.contentStart, sectionEnd(text, sec));
	if (end === null || end <= sec.headingSpan.end) {
		const at = sec.headingSpan.end;
		const nl = nextLineStart(text, at);
		const tail = nl < text.length && !isBlank(text.slice(nl, lineEndAt(text, nl))) ? eol : '';
		return { from: at, to: at, insert: eol + eol + body + tail };
	}
	return { from: end, to: end, insert: eol + (blankBefore ? eol : '') + body };
}

/** Inserts a whole block (heading and body) at a line start `p` or at the end, with blank lines around it. */
export function insertBlockAt(ctx: EditContext, p: number, block: string[]): TextChange {
	const { text, eol } = ctx;
	const body = block.join(eol);
	if (p >= text.length) {
		let pre = '';
		if (text.length > 0 && !text.endsWith('\n')) pre += eol;
		const lastLine = text.slice(lineStartAt(text, text.length - (text.endsWith('\n') ? 1 : 0)), lineEndAt(text, text.length - (text.endsWith('\n') ? 1 : 0)));
		if (text.length > 0 && !isBlank(lastLine)) pre += eol;
		return { from: text.length, to: text.length, insert: pre + body + eol };
	}
	const prevLine = p === 0 ? '' : text.slice(lineStartAt(text, p - 1), lineEndAt(text, p - 1));
	const pre = p > 0 && !isBlank(prevLine) ? eol : '';
	return { from: p, to: p, insert: pre + body + eol + eol };
}

/** Depth to give a new living section: that of an existing one, else 2. */
function livingDepth(doc: PlanDoc): number {
	for (const k of LIVING_ORDER) {
		const s = doc.living[k];
		if (s) return s.depth;
	}
	return 2;
}

/** Creates a missing living section in its canonical place (after the previous living section, before the next, else at the end). */
export function createLivingSection(ctx: EditContext, key: LivingKey, body: string[]): TextChange {
	const { doc } = ctx;
	const idx = LIVING_ORDER.indexOf(key);
	const heading = `${'#'.repeat(livingDepth(doc))} ${LIVING_TITLES[key]}`;
	const block = [heading, '', ...body];
	for (let i = idx - 1; i >= 0; i--) {
		const s = doc.living[LIVING_ORDER[i]];
		if (s) return insertBlockAt(ctx, sectionEnd(ctx.text, s), block);
	}
	for (let i = idx + 1; i < LIVING_ORDER.length; i++) {
		const s = doc.living[LIVING_ORDER[i]];
		if (s) return insertBlockAt(ctx, s.span.start, block);
	}
	return insertBlockAt(ctx, ctx.text.length, block);
}

const DATED = /^\d{4}[-‑]\d{2}[-‑]\d{2}\b/;

/** The dated log headings (`### 2025-11-01 10:30`) of the plan, in order. */
export function datedLogSections(doc: PlanDoc): Section[] {
	const within = doc.living.progress;
	const dated = doc.sections.filter((s) => DATED.test(s.title));
	const inside = within ? dated.filter((s) => s.span.start >= within.span.start && s.span.end <= within.span.end) : [];
	return inside.length ? inside : dated;
}

/** Adds bullets to today's log entry when it is the last one, else opens a new `### YYYY-MM-DD HH:MM` entry after the last. */
export function appendToDatedLog(ctx: EditContext, bullets: string[]): TextChange | null {
	const logs = datedLogSections(ctx.doc);
	const last = logs[logs.length - 1];
	if (!last) return null;
	const { date, time } = ctx.clock;
	if (last.title.replace(/‑/g, '-').startsWith(date)) return appendToSection(ctx, last, bullets, false);
	const utc = /\d{2}:\d{2}\s+UTC\b/.test(last.title) ? ' UTC' : '';
	return insertBlockAt(ctx, last.span.end, [`${'#'.repeat(last.depth)} ${date} ${time}${utc}`, '', ...bullets]);
}
