/** Line and block helpers over the raw text an edit is computed against (offsets are UTF-16 indices into it). */

/** A line of the text: `[start, end)` excludes its line ending. */
export interface Line {
	start: number;
	end: number;
	text: string;
}

/** Offset of the first character of the line holding `pos`. */
export function lineStartAt(text: string, pos: number): number {
	return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Offset of the end of the line holding `pos`, before its `\n` or `\r\n`. */
export function lineEndAt(text: string, pos: number): number {
	let i = text.indexOf('\n', pos);
	if (i < 0) return text.length;
	if (i > 0 && text[i - 1] === '\r' && i - 1 >= lineStartAt(text, pos)) i--;
	return i;
}

/** Offset just after the line ending of the line holding `pos` (or the text length). */
export function nextLineStart(text: string, pos: number): number {
	const i = text.indexOf('\n', pos);
	return i < 0 ? text.length : i + 1;
}

/** The lines that start inside `[from, to)`. */
export function linesIn(text: string, from: number, to: number): Line[] {
	const out: Line[] = [];
	let p = lineStartAt(text, from);
	while (p < to && p <= text.length) {
		const end = lineEndAt(text, p);
		out.push({ start: p, end, text: text.slice(p, end) });
		const next = nextLineStart(text, p);
		if (next <= p) break;
		p = next;
	}
	return out;
}

/** True for a line of white space only. */
export function isBlank(line: string): boolean {
	return /^[ \t]*$/.test(line);
}

/** True for a thematic break (`---`, `***`, `___`), which separates sections rather than belonging to one. */
export function isThematicBreak(line: string): boolean {
	return /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The lines of `[from, to)` that are not inside fenced code (fence lines themselves excluded). */
export function proseLinesIn(text: string, from: number, to: number): Line[] {
	const out: Line[] = [];
	let open: string | null = null;
	for (const line of linesIn(text, from, to)) {
		const m = FENCE.exec(line.text);
		if (open !== null) {
			if (m && m[1][0] === open[0] && m[1].length >= open.length && /^[ \t]*$/.test(line.text.slice(m[0].length))) open = null;
			continue;
		}
		if (m) {
			open = m[1];
			continue;
		}
		out.push(line);
	}
	return out;
}

/** End of the last line in `[from, to)` with content (not blank, not a thematic break), or null when there is none. */
export function contentEnd(text: string, from: number, to: number): number | null {
	const lines = linesIn(text, from, to);
	for (let i = lines.length - 1; i >= 0; i--) {
		const l = lines[i];
		if (!isBlank(l.text) && !isThematicBreak(l.text)) return l.end;
	}
	return null;
}

/** `end` moved back over trailing line breaks, so it sits at the end of the last content line of a span. */
export function trimEnd(text: string, start: number, end: number): number {
	let e = end;
	while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
	return e;
}

/** The leading white space of a line. */
export function indentOf(line: string): string {
	return /^[ \t]*/.exec(line)?.[0] ?? '';
}
