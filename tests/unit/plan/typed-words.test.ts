/**
 * Typing words, the keystroke the incremental parser reads without remark and whose phases it
 * takes over from the model before: at many places of every corpus plan (and this project's own
 * plans), one key at a time, every model must equal `parsePlan` of the same text, and the fast
 * path must really be taken; the model before each key must not change (phases are shared). `phasesAfterInsert` is also checked on its own: whenever it keeps
 * the phases, they equal the phases built from scratch, and so do the phases `buildPhases` takes
 * from `knownPhases` for an insert inside a phase.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../../bench/generate-plan';
import { createIncrementalParser } from '../../../src/lib/plan/incremental';
import { parsePlan } from '../../../src/lib/plan/parse';
import { buildSections } from '../../../src/lib/plan/parse/sections';
import { knownPhases, phasesAfterInsert } from '../../../src/lib/plan/parse/phases-after-insert';
import { buildPhases } from '../../../src/lib/plan/parse/phases';
import { scanMarkdown, type Scan } from '../../../src/lib/plan/parse/tree';
import type { Phase, PlanDoc, Section } from '../../../src/lib/plan/types';
import { knownSameContent } from '../../../src/lib/plan/moved';
import { scanWithWordInserted } from '../../../src/lib/plan/parse/word-insert';
import { createRandom, loadCorpusSeeds } from './support/fuzz';

const root = path.resolve(__dirname, '../../..');
const plansDir = path.join(root, 'docs/plans');
const texts = [
	...loadCorpusSeeds(path.resolve(root, '../shared/corpus')),
	...readdirSync(plansDir)
		.filter((f) => f.endsWith('.md'))
		.map((f) => readFileSync(path.join(plansDir, f), 'utf8')),
	generatePlan(300),
	generatePlan(300).replace(/\n/g, '\r\n')
];
/** Each text in pieces of at most 150 lines, so parsePlan on every key stays cheap. */
const windows = texts.flatMap((text) => {
	const lines = text.split(/(?<=\n)/);
	const out: string[] = [];
	for (let i = 0; i < lines.length; i += 150) out.push(lines.slice(i, i + 150).join(''));
	return out;
});

/** Every phase of `phases`, nested ones included. */
function flatPhases(phases: readonly Phase[]): Phase[] {
	return phases.flatMap((p) => [p, ...flatPhases(p.children)]);
}

/** `value` without its offsets (the keys `equalIgnoringOffsets` in the panels skips). */
function withoutOffsets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutOffsets);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([k]) => k !== 'span' && k !== 'headingSpan' && k !== 'contentStart')
			.map(([k, v]) => [k, withoutOffsets(v)])
	);
}

/**
 * Checks that every phase of `doc` the parser says it moved from a phase of `prev` (see
 * `moved.ts`) holds the same content but for offsets; returns how many such pairs there were.
 */
function expectMovedPhasesEqual(prev: PlanDoc, doc: PlanDoc): number {
	let pairs = 0;
	const before = flatPhases(prev.phases);
	for (const p of flatPhases(doc.phases)) {
		for (const q of before) {
			if (p === q || !knownSameContent(p, q)) continue;
			pairs++;
			expect(withoutOffsets(p), `phase ${p.id} marked as moved from phase ${q.id}`).toEqual(withoutOffsets(q));
		}
	}
	return pairs;
}

/** A random place just after a letter or digit (where typing a word happens), or null. */
function wordPlace(text: string, random: () => number): number | null {
	let at = Math.floor(random() * text.length);
	while (at < text.length && !/[A-Za-z0-9]/.test(text[at - 1] ?? '')) at++;
	return at < text.length ? at : null;
}

interface WordInsertCase {
	before: PlanDoc;
	text: string;
	at: number;
	next: Scan;
	sections: Section[];
}

/**
 * Three places per window where `inserted` may be typed without remark; `check` returns whether
 * the phases were kept, or null when it did not apply. Counts the places tried and kept.
 */
function wordInserts(seed: number, inserted: string, check: (c: WordInsertCase) => boolean | null): { tried: number; kept: number } {
	const random = createRandom(seed);
	let tried = 0;
	let kept = 0;
	for (const text of windows) {
		const before = parsePlan(text);
		const scan = scanMarkdown(text);
		for (let n = 0; n < 3; n++) {
			const at = wordPlace(text, random);
			if (at === null) continue;
			const next = scanWithWordInserted(scan, at, inserted);
			if (!next) continue;
			const result = check({ before, text, at, next, sections: buildSections(next.text, next.headings) });
			if (result === null) continue;
			tried++;
			if (result) kept++;
		}
	}
	return { tried, kept };
}

describe('typing words', () => {
	it('gives parsePlan’s model on every key at many places of every plan, mostly without remark', () => {
		const random = createRandom(23);
		let keys = 0;
		let typed = 0;
		let movedPairs = 0;
		for (const start of windows) {
			const parser = createIncrementalParser();
			let text = start;
			let prev = parser.parse(text);
			expect(prev).toEqual(parsePlan(text));
			for (let place = 0; place < 1; place++) {
				let at = wordPlace(text, random);
				if (at === null) continue;
				for (const c of 'a1') {
					text = text.slice(0, at) + c + text.slice(at);
					at++;
					keys++;
					const frozen = structuredClone(prev);
					const doc = parser.parse(text);
					expect(doc, `typing ${c} at ${at - 1}: ${JSON.stringify(text.slice(at - 30, at + 10))}`).toEqual(parsePlan(text));
					// The phases it took over are shared with the model before: that one must not change.
					expect(prev).toEqual(frozen);
					movedPairs += expectMovedPhasesEqual(prev, doc);
					prev = doc;
				}
			}
			typed += parser.typedParses;
		}
		expect(keys).toBeGreaterThan(250);
		expect(typed).toBeGreaterThan(keys / 3);
		// Positive control: phases really were taken over as moved copies (and checked above).
		expect(movedPairs).toBeGreaterThan(50);
	}, 300_000);

	it('a definition whose label a letter makes too long turns into a paragraph, as parsePlan reads it', () => {
		const label = 'a ' + 'b'.repeat(995) + ' c';
		let text = `# Plan\n\n## Surprises & Discoveries\n\n[${label}]: /u\nObservation: foo bar\n`;
		const parser = createIncrementalParser();
		expect(parser.parse(text)).toEqual(parsePlan(text));
		const at = text.indexOf('[a bbb') + 6;
		text = text.slice(0, at) + 'x' + text.slice(at);
		const doc = parser.parse(text);
		expect(doc).toEqual(parsePlan(text));
		expect(doc.surprises[0]?.text.startsWith('[a bbbx')).toBe(true);
	});

	it('knownPhases keeps the phases an insert is not in, equal to building them again', () => {
		const { tried, kept } = wordInserts(31, 'k3', ({ before, text, at, next, sections }) => {
			const known = knownPhases({ before, beforeText: text, at, inserted: 'k3' }, next, sections);
			if (!known || !before.phases.length) return null;
			let reused = 0;
			const counting: typeof known = (span, heading) => {
				const p = known(span, heading);
				if (p) reused++;
				return p;
			};
			const phases = buildPhases(next, sections, sections.find((s) => s.depth === 1) ?? null, counting);
			expect(phases).toEqual(parsePlan(next.text).phases);
			return reused > 0;
		});
		expect(tried).toBeGreaterThan(100);
		expect(kept).toBeGreaterThan(tried / 4);
	}, 300_000);

	it('phasesAfterInsert keeps phases only when building them again gives the same', () => {
		const { tried, kept } = wordInserts(29, 'x7', ({ before, text, at, next, sections }) => {
			const phases = phasesAfterInsert({ before, beforeText: text, at, inserted: 'x7' }, next, sections);
			if (phases) expect(phases).toEqual(parsePlan(next.text).phases);
			return phases !== null;
		});
		expect(tried).toBeGreaterThan(100);
		expect(kept).toBeGreaterThan(tried / 4);
	}, 300_000);

	it('under a title that is a phase by its heading, keeps the phases below while a word is typed near the top', () => {
		const text = '# Phase 13: Memory\n\n**Status**: In progress\n\n- [ ] first task\n\n## Phase 13.1: Layer\n\n- [ ] a\n\n## Phase 13.2: Store\n\n- [x] b\n';
		const at = text.indexOf('first task') + 'first task'.length;
		const before = parsePlan(text);
		const next = scanWithWordInserted(scanMarkdown(text), at, 'k');
		expect(next).not.toBeNull();
		const sections = buildSections(next!.text, next!.headings);
		const known = knownPhases({ before, beforeText: text, at, inserted: 'k' }, next!, sections);
		expect(known).not.toBeNull();
		const phases = buildPhases(next!, sections, sections.find((s) => s.depth === 1) ?? null, known!);
		expect(phases).toEqual(parsePlan(next!.text).phases);
		// The two sub-phases are the ones from before (moved), not read again.
		const old = before.phases[0].children;
		expect(phases[0].children.map((c, i) => knownSameContent(old[i], c))).toEqual([true, true]);
	});

	it('under a title that is a phase only by its fields, a letter that completes such a field makes it one', () => {
		const base = '# V1.2.0 - Phase 1: Foundation\n\nToken budet: 50K\n\n- [ ] task\n';
		const session = createIncrementalParser();
		expect(session.parse(base).phases).toEqual([]);
		const at = base.indexOf('budet') + 3;
		const text = base.slice(0, at) + 'g' + base.slice(at);
		expect(session.parse(text)).toEqual(parsePlan(text));
		expect(session.typedParses).toBe(1);
		expect(parsePlan(text).phases.map((p) => p.number)).toEqual(['1']);
	});
});
