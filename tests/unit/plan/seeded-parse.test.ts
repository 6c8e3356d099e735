/**
 * A parser seeded with another parser's chunk scans (the editor's parser seeding the parser of
 * the last commit's text): its first parse equals `parsePlan` on every corpus plan, edited or not,
 * and runs remark only on what the seed does not hold (counted through a spy on remark's entry point).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as tree from '../../../src/lib/plan/parse/tree';
import { createIncrementalParser } from '../../../src/lib/plan/incremental';
import { parsePlan } from '../../../src/lib/plan/parse';

vi.mock('../../../src/lib/plan/parse/tree', async (importOriginal) => {
	const original = await importOriginal<typeof import('../../../src/lib/plan/parse/tree')>();
	return { ...original, scanMarkdown: vi.fn(original.scanMarkdown) };
});

const scans = vi.mocked(tree.scanMarkdown);
const corpusDir = path.resolve(__dirname, '../../../../shared/corpus');
const plans = readdirSync(corpusDir)
	.filter((f) => f.endsWith('.md') && f !== 'README.md' && !f.includes('giant'))
	.map((f) => ({ name: f, text: readFileSync(path.join(corpusDir, f), 'utf8') }));

/** `text` with its middle line replaced (a change a commit or a draft makes). */
function edited(text: string): string {
	const lines = text.split('\n');
	const i = Math.floor(lines.length / 2);
	lines[i] = `${lines[i]} (edited)`;
	return lines.join('\n');
}

describe('a parser seeded with another parser’s chunk scans', () => {
	beforeEach(() => {
		scans.mockClear();
	});

	it('gives parsePlan’s model on every corpus plan, the same text or an edited one', () => {
		for (const { name, text } of plans) {
			const editor = createIncrementalParser();
			editor.parse(text);
			for (const other of [text, edited(text)]) {
				const head = createIncrementalParser(() => editor.chunkSeed());
				expect(head.parse(other), name).toEqual(parsePlan(other));
			}
		}
	});

	it('runs remark only where the text differs from the seed’s', () => {
		const { text } = plans.find((p) => p.name.startsWith('plantedtank-todo-roadmap'))!;
		const editor = createIncrementalParser();
		editor.parse(text);
		scans.mockClear();
		createIncrementalParser().parse(text);
		const fresh = scans.mock.calls.length;
		scans.mockClear();
		createIncrementalParser(() => editor.chunkSeed()).parse(text);
		expect(scans.mock.calls.length).toBe(0);
		createIncrementalParser(() => editor.chunkSeed()).parse(edited(text));
		expect(fresh).toBeGreaterThan(2);
		expect(scans.mock.calls.length).toBeGreaterThan(0);
		expect(scans.mock.calls.length).toBeLessThan(fresh);
		expect(createIncrementalParser().chunkSeed()).toBeNull();
	});
});
