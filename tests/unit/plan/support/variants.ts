/**
 * Byte-level variants of a plan that must not change its model (apart from offsets):
 * other line endings, a leading BOM, tabs instead of spaces for list indentation.
 */

/** The text with every line ending switched: CRLF → LF, or LF → CRLF. */
export function switchLineEndings(text: string): string {
	return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\n/g, '\r\n');
}

/** The text with a UTF-8 byte order mark in front. */
export function withBom(text: string): string {
	return '\uFEFF' + text;
}

const FENCE = /^([ \t]*)(`{3,}|~{3,})/;
const LIST_LINE = /^( {4})+[ ]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The text with each leading run of four spaces on list-item lines outside fences replaced
 * by a tab. Tab stops are 4 columns in CommonMark, so the structure is unchanged. Returns
 * the text unchanged when no list item is indented 4 spaces or more.
 */
export function tabIndentLists(text: string): string {
	const parts = text.split(/(\r\n|\n|\r)/);
	let fence: { char: string; length: number } | null = null;
	for (let i = 0; i < parts.length; i += 2) {
		const line = parts[i];
		const m = FENCE.exec(line);
		if (fence) {
			if (m && m[2][0] === fence.char && m[2].length >= fence.length && /^[ \t]*(`+|~+)[ \t]*$/.test(line)) fence = null;
			continue;
		}
		if (m) {
			fence = { char: m[2][0], length: m[2].length };
			continue;
		}
		if (LIST_LINE.test(line)) {
			const spaces = /^ */.exec(line)![0].length;
			const tabs = Math.floor(spaces / 4);
			parts[i] = '\t'.repeat(tabs) + line.slice(tabs * 4);
		}
	}
	return parts.join('');
}
