import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyPlanEdit, parsePlan, phaseTransition } from '../../../src/lib/plan/index';
import type { PhaseTransition, TransitionCheckId } from '../../../src/lib/plan/transition';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');
const corpus = (file: string): string => readFileSync(path.join(CORPUS, file), 'utf8');

/** The phase document the czarina guide gives as its model, taken from its ```markdown fence. */
function czarinaPhaseDoc(): string {
	const m = /```markdown\n(# V1\.2\.0 - Phase 1[\s\S]*?)\n```/.exec(corpus('czarina-phase-development-guide.md'));
	if (!m) throw new Error('example phase doc not found in the czarina guide');
	return m[1];
}

function check(t: PhaseTransition | null, id: TransitionCheckId) {
	const c = t?.checks.find((x) => x.id === id);
	if (!c) throw new Error(`no ${id} check`);
	return c;
}

function transitionOf(text: string, id: string, opts: Parameters<typeof phaseTransition>[2] = {}): PhaseTransition {
	const t = phaseTransition(parsePlan(text), id, opts);
	if (!t) throw new Error(`no phase ${id}`);
	return t;
}

describe('phaseTransition on corpus phase docs', () => {
	it('czarina model phase doc, in progress: open deliverables, placeholder summary, tokens recorded', () => {
		const text = czarinaPhaseDoc();
		const t = transitionOf(text, '1', { now: new Date('2026-01-05T23:30:00Z') });
		expect(t.phase.title).toBe('Foundation');
		expect(t.checks.map((c) => c.id)).toEqual(['deliverables', 'tests', 'summary', 'tokens', 'roadmap']);
		expect(t.blockedBy).toEqual([]);
		expect(t.openItems.map((i) => i.text)).toEqual(['JWT service (generate, validate, refresh)', 'Token expiry handling', 'Integration with user model']);
		expect(check(t, 'deliverables')).toMatchObject({ ok: false, detail: expect.stringMatching(/^3 of 4 items still open: “JWT service/) });
		// The only item about tests is ticked.
		expect(check(t, 'tests')).toMatchObject({ ok: true, detail: '1 test item done.' });
		// "(Added when phase complete)" is a placeholder, with or without the text.
		expect(check(t, 'summary').ok).toBe(false);
		expect(check(transitionOf(text, '1', { text }), 'summary')).toMatchObject({ ok: false, detail: '“Completion Summary” holds only a placeholder.' });
		expect(check(t, 'tokens')).toMatchObject({ ok: true, detail: '250K recorded against 500K–800K.' });
		expect(check(t, 'roadmap')).toMatchObject({ ok: false, detail: 'check ROADMAP.md' });
		expect(t.date).toBe('2026-01-05');
	});

	it('czarina model phase doc after complete-phase: every plan-side check passes', () => {
		const done = applyPlanEdit(czarinaPhaseDoc(), { kind: 'complete-phase', phase: '1' }, new Date('2026-01-05T10:00:00Z'));
		for (const opts of [{}, { text: done }]) {
			const t = transitionOf(done, '1', opts);
			expect(t.openItems).toEqual([]);
			expect(t.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['roadmap']);
		}
	});

	it('smitos phase-03: status says completed but test items are open; other-file dependencies are not judged', () => {
		const text = corpus('smitos-crm-phase03.md');
		const t = transitionOf(text, '03', { text });
		expect(t.phase.status).toBe('done');
		expect(t.blockedBy).toEqual([]);
		expect(t.unknownDeps).toEqual(['01', '02']);
		expect(t.openItems).toHaveLength(3);
		expect(check(t, 'deliverables')).toMatchObject({ ok: false, detail: expect.stringMatching(/^3 of 9 items still open: “Test dry-run on dev DB”, /) });
		expect(check(t, 'tests')).toMatchObject({
			ok: false,
			detail: '2 test items not done: “Test dry-run on dev DB”, “Test real-run on dev DB”.'
		});
		expect(check(t, 'summary')).toMatchObject({ ok: false, detail: 'No Completion Summary section yet.' });
		expect(check(t, 'tokens')).toMatchObject({ ok: false, detail: 'No Tokens Spent recorded.' });
	});

	it('ghillie roadmap phase 1: sub-phases\' open tasks count toward the parent', () => {
		const t = transitionOf(corpus('ghillie-roadmap.md'), '1');
		expect(t.phase.children.map((c) => c.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6']);
		expect(t.openItems).toHaveLength(1);
		expect(t.openItems[0].text).toMatch(/^\*\*Task 1\.4\.b – Implement secure credential storage and rotation\*\* {2}\n/);
		expect(check(t, 'deliverables').detail).toBe('1 of 20 items still open: “Task 1.4.b – Implement secure credential storage and rotation”.');
		// The sub-phase alone gives the same open item.
		expect(transitionOf(corpus('ghillie-roadmap.md'), '1.4').openItems).toHaveLength(1);
		expect(transitionOf(corpus('ghillie-roadmap.md'), '1.3').openItems).toEqual([]);
	});

	it('ssherpa GSD roadmap: dependencies on done phases do not block', () => {
		const t = transitionOf(corpus('ssherpa-gsd-roadmap.md'), '3');
		expect(t.phase.dependsOn).toEqual(['2']);
		expect(t.blockedBy).toEqual([]);
		expect(check(t, 'deliverables')).toMatchObject({ ok: true, detail: 'All 2 items settled.' });
	});

	it('returns null for a phase id the plan does not have', () => {
		expect(phaseTransition(parsePlan(corpus('ssherpa-gsd-roadmap.md')), '42')).toBeNull();
	});
});

const PLAN = `# Release plan

## Phase 1: Foundation
**Status**: Complete

- [x] Schema

## Phase 2: Sync
**Status**: In Progress
**Depends on**: Phase 1

- [ ] Sync engine

## Phase 3: Polish
**Status**: In Progress
**Depends on**: Phase 1, Phase 2, Phase 9
**Token Budget**: 300K-500K tokens
**Actual**: ~200K tokens

- [x] Error handling
- [ ] Rate limiting — deferred to v2 (needs the gateway)
- [ ] Benchmarks (deferred)
- [~] Unit tests for the limiter
- [N/A] Windows installer
- [ ] Docs
  - [x] README
  - [ ] API reference

### Completion Summary

<!-- write this when done -->
TBD
`;

describe('phaseTransition on hand fixtures', () => {
	it('lists unfinished dependencies by id and keeps unknown ones apart', () => {
		const t = transitionOf(PLAN, '3');
		expect(t.blockedBy).toEqual(['2']);
		expect(t.unknownDeps).toEqual(['9']);
		expect(transitionOf(PLAN, '2').blockedBy).toEqual([]);
	});

	it('counts deferred-with-reason and N/A items as settled, a bare "(deferred)" and partial items as open', () => {
		const t = transitionOf(PLAN, '3');
		expect(t.openItems.map((i) => i.text)).toEqual(['Benchmarks (deferred)', 'Unit tests for the limiter', 'Docs', 'API reference']);
		expect(check(t, 'deliverables')).toMatchObject({ ok: false, detail: expect.stringMatching(/^4 of 8 items still open \(1 deferred with a reason\): /) });
		expect(check(t, 'tests')).toMatchObject({ ok: false, detail: '1 test item not done: “Unit tests for the limiter”.' });
		// A wrapped item reads as one line; a hard break ends what the dialog quotes.
		const wrapped = '# P\n\n## Phase 1: A\n\n- [ ] Write the **sync**\n  engine <!-- todo -->\n- [ ] Ship it  \n  Long description.\n';
		expect(check(transitionOf(wrapped, '1'), 'deliverables').detail).toBe('2 of 2 items still open: “Write the sync engine”, “Ship it”.');
		expect(check(t, 'tokens')).toMatchObject({ ok: true, detail: '200K recorded against 300K–500K.' });
	});

	it('tells a placeholder summary from a written one when given the text', () => {
		expect(check(transitionOf(PLAN, '3', { text: PLAN }), 'summary')).toMatchObject({ ok: false, detail: '“Completion Summary” holds only a placeholder.' });
		const written = PLAN.replace('TBD\n', 'Shipped the limiter; benchmarks moved to v2.\n');
		expect(check(transitionOf(written, '3', { text: written }), 'summary')).toMatchObject({ ok: true, detail: '“Completion Summary” has content.' });
	});

	it('says when no tokens are recorded, naming the budget', () => {
		const text = '# P\n\n## Phase 1: A\n**Token Budget**: 500K-800K tokens\n\n- [x] a\n';
		expect(check(transitionOf(text, '1'), 'tokens')).toMatchObject({ ok: false, detail: 'No Tokens Spent recorded (budget 500K–800K).' });
	});

	it('with the ROADMAP text, looks for the phase under "What We Just Finished"', () => {
		const roadmap = (finished: string) =>
			`# Roadmap\n\n## Current Work\n\n- Phase 3: Polish\n\n## What We Just Finished\n\n${finished}\n\n## Next Up\n\n- Phase 30\n`;
		const ok = (r: string) => check(transitionOf(PLAN, '3', { roadmapText: r }), 'roadmap');
		expect(ok(roadmap('- ✅ Phase 3: Polish (200K tokens)'))).toMatchObject({ ok: true });
		expect(ok(roadmap('- phase-03 done'))).toMatchObject({ ok: true });
		expect(ok(roadmap('- The polish work'))).toMatchObject({ ok: true }); // by title
		expect(ok(roadmap('- Phase 2: Sync'))).toMatchObject({ ok: false, detail: '“What We Just Finished” does not mention Phase 3 yet.' });
		expect(ok(roadmap('- Phase 3.1: Fixes'))).toMatchObject({ ok: false });
		expect(ok(roadmap('- Phase 31'))).toMatchObject({ ok: false });
		expect(ok('# Roadmap\n\n## Current Work\n\n- Phase 3: Polish\n')).toMatchObject({
			ok: false,
			detail: 'ROADMAP.md has no “What We Just Finished” section.'
		});
		// A bold label instead of a heading, and a fenced example that must not count.
		expect(ok('# Roadmap\n\n**What We Just Finished**:\n- Phase 3 ✅\n\n## Next\n')).toMatchObject({ ok: true });
		expect(ok('# Roadmap\n\n```markdown\n## What We Just Finished\n- Phase 3\n```\n\n## What We Just Finished\n\n- Phase 1\n')).toMatchObject({ ok: false });
	});

	it('passes the deliverables check for a phase without checklist items, and the date is null without now', () => {
		const t = transitionOf('# P\n\n## Phase 1: A\n**Status**: In Progress\n\nProse only.\n', '1');
		expect(check(t, 'deliverables')).toMatchObject({ ok: true, detail: 'No checklist items in this phase.' });
		expect(check(t, 'tests')).toMatchObject({ ok: true, detail: 'No test items listed in this phase; confirm the tests pass.' });
		expect(t.date).toBeNull();
	});

	it('leaves a deferred sub-phase\'s items out of its parent', () => {
		const text = `# P

## Phase 4: Memory

### Phase 4.1: Store
- [x] store

### Phase 4.2: Benchmarks
**Status**: DEFERRED to v0.5 (hardware)

- [ ] run benchmarks
`;
		const t = transitionOf(text, '4');
		expect(t.phase.children.map((c) => [c.id, c.status])).toEqual([
			['4.1', 'done'],
			['4.2', 'deferred']
		]);
		expect(t.openItems).toEqual([]);
	});
});
