/**
 * The commonest keystroke — a letter or digit typed inside or at the end of a word of prose —
 * cannot change the Markdown's block structure, and a `Scan` holds nothing but block structure
 * (offsets, states, depths). So the scan of the new text is the old scan with every offset at or
 * after the insertion moved by its length: no remark pass. `insertedIntoWord` says when that
 * holds; everything it does not prove safe is scanned by remark as before.
 */
import type { ItemNode, Scan, TableNode, TaskNode } from './tree';

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const WORD = /^[A-Za-z0-9]+$/;
/** Characters that make a word or line take part in block structure: link labels and task boxes, HTML, table pipes, fences, escapes. */
const STRUCTURAL_IN_WORD = /[[\]<>|`~\\]/;
/** An ordered-list marker (`12.`, `3)`) whose number an inserted digit would change. */
const ORDERED_MARKER = /^\d+[.)]/;

/**
 * Whether inserting `inserted` at `at` in `text` leaves every block of `text` as it is: ASCII
 * letters and digits typed right after a letter or digit, before another one or the end of the
 * line, in a word that is not the first of its line (list markers, heading marks, fences,
 * numbers of ordered items, setext lines and the like all live in the first word) and holds no
 * brackets, angle brackets, pipes, backticks, tildes or backslashes, on a line with no table
 * pipe that does not start with `<`, and not where it could be in a definition's label.
 */
export function insertedIntoWord(text: string, at: number, inserted: string): boolean {
	if (at <= 0 || at > text.length || !WORD.test(inserted)) return false;
	if (!isWordChar(text.charCodeAt(at - 1))) return false;
	if (at < text.length) {
		const after = text.charCodeAt(at);
		if (!isWordChar(after) && after !== 10 && after !== 13) return false;
	}
	let wordStart = at;
	while (wordStart > 0 && !isBlank(text.charCodeAt(wordStart - 1))) wordStart--;
	let wordEnd = at;
	while (wordEnd < text.length && !isBlank(text.charCodeAt(wordEnd))) wordEnd++;
	const word = text.slice(wordStart, wordEnd);
	if (STRUCTURAL_IN_WORD.test(word) || ORDERED_MARKER.test(word)) return false;
	const lineStart = text.lastIndexOf('\n', wordStart - 1) + 1;
	let firstWord = true;
	for (let i = lineStart; i < wordStart; i++) {
		if (!isBlank(text.charCodeAt(i))) {
			firstWord = false;
			break;
		}
	}
	if (firstWord) return false;
	const nl = text.indexOf('\n', at);
	const line = text.slice(lineStart, nl === -1 ? text.length : nl);
	return !line.includes('|') && !/^[ \t]*</.test(line) && !mayBeInDefinitionLabel(text, lineStart, at);
}

/** Container marks and a task box at the start of a line: what comes before a block's own first character. */
const LINE_PREFIX = /^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[^\]\n]{1,3}\][ \t]+)?)?/;
/** A link label holds at most 999 characters (CommonMark), so its `[` is at most this far before a place in it. */
const LABEL_REACH = 1001;

/**
 * Whether `at` may lie in the label of a link reference (or footnote) definition: a label of 999
 * characters stops being one with one more letter, and the definition becomes a paragraph. True
 * when a line of the same block (back to the last blank line), starting within a label's reach
 * before `at`, begins with `[` after its container marks.
 */
function mayBeInDefinitionLabel(text: string, lineStart: number, at: number): boolean {
	for (let start = lineStart; start >= 0 && at - start <= LABEL_REACH + 40; ) {
		const end = text.indexOf('\n', start);
		const line = text.slice(start, end === -1 ? text.length : end);
		if (/^[ \t]*\r?$/.test(line)) return false;
		const prefix = LINE_PREFIX.exec(line)?.[0].length ?? 0;
		if (line.charCodeAt(prefix) === 91 /* [ */) return true;
		if (start === 0) return false;
		const prevEnd = start - 1; // the line ending before this line
		start = prevEnd === 0 ? 0 : text.lastIndexOf('\n', prevEnd - 1) + 1;
	}
	return false;
}

/**
 * The scan of `old.text` with `inserted` put in at `at`, when `insertedIntoWord` proves the
 * blocks unchanged (and the scan has no front matter); otherwise null. Every node is a new
 * object (nothing cached on the old task nodes comes along), task identity kept between
 * `tasks`, `allTasks`, `items[].task` and `children`.
 */
export function scanWithWordInserted(old: Scan, at: number, inserted: string): Scan | null {
	if (old.frontMatter || !insertedIntoWord(old.text, at, inserted)) return null;
	// remark-gfm starts a task's paragraph after its box only when the text begins with plain
	// text: a letter that makes or unmakes a link there (`htp://` → `http://`, a reference
	// label) would move it. So not in a task's first word, nor in a task that starts with a link.
	for (const t of old.allTasks) {
		if (at < t.textStart || at > t.textEnd) continue;
		const first = old.text.charCodeAt(t.textStart);
		if (first === 91 /* [ */ || first === 33 /* ! */) return null;
		let wordEnd = t.textStart;
		while (wordEnd < t.textEnd && !isBlank(old.text.charCodeAt(wordEnd))) wordEnd++;
		if (at <= wordEnd) return null;
	}
	const d = inserted.length;
	const pos = (o: number): number => (o >= at ? o + d : o);
	const range = <T extends { start: number; end: number }>(r: T): T => ({ ...r, start: pos(r.start), end: pos(r.end) });
	const tasks = new Map<TaskNode, TaskNode>();
	const task = (t: TaskNode): TaskNode => {
		let copy = tasks.get(t);
		if (!copy) {
			copy = { start: pos(t.start), end: pos(t.end), state: t.state, textStart: pos(t.textStart), textEnd: pos(t.textEnd), listStart: pos(t.listStart), children: [] };
			tasks.set(t, copy);
			copy.children = t.children.map(task);
		}
		return copy;
	};
	const item = (i: ItemNode): ItemNode => ({
		start: pos(i.start),
		end: pos(i.end),
		paraStart: i.paraStart === null ? null : pos(i.paraStart),
		paraEnd: i.paraEnd === null ? null : pos(i.paraEnd),
		task: i.task ? task(i.task) : null,
		level: i.level,
		listStart: pos(i.listStart)
	});
	const table = (t: TableNode): TableNode => ({ start: pos(t.start), end: pos(t.end), rows: t.rows.map((r) => ({ start: pos(r.start), end: pos(r.end), cells: r.cells.map(range) })) });
	return {
		text: old.text.slice(0, at) + inserted + old.text.slice(at),
		frontMatter: null,
		headings: old.headings.map(range),
		lists: old.lists.map(range),
		items: old.items.map(item),
		tasks: old.tasks.map(task),
		allTasks: old.allTasks.map(task),
		tables: old.tables.map(table),
		paragraphs: old.paragraphs.map(range),
		opaque: old.opaque.map(range)
	};
}
