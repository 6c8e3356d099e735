/**
 * External links in a plan's text: `[text](https://…)`, `![alt](https://…)`, `<https://…>`,
 * bare `https://…`/`www.…` and link definitions `[id]: https://…`. A linear, line-based scan
 * (a second remark parse of a 20,000-line plan costs seconds) that skips fenced and indented
 * code, inline code spans and HTML comments. Relative links (repository files, anchors) are not external.
 */
import type { Span } from '../types';

/** An external link: its URL and where it is written. */
export interface ExternalLink {
	url: string;
	span: Span;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)/i;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
/** Inline forms, tried left to right: code span, comment, inline link/image, autolink, bare URL. */
const INLINE =
	/(`+)[\s\S]*?\1|<!--[\s\S]*?-->|!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^\s)>]+)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)|<([a-z][a-z0-9+.-]*:[^\s<>]+)>|\b((?:https?|ftp):\/\/[^\s<>()]+|www\.[^\s<>()]+)/gi;
const DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:\s*<?([^\s>]+)>?/;

/** True for absolute URLs (`https://`, `ftp://`, `mailto:`, `www.`), false for paths and anchors. */
export function isExternalUrl(url: string): boolean {
	return EXTERNAL.test(url.trim());
}

/** A bare URL's end: trailing punctuation belongs to the sentence, not the link (as GFM does). */
function trimBare(url: string): string {
	return url.replace(/[.,:;!?'"*_~]+$/, '');
}

let memo: { text: string; links: ExternalLink[] } | null = null;

/** Every external link outside code in `text`, in order (offsets into `text`). Remembers the last text scanned. */
export function findExternalLinks(text: string): ExternalLink[] {
	if (memo && memo.text === text) return memo.links;
	const links = scan(text);
	memo = { text, links };
	return links;
}

function scan(text: string): ExternalLink[] {
	const out: ExternalLink[] = [];
	let fence: string | null = null;
	let inComment = false;
	let inList = false;
	let prevBlank = true;
	let inIndentedCode = false;
	let lineStart = 0;
	while (lineStart <= text.length) {
		let lineEnd = text.indexOf('\n', lineStart);
		if (lineEnd < 0) lineEnd = text.length;
		const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
		const blank = line.trim() === '';
		const at = lineStart;
		lineStart = lineEnd + 1;

		if (fence !== null) {
			const close = FENCE.exec(line);
			if (close && close[1][0] === fence[0] && close[1].length >= fence.length && line.trim() === close[1]) fence = null;
			continue;
		}
		if (inComment) {
			if (line.includes('-->')) inComment = false;
			continue;
		}
		const open = FENCE.exec(line);
		if (open && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) {
			fence = open[1];
			continue;
		}
		const indented = /^(?: {4}|\t)/.test(line);
		inIndentedCode = indented && !blank && !inList && (prevBlank || inIndentedCode);
		prevBlank = blank;
		if (inIndentedCode) continue;
		if (LIST_ITEM.test(line)) inList = true;
		else if (!blank && !/^[ \t]/.test(line)) inList = false;
		if (blank) continue;
		if (/^\s*<!--/.test(line) && !line.includes('-->')) {
			inComment = true;
			continue;
		}

		const def = DEFINITION.exec(line);
		if (def) {
			if (isExternalUrl(def[1])) out.push({ url: def[1], span: { start: at, end: at + def[0].length } });
			continue;
		}
		INLINE.lastIndex = 0;
		for (let m = INLINE.exec(line); m; m = INLINE.exec(line)) {
			const url = m[2] ?? m[3] ?? (m[4] !== undefined ? trimBare(m[4]) : undefined);
			if (url === undefined || !isExternalUrl(url)) continue;
			const length = m[4] !== undefined ? url.length : m[0].length;
			out.push({ url, span: { start: at + m.index, end: at + m.index + length } });
		}
	}
	return out;
}
