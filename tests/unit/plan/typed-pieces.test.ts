/**
 * After words typed into one item of a long checklist, a key that needs remark in another item
 * of the same section re-reads only that item: the typed item's piece scan is kept under its new
 * text (counted through a spy on the one remark entry point).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as tree from '../../../src/lib/plan/parse/tree';
import { createIncrementalParser } from '../../../src/lib/plan/incremental';
import { parsePlan } from '../../../src/lib/plan/parse';

vi.mock('../../../src/lib/plan/parse/tree', async (importOriginal) => {
	const original = await importOriginal<typeof import('../../../src/lib/plan/parse/tree')>();
	return { ...original, scanMarkdown: vi.fn(original.scanMarkdown) };
});

const scans = vi.mocked(tree.scanMarkdown);

const items = Array.from({ length: 30 }, (_, i) => `- [ ] (2026-01-${String((i % 28) + 1).padStart(2, '0')}) Item number ${i} of the list`);
const plan = `# Plan\n\n## Progress\n\n${items.join('\n')}\n\n## Decision Log\n\n- Decision: none.\n`;

describe('typed words in a cut checklist', () => {
	beforeEach(() => {
		scans.mockClear();
	});

	it('a remark key in another item after typing re-reads one piece, and the model stays parsePlan’s', () => {
		const parser = createIncrementalParser();
		let text = plan;
		parser.parse(text);
		// Type a word at the end of item 5 (letters after a letter: read without remark).
		let at = text.indexOf('Item number 5 of the list') + 'Item number 5 of the list'.length;
		for (const c of ' more') {
			text = text.slice(0, at) + c + text.slice(at);
			at++;
			expect(parser.parse(text)).toEqual(parsePlan(text));
		}
		expect(parser.typedParses).toBe(3);
		// A '[' typed into item 20 needs remark: only that item's piece is read again.
		scans.mockClear();
		const at20 = text.indexOf('Item number 20') + 'Item'.length;
		text = text.slice(0, at20) + '[' + text.slice(at20);
		const doc = parser.parse(text);
		const calls = scans.mock.calls.length;
		expect(doc).toEqual(parsePlan(text));
		expect(calls).toBe(1);
	});
});
