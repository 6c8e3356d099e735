/**
 * The shapes a new entry copies from the plan's last one: its list marker (the next number in
 * a numbered list) and, for dated log entries, its stamped first line (`### 2025-10-01 14:30 UTC -
 * …`, `- 2025-10-01T14:30:00Z — …`), restamped with the edit's clock in the same format.
 */
import { readStamp } from '../parse/stamps';
import type { EditContext } from './context';

const LIST_LEAD = /^([ \t]*(?:>[ \t]*)*)([-*+]|(\d{1,9})([.)]))([ \t]+)/;

/** The lead of a list item line (`- `, `  * `, `3. `), or null for a line that is no list item. */
export function listLead(line: string): { indent: string; marker: string; gap: string; number: number | null; delim: string } | null {
	const m = LIST_LEAD.exec(line);
	if (!m) return null;
	return { indent: m[1], marker: m[2], gap: m[5], number: m[3] !== undefined ? Number(m[3]) : null, delim: m[4] ?? '' };
}

/** The lead for the item after `line`: the same bullet, or the next number with the same delimiter; null when `line` is no list item. */
export function nextLead(line: string): string | null {
	const l = listLead(line);
	if (!l) return null;
	return `${l.indent}${l.number !== null ? `${l.number + 1}${l.delim}` : l.marker}${l.gap}`;
}

/** Where an item's content starts on its first line, as indentation for its continuation lines. */
export function contentIndent(line: string): string | null {
	const l = listLead(line);
	return l ? l.indent + ' '.repeat(l.marker.length + l.gap.length) : null;
}

/** A first line that starts with a stamp: a dated heading or a stamped bullet without a checkbox. */
export interface StampedLine {
	kind: 'heading' | 'bullet';
	/** What comes before the stamp: `### `, `- `, `1. `. */
	lead: string;
	/** The stamp as written with its wrapping and separator (`2025-10-01 14:30 UTC - `). */
	prefix: string;
	/** The stamp's date and time inside `prefix`. */
	value: string;
	/** The words after the stamp. */
	rest: string;
}

/** Reads the stamped form of an entry's first line, or null when it has none. */
export function stampedLine(line: string): StampedLine | null {
	const h = /^ {0,3}#{1,6}[ \t]+/.exec(line);
	const b = h ? null : LIST_LEAD.exec(line);
	const lead = h?.[0] ?? b?.[0];
	if (lead === undefined) return null;
	const after = line.slice(lead.length);
	if (b && /^\[[^\]\n]{1,5}\]/.test(after)) return null;
	const stamp = readStamp(after);
	if (!stamp || stamp.consumed === 0 || stamp.format === 'trailing-completed') return null;
	const rest = after.slice(stamp.consumed).trim();
	// As the parser reads entries (`entryStamp`): a separator after the stamp, else it is a day's heading.
	if (rest === '' || !/[-—–:)\]]\s*$/.test(after.slice(0, stamp.consumed))) return null;
	return { kind: h ? 'heading' : 'bullet', lead, prefix: after.slice(0, stamp.consumed), value: stamp.value, rest };
}

const PARTS = /^\d{4}([-\u2011])\d{2}[-\u2011]\d{2}(?:([ T])\d{1,2}:\d{2}(:\d{2}(?:\.\d+)?)?)?(?:(\s?)(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$/;

/**
 * `value` (a stamp as the plan writes it) for the edit's clock, in the same format: date only or
 * with time, seconds, `T` or space, the same hyphen and zone. A stamp in UTC (`Z`, `UTC`, `GMT`)
 * gets the UTC time; an offset gets the local time and offset; no zone, the local time.
 */
export function restamp(value: string, ctx: EditContext): string | null {
	const m = PARTS.exec(value);
	if (!m) return null;
	const [, hyphen, sep, seconds, space, zone] = m;
	const inUtc = zone !== undefined && /^(?:Z|UTC|GMT)$/.test(zone);
	const c = inUtc ? ctx.utc : ctx.clock;
	let out = c.date.replace(/-/g, hyphen);
	if (sep !== undefined) out += `${sep}${c.time}${seconds !== undefined ? `:${c.seconds}` : ''}`;
	if (zone !== undefined) {
		const offset = inUtc ? zone : c.utc ? '+00:00' : c.offset;
		out += `${space ?? ''}${zone.includes(':') || inUtc ? offset : offset.replace(':', '')}`;
	}
	return out;
}

/** The stamp prefix of `form` restamped for the edit's clock, or null when its stamp cannot be read. */
export function newPrefix(form: StampedLine, ctx: EditContext): string | null {
	const stamp = restamp(form.value, ctx);
	return stamp === null ? null : form.prefix.replace(form.value, stamp);
}
