/**
 * Lays scans of consecutive chunks end to end as one `Scan` of the whole text: every offset
 * moved by its chunk's start, every node copied (so the `built` cache `toProgressItem` hangs
 * on task nodes never leaks from one parse into the next), task identity kept between
 * `tasks`, `allTasks`, `items[].task` and `children`.
 */
import type { FrontMatter } from './frontmatter';
import type { ItemNode, Scan, TableNode, TaskNode } from './tree';

/** A chunk's scan (offsets relative to the chunk) and where the chunk starts in the whole text. */
export interface ScanPart {
	scan: Scan;
	offset: number;
}

type Range = { start: number; end: number };

/** One Scan of `text` from the scans of the chunks that tile it, in order. */
export function joinScans(text: string, parts: readonly ScanPart[]): Scan {
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
		const tasks = new Map<TaskNode, TaskNode>();
		for (const t of scan.allTasks) {
			const copy: TaskNode = {
				start: t.start + d,
				end: t.end + d,
				state: t.state,
				textStart: t.textStart + d,
				textEnd: t.textEnd + d,
				listStart: t.listStart + d,
				children: []
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
	}
	return out;
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
