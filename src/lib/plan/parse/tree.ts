/**
 * One remark-parse + remark-gfm pass over the plan and one walk over the tree, collecting
 * every node kind the plan parser needs (headings, lists, task items, tables, paragraphs,
 * code) with offsets into the text exactly as given (a BOM remark strips is added back).
 * Code, HTML and front matter are leaves: nothing inside them becomes structure.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Heading, ListItem, Nodes, Root, Table } from 'mdast';
import type { ItemState } from '../types';
import { blankOut, findFrontMatter, type FrontMatter } from './frontmatter';
import { CHECKBOX_MARKERS, CHECKBOX_RE } from './util';

/** A heading outside code. */
export interface HeadingNode {
	start: number;
	end: number;
	depth: number;
	setext: boolean;
}

/** A checkbox list item with its nested checkbox items. */
export interface TaskNode {
	start: number;
	end: number;
	state: ItemState;
	/** Where the item's first paragraph starts, after the marker. */
	textStart: number;
	/** Where the item's first paragraph ends. */
	textEnd: number;
	/** Start of the list that holds the item. */
	listStart: number;
	children: TaskNode[];
	/** The ProgressItem built from this node, shared by every list of the model that holds it. */
	built?: import('../types').ProgressItem;
	/** The item of this node as last placed at `offset` in a joined scan (see `joinScans`). */
	placed?: { offset: number; item: import('../types').ProgressItem };
}

/** Any list item (checkbox or not), for entries and checklist phases. */
export interface ItemNode {
	start: number;
	end: number;
	/** First paragraph span, or null when the item does not start with one. */
	paraStart: number | null;
	paraEnd: number | null;
	task: TaskNode | null;
	/** Nesting depth among lists (0 = top-level list). */
	level: number;
	listStart: number;
}

/** A GFM table with its raw cell spans. */
export interface TableNode {
	start: number;
	end: number;
	rows: { start: number; end: number; cells: { start: number; end: number }[] }[];
}

/** Everything the parser reads from the Markdown tree. */
export interface Scan {
	/** The text given to `parsePlan`. */
	text: string;
	frontMatter: FrontMatter | null;
	headings: HeadingNode[];
	lists: { start: number; end: number; level: number }[];
	items: ItemNode[];
	/** Top-level checkbox items (not nested in another checkbox item), in order. */
	tasks: TaskNode[];
	/** Every checkbox item, nested ones included, in order. */
	allTasks: TaskNode[];
	tables: TableNode[];
	/** Paragraphs outside lists. */
	paragraphs: { start: number; end: number }[];
	/** Code blocks, HTML blocks and front matter: ranges that hold no structure. */
	opaque: { start: number; end: number }[];
}

const processor = unified().use(remarkParse).use(remarkGfm);
const MAX_DEPTH = 200;

/** Parses `text` and collects the plan-relevant nodes in one walk. */
export function scanMarkdown(text: string): Scan {
	const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const frontMatter = findFrontMatter(text, shift);
	let source = shift ? text.slice(1) : text;
	if (frontMatter) source = blankOut(source, { start: frontMatter.span.start - shift, end: frontMatter.span.end - shift });
	const tree = processor.parse(source) as Root;
	const scan: Scan = {
		text,
		frontMatter,
		headings: [],
		lists: [],
		items: [],
		tasks: [],
		allTasks: [],
		tables: [],
		paragraphs: [],
		opaque: frontMatter ? [frontMatter.span] : []
	};
	const startOf = (n: Nodes): number => (n.position?.start.offset ?? 0) + shift;
	const endOf = (n: Nodes): number => (n.position?.end.offset ?? 0) + shift;

	const walk = (node: Nodes, parentTask: TaskNode | null, listStart: number, level: number, depth: number): void => {
		if (depth > MAX_DEPTH) return;
		switch (node.type) {
			case 'code':
			case 'html':
			case 'yaml':
				scan.opaque.push({ start: startOf(node), end: endOf(node) });
				return;
			case 'heading':
				scan.headings.push(headingOf(node, startOf(node), endOf(node), text));
				return;
			case 'table':
				scan.tables.push(tableOf(node, startOf, endOf));
				return;
			case 'paragraph':
				if (level < 0) scan.paragraphs.push({ start: startOf(node), end: endOf(node) });
				return;
			case 'list': {
				const start = startOf(node);
				scan.lists.push({ start, end: endOf(node), level: level + 1 });
				for (const child of node.children) walk(child, parentTask, start, level + 1, depth + 1);
				return;
			}
			case 'listItem': {
				const item = itemOf(node, startOf, endOf, text, listStart, level);
				scan.items.push(item);
				let next = parentTask;
				if (item.task) {
					scan.allTasks.push(item.task);
					(parentTask ? parentTask.children : scan.tasks).push(item.task);
					next = item.task;
				}
				for (const child of node.children) walk(child, next, listStart, level, depth + 1);
				return;
			}
			default:
				if ('children' in node) for (const child of node.children) walk(child as Nodes, parentTask, listStart, level, depth + 1);
		}
	};
	walk(tree, null, -1, -1, 0);
	scan.opaque.sort((a, b) => a.start - b.start);
	return scan;
}

function headingOf(node: Heading, start: number, end: number, text: string): HeadingNode {
	const setext = text[start] !== '#';
	return { start, end, depth: node.depth, setext };
}

function itemOf(
	node: ListItem,
	startOf: (n: Nodes) => number,
	endOf: (n: Nodes) => number,
	text: string,
	listStart: number,
	level: number
): ItemNode {
	const start = startOf(node);
	const end = endOf(node);
	const first = node.children[0];
	const para = first && first.type === 'paragraph' ? first : null;
	const paraStart = para ? startOf(para) : null;
	const paraEnd = para ? endOf(para) : null;
	let task: TaskNode | null = null;
	if (para && paraStart !== null && paraEnd !== null) {
		if (typeof node.checked === 'boolean') {
			// remark-gfm moves the paragraph start past the marker only when it begins with plain text.
			let textStart = paraStart;
			if (!text.slice(start, paraStart).includes('[')) {
				const m = CHECKBOX_RE.exec(text.slice(paraStart, paraStart + 4));
				if (m) textStart = skipBlanks(text, paraStart + m[0].length, paraEnd);
			}
			task = { start, end, state: node.checked ? 'done' : 'open', textStart, textEnd: paraEnd, listStart, children: [] };
		} else if (text.charCodeAt(paraStart) === 91 /* [ */) {
			const m = CHECKBOX_RE.exec(text.slice(paraStart, Math.min(paraEnd, paraStart + 12)));
			if (m) {
				const textStart = skipBlanks(text, paraStart + m[0].length, paraEnd);
				task = { start, end, state: CHECKBOX_MARKERS[m[1]], textStart, textEnd: paraEnd, listStart, children: [] };
			}
		}
	}
	return { start, end, paraStart, paraEnd, task, level, listStart };
}

function skipBlanks(text: string, from: number, to: number): number {
	let i = from;
	while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
	return i;
}

function tableOf(node: Table, startOf: (n: Nodes) => number, endOf: (n: Nodes) => number): TableNode {
	return {
		start: startOf(node),
		end: endOf(node),
		rows: node.children.map((row) => ({
			start: startOf(row),
			end: endOf(row),
			cells: row.children.map((cell) => ({ start: startOf(cell), end: endOf(cell) }))
		}))
	};
}
