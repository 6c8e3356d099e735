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
 * pipe that does not start with `<`.
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
	return !line.includes('|') && !/^[ \t]*</.test(line);
}

/**
 * The scan of `old.text` with `inserted` put in at `at`, when `insertedIntoWord` proves the
 * blocks unchanged (and the scan has no front matter); otherwise null. Every node is a new
 * object (nothing cached on the old task nodes comes along), task identity kept between
 * `tasks`, `allTasks`, `items[].task` and `children`.
 */
export function scanWithWordInserted(old: Scan, at: number, inserted: string): Scan | null {
	if (old.frontMatter || !insertedIntoWord(old.text, at, inserted)) return null;
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
