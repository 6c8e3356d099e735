import { describe, expect, it } from 'vitest';
import { allPhases } from '../../../src/lib/plan/deps';
import { parsePlan } from '../../../src/lib/plan/parse';
import { isPhaseDocRepo, phaseDocOffer, repoVersion } from '../../../src/lib/plan/phase-start';
import { PHASES_PLAN, PHASES_PLAN_PATH } from '../../support/phase-plan';

const now = new Date('2026-11-29T10:00:00Z');
const phase = (id: string) => {
	const p = allPhases(parsePlan(PHASES_PLAN)).find((x) => x.id === id);
	if (!p) throw new Error(`no phase ${id}`);
	return p;
};

describe('phase-doc repos', () => {
	it('are told by a VERSION file or docs/development/V…_PHASE_N.md files', () => {
		expect(isPhaseDocRepo(['README.md', 'VERSION'])).toBe(true);
		expect(isPhaseDocRepo(['docs/development/V0.3_PHASE_2.md'])).toBe(true);
		expect(isPhaseDocRepo(['docs/plans/a.md', 'ROADMAP.md'])).toBe(false);
	});

	it('take their version from VERSION, else from the newest phase doc', () => {
		expect(repoVersion(['VERSION'], 'v1.3.0\n')).toBe('1.3.0');
		expect(repoVersion(['docs/development/V1.2.0_PHASE_1.md', 'docs/development/V1.10.0_PHASE_1.md'], null)).toBe('1.10.0');
		expect(repoVersion(['README.md'], null)).toBeNull();
	});
});

describe('phaseDocOffer', () => {
	it('offers the template with the title, the budget and the phase started', () => {
		const offer = phaseDocOffer({ paths: ['VERSION', PHASES_PLAN_PATH], versionText: '1.2.0\n', planPath: PHASES_PLAN_PATH, phase: phase('3'), now });
		expect(offer?.path).toBe('docs/development/V1.2.0_PHASE_3.md');
		const doc = parsePlan(offer?.text ?? '');
		expect(doc.title).toBe('V1.2.0 - Phase 3: Polish');
		const own = allPhases(doc)[0];
		expect(own).toMatchObject({ status: 'in-progress', started: '2026-11-29' });
		expect(own.budget).toMatchObject({ low: 300_000, high: 500_000, spent: 0 });
		expect(offer?.text).toContain('**Status**: In Progress\n**Started**: 2026-11-29\n**Token Budget**: 300K-500K tokens\n');
		expect(offer?.text).toContain('## Completion Summary');
	});

	it('offers nothing outside phase-doc repos, for an existing doc, or for the open doc itself', () => {
		expect(phaseDocOffer({ paths: [PHASES_PLAN_PATH], versionText: null, planPath: PHASES_PLAN_PATH, phase: phase('3'), now })).toBeNull();
		expect(
			phaseDocOffer({ paths: ['VERSION', 'docs/development/V1.2.0_PHASE_3.md'], versionText: '1.2.0', planPath: PHASES_PLAN_PATH, phase: phase('3'), now })
		).toBeNull();
		expect(phaseDocOffer({ paths: ['VERSION'], versionText: '1.2.0', planPath: 'docs/development/V1.2.0_PHASE_3.md', phase: phase('3'), now })).toBeNull();
	});
});
