/**
 * The plan's own writing style (DESIGN §2), so edits can follow it: the most common item
 * timestamp format, whether Progress is a dated log, and `[x]` or `[✅]` for done.
 */
import type { PlanStyle, Section, TimestampFormat, TimestampStyle } from '../types';
import { firstDate, readStamp } from './stamps';
import type { Scan, TaskNode } from './tree';

const COARSE: Record<TimestampFormat, TimestampStyle> = {
	'paren-datetime': 'paren-utc',
	'paren-date': 'paren-utc',
	iso: 'iso',
	'plain-datetime': 'plain',
	'trailing-completed': 'plain',
	none: 'none'
};

/** Reads the style from the progress items (`progressTasks`), the progress sections and every checkbox. */
export function readStyle(scan: Scan, sections: readonly Section[], progressTasks: readonly TaskNode[], progress: readonly Section[]): PlanStyle {
	const counts = new Map<TimestampFormat, number>();
	const visit = (tasks: readonly TaskNode[]): void => {
		for (const t of tasks) {
			const stamp = readStamp(scan.text.slice(t.textStart, t.textEnd));
			if (stamp) counts.set(stamp.format, (counts.get(stamp.format) ?? 0) + 1);
			visit(t.children);
		}
	};
	visit(progressTasks);
	let timestampFormat: TimestampFormat = 'none';
	let best = 0;
	for (const [format, n] of counts) {
		if (n > best) {
			best = n;
			timestampFormat = format;
		}
	}
	const datedLog = progress.some((p) =>
		sections.some(
			(s) =>
				s.span.start > p.span.start &&
				s.span.start < p.span.end &&
				firstDate(s.title) !== null &&
				/^\s*(?:[-*+]|\d+\.)\s/m.test(scan.text.slice(s.contentStart, Math.min(s.span.end, s.contentStart + 4000)))
		)
	);
	let emoji = 0;
	let ascii = 0;
	for (const t of scan.allTasks) {
		if (t.state !== 'done') continue;
		if (hasCheckMark(scan.text, t.start, t.textStart)) emoji++;
		else ascii++;
	}
	return { timestamps: COARSE[timestampFormat], timestampFormat, datedLog, done_marker: emoji > ascii ? '[✅]' : '[x]' };
}

/** Whether ✅ (one UTF-16 unit) is in `text` between `from` and `to`: read in place, as this runs for every done item on every parse. */
function hasCheckMark(text: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x2705) return true;
	return false;
}
