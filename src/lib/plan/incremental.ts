/**
 * `createIncrementalParser()`: the same PlanDoc as `parsePlan`, re-parsing only the chunks of
 * the text a keystroke changed. The text is cut at safe top-level headings (`splitChunks`);
 * each chunk's remark scan is kept, moved to the chunk's new offset and joined, and the rest of
 * the parse runs on the joined scan. A chunk whose scan, parsed alone, ends with something still
 * open (an unclosed fence or HTML block, a list-nested fence the chunker could not see) is
 * merged with the next one, so a wrong guess by the chunker costs time, never correctness.
 *
 * After the first parse only the neighbourhood of the change is cut again: the text between the
 * common head and tail of the old and new text, widened to the part boundaries around it until
 * the chunker, run on that window alone, agrees that the old boundary after it is still one.
 * The parts before the window are kept as they are, the parts after it moved by the length
 * difference, so a keystroke costs the window, not a pass over the whole text.
 */
import { parsePlan, planFromScan } from './parse';
import { splitChunks, type Chunk } from './parse/chunks';
import { joinScans } from './parse/join';
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

/** One or more chunks parsed together (`entry` is the scan of `[start, end)`, relative to `start`). */
interface Part {
	start: number;
	end: number;
	entry: ChunkScan;
}

/** What one parse leaves for the next: its text, its parts and its model. */
interface State {
	text: string;
	parts: Part[];
	doc: PlanDoc;
}

/** Creates a parser for one editing session (one open file): cheap re-parses while typing. */
export function createIncrementalParser(): IncrementalParser {
	// Only the last parse is kept (its parts tile its text), so memory stays bounded by the
	// document's size and never keeps an older text alive.
	let state: State | null = null;
	return {
		parse(markdown: string): PlanDoc {
			const text = typeof markdown === 'string' ? markdown : '';
			if (state && state.text === text) return state.doc;
			try {
				const parts = state ? reparts(state, text) : partsOf(text, splitChunks(text), () => undefined, false).parts;
				const doc = planFromScan(joinScans(text, parts.map((p) => ({ scan: p.entry.scan, offset: p.start }))));
				state = { text, parts, doc };
				return doc;
			} catch {
				state = null;
				return parsePlan(text);
			}
		}
	};
}

/**
 * Groups consecutive chunks into parts: a chunk whose scan ends open is merged with the next
 * one (when `moreAfter` or another chunk follows). `lookup` offers scans of unchanged bodies.
 */
function partsOf(text: string, chunks: readonly Chunk[], lookup: (body: string) => ChunkScan | undefined, moreAfter: boolean): { parts: Part[]; lastOpen: boolean } {
	const parts: Part[] = [];
	let lastOpen = false;
	for (let i = 0; i < chunks.length; i++) {
		const start = chunks[i].start;
		for (;;) {
			const body = text.slice(start, chunks[i].end);
			const entry = lookup(body) ?? scanChunk(body);
			if (entry.open && i + 1 < chunks.length) {
				i++;
				continue;
			}
			lastOpen = entry.open && moreAfter;
			parts.push({ start, end: chunks[i].end, entry });
			break;
		}
	}
	return { parts, lastOpen };
}

/** The parts of `text`, re-cutting and re-scanning only around where it differs from `prev.text`. */
function reparts(prev: State, text: string): Part[] {
	const old = prev.text;
	const parts = prev.parts;
	const min = Math.min(old.length, text.length);
	let head = 0;
	while (head < min && old.charCodeAt(head) === text.charCodeAt(head)) head++;
	let tail = 0;
	while (tail < min - head && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
	const oldEnd = old.length - tail;
	const delta = text.length - old.length;

	// The window starts one part before the part holding the change: that part's heading line
	// may be the changed one, and the part before it ends before the change, so its start is
	// still a boundary with everything before it unchanged.
	let a = 0;
	while (a + 1 < parts.length && parts[a + 1].start <= head) a++;
	a = Math.max(0, a - 1);
	const from = parts[a].start;
	const bodies = new Map<string, ChunkScan>();
	const lookup = (body: string): ChunkScan | undefined => bodies.get(body);

	let b = a + 1;
	while (b < parts.length && parts[b].start < oldEnd) b++;
	for (let step = 1; ; step *= 2) {
		for (let i = a; i < Math.min(b, parts.length); i++) bodies.set(old.slice(parts[i].start, parts[i].end), parts[i].entry);
		if (b >= parts.length) {
			const chunks = splitChunks(text.slice(from)).map((c) => ({ start: c.start + from, end: c.end + from }));
			return [...parts.slice(0, a), ...partsOf(text, chunks, lookup, false).parts];
		}
		const to = parts[b].start + delta;
		// Cut the window with the first line of the old boundary: the boundary holds when the
		// chunker, run on the window alone, starts a chunk there too (its state there is then
		// the same as before, and so is everything after it).
		const nl = text.indexOf('\n', to);
		const probe = splitChunks(text.slice(from, nl === -1 ? text.length : nl + 1));
		const at = probe.findIndex((c) => c.start + from === to);
		if (at > 0) {
			const chunks = probe.slice(0, at).map((c) => ({ start: c.start + from, end: c.end + from }));
			const { parts: middle, lastOpen } = partsOf(text, chunks, lookup, true);
			if (!lastOpen) {
				const moved = delta === 0 ? parts.slice(b) : parts.slice(b).map((p) => ({ start: p.start + delta, end: p.end + delta, entry: p.entry }));
				return [...parts.slice(0, a), ...middle, ...moved];
			}
		}
		b = Math.min(parts.length, b + step);
	}
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
