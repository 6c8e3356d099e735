/**
 * The sync merge (src/lib/plan/rebase.ts): recording panel edits, replaying them on a moved
 * remote, and the three-way merge of typing — on ExecPlan text in the shapes of shared/corpus.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPlanEdit, parsePlan } from '../../../src/lib/plan/index';
import { mergeText, rebaseText, recordEdit, replayEdits } from '../../../src/lib/plan/rebase';
import type { PlanEdit, RecordedEdit } from '../../../src/lib/plan/types';
import { everyItem, readCorpus } from './edit-helpers';

const UTC = 'UTC';

const PLAN = `# Sync the widget cache across devices

This ExecPlan is a living document. Keep Progress, Surprises & Discoveries, Decision Log and
Outcomes & Retrospective up to date as work proceeds.

**Token Budget**: 40K-60K tokens
**Tokens Spent**: 10K tokens

## Purpose / Big Picture

After this change a person who edits a widget on one device sees the edit on the other
within a minute, without reloading.

## Progress

- [x] (2026-11-01 10:00Z) Sketch the cache layout and the sync message.
- [ ] Write the cache loader with a size cap.
- [ ] Wire the loader into the settings page and
  show the size next to the reset button.
- [ ] Measure the first paint with a cold cache.
- [ ] Run the tests.

## Surprises & Discoveries

- Observation: The old cache never evicted anything.
  Evidence: 41 MB in IndexedDB after a week of use.

## Decision Log

- Decision: Keep the cache in IndexedDB, not localStorage.
  Rationale: localStorage blocks the main thread on large values.
  Date/Author: 2026-11-01 / Ann

## Outcomes & Retrospective

(To be filled.)

## Open Questions

- Which eviction policy fits a phone with little storage?

## Phase 1: Loader

**Status**: In Progress
**Token Budget**: 20K-30K tokens
**Tokens Spent**: 5K tokens

- [ ] Cap the cache at 5 MB.
- [ ] Evict least recently used widgets first.
- [ ] Run the tests.

## Phase 2: Settings page

**Status**: Not Started
**Token Budget**: 10K-15K tokens

- [ ] Show the cache size in settings.
`;

const crlf = (s: string): string => s.replace(/\n/g, '\r\n');

/** Start of the first item (after `from`) whose text contains `fragment`. */
function itemAt(text: string, fragment: string, from = 0): number {
	const it = everyItem(parsePlan(text)).find((i) => i.span.start >= from && i.text.includes(fragment));
	if (!it) throw new Error(`fixture has no item "${fragment}"`);
	return it.span.start;
}

function questionAt(text: string, fragment: string): number {
	const q = parsePlan(text).openQuestions.find((x) => x.text.includes(fragment));
	if (!q) throw new Error(`fixture has no question "${fragment}"`);
	return q.span.start;
}

type Step = [(text: string) => PlanEdit, string];

/** A panel session: each edit computed on the text as it stands, applied and recorded; `offered` is false when a panel would not have offered one of them. */
function session(start: string, steps: Step[], timeZone = UTC): { text: string; edits: RecordedEdit[]; offered: boolean } {
	let text = start;
	let offered = true;
	const edits: RecordedEdit[] = [];
	for (const [make, iso] of steps) {
		const edit = make(text);
		const doc = parsePlan(text);
		if (edit.kind === 'complete-phase' && doc.phases.some((p) => p.id === edit.phase && p.status === 'done')) offered = false;
		if (edit.kind === 'resolve-question' && doc.openQuestions.some((q) => q.span.start === edit.at && q.resolved)) offered = false;
		const time = new Date(iso);
		edits.push(recordEdit(text, edit, time));
		text = applyPlanEdit(text, edit, { now: time, timeZone });
	}
	return { text, edits, offered };
}

const tick = (fragment: string, from?: (t: string) => number): ((t: string) => PlanEdit) => (t) => ({
	kind: 'toggle-item',
	at: itemAt(t, fragment, from ? from(t) : 0),
	checked: true
});

function countOf(text: string, needle: string): number {
	return text.split(needle).length - 1;
}

function okText(r: ReturnType<typeof rebaseText>): string {
	if (!r.ok) throw new Error(`expected a clean rebase, got:\n${r.merged}`);
	return r.text;
}

describe('recordEdit', () => {
	it('keeps the item text for offset edits and the time as ISO', () => {
		const at = itemAt(PLAN, 'Write the cache loader');
		const rec = recordEdit(PLAN, { kind: 'toggle-item', at, checked: true }, new Date('2026-11-02T11:00:00Z'));
		expect(rec).toEqual({ edit: { kind: 'toggle-item', at, checked: true }, itemText: 'Write the cache loader with a size cap.', time: '2026-11-02T11:00:00.000Z' });
		const state = recordEdit(PLAN, { kind: 'set-item-state', at: itemAt(PLAN, 'Sketch'), state: 'partial' }, new Date(0));
		expect(state.itemText).toBe('Sketch the cache layout and the sync message.');
		const q = recordEdit(PLAN, { kind: 'resolve-question', at: questionAt(PLAN, 'eviction'), resolution: 'LRU' }, new Date(0));
		expect(q.itemText).toBe('Which eviction policy fits a phone with little storage?');
	});

	it('records no item text for edits that name no item', () => {
		const rec = recordEdit(PLAN, { kind: 'add-progress', text: 'Ship it.' }, new Date('2026-11-02T11:00:00Z'));
		expect(rec).toEqual({ edit: { kind: 'add-progress', text: 'Ship it.' }, time: '2026-11-02T11:00:00.000Z' });
	});

	it('throws RangeError for an offset that names no item', () => {
		expect(() => recordEdit(PLAN, { kind: 'toggle-item', at: 3, checked: true }, new Date(0))).toThrow(RangeError);
		expect(() => recordEdit(PLAN, { kind: 'resolve-question', at: 3, resolution: 'x' }, new Date(0))).toThrow(RangeError);
	});
});

describe('replayEdits', () => {
	it('finds a ticked item again after lines were inserted above it, and stamps the recorded time', () => {
		const local = session(PLAN, [[tick('Measure the first paint'), '2026-11-02T11:00:00Z']]);
		const moved = PLAN.replace('## Purpose / Big Picture\n', '## Purpose / Big Picture\n\nA new paragraph the remote wrote.\n');
		const r = replayEdits(moved, local.edits, { timeZone: UTC });
		expect(r).toEqual({
			text: moved.replace('- [ ] Measure the first paint', '- [x] (2026-11-02 11:00Z) Measure the first paint'),
			skipped: 0
		});
	});

	it('writes stamps in the given time zone from the recorded instant', () => {
		const berlin = session(PLAN, [[tick('Write the cache loader'), '2026-11-02T11:00:00Z']], 'Europe/Berlin');
		const r = replayEdits(PLAN, berlin.edits, { timeZone: 'Europe/Berlin' });
		expect(r?.text).toBe(berlin.text);
		expect(r?.text).toContain('- [x] (2026-11-02 12:00+01:00) Write the cache loader');
	});

	it('picks the item nearest the recorded offset when several have the same text', () => {
		const phase1 = (t: string): number => t.indexOf('## Phase 1');
		const local = session(PLAN, [[tick('Run the tests.', phase1), '2026-11-02T11:00:00Z']]);
		expect(local.text).toContain('- [ ] Run the tests.\n\n## Surprises');
		const moved = '> Synced from the team board.\n\n' + PLAN;
		const r = replayEdits(moved, local.edits, { timeZone: UTC });
		const expected = moved.slice(0, moved.indexOf('## Phase 1')) + moved.slice(moved.indexOf('## Phase 1')).replace('- [ ] Run the tests.', '- [x] (2026-11-02 11:00Z) Run the tests.');
		expect(r?.text).toBe(expected);
	});

	it('cannot replay when the item is gone or reworded', () => {
		const local = session(PLAN, [[tick('Write the cache loader'), '2026-11-02T11:00:00Z']]);
		expect(replayEdits(PLAN.replace('- [ ] Write the cache loader with a size cap.\n', ''), local.edits, { timeZone: UTC })).toBeNull();
		expect(replayEdits(PLAN.replace('with a size cap.', 'with a 5 MB cap.'), local.edits, { timeZone: UTC })).toBeNull();
		const noText: RecordedEdit = { ...local.edits[0], itemText: undefined };
		expect(replayEdits(PLAN, [noText], { timeZone: UTC })).toBeNull();
	});

	it('cannot replay an edit naming a phase that no longer exists', () => {
		const local = session(PLAN, [[() => ({ kind: 'start-phase', phase: '2' }), '2026-11-02T11:00:00Z']]);
		const gone = PLAN.slice(0, PLAN.indexOf('## Phase 2'));
		expect(replayEdits(gone, local.edits, { timeZone: UTC })).toBeNull();
	});

	it('skips a tick the remote already made and keeps the remote line', () => {
		const local = session(PLAN, [[tick('Write the cache loader'), '2026-11-02T11:00:00Z']]);
		const remote = session(PLAN, [[tick('Write the cache loader'), '2026-11-02T12:30:00Z']]);
		expect(replayEdits(remote.text, local.edits, { timeZone: UTC })).toEqual({ text: remote.text, skipped: 1 });
	});

	it('skips resolving a question the remote already resolved', () => {
		const resolve = (why: string): Step => [(t) => ({ kind: 'resolve-question', at: questionAt(t, 'eviction'), resolution: why }), '2026-11-02T11:00:00Z'];
		const local = session(PLAN, [resolve('LRU with a 5 MB cap')]);
		const remote = session(PLAN, [resolve('Drop the oldest widget first')]);
		expect(remote.text).toContain('Resolved (2026-11-02): Drop the oldest widget first');
		expect(replayEdits(remote.text, local.edits, { timeZone: UTC })).toEqual({ text: remote.text, skipped: 1 });
	});

	it('skips completing a phase the remote already completed', () => {
		const complete: Step = [() => ({ kind: 'complete-phase', phase: '1', lessons: 'LRU was enough.' }), '2026-11-02T11:00:00Z'];
		const local = session(PLAN, [complete]);
		const remote = session(PLAN, [[complete[0], '2026-11-02T09:00:00Z']]);
		expect(replayEdits(remote.text, local.edits, { timeZone: UTC })).toEqual({ text: remote.text, skipped: 1 });
	});

	it('rejects a recorded time that is not a date', () => {
		expect(replayEdits(PLAN, [{ edit: { kind: 'add-progress', text: 'x' }, time: 'yesterday' }], { timeZone: UTC })).toBeNull();
	});
});

/** Every PlanEdit kind a panel makes, each computed on the text as it stands. */
const PANEL_STEPS: Step[] = [
	[tick('Write the cache loader'), '2026-11-02T08:01:00Z'],
	[(t) => ({ kind: 'set-item-state', at: itemAt(t, 'Wire the loader'), state: 'partial' }), '2026-11-02T08:02:00Z'],
	[(t) => ({ kind: 'toggle-item', at: itemAt(t, 'Sketch the cache'), checked: false }), '2026-11-02T08:03:00Z'],
	[() => ({ kind: 'add-progress', text: 'Loader reads the cap from settings.' }), '2026-11-02T08:04:00Z'],
	[() => ({ kind: 'add-surprise', text: 'Safari drops IndexedDB in private mode.', evidence: 'QuotaExceededError on first write.' }), '2026-11-02T08:05:00Z'],
	[() => ({ kind: 'add-decision', text: 'Evict least recently used first.', rationale: 'Simplest policy that keeps hot widgets.', author: 'Bo' }), '2026-11-02T08:06:00Z'],
	[() => ({ kind: 'add-outcome', text: 'First paint went from 900 ms to 300 ms.' }), '2026-11-02T08:07:00Z'],
	[() => ({ kind: 'add-question', text: 'Do we need a migration for old caches?', blocker: true }), '2026-11-02T08:08:00Z'],
	[(t) => ({ kind: 'resolve-question', at: questionAt(t, 'eviction'), resolution: 'LRU with a 5 MB cap.' }), '2026-11-02T08:09:00Z'],
	[() => ({ kind: 'start-phase', phase: '2' }), '2026-11-02T08:10:00Z'],
	[() => ({ kind: 'complete-phase', phase: '1', lessons: 'LRU was enough.' }), '2026-11-02T08:11:00Z'],
	[() => ({ kind: 'reopen-phase', phase: '1' }), '2026-11-02T08:12:00Z'],
	[() => ({ kind: 'set-phase-status', phase: '2', status: 'deferred', reason: 'Waiting for design.' }), '2026-11-02T08:13:00Z'],
	[() => ({ kind: 'set-budget', phase: '2', low: 12000, high: 18000, multiplier: 1.5 }), '2026-11-02T08:14:00Z'],
	[() => ({ kind: 'set-spent', phase: '1', tokens: 8000 }), '2026-11-02T08:15:00Z'],
	[() => ({ kind: 'add-spent', phase: null, tokens: 7000 }), '2026-11-02T08:16:00Z']
];

describe('replay determinism: replaying on the base gives the local text byte for byte', () => {
	// Reopening needs a completed phase to reopen.
	const completed = applyPlanEdit(PLAN, { kind: 'complete-phase', phase: '1' }, new Date('2026-11-02T07:00:00Z'));
	it.each(PANEL_STEPS.map((s) => [s[0](PLAN).kind, s] as const))('%s alone', (kind, step) => {
		const start = kind === 'reopen-phase' ? completed : PLAN;
		for (const base of [start, crlf(start), '\uFEFF' + crlf(start)]) {
			const local = session(base, [step], 'America/New_York');
			expect(local.text).not.toBe(base);
			expect(replayEdits(base, local.edits, { timeZone: 'America/New_York' })).toEqual({ text: local.text, skipped: 0 });
		}
	});

	it('every kind in one session, in order', () => {
		const local = session(PLAN, PANEL_STEPS);
		expect(replayEdits(PLAN, local.edits, { timeZone: UTC })?.text).toBe(local.text);
	});

	it('random panel sessions replay exactly (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: PANEL_STEPS.length - 1 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (picks, useCrlf) => {
				const base = useCrlf ? crlf(PLAN) : PLAN;
				const steps: Step[] = [];
				for (const i of picks) steps.push(PANEL_STEPS[i]);
				const local = session(base, steps);
				// Panels offer neither "Complete phase" on a done phase nor "Resolve" on a resolved question.
				fc.pre(local.offered);
				expect(replayEdits(base, local.edits, { timeZone: UTC })?.text).toBe(local.text);
			}),
			{ numRuns: 40 }
		);
	});

	it('a CRLF corpus plan: tick and add-progress replay exactly, and rebase on a remote tick', () => {
		const base = readCorpus('cheatsheet-christmas-plan-crlf.md');
		const open = everyItem(parsePlan(base)).find((i) => i.state === 'open');
		expect(open).toBeDefined();
		const local = session(base, [
			[(t) => ({ kind: 'toggle-item', at: itemAt(t, open?.text ?? ''), checked: true }), '2026-11-02T11:00:00Z'],
			[() => ({ kind: 'add-progress', text: 'Replayed from the outbox.' }), '2026-11-02T11:01:00Z']
		]);
		expect(replayEdits(base, local.edits, { timeZone: UTC })?.text).toBe(local.text);
		const last = everyItem(parsePlan(base)).filter((i) => i.state === 'open').pop();
		expect(last && last.text !== open?.text).toBe(true);
		const remote = session(base, [[(t) => ({ kind: 'toggle-item', at: itemAt(t, last?.text ?? ''), checked: true }), '2026-11-02T10:00:00Z']]);
		const r = rebaseText({ base, local: local.text, remote: remote.text, edits: local.edits, timeZone: UTC });
		const both = replayEdits(remote.text, local.edits, { timeZone: UTC });
		expect(r).toEqual({ ok: true, how: 'replay', text: both?.text });
		const states = everyItem(parsePlan(okText(r)));
		expect(states.find((i) => i.text === open?.text)?.state).toBe('done');
		expect(states.find((i) => i.text === last?.text)?.state).toBe('done');
		expect(okText(r).includes('Replayed from the outbox.\r\n')).toBe(true);
		expect(/(^|[^\r])\n/.test(okText(r))).toBe(false);
	});
});

describe('rebaseText', () => {
	it('takes the side that changed, or either when both agree', () => {
		const other = PLAN.replace('(To be filled.)', 'Done.');
		expect(rebaseText({ base: PLAN, local: PLAN, remote: PLAN, timeZone: UTC })).toEqual({ ok: true, text: PLAN, how: 'unchanged' });
		expect(rebaseText({ base: PLAN, local: PLAN, remote: other, timeZone: UTC })).toEqual({ ok: true, text: other, how: 'take-remote' });
		expect(rebaseText({ base: PLAN, local: other, remote: PLAN, timeZone: UTC })).toEqual({ ok: true, text: other, how: 'take-local' });
		expect(rebaseText({ base: PLAN, local: other, remote: other, timeZone: UTC })).toEqual({ ok: true, text: other, how: 'unchanged' });
	});

	it('both sides add a Progress entry: both kept, remote first, no conflict', () => {
		const remote = session(PLAN, [[() => ({ kind: 'add-progress', text: 'Remote: eviction runs on idle.' }), '2026-11-02T10:00:00Z']]);
		const local = session(PLAN, [[() => ({ kind: 'add-progress', text: 'Local: loader reads the cap.' }), '2026-11-02T11:00:00Z']]);
		// A plain line merge cannot tell the order of two lines added at the same spot.
		expect(mergeText(PLAN, local.text, remote.text).clean).toBe(false);
		const r = rebaseText({ base: PLAN, local: local.text, remote: remote.text, edits: local.edits, timeZone: UTC });
		expect(r).toEqual({
			ok: true,
			how: 'replay',
			text: PLAN.replace('- [ ] Run the tests.\n\n## Surprises', '- [ ] Run the tests.\n- [ ] Remote: eviction runs on idle.\n- [ ] Local: loader reads the cap.\n\n## Surprises')
		});
		expect(parsePlan(okText(r)).progress.map((i) => i.text).slice(-2)).toEqual(['Remote: eviction runs on idle.', 'Local: loader reads the cap.']);
	});

	it('both sides add surprises, decisions, outcomes and questions: all kept', () => {
		const remote = session(PLAN, [
			[() => ({ kind: 'add-surprise', text: 'Remote surprise.' }), '2026-11-02T10:00:00Z'],
			[() => ({ kind: 'add-decision', text: 'Remote decision.', rationale: 'Remote reason.' }), '2026-11-02T10:01:00Z'],
			[() => ({ kind: 'add-outcome', text: 'Remote outcome.' }), '2026-11-02T10:02:00Z'],
			[() => ({ kind: 'add-question', text: 'Remote question?' }), '2026-11-02T10:03:00Z']
		]);
		const local = session(PLAN, [
			[() => ({ kind: 'add-surprise', text: 'Local surprise.' }), '2026-11-02T11:00:00Z'],
			[() => ({ kind: 'add-decision', text: 'Local decision.', rationale: 'Local reason.' }), '2026-11-02T11:01:00Z'],
			[() => ({ kind: 'add-outcome', text: 'Local outcome.' }), '2026-11-02T11:02:00Z'],
			[() => ({ kind: 'add-question', text: 'Local question?' }), '2026-11-02T11:03:00Z']
		]);
		const text = okText(rebaseText({ base: PLAN, local: local.text, remote: remote.text, edits: local.edits, timeZone: UTC }));
		const doc = parsePlan(text);
		expect(doc.surprises.map((e) => e.text).slice(-2)).toEqual(['Remote surprise.', 'Local surprise.']);
		expect(doc.decisions.map((e) => [e.text, e.rationale]).slice(-2)).toEqual([
			['Remote decision.', 'Remote reason.'],
			['Local decision.', 'Local reason.']
		]);
		expect(doc.outcomes.map((e) => e.text).slice(-2)).toEqual(['Remote outcome.', 'Local outcome.']);
		expect(doc.openQuestions.map((e) => e.text).slice(-2)).toEqual(['Remote question?', 'Local question?']);
		expect(countOf(text, 'Date/Author: 2026-11-02')).toBe(2);
	});

	it('both sides tick the same item at different times: one tick, the remote line kept', () => {
		const remote = session(PLAN, [[tick('Write the cache loader'), '2026-11-02T12:30:00Z']]);
		const local = session(PLAN, [[tick('Write the cache loader'), '2026-11-02T11:00:00Z']]);
		expect(local.text).toContain('- [x] (2026-11-02 11:00Z) Write the cache loader');
		const r = rebaseText({ base: PLAN, local: local.text, remote: remote.text, edits: local.edits, timeZone: UTC });
		expect(r).toEqual({ ok: true, text: remote.text, how: 'replay' });
		const text = okText(r);
		expect(countOf(text, 'Write the cache loader')).toBe(1);
		expect(text).toContain('- [x] (2026-11-02 12:30Z) Write the cache loader with a size cap.');
	});

	it('both sides add tokens spent: the additions sum, in the plan format', () => {
		const remote = session(PLAN, [[() => ({ kind: 'add-spent', phase: null, tokens: 5000 }), '2026-11-02T10:00:00Z']]);
		expect(remote.text).toContain('**Tokens Spent**: 15K tokens\n');
		const local = session(PLAN, [[() => ({ kind: 'add-spent', phase: null, tokens: 7000 }), '2026-11-02T11:00:00Z']]);
		expect(local.text).toContain('**Tokens Spent**: 17K tokens\n');
		const r = rebaseText({ base: PLAN, local: local.text, remote: remote.text, edits: local.edits, timeZone: UTC });
		expect(r).toEqual({ ok: true, how: 'replay', text: PLAN.replace('**Tokens Spent**: 10K tokens', '**Tokens Spent**: 22K tokens') });
		expect(parsePlan(okText(r)).budget?.spent).toBe(22000);
	});

	it('adds tokens to a phase that the remote also added to', () => {
		const remote = session(PLAN, [[() => ({ kind: 'add-spent', phase: '1', tokens: 3000 }), '2026-11-02T10:00:00Z']]);
		const local = session(PLAN, [[() => ({ kind: 'add-spent', phase: '1', tokens: 4000 }), '2026-11-02T11:00:00Z']]);
		const text = okText(rebaseText({ base: PLAN, local: local.text, remote: remote.text, edits: local.edits, timeZone: UTC }));
		expect(parsePlan(text).phases.find((p) => p.id === '1')?.budget?.spent).toBe(12000);
	});

	it('typing in one section and a remote change in another merge cleanly', () => {
		const local = PLAN.replace('within a minute, without reloading.', 'within a minute, without reloading, even offline.');
		const remote = PLAN.replace('(To be filled.)', 'The cache now syncs in 20 s on average.');
		const r = rebaseText({ base: PLAN, local, remote, timeZone: UTC });
		expect(r).toEqual({
			ok: true,
			how: 'merge',
			text: PLAN.replace('within a minute, without reloading.', 'within a minute, without reloading, even offline.').replace('(To be filled.)', 'The cache now syncs in 20 s on average.')
		});
	});

	it('typed ticks of neighbouring items merge cleanly', () => {
		const local = PLAN.replace('- [ ] Write the cache loader', '- [x] (2026-11-02 11:00Z) Write the cache loader');
		const remote = PLAN.replace('- [ ] Wire the loader', '- [x] (2026-11-02 12:00Z) Wire the loader');
		const r = rebaseText({ base: PLAN, local, remote, timeZone: UTC });
		expect(r).toEqual({ ok: true, how: 'merge', text: remote.replace('- [ ] Write the cache loader', '- [x] (2026-11-02 11:00Z) Write the cache loader') });
	});

	it('different edits of the same line are a conflict with both versions between markers', () => {
		const local = PLAN.replace('**Status**: In Progress', '**Status**: Blocked — waiting for the quota API');
		const remote = PLAN.replace('**Status**: In Progress', '**Status**: Complete');
		const r = rebaseText({ base: PLAN, local, remote, timeZone: UTC });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.merged).toBe(
			PLAN.replace(
				'**Status**: In Progress\n',
				'<<<<<<< local\n**Status**: Blocked — waiting for the quota API\n=======\n**Status**: Complete\n>>>>>>> remote\n'
			)
		);
	});

	it('typed lines added at the same spot on both sides are a conflict (their order is unknown)', () => {
		const local = PLAN.replace('- [ ] Run the tests.\n\n## Surprises', '- [ ] Run the tests.\n- [ ] Local line.\n\n## Surprises');
		const remote = PLAN.replace('- [ ] Run the tests.\n\n## Surprises', '- [ ] Run the tests.\n- [ ] Remote line.\n\n## Surprises');
		const r = rebaseText({ base: PLAN, local, remote, timeZone: UTC });
		expect(r).toEqual({ ok: false, merged: PLAN.replace('- [ ] Run the tests.\n\n## Surprises', '- [ ] Run the tests.\n<<<<<<< local\n- [ ] Local line.\n=======\n- [ ] Remote line.\n>>>>>>> remote\n\n## Surprises') });
	});

	it('an item changed remotely cannot be replayed, and the line merge takes over', () => {
		const local = session(PLAN, [[tick('Wire the loader'), '2026-11-02T11:00:00Z']]);
		const remote = PLAN.replace('  show the size next to the reset button.', '  show the size next to the clear-cache button.');
		expect(replayEdits(remote, local.edits, { timeZone: UTC })).toBeNull();
		const r = rebaseText({ base: PLAN, local: local.text, remote, edits: local.edits, timeZone: UTC });
		expect(r).toEqual({ ok: true, how: 'merge', text: remote.replace('- [ ] Wire the loader', '- [x] (2026-11-02 11:00Z) Wire the loader') });
	});

	it('an item removed remotely and ticked locally is a conflict showing both', () => {
		const local = session(PLAN, [[tick('Measure the first paint'), '2026-11-02T11:00:00Z']]);
		const remote = PLAN.replace('- [ ] Measure the first paint with a cold cache.\n', '');
		const r = rebaseText({ base: PLAN, local: local.text, remote, edits: local.edits, timeZone: UTC });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.merged).toContain('<<<<<<< local\n- [x] (2026-11-02 11:00Z) Measure the first paint with a cold cache.\n=======\n>>>>>>> remote\n');
	});

	it('panel edits plus typing: edits replayed on both sides, the typing merged on top', () => {
		let local = session(PLAN, [[() => ({ kind: 'add-progress', text: 'Local: loader reads the cap.' }), '2026-11-02T11:00:00Z']]);
		local = { ...local, text: local.text.replace('within a minute, without reloading.', 'within a minute, even offline.') };
		const remote = session(PLAN, [[() => ({ kind: 'add-progress', text: 'Remote: eviction runs on idle.' }), '2026-11-02T10:00:00Z']]);
		expect(mergeText(PLAN, local.text, remote.text).clean).toBe(false);
		const r = rebaseText({ base: PLAN, local: local.text, remote: remote.text, edits: local.edits, timeZone: UTC });
		expect(r).toEqual({
			ok: true,
			how: 'replay+merge',
			text: PLAN.replace('within a minute, without reloading.', 'within a minute, even offline.').replace(
				'- [ ] Run the tests.\n\n## Surprises',
				'- [ ] Run the tests.\n- [ ] Remote: eviction runs on idle.\n- [ ] Local: loader reads the cap.\n\n## Surprises'
			)
		});
	});

	it('panel edits plus typing that collides with the remote: not ok, the plain merge shown', () => {
		let local = session(PLAN, [[() => ({ kind: 'add-progress', text: 'Local entry.' }), '2026-11-02T11:00:00Z']]);
		local = { ...local, text: local.text.replace('(To be filled.)', 'Local outcome typed.') };
		const remote = PLAN.replace('(To be filled.)', 'Remote outcome typed.');
		const r = rebaseText({ base: PLAN, local: local.text, remote, edits: local.edits, timeZone: UTC });
		expect(r).toEqual({ ok: false, merged: mergeText(PLAN, local.text, remote).text });
		if (r.ok) return;
		expect(r.merged).toContain('<<<<<<< local\nLocal outcome typed.\n=======\nRemote outcome typed.\n>>>>>>> remote');
	});

	it('a CRLF plan stays CRLF byte for byte, BOM kept, through replay, merge and conflict', () => {
		const base = '\uFEFF' + crlf(PLAN);
		const noLoneLf = (s: string): boolean => /(^|[^\r])\n/.test(s) === false;
		const remote = session(base, [[() => ({ kind: 'add-progress', text: 'Remote entry.' }), '2026-11-02T10:00:00Z']]);
		const local = session(base, [[tick('Write the cache loader'), '2026-11-02T11:00:00Z']]);
		const replayed = okText(rebaseText({ base, local: local.text, remote: remote.text, edits: local.edits, timeZone: UTC }));
		expect(replayed).toBe(remote.text.replace('- [ ] Write the cache loader', '- [x] (2026-11-02 11:00Z) Write the cache loader'));
		const typed = local.text.replace('(To be filled.)', 'Typed outcome.');
		const merged = rebaseText({ base, local: typed, remote: remote.text, timeZone: UTC });
		expect(merged).toEqual({ ok: true, how: 'merge', text: remote.text.replace('- [ ] Write the cache loader', '- [x] (2026-11-02 11:00Z) Write the cache loader').replace('(To be filled.)', 'Typed outcome.') });
		const conflict = rebaseText({ base, local: base.replace('(To be filled.)', 'A.'), remote: base.replace('(To be filled.)', 'B.'), timeZone: UTC });
		expect(conflict).toEqual({ ok: false, merged: base.replace('(To be filled.)', '<<<<<<< local\r\nA.\r\n=======\r\nB.\r\n>>>>>>> remote') });
		for (const out of [replayed, okText(merged), conflict.ok ? '' : conflict.merged]) {
			const bytes = Buffer.from(out, 'utf8');
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			expect(noLoneLf(out)).toBe(true);
			expect(countOf(out, '\r\n')).toBe(countOf(out, '\n'));
			expect(countOf(out, '\r')).toBe(countOf(out, '\n'));
		}
	});

	it('a CRLF file with one stray LF line keeps that line as it is', () => {
		const base = crlf(PLAN).replace('(To be filled.)\r\n', '(To be filled.)\n');
		const local = base.replace('within a minute', 'within ten seconds');
		const remote = base.replace('- [ ] Run the tests.\r\n\r\n## Surprises', '- [ ] Run the tests.\r\n- [ ] More.\r\n\r\n## Surprises');
		const r = rebaseText({ base, local, remote, timeZone: UTC });
		expect(r).toEqual({ ok: true, how: 'merge', text: remote.replace('within a minute', 'within ten seconds') });
	});

	it('a side that converts line endings or drops the BOM wins that property', () => {
		const base = '\uFEFFa\nb\nc\nd\n';
		expect(mergeText(base, 'a\r\nb\r\nc\r\nd\r\n', '\uFEFFa\nb\nc\nD\n')).toEqual({ clean: true, text: 'a\r\nb\r\nc\r\nD\r\n' });
	});

	it('lines added at the end of a file without a final newline merge like any other', () => {
		const base = 'a\nb\nc';
		expect(mergeText(base, 'A\nb\nc', 'a\nb\nc\nd')).toEqual({ clean: true, text: 'A\nb\nc\nd' });
		expect(mergeText(base, 'a\nb\nc\n', 'A\nb\nc')).toEqual({ clean: true, text: 'A\nb\nc\n' });
	});
});

type Op = { kind: 'replace' } | { kind: 'insert' } | { kind: 'delete' };

/** Applies one side's operations (keyed by base line index; index `n` only inserts at the end). */
function applyOps(lines: string[], ops: Map<number, Op>, side: string): { lines: string[]; added: string[] } {
	const out: string[] = [];
	const added: string[] = [];
	for (let i = 0; i <= lines.length; i++) {
		const op = ops.get(i);
		if (op?.kind === 'insert') {
			const line = `- [ ] (2026-11-02 10:00Z) ${side} inserted before ${i}`;
			out.push(line);
			added.push(line);
		}
		if (i === lines.length) break;
		if (op?.kind === 'replace') {
			const line = `- [x] (2026-11-02 11:00Z) ${side} rewrote step ${i}`;
			out.push(line);
			added.push(line);
		} else if (op?.kind !== 'delete') out.push(lines[i]);
	}
	return { lines: out, added };
}

describe('rebaseText property', () => {
	it('random non-overlapping line edits on either side merge cleanly and keep both sides', () => {
		const opArb: fc.Arbitrary<Op> = fc.oneof(fc.constant<Op>({ kind: 'replace' }), fc.constant<Op>({ kind: 'insert' }), fc.constant<Op>({ kind: 'delete' }));
		const caseArb = fc.integer({ min: 1, max: 25 }).chain((n) =>
			fc.record({
				n: fc.constant(n),
				owners: fc.array(fc.constantFrom<'local' | 'remote' | null>('local', 'remote', null, null), { minLength: n + 1, maxLength: n + 1 }),
				ops: fc.array(opArb, { minLength: n + 1, maxLength: n + 1 }),
				eol: fc.constantFrom('\n', '\r\n'),
				finalEol: fc.boolean()
			})
		);
		fc.assert(
			fc.property(caseArb, ({ n, owners, ops, eol, finalEol }) => {
				const baseLines = Array.from({ length: n }, (_, i) => `- [ ] (2026-11-01 10:00Z) step ${i} of the plan`);
				const localOps = new Map<number, Op>();
				const remoteOps = new Map<number, Op>();
				owners.forEach((owner, i) => {
					const op: Op = i === n ? { kind: 'insert' } : ops[i];
					if (owner === 'local') localOps.set(i, op);
					if (owner === 'remote') remoteOps.set(i, op);
				});
				const l = applyOps(baseLines, localOps, 'local');
				const r = applyOps(baseLines, remoteOps, 'remote');
				const both = new Map([...localOps, ...remoteOps]);
				const expected = [...baseLines.keys(), n].flatMap((i): string[] => {
					const op = both.get(i);
					const side = localOps.has(i) ? 'local' : 'remote';
					const ins = op?.kind === 'insert' ? [`- [ ] (2026-11-02 10:00Z) ${side} inserted before ${i}`] : [];
					if (i === n) return ins;
					if (op?.kind === 'replace') return [`- [x] (2026-11-02 11:00Z) ${side} rewrote step ${i}`];
					if (op?.kind === 'delete') return [];
					return [...ins, baseLines[i]];
				});
				const join = (ls: string[]): string => (ls.length ? ls.join(eol) + (finalEol ? eol : '') : '');
				const result = rebaseText({ base: join(baseLines), local: join(l.lines), remote: join(r.lines), timeZone: UTC });
				expect(result.ok).toBe(true);
				if (!result.ok) return;
				for (const line of [...l.added, ...r.added]) expect(result.text).toContain(line);
				expect(result.text).toBe(join(expected));
			}),
			{ numRuns: 300 }
		);
	});
});
