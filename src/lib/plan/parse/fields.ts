/**
 * Metadata lines inside a range of the plan — `**Status**: In Progress`, `- **Status:** completed`,
 * `Status: DEFERRED to v0.4.17`, `**Depends on**: Phase 3` — read line by line, skipping code.
 */
import { firstAtOrAfter, memoByString } from './util';

/** One `Label: value` line. */
export interface Field {
	/** Lower-cased label without emphasis: `depends on`, `token budget`. */
	label: string;
	/** The value as written, without surrounding emphasis and trailing spaces. */
	value: string;
	lineStart: number;
	lineEnd: number;
}

const FIELD_RE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__|\*|_)?([A-Za-z][A-Za-z0-9 /&()'_-]{0,40}?)[ \t]*(?::(?:\*\*|__|\*|_)|(?:\*\*|__|\*|_):|:)[ \t]*(.*)$/;

/** The label and value of one line, or null when it is no field line (remembered: typing re-reads the same lines). */
export const fieldOfLine = memoByString((line: string): { label: string; value: string } | null => {
	const m = FIELD_RE.exec(line);
	if (!m || /^https?$/i.test(m[1])) return null;
	return {
		label: m[1].trim().toLowerCase(),
		value: m[2].replace(/^(\*\*|__)\s*/, '').replace(/\s*(\*\*|__)$/, '').replace(/\s+$/, '')
	};
});

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number): boolean => c === 32 || c === 9;
/** `*` or `_`, the characters of the emphasis `FIELD_RE` allows around a label. */
const isEmphasis = (c: number): boolean => c === 42 || c === 95;

/**
 * Whether the line `[from, to)` of `text` can match `FIELD_RE`, read in place: after the indent
 * and an optional bullet, a letter (or emphasis and a letter) and, later on the line, a colon.
 * A necessary condition only (the regex decides), so most lines of a long plan — checkboxes,
 * prose, tables — are passed over without being cut out of the text.
 */
export function mayBeFieldLine(text: string, from: number, to: number): boolean {
	let i = from;
	while (i < to && isSpace(text.charCodeAt(i))) i++;
	const b = text.charCodeAt(i);
	if ((b === 45 || b === 42 || b === 43) && i + 1 < to && isSpace(text.charCodeAt(i + 1))) {
		i += 2;
		while (i < to && isSpace(text.charCodeAt(i))) i++;
	}
	if (i >= to) return false;
	const c = text.charCodeAt(i);
	let label = i;
	if (isEmphasis(c)) label = i + 1 < to && text.charCodeAt(i + 1) === c ? i + 2 : i + 1;
	if (label >= to || !isLetter(text.charCodeAt(label))) return false;
	const colon = text.indexOf(':', label);
	return colon !== -1 && colon < to;
}

/** Fields on the lines of `[from, to)` outside the opaque (code) ranges; stops after `limit` fields. */
export function readFields(
	text: string,
	from: number,
	to: number,
	opaque: readonly { start: number; end: number }[],
	limit = 200
): Field[] {
	const out: Field[] = [];
	let pos = from;
	// Start at the last opaque range that may still cover `from`.
	let o = Math.max(0, firstAtOrAfter(opaque, from) - 1);
	while (pos < to && out.length < limit) {
		let end = text.indexOf('\n', pos);
		if (end === -1 || end > to) end = to;
		while (o < opaque.length && opaque[o].end <= pos) o++;
		if (o < opaque.length && opaque[o].start <= pos) {
			pos = Math.max(opaque[o].end, end) + 1;
			continue;
		}
		const lineEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
		if (lineEnd - pos < 400 && mayBeFieldLine(text, pos, lineEnd)) {
			const f = fieldOfLine(text.slice(pos, lineEnd));
			if (f) out.push({ label: f.label, value: f.value, lineStart: pos, lineEnd });
		}
		pos = end + 1;
	}
	return out;
}

/** The first field whose label matches. */
export function fieldValue(fields: readonly Field[], label: RegExp): Field | null {
	return fields.find((f) => label.test(f.label)) ?? null;
}
