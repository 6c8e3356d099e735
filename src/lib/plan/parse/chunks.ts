/**
 * Splits a Markdown text into top-level chunks at ATX headings that a CommonMark parser is
 * bound to start afresh at, so each chunk can be parsed on its own and the results laid end
 * to end (the incremental parser re-parses only the chunks a keystroke touched).
 *
 * A split point is a line that starts with `#`…`######` at column 0 (a heading at column 1–3
 * may continue a list item: `- a⏎⏎  # h` is inside the item), is not inside front matter, a
 * fenced code block (``` or ~~~, closed by the same character at least as long) or an HTML
 * block of CommonMark types 1–5 (`<!--`, `<script>`, `<pre>`, `<style>`, `<textarea>`, `<?`,
 * `<!X`, `<![CDATA[`), and whose previous line is blank or an ATX heading. The lexer sees
 * only top-level lines; a fence opened on a list-marker line (`- ```) is invisible to it, so
 * callers must still check that each chunk, parsed alone, ends with nothing left open
 * (see `incremental.ts`). Offsets are UTF-16 indexes into the text exactly as given; the BOM
 * and front matter always belong to chunk 0.
 */
import { findFrontMatter } from './frontmatter';

/** A chunk of the text: `[start, end)`. Chunks tile the text without gaps. */
export interface Chunk {
	start: number;
	end: number;
}

const ATX_AT_COLUMN_0 = /^#{1,6}(?:[ \t]|$)/;
const ATX = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

type Open = { kind: 'fence'; char: string; length: number } | { kind: 'html'; close: RegExp };

/** HTML block types 1–5 of CommonMark: start pattern and the end condition that closes them. */
const HTML_BLOCKS: readonly { open: RegExp; close: RegExp }[] = [
	{ open: /^ {0,3}<(?:script|pre|style|textarea)(?=[ \t>]|$)/i, close: /<\/(?:script|pre|style|textarea)>/i },
	{ open: /^ {0,3}<!--/, close: /-->/ },
	{ open: /^ {0,3}<\?/, close: /\?>/ },
	{ open: /^ {0,3}<![A-Za-z]/, close: />/ },
	{ open: /^ {0,3}<!\[CDATA\[/, close: /\]\]>/ }
];

/** Splits `text` into chunks at safe top-level ATX headings; one chunk when there is none. */
export function splitChunks(text: string): Chunk[] {
	const starts = [0];
	const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const frontMatter = findFrontMatter(text, bom);
	let pos = bom;
	if (frontMatter) {
		const nl = text.indexOf('\n', frontMatter.span.end);
		pos = nl === -1 ? text.length : nl + 1;
	}
	let open: Open | null = null;
	let prevSplittable = false;
	while (pos < text.length) {
		let lineEnd = text.indexOf('\n', pos);
		if (lineEnd === -1) lineEnd = text.length;
		const line = text.charCodeAt(lineEnd - 1) === 13 && lineEnd > pos ? text.slice(pos, lineEnd - 1) : text.slice(pos, lineEnd);
		if (open) {
			if (closes(open, line)) open = null;
			prevSplittable = false;
		} else {
			if (prevSplittable && pos > bom && ATX_AT_COLUMN_0.test(line)) starts.push(pos);
			open = opens(line);
			prevSplittable = !open && (BLANK.test(line) || ATX.test(line));
		}
		pos = lineEnd + 1;
	}
	return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : text.length }));
}

/** The fence or HTML block (types 1–5) a top-level line opens and leaves open, or null. */
function opens(line: string): Open | null {
	const fence = FENCE_OPEN.exec(line);
	if (fence) {
		const char = fence[1][0];
		// A backtick fence's info string may not contain a backtick (that is inline code).
		if (char === '`' && fence[2].includes('`')) return null;
		return { kind: 'fence', char, length: fence[1].length };
	}
	if (!line.includes('<')) return null;
	for (const block of HTML_BLOCKS) {
		const m = block.open.exec(line);
		if (m) return block.close.test(line.slice(m[0].length)) ? null : { kind: 'html', close: block.close };
	}
	return null;
}

/** Whether `line` ends the open fence or HTML block. */
function closes(open: Open, line: string): boolean {
	if (open.kind === 'html') return open.close.test(line);
	const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
	return m !== null && m[1][0] === open.char && m[1].length >= open.length;
}
