import { describe, expect, it } from 'vitest';
import { applyPlanEdit } from '../../../src/lib/plan/edit';
import { archiveFolder, nextVersion, versionArchiveOffer, versionDocOf, versionDocs, versionFromFile, withVersion } from '../../../src/lib/plan/archive';
import { PHASE_DOC_2, PHASE_DOC_2_PATH, PHASE_DOCS_REPO } from '../../support/phase-docs';
import { PHASES_PLAN, PHASES_PLAN_PATH } from '../../support/phase-plan';

const now = new Date('2026-11-29T23:30:00Z');
const paths = Object.keys(PHASE_DOCS_REPO);
const completed = (text: string, phase: string) => applyPlanEdit(text, { kind: 'complete-phase', phase }, now);
/** The version's other documents as the flow reads them. */
const docsOf = (files: Record<string, string>, planPath: string) =>
	new Map(versionDocs(Object.keys(files), planPath).filter((p) => p !== planPath).map((p) => [p, files[p]]));

describe('version documents', () => {
	it('live in a docs folder of their own name, not in one that merely ends in docs', () => {
		expect(versionDocOf('mydocs/development/V1.0_PHASE_1.md')).toBeNull();
		expect(versionDocOf('packages/app/docs/development/V1.0_PHASE_1.md')).toEqual({ prefix: 'packages/app/', version: '1.0', phase: '1' });
		expect(versionDocOf('docs/development/V1.0_PHASE_1.md')).toEqual({ prefix: '', version: '1.0', phase: '1' });
	});

	it('are told by path: phase docs with their number, other V… docs without', () => {
		expect(versionDocOf('docs/development/V1.2.0_PHASE_3.md')).toEqual({ prefix: '', version: '1.2.0', phase: '3' });
		expect(versionDocOf('apps/web/docs/development/v0.4.17_IMPLEMENTATION_PLAN.md')).toEqual({ prefix: 'apps/web/', version: '0.4.17', phase: null });
		expect(versionDocOf('docs/development/README.md')).toBeNull();
		expect(versionDocOf('docs/plans/V1.2.0_PHASE_1.md')).toBeNull();
	});

	it('of one version are the same folder and version only, sorted, the plan included', () => {
		expect(versionDocs(paths, PHASE_DOC_2_PATH)).toEqual(['docs/development/V1.2.0_PHASE_1.md', PHASE_DOC_2_PATH]);
		expect(versionDocs([...paths, 'docs/development/sub/V1.2.0_PHASE_9.md', 'x/docs/development/V1.2.0_PHASE_8.md'], PHASE_DOC_2_PATH)).toHaveLength(2);
		expect(versionDocs(paths, 'README.md')).toEqual([]);
	});
});

describe('versions', () => {
	it('go up by the minor part, keeping the v and resetting what follows', () => {
		expect(nextVersion('1.2.0')).toBe('1.3.0');
		expect(nextVersion('v0.4.17')).toBe('v0.5.0');
		expect(nextVersion('2.1')).toBe('2.2');
		expect(nextVersion('3')).toBe('4');
		expect(nextVersion('1.2.0-rc.1')).toBe('1.3.0');
		expect(nextVersion('1.9.9.9')).toBe('1.10.0.0');
		expect(nextVersion('next')).toBeNull();
	});

	it('are read from and written to the VERSION file without touching the rest', () => {
		expect(versionFromFile('\uFEFF 1.2.0\n')).toBe('1.2.0');
		expect(versionFromFile('\n')).toBeNull();
		expect(withVersion('1.2.0\n', '1.3.0')).toBe('1.3.0\n');
		expect(withVersion('1.2.0\r\n', ' 2.0.0 ')).toBe('2.0.0\r\n');
		expect(withVersion('v1.2.0 # released with care\n', 'v1.3.0')).toBe('v1.3.0 # released with care\n');
		expect(withVersion('', '1.0.0')).toBe('1.0.0\n');
	});

	it('archive into the UTC month of the completion', () => {
		expect(archiveFolder('', now)).toBe('docs/archive/development-history/2026-11/');
		expect(archiveFolder('pkg/', new Date('2026-12-31T23:59:59Z'))).toBe('pkg/docs/archive/development-history/2026-12/');
	});
});

describe('versionArchiveOffer', () => {
	const input = (planText: string, files = PHASE_DOCS_REPO, planPath = PHASE_DOC_2_PATH) => ({
		paths: Object.keys(files),
		planPath,
		planText,
		docs: docsOf(files, planPath),
		versionText: files.VERSION ?? null,
		now
	});

	it('offers the whole version after its last phase: every document to the month folder, VERSION to the next', () => {
		expect(versionArchiveOffer(input(completed(PHASE_DOC_2, '2')))).toEqual({
			version: '1.2.0',
			folder: 'docs/archive/development-history/2026-11/',
			moves: [
				{ from: 'docs/development/V1.2.0_PHASE_1.md', to: 'docs/archive/development-history/2026-11/V1.2.0_PHASE_1.md' },
				{ from: PHASE_DOC_2_PATH, to: 'docs/archive/development-history/2026-11/V1.2.0_PHASE_2.md' }
			],
			conflicts: [],
			uncommitted: [],
			versionFile: { path: 'VERSION', current: '1.2.0', next: '1.3.0', matches: true }
		});
	});

	it('offers nothing while the plan’s own phase or another document’s phase is open', () => {
		expect(versionArchiveOffer(input(PHASE_DOC_2))).toBeNull();
		const withOpen = { ...PHASE_DOCS_REPO, 'docs/development/V1.2.0_PHASE_3.md': '# V1.2.0 - Phase 3: Polish\n\n**Status**: Not Started\n' };
		expect(versionArchiveOffer(input(completed(PHASE_DOC_2, '2'), withOpen))).toBeNull();
		// A skipped or deferred phase does not hold the version open.
		const skipped = { ...PHASE_DOCS_REPO, 'docs/development/V1.2.0_PHASE_3.md': '# V1.2.0 - Phase 3: Polish\n\n**Status**: Skipped — moves to 1.3\n' };
		expect(versionArchiveOffer(input(completed(PHASE_DOC_2, '2'), skipped))?.moves).toHaveLength(3);
	});

	it('reads a version plan’s phases, with each phase document the truth for its own phase', () => {
		// The implementation plan still says phase 2 is in progress; its phase document is done.
		const plan2Done = PHASES_PLAN.replace('## Phase 3: Polish\n\n**Status**: Not Started', '## Phase 3: Polish\n\n**Status**: Skipped — later');
		const files = { ...PHASE_DOCS_REPO, [PHASES_PLAN_PATH]: plan2Done };
		const offer = versionArchiveOffer(input(completed(PHASE_DOC_2, '2'), files));
		expect(offer?.moves.map((m) => m.from)).toEqual(['docs/development/V1.2.0_IMPLEMENTATION_PLAN.md', 'docs/development/V1.2.0_PHASE_1.md', PHASE_DOC_2_PATH]);
		// With phase 3 open in the plan and no document of its own, the version is not done.
		expect(versionArchiveOffer(input(completed(PHASE_DOC_2, '2'), { ...PHASE_DOCS_REPO, [PHASES_PLAN_PATH]: PHASES_PLAN }))).toBeNull();
		// Completing the plan's last phase from the plan itself closes the version too.
		const lastInPlan = completed(completed(PHASES_PLAN, '2'), '3');
		const fromPlan = versionArchiveOffer(input(lastInPlan, { VERSION: 'v1.2.0\n', [PHASES_PLAN_PATH]: PHASES_PLAN }, PHASES_PLAN_PATH));
		expect(fromPlan?.moves).toEqual([{ from: PHASES_PLAN_PATH, to: 'docs/archive/development-history/2026-11/V1.2.0_IMPLEMENTATION_PLAN.md' }]);
		expect(fromPlan?.versionFile).toEqual({ path: 'VERSION', current: 'v1.2.0', next: 'v1.3.0', matches: true });
	});

	it('names archive paths that exist already, and has no VERSION file to offer without one', () => {
		const files = { ...PHASE_DOCS_REPO, 'docs/archive/development-history/2026-11/V1.2.0_PHASE_1.md': 'old\n' };
		delete (files as Record<string, string>).VERSION;
		const offer = versionArchiveOffer(input(completed(PHASE_DOC_2, '2'), files));
		expect(offer?.conflicts).toEqual(['docs/archive/development-history/2026-11/V1.2.0_PHASE_1.md']);
		expect(offer?.versionFile).toBeNull();
	});

	it('counts a phase document with no recognised phase, or one that could not be read, as open', () => {
		const noPhase = { ...PHASE_DOCS_REPO, 'docs/development/V1.2.0_PHASE_3.md': 'Notes for phase three, no heading yet.\n' };
		expect(versionArchiveOffer(input(completed(PHASE_DOC_2, '2'), noPhase))).toBeNull();
		const unreadable = { ...input(completed(PHASE_DOC_2, '2')), docs: new Map() };
		expect(versionArchiveOffer(unreadable)).toBeNull();
	});

	it('names version documents only in the working tree: the version cannot be judged from HEAD', () => {
		const offer = versionArchiveOffer({ ...input(completed(PHASE_DOC_2, '2')), workingOnly: ['docs/development/V1.2.0_PHASE_3.md', 'docs/development/V1.3.0_PHASE_1.md', 'notes.md'] });
		expect(offer?.uncommitted).toEqual(['docs/development/V1.2.0_PHASE_3.md']);
	});

	it('suggests the version after the one being closed, and says when VERSION names another', () => {
		const offer = versionArchiveOffer(input(completed(PHASE_DOC_2, '2'), { ...PHASE_DOCS_REPO, VERSION: '1.3.0\n' }));
		expect(offer?.versionFile).toEqual({ path: 'VERSION', current: '1.3.0', next: '1.3.0', matches: false });
	});

	it('offers nothing for a plan outside docs/development', () => {
		expect(versionArchiveOffer({ ...input(completed(PHASE_DOC_2, '2')), planPath: 'docs/plans/auth.md' })).toBeNull();
	});
});
