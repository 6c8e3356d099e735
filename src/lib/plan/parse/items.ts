/**
 * Progress items: checkbox list items (all seven states) and rows of tables with a Status
 * column. `text` is the raw source of the first paragraph after the marker and a leading
 * stamp, so `markdown.slice(span.start, span.end).includes(text)` always holds.
 */
import type { ItemState, ProgressItem } from '../types';
import { readStamp, type Stamp } from './stamps';
import type { TableNode, TaskNode } from './tree';
import { GLYPHS_RE, stripInline } from './util';

/** An item with the stamp format it used (for style detection). */
export interface BuiltItem extends ProgressItem {
	format: Stamp['format'] | null;
}

/** Turns a scanned checkbox item (and its nested ones) into a ProgressItem. */
export function toProgressItem(text: string, task: TaskNode): ProgressItem {
	if (task.built) return task.built;
	const raw = text.slice(task.textStart, task.textEnd);
	const stamp = readStamp(raw);
	const body = (stamp ? raw.slice(stamp.consumed) : raw).trim();
	task.built = {
		span: { start: task.start, end: task.end },
		state: task.state,
		checked: task.state === 'done',
		text: body,
		timestamp: stamp ? stamp.value : null,
		marker: markerOf(body),
		children: task.children.map((c) => toProgressItem(text, c))
	};
	return task.built;
}

/** The stamp format an item's raw text uses, or null. */
export function stampFormatOf(text: string, task: TaskNode): Stamp['format'] | null {
	return readStamp(text.slice(task.textStart, task.textEnd))?.format ?? null;
}

/** `current` / `in-progress` markers on an item's text: `← current`, `**CURRENT**`, `(IN PROGRESS)`, `🔄`. */
export function markerOf(s: string): ProgressItem['marker'] {
	if (/←\s*current\b|\*\*current\*\*|\(current\)/i.test(s) || /\bCURRENT\b|👉/.test(s)) return 'current';
	if (/🔄|\bIN[ -]PROGRESS\b|\(in progress\)|\bWIP\b|🚧/.test(s)) return 'in-progress';
	return null;
}

/** Item state (and marker) from a status cell or word: complete/done/✓ → done, deferred → na, … */
export function stateFromStatusWord(s: string): { state: ItemState; marker: ProgressItem['marker'] } | null {
	const t = stripInline(s).toLowerCase();
	if (t === '') return null;
	if (/\bnot[ -]started\b|\bincomplete\b|\bpending\b|\btodo\b|\bto do\b|\bplanned\b|\bdraft\b|\bbacklog\b|🔴|⬜|☐/.test(t)) return { state: 'open', marker: null };
	if (/in[ -]?progress|\bwip\b|\bongoing\b|\bactive\b|\bstarted\b|🔄|🚧|🟡/.test(t)) return { state: 'open', marker: 'in-progress' };
	if (/\bcomplete(d)?\b|\bdone\b|\bfinished\b|\bshipped\b|\bmerged\b|✓|✔|✅|☑|🟢/.test(t)) return { state: 'done', marker: null };
	if (/\bpartial(ly)?\b/.test(t)) return { state: 'partial', marker: null };
	if (/\bdeferred\b|\bn\/a\b|\bskipped\b|\bcancel+ed\b|\bdropped\b|\bpostponed\b|\bwon'?t\b|⏸/.test(t)) return { state: 'na', marker: null };
	if (/\bfailed\b|❌/.test(t)) return { state: 'failed', marker: null };
	if (/\bblocked\b|⚠/.test(t)) return { state: 'warning', marker: null };
	if (/⏳|\bwaiting\b/.test(t)) return { state: 'waiting', marker: null };
	return null;
}

/** Raw text of a table cell without its pipes and padding, and where that text starts. */
export function cellText(text: string, cell: { start: number; end: number }): { value: string; start: number } {
	let s = cell.start;
	let e = cell.end;
	while (s < e && (text[s] === '|' || text[s] === ' ' || text[s] === '\t')) s++;
	while (e > s && (text[e - 1] === '|' || text[e - 1] === ' ' || text[e - 1] === '\t' || text[e - 1] === '\r')) e--;
	return { value: text.slice(s, e), start: s };
}

/** Column indexes of a table's header: the Status column and the best text column. */
export function tableColumns(text: string, table: TableNode): { status: number; label: number } | null {
	const head = table.rows[0];
	if (!head) return null;
	const names = head.cells.map((c) => stripInline(cellText(text, c).value).replace(GLYPHS_RE, '').trim().toLowerCase());
	const status = names.findIndex((n) => /^(status|state|done|progress status)$/.test(n));
	if (status === -1) return null;
	let label = names.findIndex((n, i) => i !== status && /task|phase|item|name|title|step|deliverable|milestone|feature|description|work|plan\b/.test(n));
	if (label === -1) label = names.findIndex((n, i) => i !== status && n !== '#' && n !== 'no' && n !== 'id');
	if (label === -1) label = status === 0 ? 1 : 0;
	return { status, label };
}

/** Rows of a table with a Status column as ProgressItems (state from the status word). */
export function tableItems(text: string, table: TableNode): ProgressItem[] {
	const cols = tableColumns(text, table);
	if (!cols) return [];
	const out: ProgressItem[] = [];
	for (const row of table.rows.slice(1)) {
		const statusCell = row.cells[cols.status];
		const labelCell = row.cells[cols.label];
		if (!statusCell || !labelCell) continue;
		const status = stateFromStatusWord(cellText(text, statusCell).value);
		const label = cellText(text, labelCell).value;
		out.push({
			span: { start: row.start, end: row.end },
			state: status?.state ?? 'open',
			checked: status?.state === 'done',
			text: label,
			timestamp: null,
			marker: status?.marker ?? null,
			children: []
		});
	}
	return out;
}
