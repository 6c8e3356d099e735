/**
 * The fold gutter of the plan editor: a "Fold line" marker on each top-level heading line in view
 * whose section can fold, and an "Unfold line" marker on each line where a fold starts (a heading
 * folded from here, or any block folded with the keyboard). CodeMirror's own `foldGutter` asks
 * every line in view whether it folds, on every keystroke, through every fold service and the
 * syntax tree: about a hundred lines each time. Here only the top-level blocks in view are read,
 * and `foldable` is asked of heading lines only. A click beside a marker folds or unfolds as in
 * `foldGutter`, a click beside any other line does nothing; folding any block with Ctrl-Shift-[
 * (`foldKeymap`) still works as before.
 */
import { codeFolding, foldable, foldedRanges, foldEffect, syntaxTree, unfoldEffect } from '@codemirror/language';
import { RangeSet, RangeSetBuilder, type EditorState, type Extension, type StateEffect } from '@codemirror/state';
import { gutter, GutterMarker, ViewPlugin, type BlockInfo, type EditorView, type ViewUpdate } from '@codemirror/view';

class FoldMarker extends GutterMarker {
	constructor(readonly open: boolean) {
		super();
	}

	override eq(other: FoldMarker): boolean {
		return this.open === other.open;
	}

	override toDOM(view: EditorView): Node {
		const span = document.createElement('span');
		span.textContent = this.open ? '⌄' : '›';
		span.title = view.state.phrase(this.open ? 'Fold line' : 'Unfold line');
		return span;
	}
}

const canFold = new FoldMarker(true);
const canUnfold = new FoldMarker(false);

const HEADING = /^(?:ATX|Setext)Heading\d$/;

/** The fold that starts on the line `[from, to]`, if any. */
function foldOnLine(state: EditorState, from: number, to: number): { from: number; to: number } | null {
	const found: { from: number; to: number }[] = [];
	foldedRanges(state).between(from, to, (a, b) => {
		found.push({ from: a, to: b });
		return false;
	});
	return found[0] ?? null;
}

/** Whether the line starting at `lineFrom` starts a top-level heading. */
function startsTopLevelHeading(state: EditorState, lineFrom: number): boolean {
	const node = syntaxTree(state).topNode.childAfter(lineFrom);
	return node !== null && HEADING.test(node.type.name) && state.doc.lineAt(node.from).from === lineFrom;
}

/** The markers for the lines between `from` and `to` (the viewport). */
export function headingFoldMarkers(state: EditorState, from: number, to: number): RangeSet<GutterMarker> {
	const byLine = new Map<number, FoldMarker>();
	foldedRanges(state).between(from, to, (a) => {
		byLine.set(state.doc.lineAt(a).from, canUnfold);
	});
	const top = syntaxTree(state).topNode;
	for (let node = top.childAfter(from); node && node.from <= to; node = node.nextSibling) {
		if (!HEADING.test(node.type.name)) continue;
		const line = state.doc.lineAt(node.from);
		if (!byLine.has(line.from) && foldable(state, line.from, line.to)) byLine.set(line.from, canFold);
	}
	const builder = new RangeSetBuilder<GutterMarker>();
	for (const at of [...byLine.keys()].sort((a, b) => a - b)) builder.add(at, at, byLine.get(at) as FoldMarker);
	return builder.finish();
}

const markersPlugin = ViewPlugin.fromClass(
	class {
		markers: RangeSet<GutterMarker>;

		constructor(view: EditorView) {
			this.markers = headingFoldMarkers(view.state, view.viewport.from, view.viewport.to);
		}

		update(update: ViewUpdate): void {
			if (
				update.docChanged ||
				update.viewportChanged ||
				foldedRanges(update.startState) !== foldedRanges(update.state) ||
				syntaxTree(update.startState) !== syntaxTree(update.state)
			) {
				this.markers = headingFoldMarkers(update.state, update.view.viewport.from, update.view.viewport.to);
			}
		}
	}
);

/**
 * What a click in the gutter beside the line `[from, to]` does: unfold the fold that starts on it,
 * fold the section of a top-level heading, or nothing (a line without a marker).
 */
export function gutterClickEffect(state: EditorState, from: number, to: number): StateEffect<{ from: number; to: number }> | null {
	const folded = foldOnLine(state, from, to);
	if (folded) return unfoldEffect.of(folded);
	if (!startsTopLevelHeading(state, from)) return null;
	const range = foldable(state, from, to);
	return range ? foldEffect.of(range) : null;
}

function toggle(view: EditorView, line: BlockInfo): boolean {
	const effect = gutterClickEffect(view.state, line.from, line.to);
	if (effect) view.dispatch({ effects: effect });
	return effect !== null;
}

/** The heading fold gutter with CodeMirror's folding state and placeholders (`codeFolding`). */
export const headingFoldGutter: Extension = [
	markersPlugin,
	gutter({
		class: 'cm-foldGutter',
		markers: (view) => view.plugin(markersPlugin)?.markers ?? RangeSet.empty,
		initialSpacer: () => canUnfold,
		domEventHandlers: { click: toggle }
	}),
	codeFolding()
];
