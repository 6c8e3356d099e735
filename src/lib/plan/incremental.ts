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
import { commonPrefix, commonSuffix } from './parse/affix';
import { splitChunks, type Chunk } from './parse/chunks';
import { findFrontMatter } from './parse/frontmatter';
import { joinScans, type PlacedCache, type ScanPart } from './parse/join';
import { scanMarkdown, type Scan } from './parse/tree';
import { scanWithWordInserted } from './parse/word-insert';
import type { WordInsert } from './parse/phases-after-insert';
import type { PlanDoc } from './types';

/** A parser that remembers the previous text's chunk scans between calls. */
export interface IncrementalParser {
	/** The model of `text`, deep-equal to `parsePlan(text)`; never throws. */
	parse(text: string): PlanDoc;
	/** How many parses so far were word inserts read without remark (see `word-insert.ts`), for tests and benchmarks. */
	readonly typedParses: number;
	/** The scans of the last parse's chunk bodies and list pieces, by their text (null before a first parse). */
	chunkSeed(): ChunkSeed | null;
}

/**
 * Chunk scans by body text (and list-piece scans by piece text): what another parser's first
 * parse can take instead of running remark on the same text. A scan depends on its body's text
 * only, so any body found here is right for any document it occurs in.
 */
export interface ChunkSeed {
	bodies: ReadonlyMap<string, ChunkScan>;
	pieces: ReadonlyMap<string, Scan>;
}

export interface ChunkScan {
	scan: Scan;
	/** Whether the chunk's last block may still be open, so it cannot end a chunk. */
	open: boolean;
	/** Scans of the pieces the chunk was cut into between list items (see `itemCuts`), by their text. */
	pieces: Map<string, Scan> | null;
}

/** Finds the scan of an unchanged chunk body, or of an unchanged piece of one. */
interface Lookup {
	body(body: string): ChunkScan | undefined;
	piece(piece: string): Scan | undefined;
	/**
	 * The scan of `text` (a body or piece starting at `start` of the new text) from the scan of
	 * what it was before a word insert (see `word-insert.ts`), when that insert lies in it; for a
	 * body, with the old body's piece scans (all but the one typed in still match their text).
	 */
	typed(text: string, start: number, kind: 'body' | 'piece'): Typed | undefined;
	/** How many scans `typed` gave (and for which insert) and how many remark made, so far. */
	count: Counts;
}

/** A scan moved by a word insert, and the piece scans of the body it came from. */
interface Typed {
	scan: Scan;
	pieces: Map<string, Scan> | null;
}

interface Counts {
	typed: number;
	scanned: number;
	insert: { at: number; inserted: string } | null;
}

const counts = (): Counts => ({ typed: 0, scanned: 0, insert: null });
/** A lookup that finds nothing (a first parse), with counts of its own. */
const noLookup = (): Lookup => ({ body: () => undefined, piece: () => undefined, typed: () => undefined, count: counts() });
/** A first parse's lookup: the seed's scans, or nothing. */
const seededLookup = (seed: ChunkSeed | null): Lookup => (seed ? { ...noLookup(), body: (b) => seed.bodies.get(b), piece: (p) => seed.pieces.get(p) } : noLookup());

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

/**
 * Creates a parser for one editing session (one open file): cheap re-parses while typing. `seed`
 * (asked once, at the first parse) offers scans of chunk bodies another parser already made, e.g.
 * the editor's parser for the parser of the last commit's text.
 */
export function createIncrementalParser(seed?: () => ChunkSeed | null): IncrementalParser {
	// Only the last parse is kept (its parts tile its text), so memory stays bounded by the
	// document's size and never keeps an older text alive.
	let state: State | null = null;
	// The joined scan's nodes of chunks that did not move are the previous parse's (read only).
	const placed: PlacedCache = new WeakMap();
	let typedParses = 0;
	return {
		get typedParses() {
			return typedParses;
		},
		chunkSeed(): ChunkSeed | null {
			if (!state) return null;
			const { text, parts } = state;
			const bodies = new Map<string, ChunkScan>();
			const pieces = new Map<string, Scan>();
			for (const p of parts) {
				bodies.set(text.slice(p.start, p.end), p.entry);
				if (p.entry.pieces) for (const [k, v] of p.entry.pieces) pieces.set(k, v);
			}
			return { bodies, pieces };
		},
		parse(markdown: string): PlanDoc {
			const text = typeof markdown === 'string' ? markdown : '';
			if (state && state.text === text) return state.doc;
			try {
				const { parts, typed } = state ? reparts(state, text) : { parts: partsOf(text, splitChunks(text), seededLookup(seed?.() ?? null), false).parts, typed: undefined };
				const doc = planFromScan(joinScans(text, parts.map((p) => ({ scan: p.entry.scan, offset: p.start })), placed), typed);
				if (typed) typedParses++;
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
function partsOf(text: string, chunks: readonly Chunk[], lookup: Lookup, moreAfter: boolean): { parts: Part[]; lastOpen: boolean } {
	const parts: Part[] = [];
	let lastOpen = false;
	for (let i = 0; i < chunks.length; i++) {
		const start = chunks[i].start;
		for (;;) {
			const body = text.slice(start, chunks[i].end);
			const entry = lookup.body(body) ?? scanChunk(body, start, lookup);
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

/**
 * The parts of `text`, re-cutting and re-scanning only around where it differs from `prev.text`;
 * with `typed` when the new joined scan is the old one with a word inserted (no remark scan, one
 * scan moved by `scanWithWordInserted`), so the model's phases can be taken over.
 */
function reparts(prev: State, text: string): { parts: Part[]; typed?: WordInsert } {
	const { parts, lookup } = repartsWith(prev, text);
	const { typed, scanned, insert } = lookup.count;
	return { parts, typed: typed === 1 && scanned === 0 && insert ? { before: prev.doc, beforeText: prev.text, ...insert } : undefined };
}

function repartsWith(prev: State, text: string): { parts: Part[]; lookup: Lookup } {
	const old = prev.text;
	const parts = prev.parts;
	const head = commonPrefix(old, text);
	const tail = commonSuffix(old, text, Math.min(old.length, text.length) - head);
	const oldEnd = old.length - tail;
	const delta = text.length - old.length;

	// Front matter looks ahead from the first line to its closing `---`, anywhere: when it may
	// have changed (appeared, gone, or an edit at or before its end), cut the whole text again,
	// re-scanning only the bodies that changed.
	const fmOld = findFrontMatter(old, old.charCodeAt(0) === 0xfeff ? 1 : 0);
	const fmNew = findFrontMatter(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
	if ((fmOld || fmNew) && (fmOld?.span.end !== fmNew?.span.end || (fmNew?.span.end ?? 0) >= head)) {
		const all = new Map(parts.map((p) => [old.slice(p.start, p.end), p.entry]));
		const lookup: Lookup = { ...noLookup(), body: (body) => all.get(body) };
		return { parts: partsOf(text, splitChunks(text), lookup, false).parts, lookup };
	}

	// The window starts one part before the part holding the change: that part's heading line
	// may be the changed one, and the part before it ends before the change, so its start is
	// still a boundary with everything before it unchanged.
	let a = 0;
	while (a + 1 < parts.length && parts[a + 1].start <= head) a++;
	a = Math.max(0, a - 1);
	const from = parts[a].start;
	const bodies = new Map<string, ChunkScan>();
	const pieces = new Map<string, Scan>();
	// A pure insert (nothing removed) may be a word typed: the scan of the body or piece that
	// holds it is then the old one moved (see word-insert.ts).
	const inserted = oldEnd === head && delta > 0 ? text.slice(head, head + delta) : null;
	const count = counts();
	const typed = (t: string, start: number, kind: 'body' | 'piece'): Typed | undefined => {
		if (inserted === null || start >= head || head + delta > start + t.length) return undefined;
		const at = head - start;
		const was = t.slice(0, at) + t.slice(at + delta);
		const oldBody = kind === 'body' ? bodies.get(was) : undefined;
		const old = kind === 'body' ? oldBody?.scan : pieces.get(was);
		const scan = old && scanWithWordInserted(old, at, inserted);
		if (!scan) return undefined;
		count.typed++;
		count.insert = { at: head, inserted };
		return { scan, pieces: oldBody?.pieces ? piecesAfterInsert(t, oldBody.pieces, at, inserted) : null };
	};
	const lookup: Lookup = { body: (body) => bodies.get(body), piece: (piece) => pieces.get(piece), typed, count };

	let b = a + 1;
	while (b < parts.length && parts[b].start < oldEnd) b++;
	for (let step = 1; ; step *= 2) {
		for (let i = a; i < Math.min(b, parts.length); i++) {
			const entry = parts[i].entry;
			bodies.set(old.slice(parts[i].start, parts[i].end), entry);
			if (entry.pieces) for (const [k, v] of entry.pieces) pieces.set(k, v);
		}
		if (b >= parts.length) {
			const chunks = splitChunks(text.slice(from)).map((c) => ({ start: c.start + from, end: c.end + from }));
			return { parts: [...parts.slice(0, a), ...partsOf(text, chunks, lookup, false).parts], lookup };
		}
		const to = parts[b].start + delta;
		// Cut the window with the first line of the old boundary: the boundary holds when the
		// chunker, run on the window alone, starts a chunk there too (its state there is then
		// the same as before, and so is everything after it).
		const nl = text.indexOf('\n', to);
		const probe = splitChunks(text.slice(from, nl === -1 ? text.length : nl + 1));
		const at = probe.findIndex((c) => c.start + from === to);
		// Front matter is the one look-ahead of the chunker: a window at the start of the text must
		// not end inside front matter that closes only after it.
		const frontMatterEnd = from === 0 ? (findFrontMatter(text, text.charCodeAt(0) === 0xfeff ? 1 : 0)?.span.end ?? 0) : 0;
		if (at > 0 && frontMatterEnd < to) {
			const chunks = probe.slice(0, at).map((c) => ({ start: c.start + from, end: c.end + from }));
			const { parts: middle, lastOpen } = partsOf(text, chunks, lookup, true);
			if (!lastOpen) {
				const moved = delta === 0 ? parts.slice(b) : parts.slice(b).map((p) => ({ start: p.start + delta, end: p.end + delta, entry: p.entry }));
				return { parts: [...parts.slice(0, a), ...middle, ...moved], lookup };
			}
		}
		b = Math.min(parts.length, b + step);
	}
}

/**
 * The piece scans of `body` (a chunk body a word was typed into at `at`) from those of the body
 * before, with the piece typed into under its new text (its old scan moved) instead of its old
 * text. The other pieces are unchanged, so a later key in another item finds them all.
 */
function piecesAfterInsert(body: string, before: Map<string, Scan>, at: number, inserted: string): Map<string, Scan> {
	const cuts = itemCuts(body);
	let from = 0;
	let to = body.length;
	for (const cut of cuts) {
		if (cut <= at) from = cut;
		else {
			to = cut;
			break;
		}
	}
	const piece = body.slice(from, to);
	const was = piece.slice(0, at - from) + piece.slice(at - from + inserted.length);
	const old = before.get(was);
	const moved = old && !before.has(piece) ? scanWithWordInserted(old, at - from, inserted) : null;
	if (!moved) return before;
	const after = new Map(before);
	after.delete(was);
	after.set(piece, moved);
	return after;
}

/**
 * Scans a chunk `body` starting at `start` of the text: the old scan moved when a word was typed
 * in it, else piece by piece between list items when it can be cut.
 */
function scanChunk(body: string, start: number, lookup: Lookup): ChunkScan {
	const remark = (t: string): Scan => {
		lookup.count.scanned++;
		return scanMarkdown(t);
	};
	// A word typed in the body: its old scan moved, as one, before cutting it into pieces.
	const typed = lookup.typed(body, start, 'body');
	if (typed) return { scan: typed.scan, open: endsOpen(body, typed.scan), pieces: typed.pieces };
	const cuts = itemCuts(body);
	if (cuts.length) {
		const bounds = [0, ...cuts, body.length];
		const pieces = new Map<string, Scan>();
		const parts: ScanPart[] = [];
		for (let i = 0; i + 1 < bounds.length; i++) {
			const piece = body.slice(bounds[i], bounds[i + 1]);
			const scan = pieces.get(piece) ?? lookup.piece(piece) ?? lookup.typed(piece, start + bounds[i], 'piece')?.scan ?? remark(piece);
			pieces.set(piece, scan);
			parts.push({ scan, offset: bounds[i] });
		}
		const scan = joinListPieces(joinScans(body, parts), cuts);
		if (scan) return { scan, open: endsOpen(body, scan), pieces };
	}
	const scan = remark(body);
	return { scan, open: endsOpen(body, scan), pieces: null };
}

const BULLET_AT_COLUMN_0 = /^([-*+])[ \t]+\S/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*\r?$/;
const BLANK_LINE = /^[ \t]*\r?$/;

/**
 * Offsets in `body` where it may be cut between two items of one tight top-level bullet list,
 * so a keystroke in a long checklist re-scans one item, not the whole section: a column-0 item
 * line with the same bullet as the item before it, no blank line in between, and an item before
 * it whose lines hold nothing that could reach past it or change how it ends (no fence (```, ~~~),
 * HTML or table characters), and not in a body that may start with front matter. Cut pieces are scanned
 * alone and joined by `joinListPieces`.
 */
export function itemCuts(body: string): number[] {
	const cuts: number[] = [];
	// Front matter (`---`/`+++`, maybe after a BOM) is read from the whole text: never cut a body that may hold it.
	const first = body.charCodeAt(0);
	if (first === 0xfeff || first === 45 /* - */ || first === 43 /* + */) return cuts;
	let bullet: string | null = null;
	let simple = false;
	let prevBlank = true;
	for (let pos = 0; pos < body.length; ) {
		const nl = body.indexOf('\n', pos);
		const lineEnd = nl === -1 ? body.length : nl;
		const line = body.slice(pos, lineEnd);
		const blank = BLANK_LINE.test(line);
		const unsafe = line.includes('```') || line.includes('~~~') || line.includes('<') || line.includes('|');
		if (blank) bullet = null;
		else if (line[0] === ' ' || line[0] === '\t') simple &&= !unsafe;
		else {
			const m = BULLET_AT_COLUMN_0.exec(line);
			if (m && !THEMATIC_BREAK.test(line)) {
				if (bullet === m[1] && simple && !prevBlank) cuts.push(pos);
				bullet = m[1];
				simple = !unsafe;
			} else bullet = null;
		}
		prevBlank = blank;
		pos = lineEnd + 1;
	}
	return cuts;
}

/**
 * Makes the scan of pieces cut at `cuts` the scan of the whole: each piece after a cut starts
 * a new top-level list that is really the continuation of the list before it, so that list is
 * extended and its items pointed at the first one. Returns null (scan the whole body instead)
 * when the pieces do not look like that.
 */
function joinListPieces(scan: Scan, cuts: readonly number[]): Scan | null {
	const merged = new Map<number, number>();
	const lists: Scan['lists'] = [];
	let cut = 0;
	for (const list of scan.lists) {
		if (cut < cuts.length && list.start === cuts[cut]) {
			if (list.level !== 0) return null;
			let prev = lists.length - 1;
			while (prev >= 0 && lists[prev].level !== 0) prev--;
			if (prev < 0 || !/^\r?\n$/.test(scan.text.slice(lists[prev].end, list.start))) return null;
			merged.set(list.start, lists[prev].start);
			lists[prev] = { ...lists[prev], end: list.end };
			cut++;
			continue;
		}
		if (cut < cuts.length && list.start > cuts[cut]) return null;
		lists.push(list);
	}
	if (cut !== cuts.length) return null;
	for (const item of scan.items) item.listStart = merged.get(item.listStart) ?? item.listStart;
	for (const task of scan.allTasks) task.listStart = merged.get(task.listStart) ?? task.listStart;
	return { ...scan, lists };
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
