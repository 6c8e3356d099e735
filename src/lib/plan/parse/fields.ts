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
const fieldOfLine = memoByString((line: string): { label: string; value: string } | null => {
	const m = FIELD_RE.exec(line);
	if (!m || /^https?$/i.test(m[1])) return null;
	return {
		label: m[1].trim().toLowerCase(),
		value: m[2].replace(/^(\*\*|__)\s*/, '').replace(/\s*(\*\*|__)$/, '').replace(/\s+$/, '')
	};
});

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
		const line = lineEnd - pos < 400 ? text.slice(pos, lineEnd) : '';
		if (line.includes(':')) {
			const f = fieldOfLine(line);
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
