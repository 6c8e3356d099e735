/** start-phase, complete-phase, reopen-phase, set-phase-status: a phase's status written the way the plan writes it. */
import type { Phase, ProgressItem, TextChange } from '../types';
import type { EditContext } from './context';
import { allPhases, findPhase, phaseRegion } from './context';
import { addFieldLines, fieldAnchor, findField, firstField, formatField, setFieldValue, upsertField, type FieldLine } from './fields';
import { itemStateChanges } from './items';
import { appendToSection } from './sections';
import { contentEnd } from './text';
import { completionLines } from './summary';

const STATUS = /^status$/i;
const STARTED = /^started$/i;
const COMPLETED = /^completed$/i;
const PENDING_EMOJI = /^(?:🔄|⏳|🔴|🟡|🟢|🚧|❌|⏸️?|📋)\uFE0F?[ \t]+/u;
const STATUS_PAREN = /[ \t]*\((?:IN[ _-]?PROGRESS|PENDING|NOT[ _-]STARTED|TODO|PLANNED|BLOCKED)[^)]*\)[ \t]*$/i;

/** The block of a phase that holds its metadata lines (see {@link phaseRegion}). */
function headRegion(_ctx: EditContext, phase: Phase): ReturnType<typeof phaseRegion> {
	return phaseRegion(phase);
}

/** A status word in the case the plan writes its status values (lower, UPPER or Title). */
function statusWord(old: string, title: string, lower: string): string {
	const core = old.replace(PENDING_EMOJI, '').replace(/^✅\uFE0F?[ \t]*/u, '');
	const emoji = core !== old;
	const letters = core.replace(/[^A-Za-z]/g, '');
	let word = title;
	if (letters && letters === letters.toLowerCase()) word = lower;
	else if (letters.length > 2 && letters === letters.toUpperCase()) word = title.toUpperCase();
	if (!emoji) return word;
	if (/^complete/i.test(title)) return `✅ ${word}`;
	if (/progress/i.test(title)) return `🔄 ${word}`;
	return word;
}

/** Smallest change turning `[from, to)` into `next` (common prefix and suffix kept). */
function minimal(text: string, from: number, to: number, next: string): TextChange | null {
	const old = text.slice(from, to);
	if (old === next) return null;
	let a = 0;
	while (a < old.length && a < next.length && old[a] === next[a]) a++;
	let b = 0;
	while (b < old.length - a && b < next.length - a && old[old.length - 1 - b] === next[next.length - 1 - b]) b++;
	// Never split a surrogate pair (emoji) between kept and replaced text.
	while (a > 0 && /[\uD800-\uDBFF]/.test(old[a - 1])) a--;
	while (b > 0 && /[\uDC00-\uDFFF]/.test(old[old.length - b])) b--;
	return { from: from + a, to: to - b, insert: next.slice(a, next.length - b) };
}

/** Heading line parts: `#`s with their space, the text, and any closing `#`s. */
function headingParts(ctx: EditContext, phase: Phase): { bodyFrom: number; bodyTo: number; body: string } {
	const line = ctx.text.slice(phase.headingSpan.start, phase.headingSpan.end);
	const open = /^[ \t]*#{1,6}[ \t]+/.exec(line)?.[0].length ?? 0;
	const close = /[ \t]+#+[ \t]*$|[ \t]+$/.exec(line.slice(open));
	const bodyTo = phase.headingSpan.end - (close ? close[0].length : 0);
	const bodyFrom = phase.headingSpan.start + open;
	return { bodyFrom, bodyTo, body: ctx.text.slice(bodyFrom, bodyTo) };
}

type Mark = { mode: 'prefix' } | { mode: 'after-number' } | { mode: 'suffix'; suffix: string };

/** How the plan marks a done phase's heading, learned from another done phase (✅ prefix by default). */
function doneMark(ctx: EditContext, phase: Phase): { mark: Mark; paren: string | null } {
	const done = allPhases(ctx.doc).filter((p) => p !== phase && ctx.text.slice(p.headingSpan.start, p.headingSpan.end).includes('✅'));
	const d = depthOf(ctx, phase);
	done.sort((a, b) => Number(depthOf(ctx, b) === d) - Number(depthOf(ctx, a) === d));
	for (const p of done) {
		const { body } = headingParts(ctx, p);
		const idx = body.indexOf('✅');
		if (idx < 0) continue;
		const paren = /\((COMPLETED?|DONE)\)[ \t]*$/i.exec(body)?.[0].trim() ?? null;
		const num = p.number ? body.indexOf(p.number) : -1;
		if (num < 0 || idx < num) return { mark: { mode: 'prefix' }, paren };
		if (/^[ \t]*$/.test(body.slice(num + p.number.length, idx))) return { mark: { mode: 'after-number' }, paren };
		let sep = idx;
		while (sep > 0 && /[ \t—–:|-]/.test(body[sep - 1])) sep--;
		const suffix = body.slice(sep).replace(/\d{4}[-‑]\d{2}[-‑]\d{2}/g, ctx.clock.date);
		return { mark: { mode: 'suffix', suffix }, paren };
	}
	return { mark: { mode: 'prefix' }, paren: null };
}

function depthOf(ctx: EditContext, p: Phase): number {
	return /^[ \t]*(#{1,6})/.exec(ctx.text.slice(p.headingSpan.start, p.headingSpan.end))?.[1].length ?? 0;
}

/** The heading with ✅ added the plan's way and pending markers removed. */
function headingDone(ctx: EditContext, phase: Phase): TextChange | null {
	const { bodyFrom, bodyTo, body } = headingParts(ctx, phase);
	if (body.includes('✅')) return null;
	const { mark, paren } = doneMark(ctx, phase);
	let next = body;
	if (paren) next = STATUS_PAREN.test(next) ? next.replace(STATUS_PAREN, ` ${paren}`) : `${next} ${paren}`;
	else next = next.replace(STATUS_PAREN, '');
	const bare = next.replace(PENDING_EMOJI, '');
	if (mark.mode === 'prefix') next = `✅ ${bare}`;
	else if (mark.mode === 'after-number') {
		const n = phase.number ? bare.indexOf(phase.number) : -1;
		next = n < 0 ? `✅ ${bare}` : `${bare.slice(0, n + phase.number.length)} ✅${bare.slice(n + phase.number.length)}`;
	} else next = `${bare.replace(/[ \t]*🔄\uFE0F?[ \t]*(?:IN[ _]PROGRESS)?[ \t]*$/iu, '')}${mark.suffix}`;
	return minimal(ctx.text, bodyFrom, bodyTo, next);
}

/** The heading without pending/in-progress markers (lead glyph, `(PENDING)`-style tail), and without ✅ marks when `done` is set. */
function headingCleared(ctx: EditContext, phase: Phase, done: boolean): TextChange | null {
	const { bodyFrom, bodyTo, body } = headingParts(ctx, phase);
	let next = body.replace(PENDING_EMOJI, '').replace(STATUS_PAREN, '');
	if (done) next = stripDone(next);
	return minimal(ctx.text, bodyFrom, bodyTo, next);
}

/** Heading text with ✅ and its completion words removed. */
function stripDone(body: string): string {
	return body
		.replace(/[ \t]*[—–-]?[ \t]*✅\uFE0F?[ \t]*(?:COMPLETED?|DONE)?(?:[ \t]+\d{4}[-‑]\d{2}[-‑]\d{2})?[ \t]*$/iu, '')
		.replace(/✅\uFE0F?[ \t]*/u, '')
		.replace(/[ \t]*\((?:COMPLETED?|DONE)\)[ \t]*$/i, '')
		.replace(/^[ \t]+/, '');
}

/** Every open box of a phase (tasks and criteria, nested children included). */
function openItems(phase: Phase): ProgressItem[] {
	const out: ProgressItem[] = [];
	const seen = new Set<number>();
	const walk = (items: ProgressItem[]): void => {
		for (const it of items) {
			if (it.state === 'open' && !seen.has(it.span.start)) {
				seen.add(it.span.start);
				out.push(it);
			}
			walk(it.children);
		}
	};
	walk(phase.entryCriteria);
	walk(phase.tasks);
	walk(phase.exitCriteria);
	return out;
}

function isDate(v: string): boolean {
	return /\d{4}[-‑]\d{2}[-‑]\d{2}/.test(v);
}

/** start-phase: status line to In Progress (or 🔄 on the heading where the plan marks headings), Started recorded. */
export function startPhase(ctx: EditContext, id: string): TextChange[] {
	const phase = findPhase(ctx.doc, id);
	const region = headRegion(ctx, phase);
	const changes: TextChange[] = [];
	const status = findField(ctx, region.from, region.to, STATUS, true, region.holes);
	if (status) {
		changes.push(setFieldValue(status, statusWord(status.value, 'In Progress', 'in-progress')));
		const h = headingCleared(ctx, phase, false);
		if (h) changes.push(h);
	} else if (usesHeadingMarks(ctx)) {
		const { bodyFrom, bodyTo, body } = headingParts(ctx, phase);
		if (!body.includes('🔄')) {
			const c = minimal(ctx.text, bodyFrom, bodyTo, `🔄 ${body.replace(PENDING_EMOJI, '').replace(STATUS_PAREN, '')}`);
			if (c) changes.push(c);
		}
	}
	const started = findField(ctx, region.from, region.to, STARTED, true, region.holes);
	if (!status && !usesHeadingMarks(ctx) && !started) {
		// Nothing else in the plan says "in progress": a Status line does, with Started under it.
		const like = firstField(ctx, region);
		changes.push(addFieldLines(ctx, region, fieldAnchor(ctx, region), [formatField(like, 'Status', 'In Progress'), formatField(like, 'Started', ctx.clock.date)]));
	} else if (!started || !isDate(started.value)) {
		changes.push(upsertField(ctx, region, 'Started', STARTED, ctx.clock.date, [STATUS]));
	}
	return changes;
}

/** True when some phase heading carries a status emoji (the plan marks status on headings). */
function usesHeadingMarks(ctx: EditContext): boolean {
	return allPhases(ctx.doc).some((p) => /[✅🔄⏳]/u.test(ctx.text.slice(p.headingSpan.start, p.headingSpan.end)));
}

/** complete-phase: ✅ on the heading, open boxes ticked (stamped per style), Completed, status line, completion summary. */
export function completePhase(ctx: EditContext, id: string, lessons?: string): TextChange[] {
	const phase = findPhase(ctx.doc, id);
	const region = headRegion(ctx, phase);
	const changes: TextChange[] = [];
	const status = findField(ctx, region.from, region.to, STATUS, true, region.holes);
	// A phase document's title keeps its wording when its status line carries the status.
	const h = status && depthOf(ctx, phase) === 1 ? null : headingDone(ctx, phase);
	if (h) changes.push(h);
	for (const it of openItems(phase)) changes.push(...itemStateChanges(ctx, it, 'done'));
	if (status) changes.push(setFieldValue(status, statusWord(status.value, 'Complete', 'completed')));
	const completed: FieldLine | null = findField(ctx, region.from, region.to, COMPLETED, true, region.holes);
	if (!completed || !isDate(completed.value) || completed.value.includes('YYYY')) {
		changes.push(upsertField(ctx, region, 'Completed', COMPLETED, ctx.clock.date, [STARTED, STATUS]));
	}
	const lines = completionLines(ctx, phase, lessons);
	if (phase.summary) changes.push(appendToSection(ctx, phase.summary, lines, true));
	else {
		const end = contentEnd(ctx.text, phase.headingSpan.end, phase.span.end) ?? phase.headingSpan.end;
		const hashes = '#'.repeat(Math.min(6, depthOf(ctx, phase) + 1));
		changes.push({ from: end, to: end, insert: ['', '', `${hashes} Completion Summary`, '', ...lines].join(ctx.eol) });
	}
	return changes;
}

/** reopen-phase: ✅ and completion words off the heading, status back to in progress (status line, 🔄 or a Status line); history text kept. */
export function reopenPhase(ctx: EditContext, id: string): TextChange[] {
	const phase = findPhase(ctx.doc, id);
	const region = headRegion(ctx, phase);
	const changes: TextChange[] = [];
	const status = findField(ctx, region.from, region.to, STATUS, true, region.holes);
	const { bodyFrom, bodyTo, body } = headingParts(ctx, phase);
	const marks = usesHeadingMarks(ctx);
	const cleared = stripDone(body);
	const next = !status && marks ? `🔄 ${cleared.replace(PENDING_EMOJI, '')}` : cleared;
	const h = minimal(ctx.text, bodyFrom, bodyTo, next);
	if (h) changes.push(h);
	if (status) changes.push(setFieldValue(status, statusWord(status.value, 'In Progress', 'in-progress')));
	else if (!marks) changes.push(upsertField(ctx, region, 'Status', STATUS, 'In Progress'));
	return changes;
}

/** set-phase-status: `**Status**: Deferred — reason` (the status line rewritten, or added). */
export function setPhaseStatus(ctx: EditContext, id: string, status: 'deferred' | 'skipped', reason: string): TextChange[] {
	const phase = findPhase(ctx.doc, id);
	const region = headRegion(ctx, phase);
	const existing = findField(ctx, region.from, region.to, STATUS, true, region.holes);
	const title = status === 'deferred' ? 'Deferred' : 'Skipped';
	const word = existing ? statusWord(existing.value, title, status) : title;
	const value = reason.trim() ? `${word} — ${reason.trim()}` : word;
	const changes = [upsertField(ctx, region, 'Status', STATUS, value)];
	const h = headingCleared(ctx, phase, true);
	if (h) changes.push(h);
	return changes;
}
