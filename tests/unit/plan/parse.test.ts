import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allItems, parsePlan } from '../../../src/lib/plan/parse';
import type { PlanDoc, ProgressItem, Section } from '../../../src/lib/plan/types';

/** Span of the n-th occurrence of `needle` in `text` (computed from the text, not from the parser). */
function at(text: string, needle: string, n = 1): { start: number; end: number } {
	let i = -1;
	for (let k = 0; k < n; k++) {
		i = text.indexOf(needle, i + 1);
		if (i === -1) throw new Error(`no ${needle}`);
	}
	return { start: i, end: i + needle.length };
}

function section(text: string, heading: string, title: string, depth: number, end: number): Section {
	const h = at(text, heading);
	return { title, depth, span: { start: h.start, end }, headingSpan: h, contentStart: h.end + 1 };
}

function item(text: string, line: string, state: ProgressItem['state'], body: string, timestamp: string | null, children: ProgressItem[] = []): ProgressItem {
	return { span: at(text, line), state, checked: state === 'done', text: body, timestamp, marker: null, children };
}

const flat = (items: readonly ProgressItem[]): ProgressItem[] => items.flatMap((i) => [i, ...flat(i.children)]);

describe('parsePlan: whole models', () => {
	it('reads a small ExecPlan completely', () => {
		const text = [
			'# Add login', //
			'',
			'## Purpose / Big Picture',
			'',
			'Users can log in.',
			'',
			'## Progress',
			'',
			'- [x] (2025-10-01 13:00Z) Write the form.',
			'- [ ] Wire the API.',
			'',
			'## Surprises & Discoveries',
			'',
			'- Observation: cookies are blocked.',
			'  Evidence: curl shows no Set-Cookie.',
			'',
			'## Decision Log',
			'',
			'- Decision: Use sessions.',
			'  Rationale: simpler than JWT.',
			'  Date/Author: 2025-10-01 / Ada',
			'',
			'## Outcomes & Retrospective',
			'',
			'Shipped the form.',
			''
		].join('\n');
		const end = text.length;
		const sProgress = at(text, '## Progress').start;
		const sSurprises = at(text, '## Surprises').start;
		const sDecisions = at(text, '## Decision Log').start;
		const sOutcomes = at(text, '## Outcomes').start;
		const progress = section(text, '## Progress', 'Progress', 2, sSurprises);
		const surprises = section(text, '## Surprises & Discoveries', 'Surprises & Discoveries', 2, sDecisions);
		const decisions = section(text, '## Decision Log', 'Decision Log', 2, sOutcomes);
		const outcomes = section(text, '## Outcomes & Retrospective', 'Outcomes & Retrospective', 2, end);
		const expected: PlanDoc = {
			title: 'Add login',
			kind: 'execplan',
			lineEnding: '\n',
			sections: [
				section(text, '# Add login', 'Add login', 1, end),
				section(text, '## Purpose / Big Picture', 'Purpose / Big Picture', 2, sProgress),
				progress,
				surprises,
				decisions,
				outcomes
			],
			living: { progress, surprises, decisions, outcomes },
			style: { timestamps: 'paren-utc', timestampFormat: 'paren-datetime', datedLog: false, done_marker: '[x]' },
			progress: [
				item(text, '- [x] (2025-10-01 13:00Z) Write the form.', 'done', 'Write the form.', '2025-10-01 13:00Z'),
				item(text, '- [ ] Wire the API.', 'open', 'Wire the API.', null)
			],
			surprises: [
				{
					span: { start: at(text, '- Observation').start, end: at(text, 'Set-Cookie.').end },
					text: 'cookies are blocked.',
					date: null,
					evidence: 'curl shows no Set-Cookie.'
				}
			],
			decisions: [
				{
					span: { start: at(text, '- Decision').start, end: at(text, '/ Ada').end },
					text: 'Use sessions.',
					date: '2025-10-01',
					rationale: 'simpler than JWT.',
					author: 'Ada'
				}
			],
			outcomes: [{ span: at(text, 'Shipped the form.'), text: 'Shipped the form.', date: null }],
			phases: [],
			budget: null,
			openQuestions: [],
			checkboxes: []
		};
		expected.checkboxes = expected.progress;
		expect(parsePlan(text)).toEqual(expected);
	});

	it('reads a phase document (title + metadata) as one phase spanning the body', () => {
		const text = [
			'# V1.2.0 - Phase 1: Foundation',
			'',
			'**Status**: In Progress',
			'**Started**: 2025-12-22',
			'**Token Budget**: 500K-800K tokens',
			'**Reality Check**: 🟡 Normal Chaos (1.5x)',
			'**Tokens Spent**: ~250K tokens (50% complete)',
			'**Depends on**: Nothing (first phase)',
			'',
			'## Deliverables',
			'- [ ] JWT service',
			'- [x] Test framework setup',
			'',
			'## Completion Summary',
			'(Added when phase complete)',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.kind).toBe('phase-doc');
		const budget = { low: 500_000, high: 800_000, multiplier: 1.5, adjustedLow: 750_000, adjustedHigh: 1_200_000, spent: 250_000, actual: null };
		expect(doc.budget).toEqual(budget);
		const summary = section(text, '## Completion Summary', 'Completion Summary', 2, text.length);
		expect(doc.phases).toEqual([
			{
				id: '1',
				span: { start: 0, end: text.length },
				headingSpan: at(text, '# V1.2.0 - Phase 1: Foundation'),
				number: '1',
				title: 'Foundation',
				status: 'in-progress',
				statusNote: 'In Progress',
				started: '2025-12-22',
				completed: null,
				dependsOn: [],
				entryCriteria: [],
				exitCriteria: [],
				stages: { build: null, review: null, verify: null },
				tasks: [item(text, '- [ ] JWT service', 'open', 'JWT service', null), item(text, '- [x] Test framework setup', 'done', 'Test framework setup', null)],
				budget,
				summary,
				children: []
			}
		]);
	});
});

describe('parsePlan: checkbox items', () => {
	it('knows all seven states and what is not a checkbox', () => {
		const text = [
			'## To-do',
			'- [ ] open',
			'- [x] done',
			'- [X] done too',
			'- [✅] done emoji',
			'- [~] partial',
			'- [N/A] not applicable',
			'- [❌] failed',
			'- [⚠️] warning',
			'- [⏳] waiting',
			'1. [ ] ordered',
			'- [label](https://example.com)',
			'- [Note] not a box',
			'- [app]',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.progress.map((i) => [i.state, i.text])).toEqual([
			['open', 'open'],
			['done', 'done'],
			['done', 'done too'],
			['done', 'done emoji'],
			['partial', 'partial'],
			['na', 'not applicable'],
			['failed', 'failed'],
			['warning', 'warning'],
			['waiting', 'waiting'],
			['open', 'ordered']
		]);
		expect(doc.progress.map((i) => i.checked)).toEqual([false, true, true, true, false, false, false, false, false, false]);
	});

	it('reads every timestamp format and the most common one as the style', () => {
		const text = [
			'## Progress',
			'- [x] (2025-10-01 13:00Z) a',
			'- [x] (2026-02-06) b',
			'- [x] 2026-04-11T14:04:54Z c',
			'- [x] 2025-11-16 14:00 - d',
			'- [x] **M1a — e** Completed 2026-06-24.',
			'- [x] (2025‑10‑02 09:00Z) f with U+2011 hyphens',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.progress.map((i) => [i.timestamp, i.text])).toEqual([
			['2025-10-01 13:00Z', 'a'],
			['2026-02-06', 'b'],
			['2026-04-11T14:04:54Z', 'c'],
			['2025-11-16 14:00', 'd'],
			['2026-06-24', '**M1a — e** Completed 2026-06-24.'],
			['2025‑10‑02 09:00Z', 'f with U+2011 hyphens']
		]);
		expect(doc.style).toEqual({ timestamps: 'paren-utc', timestampFormat: 'paren-datetime', datedLog: false, done_marker: '[x]' });
	});

	it('nests children at 2–6 spaces, through plain bullets, and reads markers', () => {
		const text = [
			'## Progress',
			'- [ ] parent ← current',
			'  - [x] child two spaces',
			'      - [ ] grandchild six spaces',
			'  - plain bullet',
			'    - [ ] under a plain bullet',
			'- [ ] next (IN PROGRESS)',
			'- [ ] 🔄 spinning',
			'- [ ] **CURRENT** step',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.progress.map((i) => [i.text, i.marker, i.children.map((c) => c.text)])).toEqual([
			['parent ← current', 'current', ['child two spaces', 'under a plain bullet']],
			['next (IN PROGRESS)', 'in-progress', []],
			['🔄 spinning', 'in-progress', []],
			['**CURRENT** step', 'current', []]
		]);
		expect(doc.progress[0].children[0].children.map((c) => c.text)).toEqual(['grandchild six spaces']);
	});

	it('takes item text from the raw source (wrapped lines, bold, hard breaks) and keeps it inside the span', () => {
		const text = '## Progress\n- [x] **Task 1.1.a – Define**  \n  Define a schema\n  for things.\n- [ ] `code` first\n';
		const doc = parsePlan(text);
		expect(doc.progress.map((i) => i.text)).toEqual(['**Task 1.1.a – Define**  \n  Define a schema\n  for things.', '`code` first']);
		for (const i of doc.progress) expect(text.slice(i.span.start, i.span.end)).toContain(i.text);
	});

	it('uses every checkbox of the document when there is no progress section', () => {
		const text = '# Task\n\n## Steps\n- [x] one\n\n## Later\n- [ ] two\n';
		expect(parsePlan(text).progress.map((i) => i.text)).toEqual(['one', 'two']);
	});

	it('prefers [✅] as the done marker when ✅ boxes outnumber [x]', () => {
		const doc = parsePlan('- [✅] a\n- [✅] b\n- [x] c\n');
		expect(doc.style.done_marker).toBe('[✅]');
	});

	it('turns rows of a Progress table with a Status column into items', () => {
		const text = [
			'## Progress',
			'',
			'| Phase | Plans Complete | Status | Completed |',
			'|-------|----------------|--------|-----------|',
			'| 1. Foundation | 2/2 | ✓ Complete | 2026-02-14 |',
			'| 2. Sync | 1/2 | In progress | - |',
			'| 3. Admin | 0/1 | Deferred | - |',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.progress.map((i) => [i.text, i.state, i.marker])).toEqual([
			['1. Foundation', 'done', null],
			['2. Sync', 'open', 'in-progress'],
			['3. Admin', 'na', null]
		]);
		expect(doc.progress[0].span).toEqual(at(text, '| 1. Foundation | 2/2 | ✓ Complete | 2026-02-14 |'));
	});
});

describe('parsePlan: sections and living sections', () => {
	it('finds living sections under every real-world name and level', () => {
		const names: [string, keyof PlanDoc['living']][] = [
			['## Progress Log', 'progress'],
			['### Execution Steps', 'progress'],
			['## Deliverables', 'progress'],
			['## To-do', 'progress'],
			['## Surprises & discoveries', 'surprises'],
			['## Surprises and discoveries', 'surprises'],
			['## Suprises & Discoveries', 'surprises'],
			['#### Decisions', 'decisions'],
			['## Technical Decisions', 'decisions'],
			['## decision log', 'decisions'],
			['## Results', 'outcomes'],
			['## Completion Summary', 'outcomes'],
			['## Outcomes and retrospective', 'outcomes']
		];
		for (const [heading, key] of names) {
			const doc = parsePlan(`# T\n\n${heading}\n\nx\n`);
			expect(doc.living[key]?.title, heading).toBe(heading.replace(/^#+ /, ''));
		}
	});

	it('reads setext headings and ATX closing hashes; sections end at the next same-or-higher heading', () => {
		const text = 'Title\n=====\n\nSub\n---\ntext\n\n### Deep ###\n\n## Next\n';
		const doc = parsePlan(text);
		expect(doc.sections.map((s) => [s.title, s.depth, text.slice(s.span.start, s.span.end)])).toEqual([
			['Title', 1, text],
			['Sub', 2, 'Sub\n---\ntext\n\n### Deep ###\n\n'],
			['Deep', 3, '### Deep ###\n\n'],
			['Next', 2, '## Next\n']
		]);
		expect(doc.title).toBe('Title');
	});

	it('never takes structure from code, comments or front matter', () => {
		const text = [
			'---',
			'title: Front',
			'task_id: 01',
			'phase: Analysis',
			'---',
			'',
			'````markdown',
			'## Phase 9 ✅ — Example',
			'```bash',
			'# not a heading',
			'```',
			'- [ ] example box',
			'````',
			'',
			'    ## indented code',
			'    - [ ] indented box',
			'',
			'<!--',
			'## Progress',
			'- [ ] commented',
			'-->',
			'',
			'- [ ] real',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.sections).toEqual([]);
		expect(doc.phases).toEqual([]);
		expect(doc.title).toBe('Front');
		expect(doc.kind).toBe('step-file');
		expect(allItems(doc).map((i) => i.text)).toEqual(['real']);
	});
});

describe('parsePlan: line endings, BOM, tabs', () => {
	const lf = '# Plan\n\n## Progress\n\n- [x] (2026-02-06) one\n  - [ ] child\n- [ ] two\n\n## Phase 1: Go ✅\n- [x] task\n';

	it('keeps offsets into CRLF text', () => {
		const crlf = lf.replace(/\n/g, '\r\n');
		const doc = parsePlan(crlf);
		expect(doc.lineEnding).toBe('\r\n');
		for (const i of allItems(doc)) expect(crlf.slice(i.span.start, i.span.end)).toContain(i.text);
		expect(doc.progress[0].span.start).toBe(crlf.indexOf('- [x] (2026'));
		expect(crlf.slice(doc.sections[1].headingSpan.start, doc.sections[1].headingSpan.end)).toBe('## Progress');
		expect(doc.phases[0].status).toBe('done');
		expect(doc.progress.map((i) => i.text)).toEqual(['one', 'two']);
	});

	it('keeps offsets into text with a leading BOM', () => {
		const bom = '\uFEFF' + lf;
		const doc = parsePlan(bom);
		const plain = parsePlan(lf);
		expect(doc.title).toBe('Plan');
		expect(doc.progress[0].span.start).toBe(plain.progress[0].span.start + 1);
		expect(bom.slice(doc.sections[0].headingSpan.start, doc.sections[0].headingSpan.end)).toBe('# Plan');
		for (const i of allItems(doc)) expect(bom.slice(i.span.start, i.span.end)).toContain(i.text);
	});

	it('reads a BOM followed by front matter', () => {
		const doc = parsePlan('\uFEFF---\ntitle: X\n---\n- [ ] a\n');
		expect(doc.sections).toEqual([]);
		expect(doc.title).toBe('X');
		expect(doc.progress.map((i) => i.text)).toEqual(['a']);
	});

	it('nests tab-indented items the same way', () => {
		const doc = parsePlan(lf.replace('  - [ ] child', '\t- [ ] child'));
		expect(doc.progress[0].children.map((c) => c.text)).toEqual(['child']);
	});
});

describe('parsePlan: phases', () => {
	const head = (heading: string) => parsePlan(`${heading}\n\ntext\n`).phases[0];

	it.each([
		['## Phase 1: Foundation', '1', 'Foundation', 'open', null, null],
		['### Step 3: Wire it', '3', 'Wire it', 'open', null, null],
		['## Milestone 2: Ship', '2', 'Ship', 'open', null, null],
		['### Phase ING-1: Ingest', 'ING-1', 'Ingest', 'open', null, null],
		['### **Phase 2: Tools (Weeks 5-8)** ✅ COMPLETE', '2', 'Tools (Weeks 5-8)', 'done', 'COMPLETE', null],
		['### ✅ Phase 1: Core (COMPLETE)', '1', 'Core', 'done', 'COMPLETE', null],
		['### 🔄 Phase 2: HTTP (IN PROGRESS - 60% complete)', '2', 'HTTP', 'in-progress', 'IN PROGRESS - 60% complete', null],
		['### ⏳ Phase 3: TLS (PENDING)', '3', 'TLS', 'open', 'PENDING', null],
		['## Phase 3 ✅ — Core sync engine', '3', 'Core sync engine', 'done', null, null],
		['### Phase 0 – Preparatory Work (0.5h) — ✅ Completed 2025‑10‑19', '0', 'Preparatory Work (0.5h)', 'done', 'Completed 2025‑10‑19', '2025‑10‑19'],
		['### Phase 0 -- Production Fixes', '0', 'Production Fixes', 'open', null, null],
		['## Phase 13c: Cleanup ✅ COMPLETE', '13c', 'Cleanup', 'done', 'COMPLETE', null],
		['### Task 13.1.6: Benchmarks ⏸️ DEFERRED → Phase 13.13', '13.1.6', 'Benchmarks', 'deferred', 'DEFERRED → Phase 13.13', null],
		['## Phase 1A-1C: Setup', '1A-1C', 'Setup', 'open', null, null],
		['## Phase DR.1: Messaging (Day 1)', 'DR.1', 'Messaging (Day 1)', 'open', null, null],
		['## Phase 1: Foundation (500K-800K tokens)', '1', 'Foundation', 'open', null, null],
		['## ~~Phase 4: Dropped idea~~', '4', 'Dropped idea', 'skipped', null, null]
	])('%s', (heading, number, title, status, note, completed) => {
		const p = head(heading);
		expect([p.number, p.title, p.status, p.statusNote, p.completed]).toEqual([number, title, status, note, completed]);
	});

	it('reads a budget from the heading', () => {
		expect(head('## Phase 1: Foundation (500K-800K tokens)').budget).toEqual({
			low: 500_000,
			high: 800_000,
			multiplier: null,
			adjustedLow: null,
			adjustedHigh: null,
			spent: null,
			actual: null
		});
	});

	it('reads status lines, dates, dependencies, criteria, stages and nesting from the body', () => {
		const text = [
			'# Roadmap',
			'## Phase 1: Schema',
			'**Status**: DEFERRED to v0.4.17',
			'**Depends on**: Nothing (first phase)',
			'- [x] a',
			'## Phase 2: Sync',
			'- **Status:** completed',
			'- **Completed:** 2026-01-02',
			'- Depends on: phase-01 (schema), phase-02 (sync)',
			'',
			'**Entry Criteria**:',
			'- [x] schema merged',
			'',
			'### Step 2.1: Pull',
			'**Dependencies**: Requires Phase 4 and a server',
			'#### Phase 1: Build',
			'- [ ] build it',
			'#### Phase 2: Review',
			'#### Phase 3: Verify',
			'### Exit Criteria',
			'- [ ] tests pass',
			'## Phase 2: Again',
			'- [x] one',
			'- [ ] two',
			''
		].join('\n');
		const doc = parsePlan(text);
		const [p1, p2, p3] = doc.phases;
		expect(doc.kind).toBe('roadmap');
		expect([p1.id, p1.status, p1.statusNote, p1.dependsOn]).toEqual(['1', 'deferred', 'DEFERRED to v0.4.17', []]);
		expect([p2.id, p2.status, p2.statusNote, p2.completed, p2.dependsOn]).toEqual(['2', 'done', 'completed', '2026-01-02', ['01', '02']]);
		expect(p2.entryCriteria.map((i) => i.text)).toEqual(['schema merged']);
		expect(p2.exitCriteria.map((i) => i.text)).toEqual(['tests pass']);
		expect(p2.children.map((c) => [c.id, c.title, c.dependsOn, c.status])).toEqual([['2.1', 'Pull', ['4'], 'open']]);
		const step = p2.children[0];
		expect([step.stages.build?.title, step.stages.review?.title, step.stages.verify?.title]).toEqual(['Phase 1: Build', 'Phase 2: Review', 'Phase 3: Verify']);
		expect(step.tasks.map((i) => i.text)).toEqual(['build it']);
		expect([p3.id, p3.status]).toEqual(['2#2', 'in-progress']);
	});

	it('derives a status only when nothing states one, and keeps a stated status that disagrees with the boxes', () => {
		const doc = parsePlan('## Phase 1: A\n- [x] a\n- [x] b\n## Phase 2: B ✅\n- [ ] open box\n## Phase 3: C\n- [ ] x\n## Phase 4: D\ntext\n');
		expect(doc.phases.map((p) => p.status)).toEqual(['done', 'done', 'open', 'open']);
	});

	it('merges checklist phases and a status table into the heading phases of the same number', () => {
		const text = [
			'# Roadmap: tool',
			'## Phases',
			'- [x] **Phase 1: Foundation** - backend',
			'- [ ] **Phase 2: Config** - parse',
			'## Phase Details',
			'### Phase 1: Foundation',
			'**Depends on**: Nothing (first phase)',
			'### Phase 2: Config',
			'**Depends on**: Phase 1',
			'### Phase 3: Extra',
			'## Progress',
			'| Phase | Status |',
			'|---|---|',
			'| 3. Extra | Deferred |',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.phases.map((p) => [p.id, p.title, p.status, p.dependsOn])).toEqual([
			['1', 'Foundation', 'done', []],
			['2', 'Config', 'open', ['1']],
			['3', 'Extra', 'deferred', []]
		]);
	});

	it('reads checklist phases alone, and phase tables when there are no phase headings', () => {
		const list = parsePlan('- [x] **Phase 1: Foundation & Architecture** - Backend\n- [ ] **Phase 2: Sync** - x\n');
		expect(list.phases.map((p) => [p.number, p.title, p.status])).toEqual([
			['1', 'Foundation & Architecture', 'done'],
			['2', 'Sync', 'open']
		]);
		const table = parsePlan(
			'# Plan\n\n## Phases\n\n| # | Phase | File | Status |\n|---|---|---|---|\n| 01 | Schema | [f](phase-01.md) | completed |\n| **02** | [Admin](phase-02.md) | x | deferred |\n'
		);
		expect(table.phases.map((p) => [p.id, p.title, p.status])).toEqual([
			['01', 'Schema', 'done'],
			['02', 'Admin', 'deferred']
		]);
	});

	it('reads roadmap numbering only where numbered sections hold tasks', () => {
		const roadmap = parsePlan('# Roadmap\n## 1. Catalogue\n### 1.1. Schema\n- [x] task\n## 2. Ingest\n');
		expect(roadmap.phases.map((p) => [p.number, p.title, p.children.map((c) => c.number)])).toEqual([
			['1', 'Catalogue', ['1.1']],
			['2', 'Ingest', []]
		]);
		expect(parsePlan('# Doc\n## 1. Intro\n## 2. Body\n').phases).toEqual([]);
	});

	it('reads adjusted, spent, actual and progress budgets', () => {
		const doc = parsePlan(
			'## Phase 1: A\n**Token Budget**: 60,000-80,000 tokens\n**Adjusted Estimate**: 1.2M-2M tokens\n**Actual**: ~200K tokens\n## Phase 2: B\n**Progress**: 1.5M / 3M-6M tokens\n'
		);
		expect(doc.phases[0].budget).toEqual({ low: 60_000, high: 80_000, multiplier: null, adjustedLow: 1_200_000, adjustedHigh: 2_000_000, spent: null, actual: 200_000 });
		expect(doc.phases[1].budget).toEqual({ low: 3_000_000, high: 6_000_000, multiplier: null, adjustedLow: null, adjustedHigh: null, spent: 1_500_000, actual: null });
	});

	it('takes YAML depends_on for the single phase of a step file', () => {
		const doc = parsePlan('---\nphase: 06-02\ndepends_on: ["06-01"]\n---\n# Phase 06-02: Wire\n- [ ] x\n');
		expect(doc.phases.map((p) => [p.number, p.dependsOn])).toEqual([['06-02', ['06-01']]]);
	});
});

describe('parsePlan: entries', () => {
	it('reads decisions in every layout', () => {
		const text = [
			'## Decision Log',
			'- **JWT Library**: Chose PyJWT',
			'',
			'Decision: Bare paragraph.',
			'',
			'Rationale: Because.',
			'',
			'### Decision 1: Use Postgres',
			'**Date**: 2025-01-02',
			'**Rationale**: relational data',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.decisions.map((d) => [d.text, d.rationale, d.date])).toEqual([
			['**JWT Library**: Chose PyJWT', null, null],
			['Bare paragraph.', 'Because.', null],
			['Use Postgres', 'relational data', '2025-01-02']
		]);
	});

	it('reads a dated progress log into style, decisions, surprises and blockers', () => {
		const text = [
			'## Progress Log',
			'### 2025-11-01 10:30',
			'- Completed: the form',
			'- Decision: use cookies',
			'- Discovery: Safari blocks them',
			'- Blocker: no staging server',
			''
		].join('\n');
		const doc = parsePlan(text);
		expect(doc.style.datedLog).toBe(true);
		expect(doc.decisions.map((d) => [d.text, d.date])).toEqual([['use cookies', '2025-11-01 10:30']]);
		expect(doc.surprises.map((d) => [d.text, d.date])).toEqual([['Safari blocks them', '2025-11-01 10:30']]);
		expect(doc.openQuestions.map((q) => [q.text, q.blocker, q.resolved])).toEqual([['no staging server', true, false]]);
	});

	it('reads open questions, blockers and resolved ones', () => {
		const doc = parsePlan('## Open Questions\n- Which DB?\n- ~~Which host?~~\n- [x] Which CI?\n- Auth? Resolved: OAuth\n## Blockers\n- No keys\n');
		expect(doc.openQuestions.map((q) => [q.text, q.blocker, q.resolved])).toEqual([
			['Which DB?', false, false],
			['~~Which host?~~', false, true],
			['Which CI?', false, true],
			['Auth? Resolved: OAuth', false, true],
			['No keys', true, false]
		]);
	});

	it('skips placeholders in living sections', () => {
		expect(parsePlan('## Surprises & Discoveries\n\n(None yet)\n').surprises).toEqual([]);
	});
});

describe('parsePlan: robustness', () => {
	it.each([
		['empty', ''],
		['only a BOM', '\uFEFF'],
		['binary junk', '\u0000\u0001\uFFFF\uD800]]][[[(((\n- [\n#'],
		['unclosed front matter', '---\ntitle: x\n'],
		['deep quotes', '>'.repeat(5000) + ' x'],
		['deep lists', Array.from({ length: 300 }, (_, i) => ' '.repeat(i * 2) + '- [ ] x').join('\n')]
	])('never throws on %s', (_name, text) => {
		const doc = parsePlan(text);
		expect(Array.isArray(doc.sections)).toBe(true);
		for (const i of allItems(doc)) expect(text.slice(i.span.start, i.span.end)).toContain(i.text);
	});

	it('keeps every item text inside its span and spans in bounds (generated plans)', () => {
		const line = fc.tuple(
			fc.constantFrom('', '  ', '    ', '\t'),
			fc.constantFrom('- ', '* ', '1. '),
			fc.constantFrom('[ ] ', '[x] ', '[✅] ', '[~] ', '[N/A] ', '', '[a](b) '),
			fc.constantFrom('(2025-10-01 13:00Z) ', '2026-02-06 ', ''),
			fc.stringMatching(/^[a-z *`_~#]{0,12}$/)
		);
		const plan = fc.array(fc.oneof(line.map((p) => p.join('')), fc.constantFrom('## Progress', '## Phase 1: A', '```', '', '# T')), { maxLength: 25 });
		fc.assert(
			fc.property(plan, fc.boolean(), (lines, crlf) => {
				const text = lines.join(crlf ? '\r\n' : '\n');
				const doc = parsePlan(text);
				for (const i of flat([...allItems(doc), ...doc.progress])) {
					expect(i.span.start).toBeGreaterThanOrEqual(0);
					expect(i.span.end).toBeLessThanOrEqual(text.length);
					expect(text.slice(i.span.start, i.span.end)).toContain(i.text);
				}
				for (const s of doc.sections) expect(s.span.end).toBeLessThanOrEqual(text.length);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('a title that reads as a phase', () => {
	it('names the document when it only numbers it and a heading below names that phase', () => {
		const doc = parsePlan('# Phase 2 Progress Summary\n\n### ✅ Phase 1: Setup\n\n- [x] a\n\n### 🔄 Phase 2: Build\n\n- [ ] b\n');
		expect(doc.phases.map((p) => [p.id, p.title, p.status])).toEqual([
			['1', 'Setup', 'done'],
			['2', 'Build', 'in-progress']
		]);
	});

	it('names the document also when written "Phase 2: Progress Summary" over a heading that names phase 2', () => {
		const doc = parsePlan('# Phase 2: Progress Summary\n\n### ✅ Phase 1: Setup\n\n- [x] a\n\n### 🔄 Phase 2: Component Creation (IN PROGRESS)\n\n- [ ] b\n\n### Phase 3: Ship\n\n- [ ] c\n');
		expect(doc.phases.map((p) => p.id)).toEqual(['1', '2', '3']);
		expect(doc.phases[1]).toMatchObject({ title: 'Component Creation', status: 'in-progress' });
	});

	it('stays the phase when no heading below names that phase, whatever headings repeat its number', () => {
		for (const below of ['## Phase 2 Completion Summary', '## Phase 2 Checklist']) {
			const doc = parsePlan(`# Phase 2: Build the API\n\n**Status**: Complete\n\n## Tasks\n\n- [x] a\n\n${below}\n\nAll done.\n`);
			expect(doc.kind, below).toBe('phase-doc');
			expect(doc.phases[0]).toMatchObject({ number: '2', title: 'Build the API', status: 'done' });
		}
	});
});

describe('a heading about a phase', () => {
	it('is no second phase when another heading names that phase', () => {
		const doc = parsePlan('# Plan\n\n## Phase 1: Alpha\n\n- [ ] a\n\n## Phase 1 Completion Criteria\n\n- [ ] done when\n\n## Phase 2: Beta\n\n- [ ] b\n');
		expect(doc.phases.map((p) => [p.id, p.title])).toEqual([
			['1', 'Alpha'],
			['2', 'Beta']
		]);
	});

	it('stays a phase where no heading names one (`## Phase 1`, `## Phase 2`)', () => {
		expect(parsePlan('# Plan\n\n## Phase 1\n\n- [ ] a\n\n## Phase 2\n\n- [ ] b\n').phases.map((p) => p.id)).toEqual(['1', '2']);
	});
});
