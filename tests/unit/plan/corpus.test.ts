/**
 * parsePlan against hand-written facts about every real plan in shared/corpus/
 * (tests/unit/plan/corpus-facts.ts), against an independent checkbox line counter, and
 * against byte-level variants (CRLF↔LF, BOM, tab indentation) that must not change the model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as parseModule from '../../../src/lib/plan/parse';
import { parsePlan } from '../../../src/lib/plan/parse';
import type { Phase, PlanDoc, ProgressItem } from '../../../src/lib/plan/types';
import { corpusFacts, type DocFacts } from './corpus-facts';
import { countTaskLines, taskLineNumbers } from './support/count-task-lines';
import { switchLineEndings, tabIndentLists, withBom } from './support/variants';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpusDir = path.resolve(here, '../../../../shared/corpus');

const readCorpus = (file: string): string => readFileSync(path.join(corpusDir, file), 'utf8');

/** 1-based line of a UTF-16 offset. */
function lineIndex(text: string): (offset: number) => number {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) starts.push(i + 1);
		else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
	}
	return (offset) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};
}

function flatItems(items: ProgressItem[]): ProgressItem[] {
	return items.flatMap((item) => [item, ...flatItems(item.children)]);
}

interface PhaseAt {
	phase: Phase;
	parent: Phase | null;
}

function flatPhases(phases: Phase[], parent: Phase | null = null): PhaseAt[] {
	return phases.flatMap((phase) => [{ phase, parent }, ...flatPhases(phase.children, phase)]);
}

/** Every checkbox item the model holds anywhere, deduplicated by span start (table rows excluded). */
function allCheckboxItems(doc: PlanDoc, text: string): ProgressItem[] {
	const exported = (parseModule as unknown as Record<string, unknown>).allItems;
	let items: ProgressItem[];
	if (typeof exported === 'function') {
		items = (exported as (d: PlanDoc) => ProgressItem[])(doc);
	} else {
		items = [...flatItems(doc.progress)];
		for (const { phase } of flatPhases(doc.phases)) {
			items.push(...flatItems(phase.tasks), ...flatItems(phase.entryCriteria), ...flatItems(phase.exitCriteria));
		}
	}
	const byStart = new Map<number, ProgressItem>();
	for (const item of items) {
		const lineStart = text.lastIndexOf('\n', item.span.start - 1) + 1;
		const isTableRow = text.slice(lineStart, item.span.start).trim() === '' && text[item.span.start] === '|';
		if (!isTableRow) byStart.set(item.span.start, item);
	}
	return [...byStart.values()];
}

const normaliseDashes = (s: string): string => s.replace(/[\u2010\u2011\u2012\u2013\u2212]/g, '-');
const CHECKBOX_PREFIX = /^\s*\[(?: |x|X|✅|❌|⚠️|⏳|~|N\/A)\]/u;
const SPAN_KEYS = new Set(['span', 'headingSpan', 'contentStart', 'lineEnding']);

/** The model without offsets (and line ending); strings optionally normalised. */
function withoutOffsets(doc: PlanDoc, normalise: (s: string) => string): unknown {
	return JSON.parse(
		JSON.stringify(doc, (key, value: unknown) => {
			if (SPAN_KEYS.has(key)) return undefined;
			return typeof value === 'string' ? normalise(value) : value;
		})
	);
}

/** parsePlan once per text (the 20,000-line file takes seconds on a loaded machine). */
function lazyModel(text: string): () => { doc: PlanDoc; lineOf: (o: number) => number } {
	let cached: { doc: PlanDoc; lineOf: (o: number) => number } | null = null;
	return () => (cached ??= { doc: parsePlan(text), lineOf: lineIndex(text) });
}

/** Generous per-test timeout for big files: these tests assert structure, never speed. */
const timeoutFor = (text: string): number => 60_000 + Math.round(text.length / 2);

/** Checks one document's model against its facts; `lineShift` maps fact lines to text lines. */
function checkDoc(label: string, facts: DocFacts, text: string, get = lazyModel(text), lineShift = 0): void {
	const local = (line: number) => line - lineShift;
	const timeout = timeoutFor(text);

	it(`${label}: line ending, title and kind`, () => {
		const { doc } = get();
		expect(doc.lineEnding).toBe(facts.lineEnding);
		expect(facts.title).toContain(doc.title);
		expect(facts.kind).toContain(doc.kind);
	}, timeout);

	if (facts.headings !== undefined) {
		it(`${label}: headings outside code and front matter`, () => {
			const accepted = Array.isArray(facts.headings) ? facts.headings : [facts.headings];
			expect(accepted).toContain(get().doc.sections.length);
		});
	}

	it(`${label}: living sections`, () => {
		const { doc, lineOf } = get();
		for (const [key, fact] of Object.entries(facts.living)) {
			const section = doc.living[key as keyof PlanDoc['living']];
			if (fact === null) {
				expect(section, `living.${key}`).toBeNull();
			} else if (fact) {
				expect(section, `living.${key}`).not.toBeNull();
				expect(section!.title, `living.${key} title`).toBe(fact.title);
				expect(lineOf(section!.headingSpan.start), `living.${key} line`).toBe(local(fact.line));
			}
		}
	});

	if (facts.progress) {
		const progress = facts.progress;
		it(`${label}: progress items and their states`, () => {
			const { doc } = get();
			const all = flatItems(doc.progress);
			const states: Record<string, number> = {};
			for (const item of all) states[item.state] = (states[item.state] ?? 0) + 1;
			const expected = Object.fromEntries(Object.entries(progress.states).filter(([, n]) => n !== 0));
			expect(states).toEqual(expected);
			expect(all.length).toBe(progress.total);
			if (progress.top !== undefined) expect(doc.progress.length).toBe(progress.top);
			for (const item of all) expect(item.checked).toBe(item.state === 'done');
		});
	}

	if (facts.items.length > 0) {
		it(`${label}: specific progress items`, () => {
			const { doc, lineOf } = get();
			const all = flatItems(doc.progress);
			for (const fact of facts.items) {
				const where = `item at line ${fact.line}`;
				const item = all.find((i) => lineOf(i.span.start) === local(fact.line));
				expect(item, where).toBeDefined();
				expect(item!.state, where).toBe(fact.state);
				expect(item!.text, where).toContain(fact.text);
				expect(item!.text, where).not.toMatch(CHECKBOX_PREFIX);
				if (fact.timestamp === null) expect(item!.timestamp, where).toBeNull();
				else if (fact.timestamp !== undefined) expect(normaliseDashes(item!.timestamp ?? ''), where).toContain(fact.timestamp);
				if (fact.children !== undefined) expect(item!.children.length, where).toBe(fact.children);
			}
		});
	}

	it(`${label}: phases`, () => {
		const { doc, lineOf } = get();
		const all = flatPhases(doc.phases);
		if (facts.topPhases !== undefined) expect(doc.phases.length, 'top-level phases').toBe(facts.topPhases);
		for (const fact of facts.phases) {
			const where = `phase at line ${fact.line}`;
			const found = all.find(({ phase }) => lineOf(phase.headingSpan.start) === local(fact.line));
			expect(found, where).toBeDefined();
			const { phase, parent } = found!;
			expect(phase.number, where).toBe(fact.number);
			expect(phase.title.trim().startsWith(fact.title), `${where}: title ${JSON.stringify(phase.title)}`).toBe(true);
			if (fact.status !== undefined) expect(phase.status, where).toBe(fact.status);
			if (fact.parentLine === null) expect(parent, `${where} is top-level`).toBeNull();
			else if (fact.parentLine !== undefined) {
				expect(parent, `${where} has a parent`).not.toBeNull();
				expect(lineOf(parent!.headingSpan.start), `${where} parent`).toBe(local(fact.parentLine));
			}
			if (fact.children !== undefined) expect(phase.children.length, `${where} children`).toBe(fact.children);
			if (fact.dependsOn !== undefined) expect(phase.dependsOn, `${where} dependsOn`).toEqual(fact.dependsOn);
			if (fact.completed !== undefined) expect(normaliseDashes(phase.completed ?? ''), `${where} completed`).toContain(fact.completed);
			if (fact.statusNote !== undefined) expect(phase.statusNote ?? '', `${where} statusNote`).toContain(fact.statusNote);
			if (fact.budget !== undefined) {
				expect(phase.budget, `${where} budget`).not.toBeNull();
				expect(phase.budget, `${where} budget`).toMatchObject(fact.budget);
			}
		}
	});

	if (facts.budget !== undefined) {
		it(`${label}: whole-plan budget`, () => {
			const { doc } = get();
			if (facts.budget === null) expect(doc.budget).toBeNull();
			else {
				expect(doc.budget).not.toBeNull();
				expect(doc.budget).toMatchObject(facts.budget!);
			}
		});
	}

	if (facts.titleBudget !== undefined) {
		it(`${label}: budget stated under the title`, () => {
			const { doc, lineOf } = get();
			const titlePhase = flatPhases(doc.phases).find(({ phase }) => lineOf(phase.headingSpan.start) === 1)?.phase;
			const budget = doc.budget ?? titlePhase?.budget ?? null;
			expect(budget).not.toBeNull();
			expect(budget).toMatchObject(facts.titleBudget!);
		});
	}
}

const planFiles = readdirSync(corpusDir)
	.filter((f) => f.endsWith('.md') && f !== 'README.md')
	.sort();

describe('corpus facts cover the corpus', () => {
	it('has facts for every plan file (each listed in INDEX.tsv) and no others', () => {
		const indexed = readCorpus('INDEX.tsv')
			.split('\n')
			.slice(1)
			.filter((l) => l.trim())
			.map((l) => l.split('\t')[0])
			.sort();
		expect(planFiles).toEqual(indexed);
		expect(corpusFacts.map((f) => f.file).sort()).toEqual(planFiles);
	});
});

describe('count-task-lines (the independent counter)', () => {
	it('skips fences (nested, tilde, unclosed in a list item), indented code, comments, front matter', () => {
		const text = [
			'---',
			'- [ ] front matter',
			'---',
			'- [ ] one',
			'````markdown',
			'```',
			'- [ ] nested fence',
			'```',
			'````',
			'~~~',
			'- [x] tilde',
			'~~~',
			'',
			'    - [ ] indented code',
			'',
			'<!--',
			'- [ ] comment',
			'-->',
			'1. [x] two',
			'- [label](https://x) - [Note] x',
			'- [Note] not a box',
			'* [N/A] three',
			'- item',
			'   ```',
			'   - [ ] inside a fence in a list item',
			'- [✅] four (the fence ended with its list item)',
			'  - [⚠️] five'
		].join('\n');
		expect(taskLineNumbers(text)).toEqual([4, 19, 22, 26, 27]);
		expect(countTaskLines('\uFEFF' + text.replace(/\n/g, '\r\n'))).toBe(5);
	});
});

for (const facts of corpusFacts) {
	describe(facts.file, () => {
		const text = readCorpus(facts.file);
		const original = lazyModel(text);
		const timeout = timeoutFor(text);

		checkDoc('model', facts, text, original);

		it('independent counter agrees with the hand count of checkboxes', () => {
			expect(countTaskLines(text)).toBe(facts.checkboxes);
		});

		it('parsePlan holds as many checkbox items as the independent counter finds', () => {
			const { doc, lineOf } = original();
			const modelLines = allCheckboxItems(doc, text)
				.map((i) => lineOf(i.span.start))
				.sort((a, b) => a - b);
			expect(modelLines).toEqual(taskLineNumbers(text));
		}, timeout);

		for (const embedded of facts.embedded ?? []) {
			const snippet = text.split(/\r?\n/).slice(embedded.fromLine - 1, embedded.toLine).join('\n') + '\n';
			checkDoc(`embedded L${embedded.fromLine}-${embedded.toLine}`, embedded, snippet, lazyModel(snippet), embedded.fromLine - 1);
		}

		it('the model does not change with the other line ending (CRLF↔LF)', () => {
			const variant = switchLineEndings(text);
			const crlfToLf = (s: string) => s.replace(/\r\n/g, '\n');
			const other = parsePlan(variant);
			expect(other.lineEnding).toBe(facts.lineEnding === '\n' ? '\r\n' : '\n');
			expect(withoutOffsets(other, crlfToLf)).toEqual(withoutOffsets(original().doc, crlfToLf));
		}, timeout);

		it('the model does not change with a leading BOM', () => {
			const same = (s: string) => s;
			expect(withoutOffsets(parsePlan(withBom(text)), same)).toEqual(withoutOffsets(original().doc, same));
		}, timeout);

		const tabbed = tabIndentLists(text);
		if (tabbed !== text) {
			it('the model does not change when lists are indented with tabs', () => {
				const squash = (s: string) => s.replace(/\s+/g, ' ');
				expect(withoutOffsets(parsePlan(tabbed), squash)).toEqual(withoutOffsets(original().doc, squash));
			}, timeout);
		}
	});
}
