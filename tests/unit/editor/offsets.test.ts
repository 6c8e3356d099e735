import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState } from '@codemirror/state';
import { afterBom, detectLineSeparator, offsetMap } from '../../../src/lib/editor/offsets';
import { minimalChanges } from '../../../src/lib/editor/text-diff';
import { applyChanges as apply } from '../../../src/lib/plan/edit';

describe('offsetMap', () => {
	it('matches CodeMirror positions on a CRLF document', () => {
		const text = '# T\r\n\r\n- [ ] a\r\n- [x] b\r\nend';
		const state = EditorState.create({ doc: text, extensions: EditorState.lineSeparator.of('\r\n') });
		expect(state.sliceDoc()).toBe(text);
		const m = offsetMap(text, '\r\n');
		const at = text.indexOf('- [x] b');
		const pos = m.toEditor(at);
		expect(state.sliceDoc(pos, pos + 7)).toBe('- [x] b');
		expect(m.toText(pos)).toBe(at);
		expect(m.toEditor(text.length)).toBe(state.doc.length);
	});

	it('round-trips every line start of random CRLF texts', () => {
		fc.assert(
			fc.property(fc.array(fc.string({ maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, '')), { maxLength: 20 }), (lines) => {
				const text = lines.join('\r\n');
				const state = EditorState.create({ doc: text, extensions: EditorState.lineSeparator.of('\r\n') });
				const m = offsetMap(text, '\r\n');
				let offset = 0;
				for (let i = 0; i < lines.length; i++) {
					const line = state.doc.line(i + 1);
					expect(m.toEditor(offset)).toBe(line.from);
					expect(m.toText(line.from)).toBe(offset);
					offset += lines[i].length + 2;
				}
			})
		);
	});

	it('is the identity for LF', () => {
		const m = offsetMap('a\nb', '\n');
		expect(m.toEditor(2)).toBe(2);
		expect(m.toText(2)).toBe(2);
	});
});

describe('detectLineSeparator', () => {
	it('tells CRLF from LF', () => {
		expect(detectLineSeparator('a\r\nb\r\n')).toBe('\r\n');
		expect(detectLineSeparator('a\nb\r\nc\n')).toBe('\n');
		expect(detectLineSeparator('one line')).toBe('\n');
	});
});

describe('minimalChanges', () => {
	it('touches only the changed lines', () => {
		const a = 'one\ntwo\nthree\nfour\nfive\n';
		const b = 'one\nTWO\nthree\nfour\nfive\nsix\n';
		const changes = minimalChanges(a, b);
		expect(apply(a, changes)).toBe(b);
		expect(changes).toEqual([
			{ from: 4, to: 8, insert: 'TWO\n' },
			{ from: 24, to: 24, insert: 'six\n' }
		]);
	});

	it('turns any text into any other', () => {
		const line = fc.constantFrom('a', 'b', 'c', '- [ ] x', '');
		fc.assert(
			fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 12 }), fc.boolean(), (x, y, crlf) => {
				const sep = crlf ? '\r\n' : '\n';
				const a = x.join(sep);
				const b = y.join(sep);
				expect(apply(a, minimalChanges(a, b))).toBe(b);
			})
		);
	});
});

describe('afterBom', () => {
	it('maps a BOM file’s offsets to an editor that holds the text after the mark (CRLF too)', () => {
		const text = '\uFEFF# T\r\n\r\n- [ ] a\r\n- [x] b\r\n';
		const state = EditorState.create({ doc: text.slice(1), extensions: EditorState.lineSeparator.of('\r\n') });
		const m = afterBom(offsetMap(text.slice(1), '\r\n'));
		const at = text.indexOf('- [x] b');
		expect(state.sliceDoc(m.toEditor(at), m.toEditor(at) + 7)).toBe('- [x] b');
		expect(m.toText(m.toEditor(at))).toBe(at);
		expect(m.toEditor(0)).toBe(0);
		expect(m.toEditor(1)).toBe(0);
		expect(m.toEditor(text.length)).toBe(state.doc.length);
		// The Markdown parser now sees the title as a heading.
		expect(state.doc.line(1).text).toBe('# T');
	});
});

