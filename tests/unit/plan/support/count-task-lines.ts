/**
 * A small, line-based second opinion on how many checkbox items a Markdown plan holds.
 * Deliberately independent of the parser (no remark, no shared code): it walks lines and
 * skips front matter, fenced code (``` / ~~~, closed only by the same character with at
 * least the opening length, or by the end of the list item the fence sits in), indented
 * code blocks and HTML comment blocks.
 */

const CHECKBOX = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[(?: |x|X|✅|❌|⚠️|⚠|⏳|~|N\/A)\](?=[ \t]|$)/u;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const FENCE = /^([ \t]*)(`{3,}|~{3,})(.*)$/;

/** Column width of the leading whitespace, tabs expanded to stops of 4. */
function indentOf(line: string): number {
	let col = 0;
	for (const ch of line) {
		if (ch === ' ') col += 1;
		else if (ch === '\t') col += 4 - (col % 4);
		else break;
	}
	return col;
}

function isBlank(line: string): boolean {
	return /^[ \t]*$/.test(line);
}

/** 1-based numbers of the lines that start a checkbox item outside code, comments and front matter. */
export function taskLineNumbers(markdown: string): number[] {
	const text = markdown.startsWith('\uFEFF') ? markdown.slice(1) : markdown;
	const lines = text.split(/\r\n|\n|\r/);
	const found: number[] = [];
	let i = 0;

	// Front matter: '---' on the first line, closed by '---' or '...'.
	if (lines.length > 1 && /^---[ \t]*$/.test(lines[0])) {
		const close = lines.findIndex((l, n) => n > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l));
		if (close > 0) i = close + 1;
	}

	let fence: { char: string; length: number; indent: number } | null = null;
	let inComment = false;
	let inList = false;
	let inIndentedCode = false;
	let prevBlank = true;

	for (; i < lines.length; i++) {
		const line = lines[i];
		const blank = isBlank(line);
		const indent = indentOf(line);

		if (fence) {
			// A fence inside a list item ends with the item: a non-blank line left of the fence.
			if (fence.indent >= 2 && !blank && indent < fence.indent) {
				fence = null;
			} else {
				const m = FENCE.exec(line);
				if (m && m[2][0] === fence.char && m[2].length >= fence.length && isBlank(m[3])) fence = null;
				prevBlank = false;
				continue;
			}
		}
		if (inComment) {
			if (line.includes('-->')) inComment = false;
			prevBlank = false;
			continue;
		}
		if (inIndentedCode) {
			if (blank || indent >= 4) continue;
			inIndentedCode = false;
		}
		if (blank) {
			prevBlank = true;
			continue;
		}
		if (indent >= 4 && !inList && prevBlank) {
			inIndentedCode = true;
			continue;
		}
		const fm = FENCE.exec(line);
		if (fm && !(fm[2][0] === '`' && fm[3].includes('`'))) {
			if (indent < 2) inList = false;
			fence = { char: fm[2][0], length: fm[2].length, indent };
			prevBlank = false;
			continue;
		}
		if (indent <= 3 && line.trimStart().startsWith('<!--')) {
			if (indent < 2 && prevBlank) inList = false;
			if (!line.includes('-->')) inComment = true;
			prevBlank = false;
			continue;
		}
		if (LIST_ITEM.test(line)) {
			inList = true;
			if (CHECKBOX.test(line)) found.push(i + 1);
		} else if (indent < 2 && (prevBlank || /^#{1,6}(?:[ \t]|$)/.test(line.trimStart()))) {
			inList = false;
		}
		prevBlank = false;
	}
	return found;
}

/** The number of checkbox items outside code, comments and front matter. */
export function countTaskLines(markdown: string): number {
	return taskLineNumbers(markdown).length;
}
