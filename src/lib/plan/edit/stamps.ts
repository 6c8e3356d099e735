/** Timestamps written when an item is ticked, in the plan's own format (PlanStyle.timestampFormat). */
import type { TextChange, TimestampFormat } from '../types';
import type { ClockParts } from './clock';
import { isBlank, linesIn, trimEnd } from './text';

/** The stamp text for a prefix format, e.g. `(2025-10-01 13:00Z) `; null for trailing or no stamps. */
export function prefixStamp(format: TimestampFormat, c: ClockParts): string | null {
	switch (format) {
		case 'paren-datetime':
			return `(${c.date} ${c.time}${c.utc ? 'Z' : c.offset}) `;
		case 'paren-date':
			return `(${c.date}) `;
		case 'iso':
			return `${c.date}T${c.time}:${c.seconds}${c.offset} `;
		case 'plain-datetime':
			return `${c.date} ${c.time} - `;
		default:
			return null;
	}
}

/**
 * The change that stamps a just-ticked item. `contentStart` is where the item's text begins
 * (after the marker and its space); `itemEnd` is the item's span end.
 */
export function stampChange(
	text: string,
	format: TimestampFormat,
	c: ClockParts,
	contentStart: number,
	itemEnd: number
): TextChange | null {
	const prefix = prefixStamp(format, c);
	if (prefix !== null) return { from: contentStart, to: contentStart, insert: prefix };
	if (format !== 'trailing-completed') return null;
	const suffix = ` Completed ${c.date}.`;
	// After a leading bold title (`**M1a — …** Completed 2026-06-24.`), as such plans write it.
	if (text.startsWith('**', contentStart)) {
		const close = text.indexOf('**', contentStart + 2);
		const firstLineEnd = firstParagraphEnd(text, contentStart, itemEnd);
		if (close > contentStart + 2 && close + 2 <= firstLineEnd) {
			return { from: close + 2, to: close + 2, insert: suffix };
		}
	}
	const end = firstParagraphEnd(text, contentStart, itemEnd);
	let e = end;
	while (e > contentStart && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
	const sep = /[.!?]$/.test(text.slice(contentStart, e)) || e === contentStart ? '' : '.';
	return { from: e, to: e, insert: sep + suffix };
}

/** End of the last line of the item's first paragraph (before a blank line or a nested list). */
function firstParagraphEnd(text: string, contentStart: number, itemEnd: number): number {
	const lines = linesIn(text, contentStart, trimEnd(text, contentStart, itemEnd));
	let end = lines.length ? lines[0].end : contentStart;
	for (let i = 1; i < lines.length; i++) {
		const t = lines[i].text;
		if (isBlank(t) || /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(t)) break;
		end = lines[i].end;
	}
	return Math.min(end, itemEnd);
}
