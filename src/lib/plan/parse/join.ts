/**
 * Lays scans of consecutive chunks end to end as one `Scan` of the whole text: every offset
 * moved by its chunk's start, every node copied, task identity kept between `tasks`,
 * `allTasks`, `items[].task` and `children`. Each copied task comes with its ProgressItem
 * already built (`built`): the chunk's own item moved by the chunk's start, and the very same
 * object as in the previous parse when the chunk did not move, so a keystroke neither re-reads
 * the items of the chunks it did not touch nor gives the panels new objects for them.
 */
import type { ProgressItem } from '../types';
import type { FrontMatter } from './frontmatter';
import { toProgressItem } from './items';
import type { ItemNode, Scan, TableNode, TaskNode } from './tree';

/** A chunk's scan (offsets relative to the chunk) and where the chunk starts in the whole text. */
export interface ScanPart {
	scan: Scan;
	offset: number;
}

type Range = { start: number; end: number };

/** The nodes of one chunk's scan as placed at `offset` by an earlier join. */
interface Placed {
	offset: number;
	nodes: Omit<Scan, 'text' | 'frontMatter'>;
}

/**
 * Remembers each chunk scan's placed nodes (see `joinScans`). Only for joins whose nodes are
 * never changed afterwards: the nodes are then shared by successive joined scans.
 */
export type PlacedCache = WeakMap<Scan, Placed>;

/**
 * One Scan of `text` from the scans of the chunks that tile it, in order. With `cache`, a chunk
 * scan placed at the same offset as in an earlier join with that cache gives the same node objects
 * again (they are only read), so the chunks before an edit cost nothing to join.
 */
export function joinScans(text: string, parts: readonly ScanPart[], cache?: PlacedCache): Scan {
	const out: Scan = {
		text,
		frontMatter: parts.length ? cloneFrontMatter(parts[0].scan.frontMatter, parts[0].offset) : null,
		headings: [],
		lists: [],
		items: [],
		tasks: [],
		allTasks: [],
		tables: [],
		paragraphs: [],
		opaque: []
	};
	for (const { scan, offset: d } of parts) {
		const hit = cache?.get(scan);
		const placed = hit && hit.offset === d ? hit.nodes : placeNodes(scan, d);
		if (cache && placed !== hit?.nodes) cache.set(scan, { offset: d, nodes: placed });
		for (const k of NODE_KEYS) for (const n of placed[k]) (out[k] as unknown[]).push(n);
	}
	return out;
}

const NODE_KEYS = ['headings', 'lists', 'items', 'tasks', 'allTasks', 'tables', 'paragraphs', 'opaque'] as const;

/** Copies of the nodes of `scan` with every offset moved by `d`. */
function placeNodes(scan: Scan, d: number): Placed['nodes'] {
	const out: Placed['nodes'] = { headings: [], lists: [], items: [], tasks: [], allTasks: [], tables: [], paragraphs: [], opaque: [] };
	const tasks = new Map<TaskNode, TaskNode>();
	for (const t of scan.allTasks) {
		const copy: TaskNode = {
			start: t.start + d,
			end: t.end + d,
			state: t.state,
			textStart: t.textStart + d,
			textEnd: t.textEnd + d,
			listStart: t.listStart + d,
			children: [],
			built: placedItem(scan.text, t, d)
		};
		tasks.set(t, copy);
		out.allTasks.push(copy);
	}
	const taskOf = (t: TaskNode): TaskNode => {
		const copy = tasks.get(t);
		if (!copy) throw new Error('scan task missing from allTasks');
		return copy;
	};
	for (const t of scan.allTasks) taskOf(t).children.push(...t.children.map(taskOf));
	for (const t of scan.tasks) out.tasks.push(taskOf(t));
	for (const h of scan.headings) out.headings.push({ start: h.start + d, end: h.end + d, depth: h.depth, setext: h.setext });
	for (const l of scan.lists) out.lists.push({ start: l.start + d, end: l.end + d, level: l.level });
	for (const i of scan.items) out.items.push(moveItem(i, d, i.task ? taskOf(i.task) : null));
	for (const t of scan.tables) out.tables.push(moveTable(t, d));
	for (const p of scan.paragraphs) out.paragraphs.push(move(p, d));
	for (const o of scan.opaque) out.opaque.push(move(o, d));
	return out;
}

/**
 * The ProgressItem of `t` (a task of a scan of `text`) with its offsets moved by `d`: built once
 * per scan node, then moved; the previous object again while `d` stays the same. Building an item
 * reads only the text inside the item, so the moved item equals the one built in the whole text.
 */
function placedItem(text: string, t: TaskNode, d: number): ProgressItem {
	if (t.placed && t.placed.offset === d) return t.placed.item;
	const own = toProgressItem(text, t);
	const item: ProgressItem =
		d === 0
			? own
			: {
					span: { start: own.span.start + d, end: own.span.end + d },
					state: own.state,
					checked: own.checked,
					text: own.text,
					timestamp: own.timestamp,
					marker: own.marker,
					children: t.children.map((c) => placedItem(text, c, d))
				};
	t.placed = { offset: d, item };
	return item;
}

function move(r: Range, d: number): Range {
	return { start: r.start + d, end: r.end + d };
}

function moveItem(i: ItemNode, d: number, task: TaskNode | null): ItemNode {
	return {
		start: i.start + d,
		end: i.end + d,
		paraStart: i.paraStart === null ? null : i.paraStart + d,
		paraEnd: i.paraEnd === null ? null : i.paraEnd + d,
		task,
		level: i.level,
		listStart: i.listStart + d
	};
}

function moveTable(t: TableNode, d: number): TableNode {
	return {
		start: t.start + d,
		end: t.end + d,
		rows: t.rows.map((r) => ({ start: r.start + d, end: r.end + d, cells: r.cells.map((c) => move(c, d)) }))
	};
}

/** Front matter data is read-only downstream, so only its span is copied. */
function cloneFrontMatter(fm: FrontMatter | null, d: number): FrontMatter | null {
	return fm ? { span: move(fm.span, d), data: fm.data } : null;
}
