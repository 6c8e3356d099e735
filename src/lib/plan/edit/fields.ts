/** Bold metadata lines (`**Status**: …`, `- **Status:** …`, `Status: …`): find, rewrite and add them in the plan's own layout. */
import type { TextChange } from '../types';
import type { EditContext } from './context';
import { isBlank, lineEndAt, nextLineStart, proseLinesIn, type Line } from './text';

/** A metadata line and where its value sits. */
export interface FieldLine {
	line: Line;
	label: string;
	/** Value range, trailing white space (hard breaks) excluded. */
	valueFrom: number;
	valueTo: number;
	value: string;
	/** `**Label**: ` / `**Label:** ` / `Label: ` with the bullet before it. */
	lead: string;
	bold: 'outer' | 'inner' | 'none';
}

const FIELD = /^([ \t]*(?:[-*+][ \t]+)?)(?:\*\*([A-Za-z][\w /()-]{0,40}?)\*\*[ \t]*:|\*\*([A-Za-z][\w /()-]{0,40}?):\*\*|([A-Za-z][\w /-]{0,40}?):)[ \t]*/;

/** Parses one line as a metadata field, or null. */
export function parseField(line: Line): FieldLine | null {
	const m = FIELD.exec(line.text);
	if (!m) return null;
	const label = (m[2] ?? m[3] ?? m[4]).trim();
	const bold = m[2] !== undefined ? 'outer' : m[3] !== undefined ? 'inner' : 'none';
	let end = line.text.length;
	while (end > m[0].length && /[ \t]/.test(line.text[end - 1])) end--;
	return {
		line,
		label,
		valueFrom: line.start + m[0].length,
		valueTo: line.start + end,
		value: line.text.slice(m[0].length, end),
		lead: m[1],
		bold
	};
}

/** Spans (child phases) whose lines do not belong to the block being edited. */
export type Holes = readonly { start: number; end: number }[];

function inHole(holes: Holes, pos: number): boolean {
	return holes.some((h) => pos >= h.start && pos < h.end);
}

/** The first field in `[from, to)` (outside code and `holes`) whose label matches. Plain `Label:` lines count only when `plain` is set. */
export function findField(ctx: EditContext, from: number, to: number, label: RegExp, plain = true, holes: Holes = []): FieldLine | null {
	for (const line of proseLinesIn(ctx.text, from, to)) {
		if (line.start < from || inHole(holes, line.start)) continue;
		const f = parseField(line);
		// A label with no value (`**Completed**:` over a list) introduces a block; it is not a field.
		if (f && f.value !== '' && label.test(f.label) && (plain || f.bold !== 'none')) return f;
	}
	return null;
}

/** Every bold field line of `[from, to)` (outside code and `holes`). */
function boldFields(ctx: EditContext, from: number, to: number, holes: Holes = []): FieldLine[] {
	return proseLinesIn(ctx.text, from, to)
		.filter((l) => l.start >= from && !inHole(holes, l.start))
		.map(parseField)
		.filter((f): f is FieldLine => f !== null && f.bold !== 'none' && f.value !== '');
}

/** Writes `label: value` in the layout of `like` (another field line), or as `**Label**: value`. */
export function formatField(like: FieldLine | null, label: string, value: string): string {
	if (!like) return `**${label}**: ${value}`;
	if (like.bold === 'inner') return `${like.lead}**${label}:** ${value}`;
	if (like.bold === 'outer') return `${like.lead}**${label}**: ${value}`;
	return `${like.lead}${label}: ${value}`;
}

/** Replaces a field's value. */
export function setFieldValue(field: FieldLine, value: string): TextChange {
	return { from: field.valueFrom, to: field.valueTo, insert: value };
}

/**
 * Sets a field in the block `[from, to)`: rewrites its value when present, else adds a line after
 * the field named by `after` (or the last field of the block's first field run, or the heading at `headingEnd`).
 */
export function upsertField(
	ctx: EditContext,
	region: { from: number; to: number; headingEnd: number | null; holes?: Holes },
	label: string,
	labelRe: RegExp,
	value: string,
	after: RegExp[] = []
): TextChange {
	const existing = findField(ctx, region.from, region.to, labelRe, true, region.holes);
	if (existing) return setFieldValue(existing, value);
	const anchor = fieldAnchor(ctx, region, after);
	return addFieldLines(ctx, region, anchor, [formatField(anchor ?? firstField(ctx, region), label, value)]);
}

/** The anchor for new field lines in a block: the field named by `after`, else the last of the first field run. */
export function fieldAnchor(ctx: EditContext, region: { from: number; to: number; holes?: Holes }, after: RegExp[] = []): FieldLine | null {
	const fields = boldFields(ctx, region.from, region.to, region.holes);
	for (const re of after) {
		const f = fields.find((x) => re.test(x.label));
		if (f) return f;
	}
	if (!fields.length) return null;
	let anchor = fields[0];
	for (const f of fields.slice(1)) {
		if (f.line.start !== nextLineStart(ctx.text, anchor.line.start)) break;
		anchor = f;
	}
	return anchor;
}

/** A field in the layout of the block's fields (`like`), for adding several lines at once. */
export function firstField(ctx: EditContext, region: { from: number; to: number; holes?: Holes }): FieldLine | null {
	return boldFields(ctx, region.from, region.to, region.holes)[0] ?? null;
}

/** Inserts field lines after `anchor`, else after the heading (blank line between), else at `region.from`. */
export function addFieldLines(
	ctx: EditContext,
	region: { from: number; headingEnd: number | null },
	anchor: FieldLine | null,
	lines: string[]
): TextChange {
	const { text, eol } = ctx;
	if (anchor) {
		// Field lines ending in a hard break (two spaces) are written the same way.
		const hard = /[ ]{2,}$/.test(anchor.line.text) ? '  ' : '';
		return { from: anchor.line.end, to: anchor.line.end, insert: lines.map((l) => eol + l + hard).join('') };
	}
	const line = lines.join(eol);
	if (region.headingEnd !== null) {
		const at = region.headingEnd;
		const nl = nextLineStart(text, at);
		const tail = nl < text.length && !isBlank(text.slice(nl, lineEndAt(text, nl))) ? eol : '';
		return { from: at, to: at, insert: eol + eol + line + tail };
	}
	return { from: region.from, to: region.from, insert: line + eol + eol };
}
