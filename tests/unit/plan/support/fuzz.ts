/**
 * Fuzz inputs for parsePlan, seeded from the real plans in shared/corpus/, and the model
 * properties every input must keep. Shared by `npm run fuzz:plan` (scripts/fuzz-plan.ts)
 * and the 2,000-input slice in tests/unit/plan/fuzz.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanDoc, ProgressItem, Span } from '../../../../src/lib/plan/types';

/** A deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function createRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The text of every plan file in a corpus folder (README.md excluded), sorted by name. */
export function loadCorpusSeeds(corpusDir: string): string[] {
	return readdirSync(corpusDir)
		.filter((f) => f.endsWith('.md') && f !== 'README.md')
		.sort()
		.map((f) => readFileSync(path.join(corpusDir, f), 'utf8'));
}

const SNIPPETS = [
	'- [ ] ',
	'- [x] ',
	'- [X] ',
	'- [✅] ',
	'- [❌] ',
	'- [⚠️] ',
	'- [⏳] ',
	'- [~] ',
	'1. [N/A] ',
	'  - [ ] nested',
	'- [label](https://example.com)',
	'- [Note] not a box',
	'```',
	'```markdown',
	'````',
	'~~~',
	'    ',
	'\t',
	'---',
	'<!--',
	'-->',
	'# ',
	'## Progress',
	'## Surprises & Discoveries',
	'## Decision Log',
	'## Outcomes & Retrospective',
	'## Phase 1: Foundation (500K-800K tokens)',
	'### ✅ Step 3: Done',
	'## Phase 3 ✅ — Core',
	'### **Phase 2: Tools (Weeks 5-8)** ✅ COMPLETE',
	'**Token Budget**: 500K-800K tokens',
	'**Tokens Spent**: ~250K tokens (50% complete)',
	'**Reality Check**: 🟡 Normal Chaos (1.5x)',
	'**Depends on**: Phase 1',
	'Status: DEFERRED to v0.4.17',
	'- [x] (2025-10-01 13:00Z) ',
	'- [x] 2026-04-11T14:04:54Z ',
	'### 2025-11-01 10:30',
	'- Decision: ',
	'  Rationale: ',
	'| Phase | Status |',
	'|---|---|',
	'| 01 | completed |',
	'2025‑10‑19',
	'\r\n',
	'\r',
	'\n',
	'\uFEFF',
	'\u200B',
	'\uD83D',
	'\uDE00',
	'😀',
	'越南 Tiếng Việt',
	'  ',
	'\\',
	'*',
	'>',
	'['
];

const CHARS = [...'#-*+[]()x ✅\n\r\t`~>|<!:_.0123456789'];

/** One generated input and how it was made (for replaying failures). */
export interface FuzzCase {
	index: number;
	text: string;
	mutations: string[];
}

function pick<T>(random: () => number, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}

function int(random: () => number, max: number): number {
	return Math.floor(random() * max);
}

/** A window of whole lines from a seed, mostly small, sometimes large, rarely the whole file. */
function baseText(random: () => number, seeds: readonly string[], maxLines: number): string {
	const seed = pick(random, seeds);
	const r = random();
	const lines = seed.split('\n');
	if ((r < 0.001 || seed.length < 4000) && lines.length <= maxLines) return seed;
	const wanted = r < 0.001 ? lines.length : r < 0.005 ? 2000 + int(random, 6000) : r < 0.1 ? 200 + int(random, 600) : 5 + int(random, 150);
	const size = Math.min(wanted, maxLines);
	const from = int(random, Math.max(1, lines.length - size));
	return lines.slice(from, from + size).join('\n');
}

type Mutation = (text: string, random: () => number, seeds: readonly string[]) => string;

const MUTATIONS: Record<string, Mutation> = {
	flipChars(text, random) {
		let out = text;
		const n = 1 + int(random, 8);
		for (let i = 0; i < n && out.length > 0; i++) {
			const at = int(random, out.length);
			out = out.slice(0, at) + pick(random, CHARS) + out.slice(at + 1);
		}
		return out;
	},
	shuffleLines(text, random) {
		const lines = text.split('\n');
		const from = int(random, lines.length);
		const span = Math.min(lines.length - from, 2 + int(random, 20));
		const part = lines.slice(from, from + span);
		for (let i = part.length - 1; i > 0; i--) {
			const j = int(random, i + 1);
			[part[i], part[j]] = [part[j], part[i]];
		}
		lines.splice(from, span, ...part);
		return lines.join('\n');
	},
	spliceSeed(text, random, seeds) {
		const other = pick(random, seeds);
		const at = int(random, other.length);
		const piece = other.slice(at, at + 20 + int(random, 2000));
		const where = int(random, text.length + 1);
		return text.slice(0, where) + piece + text.slice(where);
	},
	insertSnippet(text, random) {
		const lines = text.split('\n');
		const at = int(random, lines.length + 1);
		const snippet = pick(random, SNIPPETS);
		if (random() < 0.5) lines.splice(at, 0, snippet);
		else lines[Math.min(at, lines.length - 1)] = snippet + (lines[Math.min(at, lines.length - 1)] ?? '');
		return lines.join('\n');
	},
	insertFence(text, random) {
		const lines = text.split('\n');
		const fence = pick(random, ['```', '````', '~~~', '```markdown', '   ```', '    ```', '- ```']);
		lines.splice(int(random, lines.length + 1), 0, fence);
		return lines.join('\n');
	},
	toCrlf(text, random) {
		return random() < 0.5 ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, () => (random() < 0.2 ? '\r\n' : random() < 0.05 ? '\r' : '\n'));
	},
	addBom(text) {
		return '\uFEFF' + text;
	},
	truncate(text, random) {
		return text.slice(0, int(random, text.length + 1));
	},
	deleteRange(text, random) {
		const from = int(random, text.length + 1);
		return text.slice(0, from) + text.slice(from + int(random, 500));
	},
	duplicateRange(text, random) {
		const from = int(random, text.length + 1);
		const piece = text.slice(from, from + int(random, 1000));
		return text.slice(0, from) + piece + piece + text.slice(from + piece.length);
	},
	indentLines(text, random) {
		const pad = pick(random, ['  ', '    ', '\t', '      ', ' ']);
		return text
			.split('\n')
			.map((l) => (random() < 0.3 ? pad + l : l))
			.join('\n');
	},
	garbage(text, random) {
		let s = '';
		const n = 1 + int(random, 200);
		for (let i = 0; i < n; i++) s += String.fromCharCode(random() < 0.9 ? 32 + int(random, 95) : int(random, 0x10000));
		const where = int(random, text.length + 1);
		return text.slice(0, where) + s + text.slice(where);
	}
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

/**
 * `count` inputs derived from the seeds; the same `seed` (and `maxLines`) always yields the
 * same inputs. `maxLines` caps the corpus window each input starts from (default: no cap).
 */
export function* fuzzCases(seeds: readonly string[], count: number, seed: number, maxLines = Infinity): Generator<FuzzCase> {
	const random = createRandom(seed);
	for (let index = 0; index < count; index++) {
		if (index % 997 === 0) {
			yield { index, text: pick(random, ['', '\n', '\r\n', '\uFEFF', '- [ ]', '```', '#', '---\n---']), mutations: ['tiny'] };
			continue;
		}
		let text = baseText(random, seeds, maxLines);
		const mutations: string[] = [];
		const n = random() < 0.05 ? 0 : 1 + int(random, 4);
		for (let i = 0; i < n; i++) {
			const name = pick(random, MUTATION_NAMES);
			mutations.push(name);
			text = MUTATIONS[name](text, random, seeds);
		}
		yield { index, text, mutations };
	}
}

function isSpan(value: unknown): value is Span {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Span).start === 'number' &&
		typeof (value as Span).end === 'number' &&
		Object.keys(value).length === 2
	);
}

function within(inner: Span, outer: Span): boolean {
	return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * The properties every model must keep, as messages (empty when all hold): every span in
 * [0, length] with start ≤ end; children (items and phases) inside their parent's span;
 * each progress item's text found inside its own span.
 */
export function modelViolations(text: string, doc: PlanDoc): string[] {
	const problems: string[] = [];
	const seen = new Set<unknown>();
	const walk = (value: unknown, where: string): void => {
		if (typeof value !== 'object' || value === null || seen.has(value)) return;
		seen.add(value);
		if (isSpan(value)) {
			if (!(value.start >= 0 && value.start <= value.end && value.end <= text.length)) {
				problems.push(`${where}: span [${value.start}, ${value.end}) outside [0, ${text.length}]`);
			}
			return;
		}
		for (const [key, child] of Object.entries(value)) {
			if (key === 'contentStart' && typeof child === 'number' && !(child >= 0 && child <= text.length)) {
				problems.push(`${where}.contentStart ${child} outside [0, ${text.length}]`);
			}
			walk(child, `${where}.${key}`);
		}
	};
	walk(doc, 'doc');

	const checkItems = (items: readonly ProgressItem[], parent: ProgressItem | null, where: string, textCheck: boolean): void => {
		items.forEach((item, i) => {
			const at = `${where}[${i}]`;
			if (parent && !within(item.span, parent.span)) problems.push(`${at}: child span outside its parent`);
			if (textCheck && !text.slice(item.span.start, item.span.end).includes(item.text)) {
				problems.push(`${at}: text ${JSON.stringify(item.text.slice(0, 60))} not inside its span`);
			}
			checkItems(item.children, item, `${at}.children`, textCheck);
		});
	};
	checkItems(doc.progress, null, 'progress', true);

	const checkPhases = (phases: PlanDoc['phases'], parent: PlanDoc['phases'][number] | null, where: string): void => {
		phases.forEach((phase, i) => {
			const at = `${where}[${i}]`;
			if (parent && !within(phase.span, parent.span)) problems.push(`${at}: child phase outside its parent`);
			if (!within(phase.headingSpan, phase.span)) problems.push(`${at}: heading outside the phase`);
			checkItems(phase.tasks, null, `${at}.tasks`, false);
			checkPhases(phase.children, phase, `${at}.children`);
		});
	};
	checkPhases(doc.phases, null, 'phases');
	return problems;
}
