/**
 * The repo around a plan as the Complete dialog judges the version: the other documents on
 * HEAD's text (what the archive commit moves), a document that cannot be read left out (so the
 * version stays open), and files only in the working tree named.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PHASE_DOC_1, PHASE_DOC_2_PATH, PHASE_DOCS_REPO } from '../../support/phase-docs';

const PHASE_1 = 'docs/development/V1.2.0_PHASE_1.md';
const head: Record<string, string> = {};
const working: Record<string, string> = {};
const unreadable = new Set<string>();

vi.mock('$lib/git', () => ({
	gitClient: () => ({
		listFiles: async () => Object.keys(head).map((path) => ({ path })),
		status: async () => ({ dirty: Object.keys(working).filter((p) => working[p] !== head[p]) }),
		readFile: async (_id: string, path: string) => {
			if (unreadable.has(path)) throw new Error('unreadable');
			return working[path] ?? head[path];
		},
		readHead: async (_id: string, path: string) => {
			if (unreadable.has(path)) throw new Error('unreadable');
			return head[path] ?? null;
		}
	})
}));

const { phaseRepoContext } = await import('../../../src/lib/ui/phases/repo-context');

beforeEach(() => {
	for (const o of [head, working]) for (const k of Object.keys(o)) delete o[k];
	unreadable.clear();
	Object.assign(head, PHASE_DOCS_REPO);
});

describe('phaseRepoContext', () => {
	it('gives the other documents of the version as HEAD has them (what the archive commit moves)', async () => {
		// Phase 1 is complete at HEAD; typing in the working tree (not committed) reopened it.
		working[PHASE_1] = PHASE_DOC_1.replace('**Status**: Complete', '**Status**: In Progress');
		const ctx = await phaseRepoContext('r', PHASE_DOC_2_PATH);
		expect(ctx.versionDocs).toEqual([{ path: PHASE_1, text: PHASE_DOC_1 }]);
	});

	it('leaves out a document that cannot be read and names version documents only in the working tree', async () => {
		unreadable.add(PHASE_1);
		working['docs/development/V1.2.0_PHASE_3.md'] = '# V1.2.0 - Phase 3: Polish\n\n**Status**: In Progress\n';
		const ctx = await phaseRepoContext('r', PHASE_DOC_2_PATH);
		expect(ctx.versionDocs).toEqual([]);
		expect(ctx.workingOnly).toEqual(['docs/development/V1.2.0_PHASE_3.md']);
		expect(ctx.paths).not.toContain('docs/development/V1.2.0_PHASE_3.md');
	});
});
