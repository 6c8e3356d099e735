/**
 * `createIncrementalParser()`: the same PlanDoc as `parsePlan`, re-parsing only the chunks of
 * the text a keystroke changed. The text is cut at safe top-level headings (`splitChunks`);
 * each chunk's remark scan is cached by its exact text, moved to the chunk's new offset and
 * joined, and the rest of the parse runs on the joined scan. A chunk whose scan, parsed
 * alone, ends with something still open (an unclosed fence or HTML block, a list-nested
 * fence the chunker could not see) is merged with the next one, so a wrong guess by the
 * chunker costs time, never correctness.
 */
import { parsePlan, planFromScan } from './parse';
import { splitChunks } from './parse/chunks';
import { joinScans, type ScanPart } from './parse/join';
import { scanMarkdown, type Scan } from './parse/tree';
import type { PlanDoc } from './types';

/** A parser that remembers the previous text's chunk scans between calls. */
export interface IncrementalParser {
	/** The model of `text`, deep-equal to `parsePlan(text)`; never throws. */
	parse(text: string): PlanDoc;
}

interface ChunkScan {
	scan: Scan;
	/** Whether the chunk's last block may still be open, so it cannot end a chunk. */
	open: boolean;
}

/** Creates a parser for one editing session (one open file): cheap re-parses while typing. */
export function createIncrementalParser(): IncrementalParser {
	// Only the chunks of the last parse are kept (keys are slices of the latest text), so the
	// cache is bounded by the document's size and never keeps an old text alive.
	let cache = new Map<string, ChunkScan>();
	return {
		parse(markdown: string): PlanDoc {
			const text = typeof markdown === 'string' ? markdown : '';
			const next = new Map<string, ChunkScan>();
			try {
				const chunks = splitChunks(text);
				const parts: ScanPart[] = [];
				for (let i = 0; i < chunks.length; i++) {
					const start = chunks[i].start;
					for (;;) {
						const body = text.slice(start, chunks[i].end);
						const entry = next.get(body) ?? cache.get(body) ?? scanChunk(body);
						next.set(body, entry);
						if (entry.open && i + 1 < chunks.length) {
							i++;
							continue;
						}
						parts.push({ scan: entry.scan, offset: start });
						break;
					}
				}
				cache = next;
				return planFromScan(joinScans(text, parts));
			} catch {
				cache = next;
				return parsePlan(text);
			}
		}
	};
}

function scanChunk(body: string): ChunkScan {
	const scan = scanMarkdown(body);
	return { scan, open: endsOpen(body, scan) };
}

const TOP_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TOP_HTML_1_TO_5: readonly { open: RegExp; close: RegExp }[] = [
	{ open: /^ {0,3}<(?:script|pre|style|textarea)/i, close: /<\/(?:script|pre|style|textarea)>/i },
	{ open: /^ {0,3}<!--/, close: /-->/ },
	{ open: /^ {0,3}<\?/, close: /\?>/ },
	{ open: /^ {0,3}<!\[CDATA\[/, close: /\]\]>/ },
	{ open: /^ {0,3}<!/, close: />/ }
];

/**
 * Whether a heading line appended to `body` might not start a fresh top-level block: some
 * node reaches into the trailing blank lines (blocks left open at the end of input swallow
 * them), the last opaque block is a top-level fence or HTML block without its end, or the
 * last line is not blank and not a heading.
 */
export function endsOpen(body: string, scan: Scan): boolean {
	// Walk back over trailing blank lines to the last line with content.
	let lastLineEnd = body.endsWith('\n') ? body.length - 1 : body.length;
	let lastLineStart = 0;
	let blankTail = false;
	for (;;) {
		lastLineStart = lastLineEnd === 0 ? 0 : body.lastIndexOf('\n', lastLineEnd - 1) + 1;
		if (!/^[ \t]*\r?$/.test(body.slice(lastLineStart, lastLineEnd))) break;
		if (lastLineStart === 0) return false; // nothing but blank lines
		blankTail = true;
		lastLineEnd = lastLineStart - 1;
	}
	const contentEnd = body.charCodeAt(lastLineEnd - 1) === 13 ? lastLineEnd - 1 : lastLineEnd;
	const groups: readonly (readonly { end: number }[])[] = [scan.headings, scan.lists, scan.items, scan.tables, scan.paragraphs, scan.opaque];
	for (const g of groups) for (const n of g) if (n.end > contentEnd) return true;
	if (!blankTail) {
		const h = scan.headings[scan.headings.length - 1];
		if (!h || h.setext || h.start < lastLineStart) return true;
	}
	const last = scan.opaque[scan.opaque.length - 1];
	if (last && (!scan.frontMatter || last.start !== scan.frontMatter.span.start)) {
		const lineStart = last.start === 0 ? 0 : body.lastIndexOf('\n', last.start - 1) + 1;
		const firstLine = body.slice(lineStart, lineEndOf(body, last.start));
		const fence = TOP_FENCE.exec(firstLine);
		if (fence) return !closedFence(body, last, fence[1]);
		for (const kind of TOP_HTML_1_TO_5) {
			const m = kind.open.exec(firstLine);
			if (m) return !kind.close.test(body.slice(lineStart + m[0].length, last.end));
		}
	}
	return false;
}

function lineEndOf(text: string, from: number): number {
	const nl = text.indexOf('\n', from);
	return nl === -1 ? text.length : nl;
}

/** Whether a fenced code block's range ends with a closing fence for `opener`. */
function closedFence(body: string, range: { start: number; end: number }, opener: string): boolean {
	const lastStart = body.lastIndexOf('\n', range.end - 1) + 1;
	if (lastStart <= range.start) return false;
	const m = /^ {0,3}(`+|~+)[ \t]*\r?$/.exec(body.slice(lastStart, range.end));
	return m !== null && m[1][0] === opener[0] && m[1].length >= opener.length;
}
