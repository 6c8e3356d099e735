import { describe, expect, it } from 'vitest';
import { applyPlanEdit } from '../../../src/lib/plan/edit';
import { allPhases } from '../../../src/lib/plan/deps';
import { parsePlan } from '../../../src/lib/plan/parse';
import { archiveOfferFor, completionMessage, completionPreview, dependencyWarning, withLessons } from '../../../src/lib/ui/phases/complete';
import { PHASE_DOC_2, PHASE_DOC_2_PATH, PHASE_DOCS_REPO } from '../../support/phase-docs';
import { PHASES_PLAN, PHASES_ROADMAP } from '../../support/phase-plan';

const now = new Date('2026-11-29T10:00:00Z');

describe('completionPreview', () => {
	it('shows the heading, the boxes ticked, Completed and the summary with hand-computed numbers', () => {
		const p = completionPreview(PHASES_PLAN, '2', { now, lessons: 'Mock the clock early.' });
		if (!p) throw new Error('no preview');
		expect(p.heading).toBe('✅ Phase 2: Integration');
		expect(p.ticked).toBe(2);
		expect(p.completed).toBe('2026-11-29');
		// 300K against 400K–600K × 1.5 = 600K–900K: (600 − 300) / 600 = 50% under.
		expect(p.budget).toMatchObject({ used: 300_000, adjustedLow: 600_000, adjustedHigh: 900_000 });
		expect(p.budget?.efficiency?.label).toBe('50% under');
		expect(p.summary).toEqual([
			'**Completed**: 2026-11-29',
			'**Token Usage**: 300K / 600K-900K adjusted estimate',
			'**Efficiency**: 50% under',
			'**Lessons Learned**: Mock the clock early.'
		]);
		expect(p.after).toBe(applyPlanEdit(PHASES_PLAN, { kind: 'complete-phase', phase: '2', lessons: 'Mock the clock early.' }, now));
		expect(p.message).toBe('feat(plan): complete Phase 2 — Integration');
		expect(p.transition.blockedBy).toEqual([]);
		expect(dependencyWarning(p.transition)).toBeNull();
	});

	it('warns (never blocks) when a dependency is open', () => {
		const p = completionPreview(PHASES_PLAN, '3', { now });
		if (!p) throw new Error('no preview');
		expect(p.transition.blockedBy).toEqual(['2']);
		expect(dependencyWarning(p.transition)).toBe('Phase 3 depends on phase 2, which is not complete yet.');
		expect(p.summary).toContain('**Lessons Learned**: _(to be filled in)_');
	});

	it('judges the ROADMAP check on the text the commit would hold', () => {
		const without = completionPreview(PHASES_PLAN, '2', { now, roadmapText: PHASES_ROADMAP, updateRoadmap: false });
		const withIt = completionPreview(PHASES_PLAN, '2', { now, roadmapText: PHASES_ROADMAP, updateRoadmap: true });
		expect(without?.transition.checks.find((c) => c.id === 'roadmap')?.ok).toBe(false);
		expect(without?.roadmapAfter).toBeNull();
		expect(withIt?.transition.checks.find((c) => c.id === 'roadmap')?.ok).toBe(true);
		expect(withIt?.roadmapAfter).toContain('## What We Just Finished\n\n- Phase 2: Integration (completed 2026-11-29)\n- Phase 1');
		expect(withIt?.roadmapAfter).not.toContain('(started 2026-11-06)');
	});

	it('is null for a phase the plan does not have', () => {
		expect(completionPreview(PHASES_PLAN, '9', { now })).toBeNull();
	});
});

describe('completionMessage', () => {
	it('names the phase by number and plain title', () => {
		const phase = allPhases(parsePlan('# P\n\n## Phase 4: **Ship** `it`\n\n- [ ] a\n'))[0];
		expect(completionMessage(phase)).toBe('feat(plan): complete Phase 4 — Ship it');
	});
	it('follows the format from settings', () => {
		const phase = { number: '2', title: 'Integration' };
		expect(completionMessage(phase, 'docs: phase {n} done ({title})')).toBe('docs: phase 2 done (Integration)');
		expect(completionMessage(phase, 'chore: close {title}')).toBe('chore: close Integration (Phase 2)');
		expect(completionMessage(phase, '   ')).toBe('feat(plan): complete Phase 2 — Integration');
		expect(completionMessage(phase, 'a {n}\nsecond line')).toBe('a 2');
	});
	it('drops the separator before a missing title', () => {
		expect(completionMessage({ number: '3', title: '' })).toBe('feat(plan): complete Phase 3');
		expect(completionMessage({ number: '3', title: '' }, 'Phase {n}: {title}')).toBe('Phase 3');
	});
	it('is what the preview shows', () => {
		expect(completionPreview(PHASES_PLAN, '2', { now, messageFormat: 'phase {n} ✅' })?.message).toBe('phase 2 ✅');
	});
});

describe('withLessons', () => {
	it('gives the summary line the edit writes for the same lessons', () => {
		const bare = completionPreview(PHASES_PLAN, '2', { now });
		const typed = completionPreview(PHASES_PLAN, '2', { now, lessons: '  Mock the clock\nearly.  ' });
		if (!bare || !typed) throw new Error('no preview');
		expect(withLessons(bare.summary, '  Mock the clock\nearly.  ')).toEqual(typed.summary);
		expect(withLessons(typed.summary, ' ')).toEqual(bare.summary);
	});
});

describe('archiveOfferFor', () => {
	const ctx = (extra: Record<string, string> = {}) => {
		const files: Record<string, string> = { ...PHASE_DOCS_REPO, ...extra };
		return {
			paths: Object.keys(files),
			versionText: files.VERSION ?? null,
			versionDocs: Object.keys(files)
				.filter((p) => p !== PHASE_DOC_2_PATH && /V1\.2\.0_/.test(p))
				.map((path) => ({ path, text: files[path] }))
		};
	};

	it('offers the archive from the dialog’s preview of the version’s last phase', () => {
		const p = completionPreview(PHASE_DOC_2, '2', { now });
		if (!p) throw new Error('no preview');
		const offer = archiveOfferFor(p.after, PHASE_DOC_2_PATH, ctx(), now);
		expect(offer?.moves.map((m) => m.to)).toEqual(['docs/archive/development-history/2026-11/V1.2.0_PHASE_1.md', 'docs/archive/development-history/2026-11/V1.2.0_PHASE_2.md']);
		expect(offer?.versionFile?.next).toBe('1.3.0');
		// Not before the phase is complete, not without a context, not in a repo without phase docs.
		expect(archiveOfferFor(PHASE_DOC_2, PHASE_DOC_2_PATH, ctx(), now)).toBeNull();
		expect(archiveOfferFor(p.after, PHASE_DOC_2_PATH, null, now)).toBeNull();
		expect(archiveOfferFor(p.after, PHASE_DOC_2_PATH, { paths: [PHASE_DOC_2_PATH.replace('docs/development/', 'plans/')], versionText: null }, now)).toBeNull();
	});

	it('holds back while another phase document of the version is open', () => {
		const p = completionPreview(PHASE_DOC_2, '2', { now });
		if (!p) throw new Error('no preview');
		expect(archiveOfferFor(p.after, PHASE_DOC_2_PATH, ctx({ 'docs/development/V1.2.0_PHASE_3.md': '# V1.2.0 - Phase 3: Polish\n\n**Status**: In Progress\n' }), now)).toBeNull();
	});
});
