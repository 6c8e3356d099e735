import { describe, expect, it } from 'vitest';
import { applyPlanEdit, planEditChanges } from '../../../src/lib/plan/edit';
import { parsePlan } from '../../../src/lib/plan/parse';
import { hasRange, planBudget } from '../../../src/lib/plan/budget';
import type { PlanEdit } from '../../../src/lib/plan/types';
import { everyItem, everyPhase, expectOthersKept } from './edit-helpers';

const NOW = new Date('2026-03-10T14:05:09Z');

/** Applies an edit, checks the invariant for items other than `changed`, returns the new text. */
function run(text: string, edit: PlanEdit, changed: number[] = [], opts: Parameters<typeof applyPlanEdit>[2] = NOW): string {
	const changes = planEditChanges(text, edit, opts);
	const after = applyPlanEdit(text, edit, opts);
	expectOthersKept(text, after, changes, new Set(changed));
	return after;
}

function itemStart(text: string, fragment: string): number {
	const it = everyItem(parsePlan(text)).find((i) => i.text.includes(fragment));
	if (!it) throw new Error(`fixture has no item "${fragment}"`);
	return it.span.start;
}

function phaseId(text: string, title: string): string {
	const p = everyPhase(parsePlan(text)).find((x) => x.title.includes(title));
	if (!p) throw new Error(`fixture has no phase "${title}"`);
	return p.id;
}

const EXEC = `# Upgrade the thing

Intro paragraph.

## Progress

- [x] (2025-10-01 13:00Z) Draft the plan.
- [ ] Confirm the baseline with a wrapped
  continuation line.
- [ ] Remove old imports.

## Surprises & Discoveries

- Observation: The cache was cold.
  Evidence: 3 s first load.

## Decision Log

- Decision: Keep the old API.
  Rationale: Callers depend on it.
  Date/Author: 2025-10-01 / Ann

## Outcomes & Retrospective

(To be filled.)
`;

const crlf = (s: string): string => s.replace(/\n/g, '\r\n');

describe('toggle-item and set-item-state', () => {
	it('ticks with a stamp in the plan format (paren-datetime) and changes nothing else', () => {
		const at = itemStart(EXEC, 'Confirm the baseline');
		const after = run(EXEC, { kind: 'toggle-item', at, checked: true }, [at]);
		expect(after).toBe(EXEC.replace('- [ ] Confirm', '- [x] (2026-03-10 14:05Z) Confirm'));
		const item = everyItem(parsePlan(after)).find((i) => i.text.includes('Confirm the baseline'));
		expect(item?.state).toBe('done');
		expect(item?.timestamp).toContain('2026-03-10');
	});

	it('unticking changes only the marker and keeps the stamp', () => {
		const at = itemStart(EXEC, 'Draft the plan');
		const changes = planEditChanges(EXEC, { kind: 'toggle-item', at, checked: false }, NOW);
		expect(changes).toEqual([{ from: at + 2, to: at + 5, insert: '[ ]' }]);
		const after = run(EXEC, { kind: 'toggle-item', at, checked: false }, [at]);
		expect(after).toBe(EXEC.replace('- [x] (2025-10-01', '- [ ] (2025-10-01'));
	});

	it('ticking an already ticked item is no change', () => {
		const at = itemStart(EXEC, 'Draft the plan');
		expect(planEditChanges(EXEC, { kind: 'toggle-item', at, checked: true }, NOW)).toEqual([]);
	});

	it('writes the time in opts.timeZone', () => {
		const at = itemStart(EXEC, 'Remove old imports');
		const after = applyPlanEdit(EXEC, { kind: 'toggle-item', at, checked: true }, { now: NOW, timeZone: 'Asia/Tokyo' });
		expect(after).toContain('- [x] (2026-03-10 23:05+09:00) Remove old imports.');
	});

	it('sets every other state with its marker and no stamp', () => {
		const at = itemStart(EXEC, 'Remove old imports');
		const markers = { partial: '[~]', na: '[N/A]', failed: '[❌]', warning: '[⚠️]', waiting: '[⏳]' } as const;
		for (const [state, marker] of Object.entries(markers) as [keyof typeof markers, string][]) {
			const after = run(EXEC, { kind: 'set-item-state', at, state }, [at]);
			expect(after).toBe(EXEC.replace('- [ ] Remove', `- ${marker} Remove`));
			expect(everyItem(parsePlan(after)).find((i) => i.text.includes('Remove old'))?.state).toBe(state);
		}
	});

	it('throws RangeError for an offset that starts no item', () => {
		expect(() => planEditChanges(EXEC, { kind: 'toggle-item', at: 3, checked: true }, NOW)).toThrow(RangeError);
	});

	it('keeps CRLF and a BOM byte for byte', () => {
		const text = '\uFEFF' + crlf(EXEC);
		const at = itemStart(text, 'Confirm the baseline');
		const after = run(text, { kind: 'toggle-item', at, checked: true }, [at]);
		expect(after).toBe('\uFEFF' + crlf(EXEC.replace('- [ ] Confirm', '- [x] (2026-03-10 14:05Z) Confirm')));
	});

	const STYLES: [string, string, string][] = [
		['paren-date', '- [x] (2026-02-06) Did it.\n- [ ] Step two\n', '- [x] (2026-03-10) Step two'],
		['iso', '- [x] 2026-04-11T14:04:54Z Did it.\n- [ ] Step two\n', '- [x] 2026-03-10T14:05:09Z Step two'],
		['plain-datetime', '- [x] 2025-11-16 14:00 - Did it.\n- [ ] Step two\n', '- [x] 2026-03-10 14:05 - Step two'],
		['none', '- [x] Did it.\n- [ ] Step two\n', '- [x] Step two'],
		['[✅] marker', '- [✅] Did it.\n- [ ] Step two\n', '- [✅] Step two']
	];
	for (const [name, list, expected] of STYLES) {
		it(`ticks in the ${name} style`, () => {
			const text = `# Plan\n\n## Progress\n\n${list}`;
			const at = itemStart(text, 'Step two');
			const after = run(text, { kind: 'toggle-item', at, checked: true }, [at]);
			expect(after).toBe(text.replace('- [ ] Step two', expected));
		});
	}

	it('ticks in the trailing "Completed <date>." style, after a bold title', () => {
		const text = [
			'# Plan',
			'',
			'## Progress',
			'',
			'- [x] **M1 — scaffold.** Completed 2026-06-24. Added the',
			'  package.',
			'- [ ] **M2 — wiring.** Then the',
			'  proxy.',
			'- [ ] Plain step',
			''
		].join('\n');
		const m2 = itemStart(text, 'M2');
		expect(run(text, { kind: 'toggle-item', at: m2, checked: true }, [m2])).toBe(
			text.replace('- [ ] **M2 — wiring.** Then', '- [x] **M2 — wiring.** Completed 2026-03-10. Then')
		);
		const plain = itemStart(text, 'Plain step');
		expect(run(text, { kind: 'toggle-item', at: plain, checked: true }, [plain])).toBe(
			text.replace('- [ ] Plain step', '- [x] Plain step. Completed 2026-03-10.')
		);
	});

	it('ticks nested and ordered items', () => {
		const text = '# Plan\n\n## Progress\n\n1. [x] (2026-02-06) One\n2. [ ] Two\n    * [ ] Two a\n    * [x] (2026-02-07) Two b\n';
		const at = itemStart(text, 'Two a');
		expect(run(text, { kind: 'toggle-item', at, checked: true }, [at])).toBe(text.replace('* [ ] Two a', '* [x] (2026-03-10) Two a'));
	});
});

describe('add-progress', () => {
	it('adds after the last top-level item', () => {
		expect(run(EXEC, { kind: 'add-progress', text: 'Write the tests' })).toBe(
			EXEC.replace('- [ ] Remove old imports.\n', '- [ ] Remove old imports.\n- [ ] Write the tests\n')
		);
	});

	it('keeps the list bullet, indentation, numbering and CRLF', () => {
		const text = crlf('# Plan\n\n## Progress\n\n1. [x] One\n2. [ ] Two\n   * [ ] Two a\n\n## Notes\n');
		expect(run(text, { kind: 'add-progress', text: 'Three' })).toBe(
			crlf('# Plan\n\n## Progress\n\n1. [x] One\n2. [ ] Two\n   * [ ] Two a\n3. [ ] Three\n\n## Notes\n')
		);
		const stars = '# Plan\n\n## Progress\n\n  * [ ] One\n';
		expect(run(stars, { kind: 'add-progress', text: 'Two' })).toBe('# Plan\n\n## Progress\n\n  * [ ] One\n  * [ ] Two\n');
	});

	it('creates ## Progress before Surprises when missing', () => {
		const text = '# Plan\n\nIntro.\n\n## Surprises & Discoveries\n\n- Observation: x\n';
		expect(run(text, { kind: 'add-progress', text: 'First' })).toBe(
			'# Plan\n\nIntro.\n\n## Progress\n\n- [ ] First\n\n## Surprises & Discoveries\n\n- Observation: x\n'
		);
	});

	it('creates ## Progress at the end when there is no living section', () => {
		expect(run('# Plan\n\nIntro.', { kind: 'add-progress', text: 'First' })).toBe('# Plan\n\nIntro.\n\n## Progress\n\n- [ ] First\n');
	});

	it('fills an empty Progress section', () => {
		const text = '# Plan\n\n## Progress\n\n## Decision Log\n';
		expect(run(text, { kind: 'add-progress', text: 'First' })).toBe('# Plan\n\n## Progress\n\n- [ ] First\n\n## Decision Log\n');
	});
});

describe('living-section entries', () => {
	it('add-surprise writes Observation + Evidence like the existing entries', () => {
		expect(run(EXEC, { kind: 'add-surprise', text: 'Builds got faster.', evidence: '40 s → 12 s' })).toBe(
			EXEC.replace('  Evidence: 3 s first load.\n', '  Evidence: 3 s first load.\n- Observation: Builds got faster.\n  Evidence: 40 s → 12 s\n')
		);
		const doc = parsePlan(run(EXEC, { kind: 'add-surprise', text: 'Builds got faster.', evidence: '40 s → 12 s' }));
		expect(doc.surprises.map((s) => s.text)).toEqual([expect.stringContaining('cache was cold'), expect.stringContaining('Builds got faster')]);
	});

	it('add-decision writes Decision / Rationale / Date/Author', () => {
		const after = run(EXEC, { kind: 'add-decision', text: 'Drop Python 3.11.', rationale: 'EOL soon.', author: 'Bo' });
		expect(after).toBe(
			EXEC.replace(
				'  Date/Author: 2025-10-01 / Ann\n',
				'  Date/Author: 2025-10-01 / Ann\n- Decision: Drop Python 3.11.\n  Rationale: EOL soon.\n  Date/Author: 2026-03-10 / Bo\n'
			)
		);
		const d = parsePlan(after).decisions.at(-1);
		expect(d?.rationale).toContain('EOL soon');
		expect(d?.author).toBe('Bo');
	});

	it('add-decision follows ### Decision N: headings with **Date**:', () => {
		const text = '# Plan\n\n## Decision Log\n\n### Decision 1: Use X\n**Date**: 2025-01-01 10:00 UTC\n**Decision**: Use X\n**Rationale**: Because\n\n---\n\n## Context\n\nText.\n';
		expect(run(text, { kind: 'add-decision', text: 'Use Y', rationale: 'Faster' })).toBe(
			text.replace(
				'**Rationale**: Because\n',
				'**Rationale**: Because\n\n### Decision 2: Use Y\n**Date**: 2026-03-10\n**Decision**: Use Y\n**Rationale**: Faster\n'
			)
		);
	});

	it('add-decision creates the Decision Log in its canonical place when missing', () => {
		const text = '# Plan\n\n## Progress\n\n- [ ] A\n\n## Outcomes & Retrospective\n\nNone yet.\n';
		expect(run(text, { kind: 'add-decision', text: 'D', rationale: 'R' })).toBe(
			'# Plan\n\n## Progress\n\n- [ ] A\n\n## Decision Log\n\n- Decision: D\n  Rationale: R\n  Date/Author: 2026-03-10\n\n## Outcomes & Retrospective\n\nNone yet.\n'
		);
	});

	it('add-outcome goes after the placeholder of an entry-less section', () => {
		expect(run(EXEC, { kind: 'add-outcome', text: 'Shipped on time.' })).toBe(
			EXEC.replace('(To be filled.)\n', '(To be filled.)\n\n- Shipped on time.\n')
		);
	});

	const LOG = '# Plan\n\n## Progress Log\n\n### 2026-03-09 10:30\n- Completed: setup\n- Decision: use Y\n  Rationale: simpler\n\n## Notes\n\nFree text.\n';

	it('a dated-log plan gets decisions as a new dated entry, not a section', () => {
		expect(parsePlan(LOG).style.datedLog).toBe(true);
		const once = run(LOG, { kind: 'add-decision', text: 'Use Z', rationale: 'Tested' });
		expect(once).toBe(
			LOG.replace('## Notes', '### 2026-03-10 14:05\n\n- Decision: Use Z\n  Rationale: Tested\n\n## Notes')
		);
		const twice = run(once, { kind: 'add-surprise', text: 'Cache is shared', evidence: 'two hits' });
		expect(twice).toBe(
			once.replace('  Rationale: Tested\n', '  Rationale: Tested\n- Discovery: Cache is shared\n  Evidence: two hits\n')
		);
		expect(twice).not.toMatch(/## (Decision Log|Surprises)/);
		const blocker = run(twice, { kind: 'add-question', text: 'No staging DB', blocker: true });
		expect(blocker).toBe(twice.replace('  Evidence: two hits\n', '  Evidence: two hits\n- Blocker: No staging DB\n'));
	});
});

describe('phases', () => {
	const DOC = [
		'# V1.2.0 - Phase 1: Foundation',
		'',
		'**Status**: Not Started',
		'**Token Budget**: 500K-800K tokens',
		'**Reality Check**: 🟡 Normal Chaos (1.5x)',
		'**Tokens Spent**: ~250K tokens (50% complete)',
		'',
		'## Deliverables',
		'- [ ] JWT service',
		'- [x] Test framework setup',
		'',
		'## Completion Summary',
		'(Added when phase complete)',
		''
	].join('\n');

	it('reopen-phase without heading marks writes a Status line (all boxes ticked would read as done)', () => {
		const text = '# R\n\n## Phase 1: Setup\n\n- [x] a\n\n## Phase 2: Next\n\n- [ ] b\n';
		const id = phaseId(text, 'Setup');
		expect(everyPhase(parsePlan(text))[0].status).toBe('done');
		const after = run(text, { kind: 'reopen-phase', phase: id });
		expect(after).toBe(text.replace('## Phase 1: Setup\n', '## Phase 1: Setup\n\n**Status**: In Progress\n'));
		expect(everyPhase(parsePlan(after))[0].status).toBe('in-progress');
	});

	it('start-phase rewrites the status line and records Started', () => {
		const id = phaseId(DOC, 'Foundation');
		const after = run(DOC, { kind: 'start-phase', phase: id });
		expect(after).toBe(DOC.replace('**Status**: Not Started', '**Status**: In Progress\n**Started**: 2026-03-10'));
		const p = everyPhase(parsePlan(after)).find((x) => x.id === id);
		expect(p?.status).toBe('in-progress');
		expect(p?.started).toBe('2026-03-10');
	});

	it('set-spent and add-spent rewrite the spent line and its % complete', () => {
		const id = phaseId(DOC, 'Foundation');
		expect(run(DOC, { kind: 'set-spent', phase: id, tokens: 300_000 })).toBe(
			DOC.replace('~250K tokens (50% complete)', '300K tokens (25% complete)')
		);
		const added = run(DOC, { kind: 'add-spent', phase: id, tokens: 100_000 });
		expect(added).toBe(DOC.replace('~250K tokens (50% complete)', '350K tokens (29% complete)'));
		expect(everyPhase(parsePlan(added)).find((x) => x.id === id)?.budget?.spent).toBe(350_000);
	});

	it('set-budget rewrites budget and tier and adds the adjusted estimate', () => {
		const id = phaseId(DOC, 'Foundation');
		const after = run(DOC, { kind: 'set-budget', phase: id, low: 400_000, high: 600_000, multiplier: 2.5 });
		expect(after).toBe(
			DOC.replace('500K-800K tokens', '400K-600K tokens')
				.replace('🟡 Normal Chaos (1.5x)', '🟠 Docker Networking (2.5x)\n**Adjusted Estimate**: 1M-1.5M tokens')
				.replace('(50% complete)', '(17% complete)')
		);
		const b = everyPhase(parsePlan(after)).find((x) => x.id === id)?.budget;
		expect(b).toMatchObject({ low: 400_000, high: 600_000, multiplier: 2.5, adjustedLow: 1_000_000, adjustedHigh: 1_500_000 });
	});

	it('complete-phase marks the heading, ticks boxes, records Completed and fills the summary', () => {
		const id = phaseId(DOC, 'Foundation');
		const jwt = itemStart(DOC, 'JWT service');
		const after = run(DOC, { kind: 'complete-phase', phase: id, lessons: 'PyJWT was easy.' }, [jwt]);
		expect(after).toBe(
			DOC.replace('**Status**: Not Started', '**Status**: Complete\n**Completed**: 2026-03-10')
				.replace('- [ ] JWT service', '- [x] JWT service')
				.replace(
					'(Added when phase complete)\n',
					'(Added when phase complete)\n\n**Completed**: 2026-03-10\n**Token Usage**: 250K / 750K-1.2M adjusted estimate\n**Efficiency**: 67% under\n**Lessons Learned**: PyJWT was easy.\n'
				)
		);
		const p = everyPhase(parsePlan(after)).find((x) => x.id === id);
		expect(p?.status).toBe('done');
		expect(p?.completed).toBe('2026-03-10');
	});

	const ROAD = [
		'# Roadmap',
		'',
		'### ✅ Phase 1: Setup (COMPLETE)',
		'',
		'- [x] Init repo',
		'',
		'### 🔄 Phase 2: Build (IN PROGRESS - 60% complete)',
		'',
		'- [x] Part A',
		'- [ ] Part B',
		'',
		'### ⏳ Phase 3: Ship (PENDING)',
		'',
		'- [ ] Release',
		''
	].join('\n');

	it('complete-phase follows the ✅ prefix + (COMPLETE) of the done phases', () => {
		const id = phaseId(ROAD, 'Build');
		const partB = itemStart(ROAD, 'Part B');
		const after = run(ROAD, { kind: 'complete-phase', phase: id }, [partB]);
		expect(after).toBe(
			ROAD.replace(
				'### 🔄 Phase 2: Build (IN PROGRESS - 60% complete)\n\n- [x] Part A\n- [ ] Part B\n',
				'### ✅ Phase 2: Build (COMPLETE)\n\n**Completed**: 2026-03-10\n\n- [x] Part A\n- [x] Part B\n\n#### Completion Summary\n\n**Completed**: 2026-03-10\n**Token Usage**: not recorded\n**Lessons Learned**: _(to be filled in)_\n'
			)
		);
		expect(everyPhase(parsePlan(after)).map((p) => p.status)).toEqual(['done', 'done', 'open']);
	});

	it('tokens spent on a phase with no budget are read, shown and summed, and complete-phase reports them', () => {
		const id = phaseId(ROAD, 'Build');
		const spent = run(ROAD, { kind: 'set-spent', phase: id, tokens: 120_000 });
		const phase = everyPhase(parsePlan(spent)).find((x) => x.id === id)!;
		expect(phase.budget).toMatchObject({ low: 0, high: 0, spent: 120_000 });
		expect(hasRange(phase.budget)).toBe(false);
		expect(planBudget(parsePlan(spent)).total.used).toBe(120_000);
		const after = run(spent, { kind: 'complete-phase', phase: id }, [itemStart(spent, 'Part B')]);
		expect(after).toContain('**Token Usage**: 120K (no budget stated)\n');
		expect(after).not.toContain('not recorded');
	});

	it('start-phase puts 🔄 on the heading where headings carry status, and reopen takes ✅ off', () => {
		const id3 = phaseId(ROAD, 'Ship');
		expect(run(ROAD, { kind: 'start-phase', phase: id3 })).toBe(
			ROAD.replace('### ⏳ Phase 3: Ship (PENDING)\n', '### 🔄 Phase 3: Ship\n\n**Started**: 2026-03-10\n')
		);
		const id1 = phaseId(ROAD, 'Setup');
		const reopened = run(ROAD, { kind: 'reopen-phase', phase: id1 });
		expect(reopened).toBe(ROAD.replace('### ✅ Phase 1: Setup (COMPLETE)', '### 🔄 Phase 1: Setup'));
		expect(everyPhase(parsePlan(reopened))[0].status).toBe('in-progress');
	});

	it('complete-phase puts ✅ after the number or as a suffix like the other done phases', () => {
		const after = '# R\n\n## Phase 1 ✅ — Core\n\n- Did it\n\n## Phase 2 — Sync\n\n- Doing it\n';
		const got = applyPlanEdit(after, { kind: 'complete-phase', phase: phaseId(after, 'Sync') }, NOW);
		expect(got.split('\n')[6]).toBe('## Phase 2 ✅ — Sync');
		const suffix = '# R\n\n### **Phase 1: Tools** ✅ COMPLETE\n\ntext\n\n### **Phase 2: More**\n\ntext\n';
		const got2 = applyPlanEdit(suffix, { kind: 'complete-phase', phase: phaseId(suffix, 'More') }, NOW);
		expect(got2.split('\n')[6]).toBe('### **Phase 2: More** ✅ COMPLETE');
	});

	it('set-phase-status writes Deferred — reason', () => {
		const id = phaseId(ROAD, 'Ship');
		const after = run(ROAD, { kind: 'set-phase-status', phase: id, status: 'deferred', reason: 'after v2' });
		expect(after).toBe(ROAD.replace('### ⏳ Phase 3: Ship (PENDING)\n', '### Phase 3: Ship\n\n**Status**: Deferred — after v2\n'));
		const p = everyPhase(parsePlan(after)).find((x) => x.id === id);
		expect(p?.status).toBe('deferred');
		expect(p?.statusNote).toContain('after v2');
	});

	it('an unknown phase id is a RangeError', () => {
		expect(() => planEditChanges(ROAD, { kind: 'start-phase', phase: 'nope' }, NOW)).toThrow(RangeError);
	});
});

describe('open questions', () => {
	const Q = '# Plan\n\n## Progress\n\n- [ ] A\n\n## Open Questions\n\n- Which DB?\n\n## Notes\n\nText.\n';

	it('add-question appends to Open Questions, blockers flagged', () => {
		const after = run(Q, { kind: 'add-question', text: 'Who owns it?' });
		expect(after).toBe(Q.replace('- Which DB?\n', '- Which DB?\n- Who owns it?\n'));
		const blocked = run(Q, { kind: 'add-question', text: 'No staging DB', blocker: true });
		expect(blocked).toBe(Q.replace('- Which DB?\n', '- Which DB?\n- **Blocker**: No staging DB\n'));
		const q = parsePlan(blocked).openQuestions.find((x) => x.text.includes('No staging DB'));
		expect(q?.blocker).toBe(true);
		expect(parsePlan(after).openQuestions.find((x) => x.text.includes('Who owns'))?.blocker).toBe(false);
	});

	it('add-question creates the section when missing', () => {
		const text = '# Plan\n\n## Progress\n\n- [ ] A\n';
		expect(run(text, { kind: 'add-question', text: 'Why?' })).toBe('# Plan\n\n## Progress\n\n- [ ] A\n\n## Open Questions\n\n- Why?\n');
	});

	it('resolve-question records the resolution under the question', () => {
		const at = parsePlan(Q).openQuestions[0].span.start;
		const after = run(Q, { kind: 'resolve-question', at, resolution: 'Postgres' });
		expect(after).toBe(Q.replace('- Which DB?\n', '- Which DB?\n  Resolved (2026-03-10): Postgres\n'));
		expect(parsePlan(after).openQuestions[0].resolved).toBe(true);
		expect(() => planEditChanges(Q, { kind: 'resolve-question', at: 0, resolution: 'x' }, NOW)).toThrow(RangeError);
	});
});

describe('whole-plan budget and table rows', () => {
	it('set-spent on the whole plan creates the line after the Token Budget line', () => {
		const text = '# Plan\n\n**Token Budget**: 1M-2M tokens\n**Owner**: Al\n\n## Progress\n\n- [ ] a\n';
		const after = run(text, { kind: 'set-spent', phase: null, tokens: 250_000 });
		expect(after).toBe(text.replace('**Token Budget**: 1M-2M tokens\n', '**Token Budget**: 1M-2M tokens\n**Tokens Spent**: 250K tokens\n'));
		expect(parsePlan(after).budget?.spent).toBe(250_000);
		const more = run(after, { kind: 'add-spent', phase: null, tokens: 50_000 });
		expect(parsePlan(more).budget?.spent).toBe(300_000);
	});

	it('set-budget on a plan without one writes Token Budget, Reality Check and Adjusted Estimate under the title', () => {
		const text = '# Plan\n\nIntro.\n\n## Progress\n\n- [ ] a\n';
		const after = run(text, { kind: 'set-budget', phase: null, low: 500_000, high: 800_000, multiplier: 1.5 });
		expect(after).toBe(
			'# Plan\n\n**Token Budget**: 500K-800K tokens\n**Reality Check**: 🟡 Normal Chaos (1.5x)\n**Adjusted Estimate**: 750K-1.2M tokens\n\nIntro.\n\n## Progress\n\n- [ ] a\n'
		);
		expect(parsePlan(after).budget).toMatchObject({ low: 500_000, high: 800_000, multiplier: 1.5, adjustedLow: 750_000, adjustedHigh: 1_200_000 });
	});

	it('toggling a status-table row rewrites its status cell with the wording of the table', () => {
		const text = [
			'# Roadmap',
			'',
			'## Progress',
			'',
			'| Phase | Plans Complete | Status | Completed |',
			'|-------|----------------|--------|-----------|',
			'| 1. Foundation | 2/2 | ✓ Complete | 2026-02-14 |',
			'| 2. Sync | 0/2 | Not started | - |',
			''
		].join('\n');
		const row = everyItem(parsePlan(text)).find((i) => i.text.includes('Sync'));
		expect(row?.state).toBe('open');
		const at = row?.span.start ?? -1;
		const after = run(text, { kind: 'toggle-item', at, checked: true }, [at]);
		expect(after).toBe(text.replace('| 2. Sync | 0/2 | Not started |', '| 2. Sync | 0/2 | ✓ Complete |'));
		expect(everyItem(parsePlan(after)).find((i) => i.text.includes('Sync'))?.state).toBe('done');
	});
});

describe('a spend stated without a budget', () => {
	it('counts only when written as tokens (`**Actual**: 2` may be days)', () => {
		const phase = (field: string) => parsePlan(`# Plan\n\n## Phase 1: Build\n\n${field}\n\n- [ ] a\n`).phases[0].budget;
		expect(phase('**Actual**: 2')).toBeNull();
		expect(phase('**Actual**: 2 days')).toBeNull();
		expect(phase('**Tokens Spent**: 120K')).toMatchObject({ low: 0, high: 0, spent: 120_000 });
		expect(phase('**Tokens Spent**: 12,000')).toMatchObject({ spent: 12_000 });
		expect(phase('**Actual**: 900 tokens')).toMatchObject({ actual: 900 });
		expect(phase('**Actual**: 45m')).toBeNull();
		expect(phase('**Actual**: 2h 30m')).toBeNull();
		expect(phase('**Spent**: $1,200')).toBeNull();
		expect(phase('**Tokens Spent**: 250k')).toMatchObject({ spent: 250_000 });
	});
});
