/**
 * "Add entry" edits in the plan's own entry style (QA report): dated heading entries, ISO log
 * bullets, single-line stamped decisions, numbered decision logs, and a footer after the last
 * living section. Fixtures follow real shapes: agdd's bold-field ExecPlan template and tiny
 * PLANS.md template (shared/corpus/agdd-*), ghillie's numbered Decision log.
 */
import { describe, expect, it } from 'vitest';
import { applyChanges, planEditChanges } from '../../../src/lib/plan/edit';
import { parsePlan } from '../../../src/lib/plan/parse';
import type { PlanDoc, PlanEdit, TextChange } from '../../../src/lib/plan/types';
import { expectOthersKept, readCorpus } from './edit-helpers';
import { lintPlan } from '../../../src/lib/plan/lint';
import { isStepDone } from '../../../src/lib/plan/next-action';
import { planSummary } from '../../../src/lib/ui/repo/plan-summary';

const NOW = new Date('2026-03-10T14:05:09Z');
const crlf = (s: string): string => s.replace(/\n/g, '\r\n');

/** Applies an edit that must only insert; checks the item invariant; returns the new text, its model and the changes. */
function run(text: string, edit: PlanEdit, opts: Parameters<typeof planEditChanges>[2] = NOW): { after: string; doc: PlanDoc; changes: TextChange[] } {
	const changes = planEditChanges(text, edit, opts);
	expect(changes.length).toBeGreaterThan(0);
	for (const c of changes) expect(c.to, 'insert only').toBe(c.from);
	const after = applyChanges(text, changes);
	const { doc } = expectOthersKept(text, after, changes);
	if (text.includes('\r\n')) expect(/(^|[^\r])\n/.test(after), 'CRLF stays CRLF').toBe(false);
	return { after, doc, changes };
}

// The agdd bold-field ExecPlan template (shared/corpus/agdd-execplan-template-bold-fields.md) with real entries.
const HEADINGS = `# ExecPlan: Cache warmer

**Status**: Active
**Started**: 2025-10-01

---

## Progress

### 2025-10-01 14:30 UTC - Set up the repository
**Outcome**: The build runs in CI.
**Details**: Node 20, vitest.

### 2025-10-02 09:15 UTC - Wrote the parser
**Outcome**: Parses the corpus.
- 27 files
- no errors

---

## Surprises & Discoveries

### 2025-10-01 16:00 UTC - The cache was cold
**Context**: First build after the move.
**Impact**: Builds took 40 s.
**Response**: Warmed it in CI.

---

## Decision Log

### Decision 1: Use remark
**Date**: 2025-10-01 10:00 UTC
**Decision**: Use remark-parse.
**Rationale**: Offsets on every node.

---

## Outcomes & Retrospective

### Final Results
The parser shipped.

### Lessons Learned
- Measure on a quiet machine.

---

**Completed By**: Ann
**Archived**: 2025-10-05
**CHANGELOG Entry**: [0.2.0](CHANGELOG.md)
`;

describe('dated heading entries (### 2025-10-01 14:30 UTC - …)', () => {
	it('parses the heading entries of Progress and Surprises as entries', () => {
		const doc = parsePlan(HEADINGS);
		expect(doc.progress.map((p) => [p.text, p.timestamp, p.state])).toEqual([
			['Set up the repository', '2025-10-01 14:30 UTC', 'done'],
			['Wrote the parser', '2025-10-02 09:15 UTC', 'done']
		]);
		expect(doc.surprises.map((s) => [s.text, s.date])).toEqual([['The cache was cold', '2025-10-01 16:00 UTC']]);
	});

	it('add-progress writes a heading entry of the same depth, stamp and separator after the last one', () => {
		const { after, doc } = run(HEADINGS, { kind: 'add-progress', text: 'Wrote the docs' });
		expect(after).toBe(HEADINGS.replace('- no errors\n', '- no errors\n\n### 2026-03-10 14:05 UTC - Wrote the docs\n'));
		expect(doc.progress.at(-1)).toMatchObject({ text: 'Wrote the docs', timestamp: '2026-03-10 14:05 UTC', state: 'done' });
		expect(doc.progress).toHaveLength(3);
	});

	it('writes the clock in UTC when the entries say UTC, whatever the time zone', () => {
		const { after } = run(HEADINGS, { kind: 'add-progress', text: 'Wrote the docs' }, { now: NOW, timeZone: 'Asia/Tokyo' });
		expect(after).toContain('\n### 2026-03-10 14:05 UTC - Wrote the docs\n');
	});

	it('add-surprise writes a heading entry with evidence as a bold field, in Surprises (not the dated log)', () => {
		const { after, doc } = run(HEADINGS, { kind: 'add-surprise', text: 'Tests share one cache', evidence: 'Builds 12 s' });
		expect(after).toBe(
			HEADINGS.replace(
				'**Response**: Warmed it in CI.\n',
				'**Response**: Warmed it in CI.\n\n### 2026-03-10 14:05 UTC - Tests share one cache\n**Evidence**: Builds 12 s\n'
			)
		);
		expect(doc.surprises.map((s) => [s.text, s.date, s.evidence])).toEqual([
			['The cache was cold', '2025-10-01 16:00 UTC', null],
			['Tests share one cache', '2026-03-10 14:05 UTC', 'Builds 12 s']
		]);
	});

	it('a log entry has no other state: ticking it is a no-op, unticking it a clear error', () => {
		const at = parsePlan(HEADINGS).progress[0].span.start;
		expect(planEditChanges(HEADINGS, { kind: 'toggle-item', at, checked: true }, NOW)).toEqual([]);
		expect(() => planEditChanges(HEADINGS, { kind: 'toggle-item', at, checked: false }, NOW)).toThrow(/dated log entry/);
	});

	it('keeps a dash-less stamp and a deeper heading (#### 2025-12-22: …), CRLF', () => {
		const text = crlf('# Plan\n\n## Progress\n\n### Week 1\n\n#### 2025-12-22: Started JWT\n- Created the service\n\n#### 2025-12-23: Validation done\n- 15 tests\n\n## Notes\n');
		const { after, doc } = run(text, { kind: 'add-progress', text: 'Refresh tokens' });
		expect(after).toBe(text.replace('- 15 tests\r\n', '- 15 tests\r\n\r\n#### 2026-03-10: Refresh tokens\r\n'));
		expect(doc.progress.map((p) => p.text)).toEqual(['Started JWT', 'Validation done', 'Refresh tokens']);
	});
});

describe('a footer after the last living section', () => {
	it('add-outcome goes after the last outcome, before --- and the footer', () => {
		const { after, doc } = run(HEADINGS, { kind: 'add-outcome', text: 'Shipped 0.2.0.' });
		expect(after).toBe(HEADINGS.replace('- Measure on a quiet machine.\n', '- Measure on a quiet machine.\n- Shipped 0.2.0.\n'));
		expect(doc.outcomes.map((o) => o.text)).toEqual(['The parser shipped.', 'Measure on a quiet machine.', 'Shipped 0.2.0.']);
	});

	it('the footer is not an outcome', () => {
		expect(parsePlan(HEADINGS).outcomes.map((o) => o.text)).not.toContainEqual(expect.stringContaining('Completed By'));
	});

	it('fills an Outcomes section that holds only the footer, CRLF', () => {
		const text = crlf('# Plan\n\n## Progress\n\n- [ ] A\n\n## Outcomes & Retrospective\n\n---\n\n**Completed By**: Ann\n**Archived**: 2025-10-05\n');
		const { after, doc } = run(text, { kind: 'add-outcome', text: 'Shipped.' });
		expect(after).toBe(text.replace('Retrospective\r\n\r\n---', 'Retrospective\r\n\r\n- Shipped.\r\n\r\n---'));
		expect(doc.outcomes.map((o) => o.text)).toEqual(['Shipped.']);
	});

	it('a missing living section is created above the footer', () => {
		const text = '# Plan\n\n## Progress\n\n- [ ] A\n\n---\n\n*Last updated 2025-10-05*\n';
		const { after, doc } = run(text, { kind: 'add-surprise', text: 'B' });
		expect(after).toBe('# Plan\n\n## Progress\n\n- [ ] A\n\n## Surprises & Discoveries\n\n- Observation: B\n\n---\n\n*Last updated 2025-10-05*\n');
		expect(doc.surprises.map((x) => x.text)).toEqual(['B']);
	});

	it('on the agdd template the outcome lands inside Outcomes, before the footer', () => {
		const text = readCorpus('agdd-execplan-template-bold-fields.md');
		const { after, changes } = run(text, { kind: 'add-outcome', text: 'Waymark outcome' });
		expect(changes[0].from).toBeLessThan(text.lastIndexOf('\n---\n'));
		expect(after.indexOf('Waymark outcome')).toBeGreaterThan(after.indexOf('## Outcomes & Retrospective'));
		expect(after.endsWith(text.slice(text.lastIndexOf('\n---\n')))).toBe(true);
	});
});

// The agdd tiny PLANS.md template (shared/corpus/agdd-PLANS-tiny-template.md) with real entries.
const ISO = `# ExecPlan

## Purpose / Big Picture
Warm the build cache.

## To-do
- [ ] Task 1
- [ ] Task 2

## Progress
- 2025-10-01T14:30:00Z — Set up the repository
- 2025-10-02T09:15:00Z — Wrote the parser

## Decision Log
- 2025-10-01T14:30:00Z — Decision: use remark for offsets
- 2025-10-02T09:15:00Z — Decision: pin micromark 4.0.2

## Surprises & Discoveries
- The cache was cold on the first build

## Outcomes & Retrospective
- Summary of results and learnings
`;

describe('ISO-stamped log bullets (- 2025-10-01T14:30:00Z — …)', () => {
	it('add-progress writes the same bullet form directly after the last entry', () => {
		const { after, doc } = run(ISO, { kind: 'add-progress', text: 'Wrote the docs' });
		expect(after).toBe(ISO.replace('— Wrote the parser\n', '— Wrote the parser\n- 2026-03-10T14:05:09Z — Wrote the docs\n'));
		const inProgress = doc.progress.filter((p) => p.span.start > after.indexOf('## Progress'));
		expect(inProgress.map((p) => [p.text, p.timestamp, p.state])).toEqual([
			['Set up the repository', '2025-10-01T14:30:00Z', 'done'],
			['Wrote the parser', '2025-10-02T09:15:00Z', 'done'],
			['Wrote the docs', '2026-03-10T14:05:09Z', 'done']
		]);
	});

	it('CRLF, minutes only, and the time zone offset when the stamps carry one', () => {
		const text = crlf('# Plan\n\n## Progress\n\n- 2025-10-01T14:30+02:00 – Set up\n- 2025-10-02T09:15+02:00 – Parser\n');
		const { after, doc } = run(text, { kind: 'add-progress', text: 'Docs' }, { now: NOW, timeZone: 'Europe/Berlin' });
		expect(after).toBe(text + '- 2026-03-10T15:05+01:00 – Docs\r\n');
		expect(doc.progress.at(-1)).toMatchObject({ text: 'Docs', timestamp: '2026-03-10T15:05+01:00' });
	});

	it('add-decision writes one stamped line with the rationale (and author) on it', () => {
		const { after, doc } = run(ISO, { kind: 'add-decision', text: 'Cache in CI', rationale: 'Builds are slow', author: 'Bo' });
		expect(after).toBe(
			ISO.replace(
				'— Decision: pin micromark 4.0.2\n',
				'— Decision: pin micromark 4.0.2\n- 2026-03-10T14:05:09Z — Decision: Cache in CI — Rationale: Builds are slow — Author: Bo\n'
			)
		);
		expect(doc.decisions.map((d) => [d.text, d.date, d.rationale, d.author])).toEqual([
			['use remark for offsets', '2025-10-01T14:30:00Z', null, null],
			['pin micromark 4.0.2', '2025-10-02T09:15:00Z', null, null],
			['Cache in CI', '2026-03-10T14:05:09Z', 'Builds are slow', 'Bo']
		]);
	});
});

describe('labels inline on a stamped or wrapped entry', () => {
	it('reads `X. Rationale: Y` as ghillie writes it (shared/corpus/ghillie-execplan-lazy-annotations.md)', () => {
		const text = '# Plan\n\n## Decision log\n\n- Decision: keep this activity focused on lint policy,\n  not feature adoption. Rationale: limits blast radius and\n  makes regressions easier to isolate.\n';
		expect(parsePlan(text).decisions.map((d) => [d.text, d.rationale])).toEqual([
			['keep this activity focused on lint policy,\n  not feature adoption.', 'limits blast radius and makes regressions easier to isolate.']
		]);
	});
});

describe('numbered decision logs (1. … / 2. …)', () => {
	const NUMBERED = `# Plan

## Decision Log

1. **Decision**: Use remark-parse.
   **Rationale**: Offsets on every node.
   **Date**: 2025-10-01
2. **Decision**: Pin micromark 4.0.2.
   **Rationale**: 4.0.3 is quadratic on long plans.
   **Date**: 2025-10-02
3. **Decision**: Keep CRLF.
   **Rationale**: Windows users.
   **Date**: 2025-10-03
4. **Decision**: No server.
   **Rationale**: Local-first.
   **Date**: 2025-10-04

## Outcomes & Retrospective

None yet.
`;

	it('add-decision writes the next number with continuation lines at the content column', () => {
		const { after, doc } = run(NUMBERED, { kind: 'add-decision', text: 'Cache in CI', rationale: 'Builds are slow', author: 'Bo' });
		expect(after).toBe(
			NUMBERED.replace(
				'   **Date**: 2025-10-04\n',
				'   **Date**: 2025-10-04\n5. **Decision**: Cache in CI\n   **Rationale**: Builds are slow\n   **Date**: 2026-03-10\n   **Author**: Bo\n'
			)
		);
		expect(doc.decisions.at(-1)).toMatchObject({ text: 'Cache in CI', rationale: 'Builds are slow', author: 'Bo', date: '2026-03-10' });
		expect(doc.decisions).toHaveLength(5);
	});

	it('keeps `)` markers, and a two-digit number moves the continuation column, CRLF', () => {
		const text = crlf('# Plan\n\n## Decision Log\n\n8) Decision: Use X.\n9) Decision: Use Y.\n');
		const { after, doc } = run(text, { kind: 'add-decision', text: 'Use Z', rationale: 'Faster' });
		expect(after).toBe(text + '10) Decision: Use Z\r\n    Rationale: Faster\r\n    Date/Author: 2026-03-10\r\n');
		expect(doc.decisions.at(-1)).toMatchObject({ text: 'Use Z', rationale: 'Faster' });
	});

	it('ghillie: a numbered log of plain items gets `5.` and three-space sub-lines', () => {
		const text = readCorpus('ghillie-execplan-llm-integration.md');
		const { after, doc } = run(text, { kind: 'add-decision', text: 'Waymark decision', rationale: 'Waymark why', author: 'Wa' });
		const at = text.indexOf('   patterns.\n\n## Outcomes');
		const want = '   patterns.\n5. Waymark decision\n   Rationale: Waymark why\n   Date/Author: 2026-03-10 / Wa\n\n## Outcomes';
		expect(after.slice(at, at + want.length)).toBe(want);
		expect(doc.decisions.at(-1)).toMatchObject({ text: 'Waymark decision', rationale: 'Waymark why', author: 'Wa' });
	});
});

describe('what counts as a closing footer', () => {
	it('only bold labels of document metadata (or an emphasised "Last updated" line) after the last break; other fields are entries', () => {
		const surprises = parsePlan('# P\n\n## Surprises & Discoveries\n\n- Observation: a\n\n---\n\nObservation: second finding\nEvidence: logs\n').surprises;
		expect(surprises.map((s) => s.text)).toContain('second finding');
		const outcomes = parsePlan('# P\n\n## Outcomes & Retrospective\n\n- First\n\n---\n\n**Result**: good\n**Lesson**: more\n').outcomes;
		expect(outcomes.length).toBeGreaterThan(1);
		const footed = parsePlan('# P\n\n## Outcomes & Retrospective\n\n- First\n\n---\n\n**Completed By**: Ann\n*Last updated 2025-01-01*\n').outcomes;
		expect(footed.map((o) => o.text)).toEqual(['First']);
	});
});

describe('dated log entries and a plan’s state', () => {
	it('a day’s heading that groups checkboxes (`### 2025-10-01 (Day 1)`, `### 2025-11-01 10:30`) is no entry', () => {
		for (const day of ['### 2025-10-01 (Day 1)', '### 2025-11-01 10:30']) {
			const doc = parsePlan(`# P\n\n## Progress\n\n${day}\n\n- [ ] a\n- [ ] b\n`);
			expect(doc.progress.map((i) => [i.text, i.state]), day).toEqual([
				['a', 'open'],
				['b', 'open']
			]);
		}
	});

	it('a plan whose progress is only a dated log is not finished: no "Done", step not done, stale still warns', () => {
		const text = '# Step\n\n## Progress\n\n- 2025-10-01T14:30:00Z — Started the work\n- 2025-10-02T09:00:00Z — Wrote the parser\n';
		const doc = parsePlan(text);
		expect(doc.progress.every((i) => i.logEntry)).toBe(true);
		expect(planSummary(text)).toMatchObject({ done: 2, total: 2, status: 'No checklist' });
		expect(isStepDone(doc)).toBe(false);
		const now = new Date('2026-03-10T12:00:00Z');
		const lastCommitAt = new Date(now.getTime() - 91 * 24 * 3_600_000);
		expect(lintPlan(doc, { now, lastCommitAt }, text).map((d) => d.ruleId)).toContain('stale');
	});
});

describe('footers as templates write them', () => {
	it('bold metadata labels of any name and a plain "Last updated:" close the document; entry labels do not', () => {
		for (const footer of ['**Completed By**: Alice\n**Date**: 2025-10-05', '**Last Updated**: 2025-10-05\n**Status**: Active', '**Next Review**: 2026-01-01\n**Document Owner**: Ann', '**Orchestration System**: czarina\n**Project Version**: 1.2', 'Last updated: 2025-10-05']) {
			const text = `# P\n\n## Outcomes & Retrospective\n\n- Went well.\n\n---\n\n${footer}\n`;
			const { after, doc } = run(text, { kind: 'add-outcome', text: 'Shipped.' });
			expect(after, footer).toBe(text.replace('- Went well.\n', '- Went well.\n- Shipped.\n'));
			expect(doc.outcomes.map((o) => o.text), footer).toEqual(['Went well.', 'Shipped.']);
		}
		expect(parsePlan('# P\n\n## Decision Log\n\n- Decision: A\n\n---\n\n**Decision**: Use B\n**Rationale**: faster\n').decisions).toHaveLength(2);
	});

	it('a bullet stamped in parentheses is a log entry, and add-progress writes that form', () => {
		const text = '# P\n\n## Progress\n\n- (2025-10-01) Set up the repo\n- (2025-10-02) Wrote the parser\n';
		expect(parsePlan(text).progress.map((i) => [i.text, i.logEntry])).toEqual([
			['Set up the repo', true],
			['Wrote the parser', true]
		]);
		const { after } = run(text, { kind: 'add-progress', text: 'Shipped' });
		expect(after).toBe(text + '- (2026-03-10) Shipped\n');
	});
});


describe('the dated Progress Log of DESIGN §3', () => {
	const LOG = '# P\n\n## Progress Log\n\n### 2025-11-01 10:30\n\n- Completed: set up repo\n- Decision: use pnpm\n\n### 2025-11-02 14:00\n\n- Completed: wrote tests\n\n## Notes\n\nText.\n';

	it('its Completed bullets are done progress items stamped with their day', () => {
		const doc = parsePlan(LOG);
		expect(doc.progress.map((i) => [i.text, i.timestamp, i.state, i.logEntry])).toEqual([
			['set up repo', '2025-11-01 10:30', 'done', true],
			['wrote tests', '2025-11-02 14:00', 'done', true]
		]);
		expect(doc.decisions.map((d) => d.text)).toEqual(['use pnpm']);
		expect(planSummary(LOG)).toMatchObject({ done: 2, total: 2, status: 'No checklist' });
	});

	it('add-progress records a Completed bullet under a new day heading, CRLF too', () => {
		for (const text of [LOG, LOG.replace(/\n/g, '\r\n')]) {
			const eol = text.includes('\r\n') ? '\r\n' : '\n';
			const { after, doc } = run(text, { kind: 'add-progress', text: 'shipped it' });
			expect(after).toBe(text.replace(`- Completed: wrote tests${eol}`, `- Completed: wrote tests${eol}${eol}### 2026-03-10 14:05${eol}${eol}- Completed: shipped it${eol}`));
			expect(doc.progress.at(-1)).toMatchObject({ text: 'shipped it', timestamp: '2026-03-10 14:05', state: 'done' });
		}
	});
});
