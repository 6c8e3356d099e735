/**
 * `scanWithWordInserted` must give exactly remark's scan of the new text whenever
 * `insertedIntoWord` lets it run: checked on every corpus plan at many places, and on generated
 * texts full of the constructs where one more letter or digit would change a block (list
 * numbers, task boxes, HTML starts, tables, fences, setext lines, link definitions, headings).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertedIntoWord, scanWithWordInserted } from '../../../src/lib/plan/parse/word-insert';
import { scanMarkdown } from '../../../src/lib/plan/parse/tree';
import { createRandom, loadCorpusSeeds } from './support/fuzz';

const corpusDir = path.resolve(__dirname, '../../../../shared/corpus');
/** Every corpus plan in pieces of about 120 lines (each piece is Markdown too), so remark's check of each try stays cheap. */
const windows = loadCorpusSeeds(corpusDir).flatMap((text) => {
	const lines = text.split(/(?<=\n)/);
	const out: string[] = [];
	for (let i = 0; i < lines.length; i += 120) out.push(lines.slice(i, i + 120).join(''));
	return out;
});

const LINES = [
	'# Title words here',
	'## Phase 1: Foundation ✅',
	'Setext title words',
	'===',
	'Another setext heading',
	'---',
	'- [ ] open task with words',
	'- [x] (2025-10-01 13:00Z) done task **bold**tail',
	'- [ok] word marker task',
	'  - [ ] nested task words',
	'1. first ordered item',
	'10. tenth ordered item',
	'Para 1 with words',
	'a paragraph line with words',
	'> quoted words here',
	'> 1. quoted ordered item',
	'```rust',
	'fn main() {}',
	'```',
	'~~~ info words',
	'<div class="note">',
	'</div>',
	'<custom attr>',
	'| Phase | Status |',
	'|---|---|',
	'| 1 | done words |',
	'[label]: /url "title words"',
	'[^1]: footnote words',
	'    indented code words',
	'**Token Budget**: 300K-500K tokens',
	'**Depends on**: Phase 2',
	'***',
	'- [ ] htp://example.com is up',
	'- [ ] ww.example.com is up',
	'- [ ] [a bb c] is up',
	'[a bb c]: /u',
	'- [x] ![img alt](x.png) words',
	'[multi line',
	'label words]: /u',
	'',
	''
];

function generated(random: () => number, lines: number): string {
	const out: string[] = [];
	for (let i = 0; i < lines; i++) out.push(LINES[Math.floor(random() * LINES.length)]);
	return out.join(random() < 0.5 ? '\n' : '\r\n') + (random() < 0.8 ? '\n' : '');
}

const ALNUM = 'abcXYZ0189';
function word(random: () => number): string {
	const n = 1 + Math.floor(random() * 3);
	let s = '';
	for (let i = 0; i < n; i++) s += ALNUM[Math.floor(random() * ALNUM.length)];
	return s;
}

/** Tries `tries` random places; returns how many the fast path took (each checked against remark). */
function check(text: string, random: () => number, tries: number): number {
	const old = scanMarkdown(text);
	let taken = 0;
	for (let i = 0; i < tries; i++) {
		// A random place, moved on to just after the next letter or digit: where typing happens.
		let at = Math.floor(random() * (text.length + 1));
		while (at < text.length && !/[A-Za-z0-9]/.test(text[at - 1] ?? '')) at++;
		const ins = word(random);
		const fast = scanWithWordInserted(old, at, ins);
		if (!fast) continue;
		taken++;
		const next = text.slice(0, at) + ins + text.slice(at);
		expect(fast, `insert ${JSON.stringify(ins)} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 20))}`).toEqual(scanMarkdown(next));
	}
	return taken;
}

describe('scanWithWordInserted', () => {
	it('equals remark on every corpus plan at many places', () => {
		const random = createRandom(7);
		let taken = 0;
		for (const text of windows) taken += check(text, random, 4);
		expect(taken).toBeGreaterThan(600);
	}, 240_000);

	it('equals remark on generated texts made of block-sensitive lines', () => {
		const random = createRandom(11);
		let taken = 0;
		for (let n = 0; n < 400; n++) taken += check(generated(random, 12), random, 12);
		expect(taken).toBeGreaterThan(500);
	});

	it('types a whole word at the end of a task line one key at a time, each step equal to remark', () => {
		let text = '## Progress\n\n- [x] (2025-10-01 13:00Z) entry with `code` and **bold**\n- [ ] next\n';
		let scan = scanMarkdown(text);
		let at = text.indexOf('**\n') + 2;
		scan = scanWithWordInserted(scan, at, 'Q') ?? scan; // after `**`: not a word character before it
		expect(scanWithWordInserted(scanMarkdown(text), at, 'Q')).toBeNull();
		text = text.slice(0, at) + 'Q' + text.slice(at);
		scan = scanMarkdown(text);
		at++;
		for (const c of 'Jbenchmark') {
			const next = scanWithWordInserted(scan, at, c);
			expect(next).not.toBeNull();
			text = text.slice(0, at) + c + text.slice(at);
			expect(next).toEqual(scanMarkdown(text));
			scan = next!;
			at++;
		}
	});

	it('stays equal to remark where a letter changes a link a task starts with, or a definition’s 999-character label', () => {
		const cases: [string, string, string][] = [
			['- [ ] htp://example.com is up\n', '- [ ] ht', 't'],
			['- [ ] https://example.com is up\n', '- [ ] h', 'x'],
			['- [ ] ww.example.com is up\n', '- [ ] w', 'w'],
			['- [ ] [a bb c] is up\n\n[a bb c]: /u\n', '- [ ] [a b', 'x'],
			['- [ ] [a bb c] is up\n\n[a bb c]: /u\n', '\n[a b', 'x'],
			[`# Plan\n\n[${'a ' + 'b'.repeat(995) + ' c'}]: /u\nObservation: foo bar\n`, '[a bbb', 'x'],
			[`# Plan\n\n[a\nx ${'b'.repeat(990)} y\nc]: /u\n`, 'x bbb', 'x']
		];
		for (const [text, before, ins] of cases) {
			const at = text.indexOf(before) + before.length;
			const next = text.slice(0, at) + ins + text.slice(at);
			const fast = scanWithWordInserted(scanMarkdown(text), at, ins);
			if (fast) expect(fast, `${JSON.stringify(text.slice(0, 60))} after ${JSON.stringify(before)}`).toEqual(scanMarkdown(next));
		}
	});

	it('looks back over lines up to a text that starts with a line ending (it once looped there)', () => {
		for (const text of ['\nab cd\n', '\r\nab cd\r\n', '\n\nab cd']) expect(insertedIntoWord(text, text.indexOf('cd') + 1, 'q')).toBe(true);
		expect(insertedIntoWord('[x\nab cd\n', 7, 'q')).toBe(false); // a label may start on the line before
	});

	it('still reads a word typed later in a task’s text without remark', () => {
		const text = '- [x] (2025-10-01 13:00Z) entry words here\n';
		const at = text.indexOf('words') + 2;
		expect(scanWithWordInserted(scanMarkdown(text), at, 'q')).toEqual(scanMarkdown(text.slice(0, at) + 'q' + text.slice(at)));
	});

	it('refuses places where a letter or digit could change a block', () => {
		const no = (text: string, needle: string, ins = 'x'): void => {
			const at = text.indexOf(needle) + needle.length;
			expect(insertedIntoWord(text, at, ins), `${JSON.stringify(text)} after ${JSON.stringify(needle)}`).toBe(false);
		};
		no('Para\n1. item\n', '1', '0'); // an ordered number (and its first word)
		no('x\n- 10. item\n', '- 1', '5'); // a nested ordered marker after a bullet
		no('- [ok] task\n', '- [o'); // a word task box
		no('<div class="a">\n', '<di'); // an HTML start
		no('para line words\n', 'para'); // the first word of a line
		no('| a | b words |\n', 'wor'); // a table row
		no('text `code` words\n', '`cod'); // inside backticks
		no('- [ ] task\n', '- [ ] task', ' '); // not a letter or digit
		expect(scanWithWordInserted(scanMarkdown('---\ntitle: a\n---\nbody words\n'), 'body words'.length + 16, 'x')).toBeNull();
	});
});
