/**
 * The heading fold gutter's markers: on every corpus plan, exactly the top-level heading lines
 * that fold get "Fold line" (the lines CodeMirror's own foldGutter marks among headings), no
 * other line does, and a folded range — a heading's or any block folded from the keyboard —
 * puts "Unfold line" on the line it starts on; a click acts only beside a marker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EditorState, type RangeSet, type StateEffect } from '@codemirror/state';
import { ensureSyntaxTree, foldable, foldEffect, foldedRanges, syntaxTree, unfoldEffect } from '@codemirror/language';
import { markdown } from '@codemirror/lang-markdown';
import type { GutterMarker } from '@codemirror/view';
import { headingFold } from '../../../src/lib/editor/heading-fold';
import { gutterClickEffect, headingFoldGutter, headingFoldMarkers } from '../../../src/lib/editor/heading-fold-gutter';

const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');

function stateOf(doc: string): EditorState {
	const state = EditorState.create({ doc, extensions: [markdown(), headingFold, headingFoldGutter] });
	ensureSyntaxTree(state, state.doc.length, 60_000);
	return state;
}

/** The markers as `line number → open` (true: "Fold line", false: "Unfold line"). */
function markerLines(state: EditorState, markers: RangeSet<GutterMarker>): Map<number, boolean> {
	const out = new Map<number, boolean>();
	markers.between(0, state.doc.length, (from, _to, marker) => {
		out.set(state.doc.lineAt(from).number, (marker as unknown as { open: boolean }).open);
	});
	return out;
}

/** Line numbers of the headings that are direct children of the document. */
function topLevelHeadingLines(state: EditorState): Set<number> {
	const lines = new Set<number>();
	const cursor = syntaxTree(state).cursor();
	if (cursor.firstChild()) {
		do {
			if (/Heading\d$/.test(cursor.name)) lines.add(state.doc.lineAt(cursor.from).number);
		} while (cursor.nextSibling());
	}
	return lines;
}

const corpus = readdirSync(corpusDir)
	.filter((f) => f.endsWith('.md') && !f.includes('giant'))
	.map((f) => ({ name: f, text: readFileSync(path.join(corpusDir, f), 'utf8') }));

describe('heading fold gutter', () => {
	it('marks exactly the top-level headings that fold, on every corpus plan', () => {
		expect(corpus.length).toBeGreaterThan(5);
		let marked = 0;
		for (const { name, text } of corpus) {
			const state = stateOf(text);
			const got = markerLines(state, headingFoldMarkers(state, 0, state.doc.length));
			const want = new Map<number, boolean>();
			for (const n of topLevelHeadingLines(state)) {
				const line = state.doc.line(n);
				if (foldable(state, line.from, line.to)) want.set(n, true);
			}
			expect(got, name).toEqual(want);
			marked += got.size;
		}
		expect(marked).toBeGreaterThan(100);
	});

	it('marks only the lines in the range asked for (the viewport)', () => {
		const text = Array.from({ length: 40 }, (_, i) => `## Section ${i}\n\nText ${i}.\n`).join('\n');
		const state = stateOf(text);
		const from = state.doc.line(41).from;
		const to = state.doc.line(80).to;
		const lines = [...markerLines(state, headingFoldMarkers(state, from, to)).keys()];
		expect(lines.length).toBe(10);
		expect(lines.every((n) => n >= 41 && n <= 80)).toBe(true);
	});

	it('a folded heading, and a list item folded from the keyboard, get "Unfold line" on their first line', () => {
		const text = '# Plan\n\n## Progress\n\n- [ ] one\n  more about one\n- [ ] two\n\n## Decision Log\n\nNone.\n';
		let state = stateOf(text);
		const progress = state.doc.line(3);
		const item = state.doc.line(5);
		const itemFold = foldable(state, item.from, item.to);
		expect(itemFold).not.toBeNull();
		state = state.update({ effects: foldEffect.of(itemFold as { from: number; to: number }) }).state;
		let lines = markerLines(state, headingFoldMarkers(state, 0, state.doc.length));
		expect(lines.get(5)).toBe(false);
		expect(lines.get(3)).toBe(true);
		expect(lines.has(6)).toBe(false);

		const headingFold = foldable(state, progress.from, progress.to) as { from: number; to: number };
		state = state.update({ effects: foldEffect.of(headingFold) }).state;
		expect(foldedRanges(state).size).toBe(2);
		lines = markerLines(state, headingFoldMarkers(state, 0, state.doc.length));
		expect(lines.get(3)).toBe(false);
		expect(lines.get(1)).toBe(true);
		expect(lines.get(9)).toBe(true);
	});

	it('a click folds a top-level heading, unfolds a fold, and does nothing beside a line without a marker', () => {
		const text = '# Plan\n\n## Progress\n\n- [ ] one\n  more about one\n- [ ] two\n\n> ## Quoted heading\n>\n> body\n\nSetext\n------\n\ntext\n';
		let state = stateOf(text);
		const click = (n: number) => gutterClickEffect(state, state.doc.line(n).from, state.doc.line(n).to);
		// Beside the list item and the quoted heading: no marker, so no fold (foldable says they could).
		expect(foldable(state, state.doc.line(5).from, state.doc.line(5).to)).not.toBeNull();
		expect(click(5)).toBeNull();
		expect(click(9)).toBeNull();
		// The setext heading's underline carries no marker either; its text line does.
		expect(click(14)).toBeNull();
		expect(click(13)?.is(foldEffect)).toBe(true);
		const fold = click(3);
		expect(fold?.is(foldEffect)).toBe(true);
		state = state.update({ effects: fold as StateEffect<unknown> }).state;
		expect(foldedRanges(state).size).toBe(1);
		const unfold = click(3);
		expect(unfold?.is(unfoldEffect)).toBe(true);
		state = state.update({ effects: unfold as StateEffect<unknown> }).state;
		expect(foldedRanges(state).size).toBe(0);
	});
});
