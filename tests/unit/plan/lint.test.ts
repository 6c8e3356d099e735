/**
 * lintPlan end to end: small Markdown fixtures parsed with parsePlan, one where each rule
 * fires and one where it does not. (lint-rules.test.ts checks the rules on hand-built models.)
 */
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/lib/plan/parse';
import { lintPlan, selfContainmentScore } from '../../../src/lib/plan/lint/index';
import type { LintContext, PlanDiagnostic } from '../../../src/lib/plan/types';

function lint(text: string, context: LintContext = {}): PlanDiagnostic[] {
	return lintPlan(parsePlan(text), context, text);
}
function fired(text: string, ruleId: string, context: LintContext = {}): PlanDiagnostic[] {
	return lint(text, context).filter((d) => d.ruleId === ruleId);
}
/** The text each diagnostic points at. */
function at(text: string, ds: PlanDiagnostic[]): string[] {
	return ds.map((d) => text.slice(d.from, d.to));
}

const lines = (...ls: string[]) => ls.join('\n') + '\n';

/** A complete, tidy ExecPlan on which no rule fires. */
const CLEAN = lines(
	'# Add sync',
	'',
	'Everything needed is written here.',
	'',
	'## Progress',
	'',
	'- [x] (2025-10-01 13:00Z) Write the schema.',
	'- [ ] Wire the worker.',
	'',
	'## Surprises & Discoveries',
	'',
	'- Observation: IndexedDB is slower in Firefox.',
	'  Evidence: 40 ms per write in the profile.',
	'',
	'## Decision Log',
	'',
	'- Decision: Use one worker.',
	'  Rationale: Only one LightningFS instance may exist.',
	'  Date/Author: 2025-10-01 / lead',
	'',
	'## Outcomes & Retrospective',
	'',
	'Nothing shipped yet.'
);

describe('a clean plan', () => {
	it('gets no findings at all', () => {
		expect(lint(CLEAN, { previousText: CLEAN, now: new Date('2025-10-01T14:00:00Z'), lastCommitAt: new Date('2025-10-01T13:00:00Z') })).toEqual([]);
	});
});

describe('missing-living-section / empty-living-section', () => {
	const missing = lines('# Plan', '', '## Progress', '', '- [ ] a', '', '## Decision Log', '', '- Decision: x', '  Rationale: y');
	it('fires for the sections an ExecPlan lacks', () => {
		expect(fired(missing, 'missing-living-section').map((d) => d.message)).toEqual([
			expect.stringContaining('Surprises & Discoveries'),
			expect.stringContaining('Outcomes & Retrospective')
		]);
	});
	it('fires for an empty section and not for a filled one', () => {
		const empty = CLEAN.replace('Nothing shipped yet.', '<!-- to do -->');
		expect(at(empty, fired(empty, 'empty-living-section'))).toEqual(['## Outcomes & Retrospective']);
		expect(fired(CLEAN, 'empty-living-section')).toEqual([]);
		expect(fired(CLEAN, 'missing-living-section')).toEqual([]);
	});
});

describe('progress-without-timestamp', () => {
	it('fires for a ticked item without a stamp in a stamped plan', () => {
		const text = CLEAN.replace('- [ ] Wire the worker.', '- [x] Wire the worker.');
		expect(at(text, fired(text, 'progress-without-timestamp'))).toEqual(['- [x] Wire the worker.']);
	});
	it('does not fire when the plan stamps nothing', () => {
		const text = CLEAN.replace('(2025-10-01 13:00Z) ', '').replace('- [ ] Wire the worker.', '- [x] Wire the worker.');
		expect(fired(text, 'progress-without-timestamp')).toEqual([]);
	});
});

describe('decision-without-rationale', () => {
	it('fires for a decision without a Rationale line', () => {
		const text = CLEAN.replace('  Rationale: Only one LightningFS instance may exist.\n', '');
		expect(fired(text, 'decision-without-rationale')).toHaveLength(1);
	});
});

describe('external-link / self-containment', () => {
	it('fires per link outside code and reports the score', () => {
		const text = CLEAN.replace('Everything needed is written here.', 'See [the spec](https://example.com/spec).') + lines('', '```', 'https://in.code/x', '```');
		expect(at(text, fired(text, 'external-link'))).toEqual(['[the spec](https://example.com/spec)']);
		// Five sections with content, one with a link.
		expect(selfContainmentScore(parsePlan(text), text)).toBe(80);
		expect(fired(text, 'self-containment')[0].message).toContain('80%');
	});
	it('does not fire without external links', () => {
		expect(selfContainmentScore(parsePlan(CLEAN), CLEAN)).toBe(100);
		expect(fired(CLEAN, 'self-containment')).toEqual([]);
	});
});

const PHASES = lines(
	'# Roll-out',
	'',
	'## Phase 1: Foundation ✅',
	'',
	'**Token Budget**: 500K-800K tokens',
	'**Tokens Spent**: 650K tokens',
	'',
	'- [x] Schema',
	'- [x] Worker',
	'',
	'## Phase 2: Sync',
	'',
	'**Depends on**: Phase 1',
	'**Token Budget**: 1M-1.5M tokens',
	'',
	'- [ ] Pull',
	'- [ ] Push'
);

describe('phase rules on a tidy phased plan', () => {
	it('none of them fire', () => {
		const ids = lint(PHASES).map((d) => d.ruleId);
		for (const rule of ['done-phase-open-items', 'open-phase-ticked-items', 'depends-on', 'done-phase-no-spend', 'calendar-phase', 'phase-budget-too-large'])
			expect(ids).not.toContain(rule);
	});
});

describe('done-phase-open-items', () => {
	it('fires for an open box under a done phase', () => {
		const text = PHASES.replace('- [x] Worker', '- [ ] Worker');
		expect(at(text, fired(text, 'done-phase-open-items'))).toEqual(['- [ ] Worker']);
	});
});

describe('open-phase-ticked-items', () => {
	it('fires for ticked boxes under a phase with an explicit open status', () => {
		const text = PHASES.replace('**Depends on**: Phase 1', '**Status**: Not started\n**Depends on**: Phase 1').replace('- [ ] Pull', '- [x] Pull');
		expect(at(text, fired(text, 'open-phase-ticked-items'))).toEqual(['## Phase 2: Sync']);
	});
});

describe('depends-on', () => {
	it('fires for a missing phase', () => {
		const text = PHASES.replace('**Depends on**: Phase 1', '**Depends on**: Phase 7');
		expect(fired(text, 'depends-on').map((d) => d.message)).toEqual([expect.stringContaining('“7”')]);
	});
	it('fires for a cycle', () => {
		const text = PHASES.replace('**Tokens Spent**: 650K tokens', '**Tokens Spent**: 650K tokens\n**Depends on**: Phase 2').replace('## Phase 1: Foundation ✅', '## Phase 1: Foundation');
		expect(fired(text, 'depends-on').map((d) => d.message)).toContain('Dependency cycle: 1 → 2 → 1.');
	});
	it('fires for a done phase depending on an open one', () => {
		const text = PHASES.replace('**Tokens Spent**: 650K tokens', '**Tokens Spent**: 650K tokens\n**Depends on**: Phase 2').replace('**Depends on**: Phase 1\n', '');
		expect(fired(text, 'depends-on').map((d) => d.message)).toEqual([expect.stringContaining('depends on phase 2, which is open')]);
	});
});

describe('done-phase-no-spend', () => {
	it('fires for a done phase without spend in a budgeted plan', () => {
		const text = PHASES.replace('**Tokens Spent**: 650K tokens\n', '');
		expect(at(text, fired(text, 'done-phase-no-spend'))).toEqual(['## Phase 1: Foundation ✅']);
	});
});

describe('calendar-phase', () => {
	it('fires for a phase named by a week', () => {
		const text = PHASES.replace('## Phase 2: Sync', '## Phase 2: Week 2');
		expect(at(text, fired(text, 'calendar-phase'))).toEqual(['## Phase 2: Week 2']);
	});
});

describe('phase-budget-too-large', () => {
	it('fires above 2M tokens', () => {
		const text = PHASES.replace('1M-1.5M tokens', '2M-3M tokens');
		expect(at(text, fired(text, 'phase-budget-too-large'))).toEqual(['## Phase 2: Sync']);
	});
});

describe('several-phases-in-phase-doc', () => {
	// The kind is forced: what makes a file a phase doc is its path, which parsePlan does not see.
	const asPhaseDoc = (text: string) => lintPlan({ ...parsePlan(text), kind: 'phase-doc' }, {}, text).filter((d) => d.ruleId === 'several-phases-in-phase-doc');
	it('fires when a phase doc holds two phases', () => {
		const two = lines('## Phase 3: Sync', '', '- [ ] a', '', '## Phase 4: Push', '', '- [ ] b');
		expect(at(two, asPhaseDoc(two))).toEqual(['## Phase 4: Push']);
	});
	it('does not fire for one phase', () => {
		expect(asPhaseDoc(lines('## Phase 3: Sync', '', '- [ ] a'))).toEqual([]);
	});
});

describe('stale', () => {
	const now = new Date('2025-10-03T12:00:00Z');
	it('fires a day after the last commit while work is open', () => {
		expect(fired(CLEAN, 'stale', { now, lastCommitAt: new Date('2025-10-02T11:00:00Z') })).toHaveLength(1);
	});
	it('does not fire within the window given', () => {
		expect(fired(CLEAN, 'stale', { now, lastCommitAt: new Date('2025-10-02T11:00:00Z'), staleAfterHours: 48 })).toEqual([]);
	});
});

describe('silent-update', () => {
	it('fires when the text changed without a new entry', () => {
		const changed = CLEAN.replace('Everything needed is written here.', 'Reworded the intro.');
		expect(fired(changed, 'silent-update', { previousText: CLEAN })).toHaveLength(1);
	});
	it('does not fire when a progress item was ticked or a surprise added', () => {
		const ticked = CLEAN.replace('- [ ] Wire the worker.', '- [x] (2025-10-02 09:00Z) Wire the worker.');
		expect(fired(ticked, 'silent-update', { previousText: CLEAN })).toEqual([]);
		const surprise = CLEAN.replace('## Decision Log', '- Observation: Safari drops the lock.\n\n## Decision Log');
		expect(fired(surprise, 'silent-update', { previousText: CLEAN })).toEqual([]);
	});
});
