/** toggle-item / set-item-state: change only an item's marker (or status cell), stamping a tick in the plan's format. */
import type { ItemState, PlanDoc, ProgressItem, TextChange } from '../types';
import type { EditContext } from './context';
import { allItems, findItem } from './context';
import { stampChange } from './stamps';
import { lineEndAt, lineStartAt, linesIn } from './text';

const MARKER = /^([ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[([^\]\n]{1,5})\]([ \t]*)/;

/** The marker text a plan writes for a state. */
export function markerFor(state: ItemState, doc: PlanDoc): string {
	switch (state) {
		case 'open':
			return '[ ]';
		case 'done':
			return doc.style.done_marker;
		case 'partial':
			return '[~]';
		case 'na':
			return '[N/A]';
		case 'failed':
			return '[❌]';
		case 'warning':
			return '[⚠️]';
		case 'waiting':
			return '[⏳]';
	}
}

/** Changes that put the item starting at `at` into `state` (none when it is already there). */
export function setItemState(ctx: EditContext, at: number, state: ItemState): TextChange[] {
	return itemStateChanges(ctx, findItem(ctx.doc, at), state);
}

/** Same as {@link setItemState} for an item already looked up. */
export function itemStateChanges(ctx: EditContext, item: ProgressItem, state: ItemState): TextChange[] {
	if (item.state === state) return [];
	const { text } = ctx;
	const lineStart = lineStartAt(text, item.span.start);
	const lineEnd = lineEndAt(text, item.span.start);
	const head = text.slice(lineStart, lineEnd);
	if (/^[ \t]*\|/.test(head)) return tableRowChanges(ctx, item, state, lineStart, head);
	const m = MARKER.exec(head);
	if (!m) {
		// Dated log entries (`### 2025-10-01 14:30 UTC - …`, `- 2025-10-01T14:30Z — …`) are done by being written.
		if (item.timestamp !== null && !/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[/.test(head)) {
			throw new RangeError(`Item at ${item.span.start} is a dated log entry without a checkbox; it has no other state`);
		}
		throw new RangeError(`Item at ${item.span.start} has no checkbox marker`);
	}
	const from = lineStart + m[1].length;
	const to = from + m[2].length + 2;
	const changes: TextChange[] = [{ from, to, insert: markerFor(state, ctx.doc) }];
	if (state === 'done' && item.timestamp === null && ctx.doc.style.timestampFormat !== 'none') {
		const contentStart = to + m[3].length;
		const stamp = stampChange(text, ctx.doc.style.timestampFormat, ctx.clock, contentStart, item.span.end);
		if (stamp) changes.push(stamp);
	}
	return changes;
}

const WORDS: Record<ItemState, string> = {
	open: 'Pending',
	done: 'Complete',
	partial: 'In Progress',
	na: 'N/A',
	failed: 'Failed',
	warning: 'Blocked',
	waiting: 'Waiting'
};

interface Cell {
	from: number;
	to: number;
	text: string;
}

/** Cells of a table row line (`| a | b |`), each trimmed, in text coordinates. */
function cellsOf(lineStart: number, line: string): Cell[] {
	const cells: Cell[] = [];
	let i = line.indexOf('|');
	while (i >= 0) {
		let j = i + 1;
		while (j < line.length && line[j] !== '|') j += line[j] === '\\' ? 2 : 1;
		if (j >= line.length) {
			if (line.slice(i + 1).trim() !== '') pushCell(cells, lineStart, line, i + 1, line.length);
			break;
		}
		pushCell(cells, lineStart, line, i + 1, j);
		i = j;
	}
	return cells;
}

function pushCell(cells: Cell[], lineStart: number, line: string, a: number, b: number): void {
	let s = a;
	let e = b;
	while (s < e && /\s/.test(line[s])) s++;
	while (e > s && /\s/.test(line[e - 1])) e--;
	cells.push({ from: lineStart + s, to: lineStart + e, text: line.slice(s, e) });
}

/** A table row's status cell rewritten: the wording another row with that state uses, else a plain word. */
function tableRowChanges(ctx: EditContext, item: ProgressItem, state: ItemState, lineStart: number, head: string): TextChange[] {
	const { text } = ctx;
	const rows = tableLines(text, lineStart);
	const delim = rows.findIndex((l) => /^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$/.test(l.text));
	if (delim < 1) throw new RangeError(`Item at ${item.span.start} is a table row without a header`);
	const header = cellsOf(rows[delim - 1].start, rows[delim - 1].text);
	const col = header.findIndex((c) => /status|state/i.test(c.text));
	if (col < 0) throw new RangeError(`Item at ${item.span.start} is in a table without a status column`);
	const cell = cellsOf(lineStart, head)[col];
	if (!cell) throw new RangeError(`Item at ${item.span.start} has no status cell`);
	const byStart = new Map(allItems(ctx.doc).map((it) => [it.span.start, it]));
	let word: string | null = null;
	for (const row of rows.slice(delim + 1)) {
		const other = byStart.get(row.start) ?? byStart.get(row.start + (/^[ \t]*/.exec(row.text)?.[0].length ?? 0));
		if (other && other.state === state) {
			word = cellsOf(row.start, row.text)[col]?.text ?? null;
			if (word) break;
		}
	}
	if (!word) {
		word = WORDS[state];
		if (cell.text && cell.text === cell.text.toLowerCase()) word = word.toLowerCase();
		else if (/[A-Z]{3}/.test(cell.text) && cell.text === cell.text.toUpperCase()) word = word.toUpperCase();
	}
	return [{ from: cell.from, to: cell.to, insert: word }];
}

/** The contiguous table lines around `lineStart`. */
function tableLines(text: string, lineStart: number): { start: number; text: string }[] {
	const all = linesIn(text, 0, text.length);
	const idx = all.findIndex((l) => l.start === lineStart);
	let a = idx;
	while (a > 0 && /^[ \t]*\|/.test(all[a - 1].text)) a--;
	let b = idx;
	while (b + 1 < all.length && /^[ \t]*\|/.test(all[b + 1].text)) b++;
	return all.slice(a, b + 1);
}
