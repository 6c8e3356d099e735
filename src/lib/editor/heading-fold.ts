/**
 * Folding by heading, as `@codemirror/lang-markdown` folds (a heading folds up to the last block
 * before the next heading of the same or a higher level), without its cost on long plans: its
 * fold service walks every sibling after a heading, for each heading in view and on every
 * keystroke (the fold gutter asks for each visible line), so a `## Phases` heading over 1,900
 * lines cost a walk over the whole document per keystroke. Here the section ends of all
 * top-level headings come from one walk per syntax tree, kept until the tree changes; the
 * heading is found exactly as lang-markdown finds it, so the ranges are the same.
 */
import { foldService, syntaxTree } from '@codemirror/language';
import { Prec, type Extension } from '@codemirror/state';

type Tree = ReturnType<typeof syntaxTree>;
type SyntaxNode = ReturnType<Tree['resolveInner']>;
type NodeType = SyntaxNode['type'];

const levels = new Map<NodeType, number | null>();

/** The heading level of a node type (`ATXHeading2` → 2), null for other nodes. */
function levelOf(type: NodeType): number | null {
	let level = levels.get(type);
	if (level === undefined) {
		const m = /^(?:ATX|Setext)Heading(\d)$/.exec(type.name);
		level = m ? Number(m[1]) : null;
		levels.set(type, level);
	}
	return level;
}

/** Where each top-level heading's section ends (by the heading's start), for one tree. */
const sectionEnds = new WeakMap<Tree, Map<number, number>>();

function topLevelSectionEnds(tree: Tree): Map<number, number> {
	let ends = sectionEnds.get(tree);
	if (ends) return ends;
	ends = new Map();
	const open: { from: number; level: number }[] = [];
	let prevTo = 0;
	const cursor = tree.cursor();
	if (cursor.firstChild()) {
		do {
			const level = levelOf(cursor.type);
			if (level !== null) {
				while (open.length && open[open.length - 1].level >= level) ends.set((open.pop() as { from: number }).from, prevTo);
				open.push({ from: cursor.from, level });
			}
			prevTo = cursor.to;
		} while (cursor.nextSibling());
	}
	for (const o of open) ends.set(o.from, prevTo);
	sectionEnds.set(tree, ends);
	return ends;
}

/** lang-markdown's walk, for headings that are not top-level (inside a list item or a quote). */
function findSectionEnd(heading: SyntaxNode, level: number): number {
	let last = heading;
	for (;;) {
		const next = last.nextSibling;
		if (!next) break;
		const l = levelOf(next.type);
		if (l !== null && l <= level) break;
		last = next;
	}
	return last.to;
}

/** The fold service, ahead of lang-markdown's own (same ranges, found without walking the document). */
export const headingFold: Extension = Prec.high(
	foldService.of((state, start, end) => {
		const tree = syntaxTree(state);
		for (let node: SyntaxNode | null = tree.resolveInner(end, -1); node; node = node.parent) {
			if (node.from < start) break;
			const level = levelOf(node.type);
			if (level === null) continue;
			const top = node.parent !== null && node.parent.parent === null;
			const upto = top ? (topLevelSectionEnds(tree).get(node.from) ?? findSectionEnd(node, level)) : findSectionEnd(node, level);
			if (upto > end) return { from: end, to: upto };
		}
		return null;
	})
);
