/**
 * Sections: every heading outside code with the range it owns — up to the next heading
 * of the same or a higher level (DESIGN §2). Titles are the raw heading text without
 * `#` marks (ATX) or the underline (setext), trimmed.
 */
import type { Section } from '../types';
import type { HeadingNode } from './tree';
import { lineEndAt, memoByString } from './util';

/** Builds the ordered section list from the scanned headings in one pass (a stack of open sections). */
export function buildSections(text: string, headings: readonly HeadingNode[]): Section[] {
	const sections: Section[] = headings.map((h) => sectionHead(text, h));
	const open: number[] = [];
	for (let i = 0; i < sections.length; i++) {
		const here = sections[i];
		const cut = lineStartOf(text, here.span.start);
		while (open.length && sections[open[open.length - 1]].depth >= here.depth) {
			sections[open.pop() as number].span.end = cut;
		}
		open.push(i);
	}
	for (const i of open) sections[i].span.end = text.length;
	return sections;
}

function lineStartOf(text: string, offset: number): number {
	const nl = text.lastIndexOf('\n', offset - 1);
	return nl + 1;
}

function sectionHead(text: string, h: HeadingNode): Section {
	const headEnd = h.setext ? trimLineEnd(text, h.end) : lineEndAt(text, h.start);
	const raw = text.slice(h.start, h.setext ? lastLineStart(text, h.start, h.end) : headEnd);
	const title = h.setext ? raw.trim() : atxTitle(raw);
	let contentStart = text.indexOf('\n', headEnd);
	contentStart = contentStart === -1 ? text.length : contentStart + 1;
	return { title, depth: h.depth, span: { start: h.start, end: text.length }, headingSpan: { start: h.start, end: headEnd }, contentStart };
}

/** Heading text of an ATX line: no opening `#`s, no closing `#` sequence, trimmed (remembered by line). */
export const atxTitle: (line: string) => string = memoByString((line) =>
	line
		.replace(/^\s*#{1,6}(?=\s|$)/, '')
		.replace(/\s+#+\s*$/, '')
		.replace(/^#+\s*$/, '')
		.trim()
);

function trimLineEnd(text: string, end: number): number {
	let e = end;
	while (e > 0 && (text[e - 1] === '\r' || text[e - 1] === '\n')) e--;
	return e;
}

function lastLineStart(text: string, start: number, end: number): number {
	const nl = text.lastIndexOf('\n', trimLineEnd(text, end) - 1);
	return nl < start ? end : nl;
}
