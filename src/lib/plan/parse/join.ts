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
	const all: Placed['nodes'][] = [];
	for (const { scan, offset: d } of parts) {
		const hit = cache?.get(scan);
		const placed = hit && hit.offset === d ? hit.nodes : placeNodes(scan, d);
		if (cache && placed !== hit?.nodes) cache.set(scan, { offset: d, nodes: placed });
		all.push(placed);
	}
	return {
		text,
		frontMatter: parts.length ? cloneFrontMatter(parts[0].scan.frontMatter, parts[0].offset) : null,
		headings: concatAll(all.map((p) => p.headings)),
		lists: concatAll(all.map((p) => p.lists)),
		items: concatAll(all.map((p) => p.items)),
		tasks: concatAll(all.map((p) => p.tasks)),
		allTasks: concatAll(all.map((p) => p.allTasks)),
		tables: concatAll(all.map((p) => p.tables)),
		paragraphs: concatAll(all.map((p) => p.paragraphs)),
		opaque: concatAll(all.map((p) => p.opaque))
	};
}

/** One array holding the elements of `arrays` in order (one native concatenation). */
function concatAll<T>(arrays: readonly (readonly T[])[]): T[] {
	return ([] as T[]).concat(...arrays);
}

/**
 * The task structure of one chunk scan as indexes into its `allTasks` (children, top-level tasks,
 * each item's task): worked out once per scan, so placing the scan again at another offset (every
 * keystroke before it) needs no map from nodes to their copies.
 */
interface TaskShape {
	children: (readonly number[])[];
	top: readonly number[];
	/** Index of each item's task in `allTasks`, -1 for an item without one. */
	itemTask: readonly number[];
}

const shapes = new WeakMap<Scan, TaskShape>();

function taskShape(scan: Scan): TaskShape {
	let shape = shapes.get(scan);
	if (shape) return shape;
	const index = new Map<TaskNode, number>();
	scan.allTasks.forEach((t, i) => index.set(t, i));
	const at = (t: TaskNode): number => {
		const i = index.get(t);
		if (i === undefined) throw new Error('scan task missing from allTasks');
		return i;
	};
	shape = {
		children: scan.allTasks.map((t) => t.children.map(at)),
		top: scan.tasks.map(at),
		itemTask: scan.items.map((i) => (i.task ? at(i.task) : -1))
	};
	shapes.set(scan, shape);
	return shape;
}

/** Copies of the nodes of `scan` with every offset moved by `d` (each array allocated once, at its final size). */
function placeNodes(scan: Scan, d: number): Placed['nodes'] {
	const shape = taskShape(scan);
	const allTasks = scan.allTasks.map(
		(t): TaskNode => ({
			start: t.start + d,
			end: t.end + d,
			state: t.state,
			textStart: t.textStart + d,
			textEnd: t.textEnd + d,
			listStart: t.listStart + d,
			children: [],
			built: placedItem(scan.text, t, d)
		})
	);
	for (let i = 0; i < allTasks.length; i++) {
		const kids = shape.children[i];
		if (kids.length) allTasks[i].children = kids.map((k) => allTasks[k]);
	}
	const items = scan.items.map((item, i) => {
		const k = shape.itemTask[i];
		return moveItem(item, d, k < 0 ? null : allTasks[k]);
	});
	return {
		headings: scan.headings.map((h) => ({ start: h.start + d, end: h.end + d, depth: h.depth, setext: h.setext })),
		lists: scan.lists.map((l) => ({ start: l.start + d, end: l.end + d, level: l.level })),
		items,
		tasks: shape.top.map((k) => allTasks[k]),
		allTasks,
		tables: scan.tables.map((t) => moveTable(t, d)),
		paragraphs: scan.paragraphs.map((p) => move(p, d)),
		opaque: scan.opaque.map((o) => move(o, d))
	};
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
					children: t.children.length ? t.children.map((c) => placedItem(text, c, d)) : []
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
