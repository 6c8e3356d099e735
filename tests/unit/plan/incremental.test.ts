/**
 * The incremental parser against `parsePlan`: deep-equal models on every corpus file and on
 * Waymark's own plans, before and after sequences of random edits fed through one parser; the
 * chunker's split points on fences, tildes, HTML comments and blocks, setext headings, CRLF,
 * BOM and front matter; and the merge that repairs a split the chunker could not judge.
 * The 19,969-line corpus file is used through its first 3,000 lines only (time).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIncrementalParser, endsOpen } from '../../../src/lib/plan/incremental';
import { parsePlan } from '../../../src/lib/plan/parse';
import { splitChunks } from '../../../src/lib/plan/parse/chunks';
import { scanMarkdown } from '../../../src/lib/plan/parse/tree';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const corpusDir = path.resolve(root, '../shared/corpus');
const plansDir = path.join(root, 'docs/plans');
const GIANT = 'llmspell-phase13-done-giant.md';
const GIANT_LINES = 3000;

function readPlan(dir: string, file: string): string {
	const text = readFileSync(path.join(dir, file), 'utf8');
	if (file !== GIANT) return text;
	let end = 0;
	for (let i = 0; i < GIANT_LINES && end !== -1; i++) end = text.indexOf('\n', end + 1);
	return text.slice(0, end + 1);
}

/** Offsets where chunks start (chunk 0 always starts at 0). */
const splits = (text: string): number[] => splitChunks(text).map((c) => c.start);

// ---------------------------------------------------------------- edits

type Edit = { kind: 'insert'; at: number; s: string } | { kind: 'delete'; at: number; n: number } | { kind: 'line'; at: number; s: string };

const CHARS = ['#', ' ', '\n', '\r', '`', '~', '-', '[', ']', 'x', '<', '>', '!', '\r\n', 'a', '\t', '|', '=', '*', '1.', '>'];
const LINES = [
	'## Progress',
	'# Title',
	'### Phase 9: extra',
	'',
	'```',
	'```bash',
	'~~~',
	'````',
	'- [ ] x',
	'- [x] (2025-10-01 10:00Z) done',
	'  - [ ] nested',
	'<!--',
	'-->',
	'<!-- one line -->',
	'<pre>',
	'</pre>',
	'<div>',
	'---',
	'===',
	'> quote',
	'- ```',
	'    indented code',
	'| Task | Status |',
	'|---|---|',
	'| a | done |',
	'## Decision Log',
	'- Decision: keep it.',
	'**Status**: Complete'
];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
	fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...CHARS) }),
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 12 }) }),
	fc.record({ kind: fc.constant('line' as const), at: fc.nat(), s: fc.constantFrom(...LINES) })
);

function applyEdit(text: string, e: Edit): string {
	const at = text.length ? e.at % (text.length + 1) : 0;
	if (e.kind === 'insert') return text.slice(0, at) + e.s + text.slice(at);
	if (e.kind === 'delete') return text.slice(0, at) + text.slice(at + e.n);
	const lineStart = text.lastIndexOf('\n', at - 1) + 1;
	const nl = lineStart > 0 && text[lineStart - 2] === '\r' ? '\r\n' : '\n';
	return text.slice(0, lineStart) + e.s + nl + text.slice(lineStart);
}

/** Feeds `edits` one after another through one incremental parser, comparing each model with parsePlan. */
function checkSequence(start: string, edits: readonly Edit[]): void {
	const parser = createIncrementalParser();
	let text = start;
	expect(parser.parse(text)).toEqual(parsePlan(text));
	for (const e of edits) {
		text = applyEdit(text, e);
		expect(parser.parse(text)).toEqual(parsePlan(text));
	}
}

// ---------------------------------------------------------------- chunker

describe('splitChunks', () => {
	it('splits at column-0 ATX headings after a blank line or another heading, not after text', () => {
		const text = '# A\n\ntext\n\n## B\n## C\ntext\n## D\n\n#E\n\n####### F\n\n###### G\n';
		expect(splits(text)).toEqual([0, text.indexOf('## B'), text.indexOf('## C'), text.indexOf('###### G')]);
	});

	it('tiles the text without gaps, every later chunk starting with #', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...LINES, 'text', '## H', '# H'), { maxLength: 40 }), fc.boolean(), (lines, crlf) => {
				const text = lines.join(crlf ? '\r\n' : '\n');
				const chunks = splitChunks(text);
				expect(chunks[0].start).toBe(0);
				expect(chunks[chunks.length - 1].end).toBe(text.length);
				for (let i = 1; i < chunks.length; i++) {
					expect(chunks[i].start).toBe(chunks[i - 1].end);
					expect(text[chunks[i].start]).toBe('#');
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('does not split inside a backtick fence, and a fence closes only on the same character, at least as long', () => {
		const text = '# A\n\n````md\n\n# in fence\n```\n\n# still in\n~~~~\n\n# still in too\n````\n\n# B\n';
		expect(splits(text)).toEqual([0, text.indexOf('# B')]);
	});

	it('does not split inside a tilde fence; a backtick info string with a backtick is no fence', () => {
		const text = '~~~\n\n# in\n~~~\n\n# A\n\n``` not`a fence\n\n# B\n';
		expect(splits(text)).toEqual([0, text.indexOf('# A'), text.indexOf('# B')]);
	});

	it('treats an unclosed fence as running to the end', () => {
		expect(splits('# A\n\n```\n\n# in\n\n## in too\n')).toEqual([0]);
	});

	it('does not split inside an HTML comment or a <pre>/<script> block, but does after one-line ones', () => {
		const text = '<!--\n\n# in comment\n-->\n\n# A\n\n<pre>\n\n# in pre\n</pre>\n\n# B\n\n<!-- one -->\n\n# C\n\n<SCRIPT>\n\n# in\n</script>\n\n# D\n';
		expect(splits(text)).toEqual([0, text.indexOf('# A'), text.indexOf('# B'), text.indexOf('# C'), text.indexOf('# D')]);
	});

	it('does not split after a setext heading underline or inside a paragraph', () => {
		const text = 'Title\n=====\n# A\n\nPara\n---\n# B\n\nC\n\n# D\n';
		expect(splits(text)).toEqual([0, text.indexOf('# D')]);
	});

	it('never splits at an indented heading (it may belong to a list item)', () => {
		expect(splits('- a\n\n  # inside the item\n\n # one space\n')).toEqual([0]);
	});

	it('keeps exact offsets with CRLF line endings', () => {
		const text = '# A\r\n\r\ntext\r\n\r\n## B\r\n## C\r\n';
		expect(splits(text)).toEqual([0, 15, 21]);
		expect(text.slice(15, 19)).toBe('## B');
	});

	it('keeps the BOM in chunk 0 and never splits right after it', () => {
		const text = '\uFEFF# A\n\n## B\n';
		expect(splits(text)).toEqual([0, text.indexOf('## B')]);
		expect(splitChunks(text)[0]).toEqual({ start: 0, end: text.indexOf('## B') });
	});

	it('never splits inside front matter, with or without a BOM', () => {
		for (const bom of ['', '\uFEFF']) {
			const text = `${bom}---\ntitle: x\n\n# not a heading\n---\n\n# A\n`;
			expect(splits(text)).toEqual([0, text.indexOf('# A')]);
		}
		const unclosed = '---\ntitle: x\n\n# A\n';
		expect(splits(unclosed)).toEqual([0, unclosed.indexOf('# A')]);
	});
});

// ---------------------------------------------------------------- merge of chunks left open

describe('endsOpen', () => {
	const open = (body: string): boolean => endsOpen(body, scanMarkdown(body));

	it('is false for closed blocks followed by a blank line, or a heading last', () => {
		expect(open('# A\n\ntext\n\n')).toBe(false);
		expect(open('```\ncode\n```\n\n')).toBe(false);
		expect(open('<!--\nx\n-->\n\n')).toBe(false);
		expect(open('- a\n  ```\n  b\n  ```\n\n')).toBe(false);
		expect(open('# A\n')).toBe(false);
		expect(open('text\n\n## B\r\n')).toBe(false);
	});

	it('is true for unclosed top-level or list-nested fences and HTML blocks', () => {
		expect(open('```\ncode\n\n')).toBe(true);
		expect(open('~~~~\ncode\n~~~\n\n')).toBe(true);
		expect(open('<!--\nx\n\n')).toBe(true);
		expect(open('<pre>\nx\n\n')).toBe(true);
		expect(open('- a\n  ```\n  code\n\n')).toBe(true);
		expect(open('<div>\n# h\n')).toBe(true);
	});

	it('repairs a split the chunker misjudged: a fence opened on a list-marker line', () => {
		// The chunker sees "  ```" as an opener and the real opener as its closer, so it proposes
		// a split inside the real fence at "## not a heading"; the merge must undo it.
		const text = '# A\n\n- ```\n  code\n  ```\n\nText\n\n```\n# comment\n\n## not a heading\n```\n\n## B\n\n- [ ] b\n';
		expect(splits(text)).toContain(text.indexOf('## not a heading'));
		const doc = createIncrementalParser().parse(text);
		expect(doc).toEqual(parsePlan(text));
		expect(doc.sections.map((s) => s.title)).toEqual(['A', 'B']);
	});

	it('repairs a split after a heading-looking line inside an HTML block', () => {
		const text = '<div>\n# inside\n# inside too\n</div>\n\n## B\n';
		expect(splits(text)).toContain(text.indexOf('# inside too'));
		expect(createIncrementalParser().parse(text)).toEqual(parsePlan(text));
	});
});

// ---------------------------------------------------------------- equality with parsePlan

const corpusFiles = readdirSync(corpusDir)
	.filter((f) => f.endsWith('.md'))
	.sort();
const ownPlans = readdirSync(plansDir)
	.filter((f) => f.endsWith('.md'))
	.sort();

describe('incremental parse equals parsePlan', () => {
	it('has corpus files and own plans to check', () => {
		expect(corpusFiles.length).toBeGreaterThanOrEqual(28);
		expect(corpusFiles).toContain(GIANT);
		expect(ownPlans.length).toBeGreaterThanOrEqual(1);
	});

	const cases = [...corpusFiles.map((f) => ({ dir: corpusDir, file: f })), ...ownPlans.map((f) => ({ dir: plansDir, file: f }))];
	for (const { dir, file } of cases) {
		it(`${path.basename(dir)}/${file}${file === GIANT ? ` (first ${GIANT_LINES} lines)` : ''}: initially and after random edits`, () => {
			const text = readPlan(dir, file);
			expect(text.length).toBeGreaterThan(0);
			const big = text.length > 40_000;
			fc.assert(
				fc.property(fc.array(editArb, { minLength: 1, maxLength: big ? 3 : 6 }), (edits) => checkSequence(text, edits)),
				{ numRuns: big ? 2 : 5, seed: 20261128 }
			);
		}, 120_000);
	}

	it('matches on small generated plans under long random edit sequences', () => {
		const docArb = fc
			.tuple(fc.array(fc.constantFrom(...LINES, 'text line', '## H', '# H', '---', 'title: x'), { maxLength: 30 }), fc.boolean(), fc.boolean())
			.map(([lines, crlf, bom]) => (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n'));
		fc.assert(
			fc.property(docArb, fc.array(editArb, { maxLength: 25 }), (doc, edits) => checkSequence(doc, edits)),
			{ numRuns: Number(process.env.INCREMENTAL_RUNS ?? 300), seed: Number(process.env.INCREMENTAL_SEED ?? 7) }
		);
	}, 120_000);

	it('matches on long many-chunk plans when an edit opens or closes a fence far from the chunks after it', () => {
		// Many small sections: the re-cut window must grow over many boundaries (a fence opened
		// above them all) and shrink back (the fence closed), and keep the untouched parts.
		const sectionArb = fc.tuple(fc.constantFrom('## H', '### Phase 1: x', '# T'), fc.array(fc.constantFrom(...LINES, 'text line'), { maxLength: 4 }));
		const docArb = fc
			.tuple(fc.array(sectionArb, { minLength: 20, maxLength: 60 }), fc.boolean())
			.map(([sections, crlf]) => sections.map(([h, body]) => [h, '', ...body, ''].join(crlf ? '\r\n' : '\n')).join(crlf ? '\r\n' : '\n'));
		fc.assert(
			fc.property(docArb, fc.array(editArb, { maxLength: 12 }), (doc, edits) => checkSequence(doc, edits)),
			{ numRuns: Number(process.env.INCREMENTAL_RUNS ?? 100), seed: Number(process.env.INCREMENTAL_SEED ?? 11) }
		);
	}, 120_000);

	it('matches on long checklists cut between items, under edits that nest, loosen, fence or end the list', () => {
		const ITEM_LINES = ['- [ ] open item', '- [x] (2025-10-01 13:00Z) done `code` **bold**', '* [ ] star item', '+ plus', '  - [ ] nested', '    more text', 'lazy line', '', '---', '- - -', '1. ordered', '  ```', '- ```', '- <div>', '| a | b |', '- [~] partial', '-', '- '];
		const docArb = fc
			.tuple(fc.array(fc.constantFrom(...ITEM_LINES, '- [ ] item', '- [ ] item', '- [x] item'), { minLength: 5, maxLength: 50 }), fc.boolean())
			.map(([lines, crlf]) => ['# Plan', '', '## Progress', '', ...lines, '', '## Next', '', '- [ ] a', '- [ ] b', ''].join(crlf ? '\r\n' : '\n'));
		const listEdit: fc.Arbitrary<Edit> = fc.oneof(
			editArb,
			fc.record({ kind: fc.constant('line' as const), at: fc.nat(), s: fc.constantFrom(...ITEM_LINES) }),
			fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom('- ', '  ', '\n- [ ] x', '`', '<', '|', '\n\n') })
		);
		fc.assert(
			fc.property(docArb, fc.array(listEdit, { maxLength: 15 }), (doc, edits) => checkSequence(doc, edits)),
			{ numRuns: Number(process.env.INCREMENTAL_RUNS ?? 150), seed: Number(process.env.INCREMENTAL_SEED ?? 13) }
		);
	}, 120_000);

	it('matches when link or footnote definitions sit in another chunk than their uses (checkbox look-alikes included)', () => {
		const cases = [
			'# A\n\n[x]: /url\n[ ]: /u\n[~]: /v\n\n## Progress\n\n- [x] done\n- [~] partial\n- [ ] open\n',
			'# A\n\n## Progress\n\n- [x] done\n- [~] partial\n\n## Refs\n\n[x]: /url\n[~]: /v\n',
			'# A\n\n## P\n\n- [^1] note\n\n## F\n\n[^1]: footnote\n',
			'# A\n\n| Task | Status |\n|---|---|\n| [a] | done |\n\n## R\n\n[a]: /x\n'
		];
		for (const text of cases) {
			expect(splitChunks(text).length).toBeGreaterThan(1);
			expect(createIncrementalParser().parse(text)).toEqual(parsePlan(text));
		}
	});

	it('reuses the items of chunks that did not move, and returned models stay as they were', () => {
		const parser = createIncrementalParser();
		const text = '# P\n\n## Progress\n\n- [ ] one\n- [x] two\n  - [ ] nested\n\n## Other\n\n- [ ] three\n  - [x] four\n';
		const first = parser.parse(text);
		const snapshot = structuredClone(first);
		const edited = text.replace('one', 'uno');
		const second = parser.parse(edited);
		expect(first).toEqual(snapshot);
		expect(second.progress[0].text).toBe('uno');
		expect(second).toEqual(parsePlan(edited));
		// "three" sits in an unchanged chunk at the same offsets: the very same item (and child).
		expect(second.checkboxes?.[2]?.text).toBe('three');
		expect(second.checkboxes?.[2]).toBe(first.checkboxes?.[2]);
		// An edit before it moves it: a new object with the new offsets; the earlier models keep theirs.
		const longer = edited.replace('uno', 'uno dos');
		const third = parser.parse(longer);
		expect(third).toEqual(parsePlan(longer));
		expect(third.checkboxes?.[2]).not.toBe(second.checkboxes?.[2]);
		expect(third.checkboxes?.[2]?.span.start).toBe((second.checkboxes?.[2]?.span.start ?? 0) + 4);
		// One object per item within a model, whichever list holds it.
		expect(third.progress[1]).toBe(third.checkboxes?.[1]);
		expect(third.progress[1].children[0]).toBe(third.checkboxes?.[1]?.children[0]);
		expect(first).toEqual(snapshot);
		expect(second).toEqual(parsePlan(edited));
		expect(parser.parse(text)).toEqual(parsePlan(text));
	});
});
