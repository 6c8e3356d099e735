/**
 * Each lint rule on hand-built models (no parser): one case where it fires, one where it does not.
 * tests/unit/plan/lint.test.ts runs the same rules through parsePlan on Markdown fixtures.
 */
import { describe, expect, it } from 'vitest';
import { missingLivingSection } from '../../../src/lib/plan/lint/missing-living-section';
import { emptyLivingSection } from '../../../src/lib/plan/lint/empty-living-section';
import { progressWithoutTimestamp } from '../../../src/lib/plan/lint/progress-without-timestamp';
import { decisionWithoutRationale } from '../../../src/lib/plan/lint/decision-without-rationale';
import { externalLink } from '../../../src/lib/plan/lint/external-link';
import { selfContainment, selfContainmentScore } from '../../../src/lib/plan/lint/self-containment';
import { donePhaseOpenItems } from '../../../src/lib/plan/lint/done-phase-open-items';
import { openPhaseTickedItems } from '../../../src/lib/plan/lint/open-phase-ticked-items';
import { dependsOn } from '../../../src/lib/plan/lint/depends-on';
import { donePhaseNoSpend } from '../../../src/lib/plan/lint/done-phase-no-spend';
import { calendarPhase, isCalendarName } from '../../../src/lib/plan/lint/calendar-phase';
import { phaseBudgetTooLarge } from '../../../src/lib/plan/lint/phase-budget-too-large';
import { severalPhasesInPhaseDoc } from '../../../src/lib/plan/lint/several-phases-in-phase-doc';
import { stale } from '../../../src/lib/plan/lint/stale';
import { findExternalLinks } from '../../../src/lib/plan/lint/links';
import { runRules } from '../../../src/lib/plan/lint/index';
import type { Section } from '../../../src/lib/plan/types';
import { budget, decision, doc, item, phase, section } from './build';

const none = {};
const ids = (ds: { ruleId: string }[]) => ds.map((d) => d.ruleId);

/** Sections of `text` for `# `/`## ` headings, computed independently of the parser. */
function sectionsOf(text: string): Section[] {
	const heads = [...text.matchAll(/^(#{1,6}) (.*)$/gm)].map((m) => ({ depth: m[1].length, title: m[2], start: m.index, lineEnd: m.index + m[0].length }));
	return heads.map((h, i) => {
		const next = heads.slice(i + 1).find((n) => n.depth <= h.depth);
		return {
			title: h.title,
			depth: h.depth,
			span: { start: h.start, end: next ? next.start : text.length },
			headingSpan: { start: h.start, end: h.lineEnd },
			contentStart: Math.min(text.length, h.lineEnd + 1)
		};
	});
}

describe('missing-living-section', () => {
	it('fires once per missing section of an ExecPlan', () => {
		const d = doc({ living: { progress: section('Progress'), surprises: null, decisions: null, outcomes: section('Outcomes') } });
		const out = missingLivingSection(d, none, undefined);
		expect(out.map((x) => x.message)).toEqual([
			expect.stringContaining('Surprises & Discoveries'),
			expect.stringContaining('Decision Log')
		]);
	});
	it('does not fire when all four are there, or for other kinds', () => {
		const all = { progress: section('P'), surprises: section('S'), decisions: section('D'), outcomes: section('O') };
		expect(missingLivingSection(doc({ living: all }), none, undefined)).toEqual([]);
		expect(missingLivingSection(doc({ kind: 'phase-doc' }), none, undefined)).toEqual([]);
	});
});

describe('empty-living-section', () => {
	const text = '# P\n\n## Progress\n\n<!-- fill in -->\n\n## Decision Log\n\n- Decision: x\n';
	const sections = sectionsOf(text);
	const living = { progress: sections[1], surprises: null, decisions: sections[2], outcomes: null };
	it('fires for a section with only whitespace and comments', () => {
		const out = emptyLivingSection(doc({ sections, living }), none, text);
		expect(out).toHaveLength(1);
		expect(text.slice(out[0].from, out[0].to)).toBe('## Progress');
	});
	it('without text, falls back to the entries found', () => {
		expect(ids(emptyLivingSection(doc({ sections, living, decisions: [decision('x')] }), none, undefined))).toEqual(['empty-living-section']);
		expect(emptyLivingSection(doc({ sections, living, decisions: [decision('x')], progress: [item('a')] }), none, undefined)).toEqual([]);
	});
});

describe('progress-without-timestamp', () => {
	it('fires for a done item without a stamp when others have one', () => {
		const bare = item('b', { state: 'done' });
		const d = doc({ progress: [item('a', { state: 'done', timestamp: '2025-10-01 13:00Z' }), bare, item('c')] });
		const out = progressWithoutTimestamp(d, none, undefined);
		expect(out.map((x) => x.from)).toEqual([bare.span.start]);
	});
	it('does not fire in a plan that stamps nothing', () => {
		expect(progressWithoutTimestamp(doc({ progress: [item('a', { state: 'done' })] }), none, undefined)).toEqual([]);
	});
});

describe('decision-without-rationale', () => {
	it('fires for a missing or blank rationale', () => {
		const d = doc({ decisions: [decision('a'), decision('b', { rationale: '  ' }), decision('c', { rationale: 'because' })] });
		expect(decisionWithoutRationale(d, none, undefined)).toHaveLength(2);
	});
	it('does not fire when every decision has one, in its field or in its text', () => {
		expect(decisionWithoutRationale(doc({ decisions: [decision('c', { rationale: 'because' })] }), none, undefined)).toEqual([]);
		const inline = [
			decision('keep it small. Rationale: limits blast radius.'),
			decision('use one worker because LightningFS is single-instance'),
			decision('**TUI over desktop app**: stays in the terminal workflow')
		];
		expect(decisionWithoutRationale(doc({ decisions: inline }), none, undefined)).toEqual([]);
	});
	it('only checks ExecPlans', () => {
		expect(decisionWithoutRationale(doc({ kind: 'roadmap', decisions: [decision('a')] }), none, undefined)).toEqual([]);
	});
});

describe('external-link and self-containment', () => {
	const text = [
		'# Plan',
		'',
		'See [the docs](https://example.com/docs) and <https://x.dev>.',
		'',
		'## Context',
		'',
		'Everything here, see [local](docs/a.md) and [anchor](#context).',
		'',
		'```md',
		'[not a link](https://inside.code)',
		'```',
		'',
		'## Links',
		'',
		'Bare www.example.org, and [ref][r]. Not `https://in.code.span`.',
		'',
		'    https://indented.code/block',
		'',
		'<!--',
		'https://in.comment',
		'-->',
		'- item',
		'',
		'    continued under the item: https://continued.example',
		'',
		'[r]: https://ref.example',
		'',
		'## Empty',
		''
	].join('\n');

	it('finds absolute links outside code with their spans', () => {
		const links = findExternalLinks(text);
		expect(links.map((l) => l.url)).toEqual(['https://example.com/docs', 'https://x.dev', 'www.example.org', 'https://continued.example', 'https://ref.example']);
		expect(links.map((l) => text.slice(l.span.start, l.span.end))).toEqual([
			'[the docs](https://example.com/docs)',
			'<https://x.dev>',
			'www.example.org',
			'https://continued.example',
			'[r]: https://ref.example'
		]);
	});

	it('keeps offsets right after a BOM', () => {
		const withBom = '\uFEFF' + text;
		const [first] = findExternalLinks(withBom);
		expect(withBom.slice(first.span.start, first.span.end)).toBe('[the docs](https://example.com/docs)');
	});

	it('reports each link (info) and the score', () => {
		const d = doc({ sections: sectionsOf(text) });
		expect(externalLink(d, none, text).map((x) => x.severity)).toEqual(['info', 'info', 'info', 'info', 'info']);
		// Non-empty sections: Plan (links), Context (clean), Links (links); Empty has no content.
		expect(selfContainmentScore(d, text)).toBe(33);
		expect(selfContainment(d, none, text)[0].message).toContain('33%');
	});

	it('does not fire on a plan without external links', () => {
		const clean = '# Plan\n\nAll [here](#plan).\n\n## More\n\nText.\n';
		const d = doc({ sections: sectionsOf(clean) });
		expect(externalLink(d, none, clean)).toEqual([]);
		expect(selfContainment(d, none, clean)).toEqual([]);
		expect(selfContainmentScore(d, clean)).toBe(100);
		expect(externalLink(d, none, undefined)).toEqual([]);
	});
});

describe('done-phase-open-items', () => {
	it('fires for each unticked task or exit criterion of a done phase, nested ones included', () => {
		const nested = item('nested', { state: 'partial' });
		const d = doc({
			phases: [phase('1', { status: 'done', tasks: [item('a', { state: 'done', children: [nested] })], exitCriteria: [item('exit')] })]
		});
		expect(donePhaseOpenItems(d, none, undefined).map((x) => x.message)).toEqual([
			expect.stringContaining('nested'),
			expect.stringContaining('exit')
		]);
	});
	it('does not fire when a done phase is all ticked, or for open phases', () => {
		const d = doc({ phases: [phase('1', { status: 'done', tasks: [item('a', { state: 'done' }), item('b', { state: 'na' })] }), phase('2', { tasks: [item('c')] })] });
		expect(donePhaseOpenItems(d, none, undefined)).toEqual([]);
	});
});

describe('open-phase-ticked-items', () => {
	it('fires once for an open phase with ticked items', () => {
		const p = phase('2', { tasks: [item('a', { state: 'done' }), item('b', { state: 'done' }), item('c')] });
		const out = openPhaseTickedItems(doc({ phases: [p] }), none, undefined);
		expect(out).toHaveLength(1);
		expect(out[0].from).toBe(p.headingSpan.start);
		expect(out[0].message).toContain('2 of its items are ticked');
	});
	it('does not fire for an in-progress phase or an open one with nothing ticked', () => {
		const d = doc({ phases: [phase('1', { status: 'in-progress', tasks: [item('a', { state: 'done' })] }), phase('2', { tasks: [item('b')] })] });
		expect(openPhaseTickedItems(d, none, undefined)).toEqual([]);
	});
});

describe('depends-on', () => {
	it('fires for a missing phase', () => {
		const out = dependsOn(doc({ phases: [phase('1', { dependsOn: ['7'] })] }), none, undefined);
		expect(out).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('“7”') })]);
	});
	it('fires once for a cycle', () => {
		const d = doc({ phases: [phase('1', { dependsOn: ['3'] }), phase('2', { dependsOn: ['1'] }), phase('3', { dependsOn: ['phase-02'] })] });
		const out = dependsOn(d, none, undefined);
		expect(out.map((x) => [x.severity, x.message])).toEqual([['error', 'Dependency cycle: 1 → 3 → 2 → 1.']]);
	});
	it('fires for a done phase depending on an open one', () => {
		const d = doc({ phases: [phase('1', { status: 'in-progress' }), phase('2', { status: 'done', dependsOn: ['Phase 1'] })] });
		expect(dependsOn(d, none, undefined)[0].message).toContain('depends on phase 1, which is in-progress');
	});
	it('does not fire for resolvable, acyclic, satisfied dependencies; nor for cross-file refs in step files', () => {
		const d = doc({ phases: [phase('1', { status: 'done' }), phase('2', { status: 'done', dependsOn: ['phase-01'] }), phase('3', { dependsOn: ['1', '2'] })] });
		expect(dependsOn(d, none, undefined)).toEqual([]);
		expect(dependsOn(doc({ kind: 'step-file', phases: [phase('06-02', { dependsOn: ['06-01'] })] }), none, undefined)).toEqual([]);
		expect(dependsOn(doc({ kind: 'phase-doc', phases: [phase('03', { dependsOn: ['phase-01'] })] }), none, undefined)).toEqual([]);
	});
});

describe('done-phase-no-spend', () => {
	it('fires for a done phase without spend in a plan with budgets', () => {
		const d = doc({ phases: [phase('1', { status: 'done', budget: budget({ low: 1, high: 2 }) }), phase('2', { status: 'done', budget: budget({ low: 1, high: 2, actual: 5 }) })] });
		expect(donePhaseNoSpend(d, none, undefined).map((x) => x.message)).toEqual(['Phase 1 is done but records no tokens spent.']);
	});
	it('does not fire in a plan that tracks no budgets', () => {
		expect(donePhaseNoSpend(doc({ phases: [phase('1', { status: 'done' })] }), none, undefined)).toEqual([]);
	});
});

describe('calendar-phase', () => {
	it('fires for weeks, days and dates as phase names', () => {
		const d = doc({ phases: [phase('1', { title: 'Week 1' }), phase('2', { title: '2025-10-01 kickoff' }), phase('3', { title: 'March 3 push' }), phase('4', { title: 'Foundation' })] });
		expect(calendarPhase(d, none, undefined)).toHaveLength(3);
	});
	it('does not fire for phases named by their work', () => {
		for (const name of ['Foundation', 'Docker Networking', 'May the schema settle', 'Sync 2.0', 'Phase 1A-1C', '06-02 plan']) expect(isCalendarName(name)).toBe(false);
		expect(calendarPhase(doc({ phases: [phase('1', { title: 'Schema' })] }), none, undefined)).toEqual([]);
	});
});

describe('phase-budget-too-large', () => {
	it('fires above 2M tokens', () => {
		const out = phaseBudgetTooLarge(doc({ phases: [phase('1', { budget: budget({ low: 1_500_000, high: 3_000_000 }) })] }), none, undefined);
		expect(out[0].message).toContain('up to 3M tokens, over 2M');
	});
	it('does not fire at 2M or below, nor for the plan total', () => {
		const d = doc({ budget: budget({ low: 3e6, high: 6e6 }), phases: [phase('1', { budget: budget({ low: 1_200_000, high: 2_000_000 }) })] });
		expect(phaseBudgetTooLarge(d, none, undefined)).toEqual([]);
	});
});

describe('several-phases-in-phase-doc', () => {
	it('fires at the second phase of a phase doc', () => {
		const second = phase('2');
		const out = severalPhasesInPhaseDoc(doc({ kind: 'phase-doc', phases: [phase('1'), second] }), none, undefined);
		expect(out.map((x) => x.from)).toEqual([second.headingSpan.start]);
	});
	it('does not fire for one phase, or for an ExecPlan with many', () => {
		expect(severalPhasesInPhaseDoc(doc({ kind: 'phase-doc', phases: [phase('1', { children: [phase('1.1')] })] }), none, undefined)).toEqual([]);
		expect(severalPhasesInPhaseDoc(doc({ phases: [phase('1'), phase('2')] }), none, undefined)).toEqual([]);
	});
});

describe('stale', () => {
	const now = new Date('2026-03-10T12:00:00Z');
	const open = doc({ progress: [item('a')] });
	it('fires after 24 hours by default, and after the hours given', () => {
		expect(ids(stale(open, { now, lastCommitAt: new Date('2026-03-09T11:00:00Z') }, undefined))).toEqual(['stale']);
		expect(ids(stale(open, { now, lastCommitAt: new Date('2026-03-10T06:00:00Z'), staleAfterHours: 4 }, undefined))).toEqual(['stale']);
		expect(stale(open, { now, lastCommitAt: new Date('2026-03-01T12:00:00Z') }, undefined)[0].message).toContain('9 days');
	});
	it('does not fire when recent, without a clock, or when all work is done', () => {
		expect(stale(open, { now, lastCommitAt: new Date('2026-03-09T13:00:00Z') }, undefined)).toEqual([]);
		expect(stale(open, { lastCommitAt: new Date('2020-01-01') }, undefined)).toEqual([]);
		const finished = doc({ progress: [item('a', { state: 'done' })], phases: [phase('1', { status: 'done' })] });
		expect(stale(finished, { now, lastCommitAt: new Date('2020-01-01') }, undefined)).toEqual([]);
	});
});

describe('runRules', () => {
	it('turns a throwing rule into a lint-internal finding and keeps the others, sorted by position', () => {
		const late = item('late', { span: { start: 50, end: 60 } });
		const out = runRules(
			{
				broken: () => {
					throw new Error('boom');
				},
				fine: () => [{ from: late.span.start, to: late.span.end, severity: 'warning', ruleId: 'fine', message: 'x' }]
			},
			doc(),
			none,
			undefined
		);
		expect(out.map((d) => [d.ruleId, d.from])).toEqual([
			['lint-internal', 0],
			['fine', 50]
		]);
		expect(out[0].message).toBe('Lint rule broken failed: boom');
	});
});
