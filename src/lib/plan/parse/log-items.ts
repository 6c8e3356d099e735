/**
 * Dated log entries of a progress section, read as progress items (done, stamped) so a plan that
 * logs its progress instead of ticking boxes still shows it: a subsection whose heading starts
 * with a stamp and says what happened (`### 2025-10-01 14:30 UTC - Did the thing`, `#### 2025-12-22:
 * Started JWT`), and a top-level bullet without a checkbox that starts with one
 * (`- 2025-10-01T14:30:00Z — Set up`). A bare date heading (`### 2025-11-01 10:30`) is a dated-log
 * day, not an entry.
 */
import type { ProgressItem, Section } from '../types';
import { footerStart } from './footer';
import { markerOf } from './items';
import { readStamp, type Stamp } from './stamps';
import type { Scan } from './tree';
import { firstAtOrAfter } from './util';

/** A leading stamp followed by words (`2025-10-01 14:30 UTC - Did it`), or null. */
export function leadingStamp(s: string): (Stamp & { rest: string }) | null {
	const stamp = readStamp(s);
	if (!stamp || stamp.consumed === 0) return null;
	const rest = s.slice(stamp.consumed).trim();
	return rest === '' ? null : { ...stamp, rest };
}

/**
 * A leading stamp, a separator and words: `2025-10-01 14:30 UTC - Did it`, `2025-12-22: Started`,
 * `2025-10-01T14:30Z — Set up`, `(2025-10-01) Set up`. Not `2025-10-01 (Day 1)` or `2025-11-01 10:30` (a day's heading
 * that groups entries), which have no separator after the stamp.
 */
export function entryStamp(s: string): (Stamp & { rest: string }) | null {
	const stamp = leadingStamp(s);
	if (!stamp) return null;
	return /[-—–:)\]]\s*$/.test(s.slice(0, stamp.consumed)) ? stamp : null;
}

/** End of the last content line in `[from, to)` (blank lines, thematic breaks and a document footer excluded), or null. */
export function contentEndBefore(text: string, from: number, to: number): number | null {
	let end = footerStart(text, from, to) ?? to;
	while (end > from) {
		let e = end;
		while (e > from && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
		const ls = Math.max(from, text.lastIndexOf('\n', e - 1) + 1);
		const line = text.slice(ls, e);
		if (!/^[ \t]*$/.test(line) && !/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) return e;
		end = ls;
	}
	return null;
}

/** Dated subsections of `section` that are entries (outermost only), with their stamps. */
export function headingEntries(text: string, sections: readonly Section[], section: Section): { section: Section; stamp: Stamp & { rest: string } }[] {
	const out: { section: Section; stamp: Stamp & { rest: string } }[] = [];
	let coveredTo = -1;
	for (const s of sections) {
		if (s.span.start <= section.span.start || s.span.start >= section.span.end || s.span.start < coveredTo) continue;
		const stamp = entryStamp(s.title);
		if (!stamp || stamp.format === 'trailing-completed') continue;
		out.push({ section: s, stamp });
		coveredTo = s.span.end;
	}
	return out;
}

/** A day's heading of a dated Progress Log: a date, maybe a time and zone, nothing else (`### 2025-11-01 10:30`). */
const DAY_HEADING = /^\d{4}[-‑]\d{2}[-‑]\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?:[ \t]*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$/;
/** `- Completed: …` (or `**Done**: …`) under a day's heading: what was done that day. */
const COMPLETED = /^(?:\*\*|__)?(?:Completed|Done)(?:\*\*|__)?[ \t]*(?::(?:\*\*|__)|(?:\*\*|__)?:)[ \t]*/i;

/** Whether `line` (an item's text, without its bullet) starts with a dated log's `Completed:` label (see `COMPLETED`). */
export function completedLead(line: string): boolean {
	return COMPLETED.test(line);
}

/**
 * The `- Completed: …` bullets under the day headings of a dated Progress Log (DESIGN §3), as
 * done items stamped with their day's heading.
 */
function completedItems(scan: Scan, sections: readonly Section[], p: Section): ProgressItem[] {
	const { text } = scan;
	const out: ProgressItem[] = [];
	for (const s of sections) {
		if (s.span.start <= p.span.start || s.span.start >= p.span.end) continue;
		const day = s.title.trim();
		if (!DAY_HEADING.test(day)) continue;
		const to = Math.min(s.span.end, p.span.end, footerStart(text, p.contentStart, p.span.end) ?? p.span.end);
		for (let i = firstAtOrAfter(scan.items, s.contentStart); i < scan.items.length && scan.items[i].start < to; i++) {
			const it = scan.items[i];
			if (it.level !== 0 || it.task || it.paraStart === null || it.paraEnd === null) continue;
			const para = text.slice(it.paraStart, it.paraEnd);
			const lead = COMPLETED.exec(para);
			if (!lead || para.length === lead[0].length) continue;
			out.push(logItem({ start: it.start, end: it.end }, para.slice(lead[0].length).trim(), day));
		}
	}
	return out;
}

/** The log entries of the progress sections as done progress items, in document order. */
export function logItems(scan: Scan, sections: readonly Section[], progressSections: readonly Section[]): ProgressItem[] {
	const { text } = scan;
	const out: ProgressItem[] = [];
	for (const p of progressSections) {
		out.push(...completedItems(scan, sections, p));
		const heads = headingEntries(text, sections, p);
		for (const { section: s, stamp } of heads) {
			const end = contentEndBefore(text, s.contentStart, Math.min(s.span.end, p.span.end)) ?? s.headingSpan.end;
			out.push(logItem({ start: s.span.start, end }, stamp.rest, stamp.value));
		}
		const to = footerStart(text, p.contentStart, p.span.end) ?? p.span.end;
		for (let i = firstAtOrAfter(scan.items, p.contentStart); i < scan.items.length && scan.items[i].start < to; i++) {
			const it = scan.items[i];
			if (it.level !== 0 || it.task || it.paraStart === null || it.paraEnd === null) continue;
			if (heads.some((h) => it.start >= h.section.span.start && it.start < h.section.span.end)) continue;
			const stamp = entryStamp(text.slice(it.paraStart, it.paraEnd));
			if (!stamp || stamp.format === 'trailing-completed') continue;
			out.push(logItem({ start: it.start, end: it.end }, stamp.rest, stamp.value));
		}
	}
	return out;
}

function logItem(span: { start: number; end: number }, body: string, timestamp: string): ProgressItem {
	return { span, state: 'done', checked: true, text: body, timestamp, marker: markerOf(body), children: [], logEntry: true };
}
