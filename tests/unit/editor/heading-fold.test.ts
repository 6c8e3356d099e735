/**
 * headingFold gives the same fold ranges as lang-markdown's own fold service, line for line, on
 * the corpus plans and on generated ones (nested headings, setext, headings in lists and quotes,
 * code that looks like headings), and after an edit (a new tree, a new cache).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { ensureSyntaxTree, foldService, syntaxTree } from '@codemirror/language';
import { markdown } from '@codemirror/lang-markdown';
import { headingFold } from '../../../src/lib/editor/heading-fold';

const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');

type Range = { from: number; to: number } | null;

/** Each line's fold range from the services of `state` (what `foldable` asks first). */
function ranges(state: EditorState, mine: boolean): Range[] {
	const services = state.facet(foldService);
	// With headingFold installed it is first; lang-markdown's is the last one either way.
	const service = mine ? services[0] : services[services.length - 1];
	const out: Range[] = [];
	for (let i = 1; i <= state.doc.lines; i++) {
		const line = state.doc.line(i);
		out.push(service(state, line.from, line.to));
	}
	return out;
}

/**
 * Checks `text`: both services asked on one state (one syntax tree: how far the initial parse
 * got depends on time, so two states could hold different partial trees); returns how many lines fold.
 */
function check(text: string): number {
	const plain = EditorState.create({ doc: text, extensions: [markdown()] });
	const state = EditorState.create({ doc: text, extensions: [markdown(), headingFold] });
	expect(state.facet(foldService).length).toBe(plain.facet(foldService).length + 1);
	expect(ranges(state, true)).toEqual(ranges(state, false));
	// The whole tree: parse to the end, then a transaction carries the finished tree into a state.
	expect(ensureSyntaxTree(state, state.doc.length, 10_000)).not.toBeNull();
	const full = state.update({}).state;
	expect(syntaxTree(full).length).toBe(full.doc.length);
	const mine = ranges(full, true);
	expect(mine).toEqual(ranges(full, false));
	// After an edit at the top (a new tree), with the cache of the old tree in place.
	const edited = full.update({ changes: { from: 0, insert: '# Inserted\n\n' } }).state;
	expect(ranges(edited, true)).toEqual(ranges(edited, false));
	return mine.filter((r) => r !== null).length;
}

describe('headingFold', () => {
	it('folds like lang-markdown on every corpus plan', () => {
		const files = readdirSync(corpusDir).filter((f) => f.endsWith('.md') && !f.includes('giant'));
		expect(files.length).toBeGreaterThan(10);
		let folding = 0;
		for (const f of files) folding += check(readFileSync(path.join(corpusDir, f), 'utf8'));
		expect(folding).toBeGreaterThan(100);
	}, 120_000);

	it('folds like lang-markdown on generated documents', () => {
		const LINES = ['# A', '## B', '### C', '#### D', 'text', '', 'Setext', '===', '---', '- item', '  ## in item', '> ## in quote', '```', '# in code', '```', '    # indented code', '## trailing   ', '######', '#no'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 60 }), (lines) => {
				check(lines.join('\n'));
			}),
			{ numRuns: 300, seed: 17 }
		);
	});
});
