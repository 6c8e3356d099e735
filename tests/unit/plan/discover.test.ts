import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverPlans, hasLivingHeadings, hasPhaseHeadings, HEAD_BYTES, MAX_READ_BYTES } from '../../../src/lib/plan/discover';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');

const EXECPLAN_TEXT = '# Plan\n\n## Progress\n\n- [ ] a\n\n## Surprises & Discoveries\n\nNone.\n';

describe('discoverPlans by path', () => {
	it('ranks PLANS.md, ExecPlan folders, phase docs, step folders, roadmaps in that order', async () => {
		const paths = [
			'README.md',
			'ROADMAP.md',
			'steps/02_schema.md',
			'steps/01_setup.md',
			'docs/development/V2_PHASE_1_SYNC.md',
			'PHASE_2.md',
			'.agent/plans/feature.md',
			'docs/exec-plans/z.md',
			'docs/plans/a.md',
			'plans/b.md',
			'docs/execplans/c.md',
			'PLANS.md',
			'src/index.ts'
		];
		const found = await discoverPlans(paths);
		expect(found.map((f) => [f.path, f.rank, f.group, f.kind])).toEqual([
			['PLANS.md', 0, 'execplans', 'execplan'],
			['.agent/plans/feature.md', 1, 'execplans', 'execplan'],
			['docs/exec-plans/z.md', 1, 'execplans', 'execplan'],
			['docs/execplans/c.md', 1, 'execplans', 'execplan'],
			['docs/plans/a.md', 1, 'execplans', 'execplan'],
			['plans/b.md', 1, 'execplans', 'execplan'],
			['docs/development/V2_PHASE_1_SYNC.md', 2, 'phase-docs', 'phase-doc'],
			['PHASE_2.md', 2, 'phase-docs', 'phase-doc'],
			['steps/01_setup.md', 3, 'step-folders', 'step-file'],
			['steps/02_schema.md', 3, 'step-folders', 'step-file'],
			['ROADMAP.md', 4, 'roadmaps', 'roadmap']
		]);
	});

	it('sorts numbered files naturally within a rank', async () => {
		const found = await discoverPlans(['s/10_x.md', 's/2_x.md', 's/1_x.md', 'phases/phase-03-c.md', 'phases/phase-1-a.md']);
		expect(found.map((f) => f.path)).toEqual(['phases/phase-1-a.md', 'phases/phase-03-c.md', 's/1_x.md', 's/2_x.md', 's/10_x.md']);
	});

	it('knows the step-file spellings, alone when the name says plan', async () => {
		const found = await discoverPlans(['.planning/06-02-PLAN.md', 'tasks/TASK_01_auth.md', 'notes/01_intro.md', 'docs/adr/0001-x.md', 'docs/adr/0002-y.md']);
		expect(found.map((f) => f.path)).toEqual(['.planning/06-02-PLAN.md', 'tasks/TASK_01_auth.md']);
		expect(found.every((f) => f.kind === 'step-file')).toBe(true);
	});

	it('lists PLANS.md in a subfolder with the ExecPlan folders, not as the root plan; lower-case phase notes are not phase docs', async () => {
		const found = await discoverPlans(['sub/PLANS.md', 'notes/phase.md']);
		expect(found).toEqual([{ path: 'sub/PLANS.md', kind: 'execplan', rank: 1, group: 'execplans' }]);
	});

	it('finds execplans folders at any depth, plans/ only at the root, and step files inside them', async () => {
		const found = await discoverPlans(['collab/execplans/t.md', 'pkg/docs/plans/a.md', 'lib/plans/x.md', 'plans/f/phase-01-a.md', 'plans/f/plan.md']);
		expect(found.map((f) => [f.path, f.kind])).toEqual([
			['collab/execplans/t.md', 'execplan'],
			['pkg/docs/plans/a.md', 'execplan'],
			['plans/f/phase-01-a.md', 'step-file'],
			['plans/f/plan.md', 'execplan']
		]);
	});

	it('normalizes ./ and backslashes, drops duplicates and non-Markdown', async () => {
		const found = await discoverPlans(['./PLANS.md', 'PLANS.md', 'docs\\plans\\x.md', 'plans/a.txt', 'node_modules/pkg/plans/x.md']);
		expect(found.map((f) => f.path)).toEqual(['PLANS.md', 'docs/plans/x.md']);
	});
});

describe('discoverPlans by content', () => {
	it('adds other Markdown with living-section headings at rank 5, read sync or async', async () => {
		const files: Record<string, string> = {
			'docs/feature.md': EXECPLAN_TEXT,
			'docs/notes.md': '# Notes\n\n## Progress\n\nJust one generic heading.\n',
			'CONTRIBUTING.md': '# Contributing\n'
		};
		const sync = await discoverPlans(Object.keys(files), (p) => files[p] ?? null);
		expect(sync).toEqual([{ path: 'docs/feature.md', kind: 'other', rank: 5, group: 'other' }]);
		const async = await discoverPlans(Object.keys(files), async (p) => files[p] ?? null);
		expect(async).toEqual(sync);
	});

	it('does not read anything without a reader, nor files known to be 1 MB or more', async () => {
		const read: string[] = [];
		const reader = (p: string) => {
			read.push(p);
			return EXECPLAN_TEXT;
		};
		expect(await discoverPlans(['a.md'])).toEqual([]);
		const found = await discoverPlans(['a.md', 'big.md'], reader, { sizes: { 'big.md': MAX_READ_BYTES } });
		expect(found.map((f) => f.path)).toEqual(['a.md']);
		expect(read).toEqual(['a.md']);
		const viaMap = await discoverPlans(['big.md'], reader, { sizes: new Map([['big.md', MAX_READ_BYTES + 1]]) });
		expect(viaMap).toEqual([]);
	});

	it('ignores living headings past the first 64 KB, in code fences, or in texts of 1 MB', async () => {
		const late = '# Doc\n\n' + 'x'.repeat(HEAD_BYTES) + '\n' + EXECPLAN_TEXT;
		const fenced = '# Doc\n\n```md\n## Progress\n## Surprises & Discoveries\n```\n';
		const huge = EXECPLAN_TEXT + 'y'.repeat(MAX_READ_BYTES);
		const files: Record<string, string> = { 'late.md': late, 'fenced.md': fenced, 'huge.md': huge };
		expect(await discoverPlans(Object.keys(files), (p) => files[p])).toEqual([]);
	});

	it('survives a reader that throws or returns null', async () => {
		const found = await discoverPlans(['a.md', 'b.md'], (p) => {
			if (p === 'a.md') throw new Error('gone');
			return null;
		});
		expect(found).toEqual([]);
	});

	it('also takes Markdown with two numbered phase or step headings', async () => {
		const files: Record<string, string> = {
			'a.md': '# Plan\n\n### Phase 1: Assets\n\n### **Phase 2: Wiring** ✅\n',
			'b.md': '# Guide\n\n## Phase 1 explained\n\n```\n## Phase 2: example\n```\n'
		};
		expect((await discoverPlans(Object.keys(files), (p) => files[p])).map((f) => f.path)).toEqual(['a.md']);
		expect(hasPhaseHeadings('## Step 1: a\n## Milestone M2 b\n')).toBe(true);
		expect(hasPhaseHeadings('## Phases\n## Step up\n')).toBe(false);
	});

	it('recognizes living headings by their real-world names', () => {
		expect(hasLivingHeadings('## Suprises & Discoveries\n')).toBe(true);
		expect(hasLivingHeadings('### Outcomes and Retrospective\n')).toBe(true);
		expect(hasLivingHeadings('## Progress Log\n## Decision Log\n')).toBe(true);
		expect(hasLivingHeadings('## Progress\n## Results\n')).toBe(true);
		expect(hasLivingHeadings('## Results\n')).toBe(false);
		expect(hasLivingHeadings('## Decisions\n')).toBe(false);
		expect(hasLivingHeadings('Progress\n## Setup\n')).toBe(false);
	});
});

describe('discoverPlans on the corpus paths', () => {
	const rows = readFileSync(path.join(CORPUS, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
	const fileOf = new Map(rows.map((r) => [r[2], r[0]]));

	it('ranks the real repository paths as their conventions say', async () => {
		const found = await discoverPlans([...fileOf.keys()], (p) => readFileSync(path.join(CORPUS, fileOf.get(p) as string), 'utf8'));
		const rank = new Map(found.map((f) => [f.path, [f.rank, f.kind]]));
		expect(found[0].path).toBe('PLANS.md');
		expect(rank.get('docs/PLANS.md')).toEqual([1, 'execplan']);
		expect(rank.get('collab/execplans/template.md')).toEqual([1, 'execplan']);
		expect(rank.get('docs/exec-plans/active/match-timer-ux/TASK_01_match-timer-ux.md')).toEqual([1, 'step-file']);
		expect(rank.get('docs/in-progress/PHASE13-DONE.md')).toEqual([2, 'phase-doc']);
		expect(rank.get('docs/refactoring/tasks/task_009.md')).toEqual([3, 'step-file']);
		expect(rank.get('.planning/ROADMAP.md')).toEqual([4, 'roadmap']);
		expect(rank.get('docs/roadmap.md')).toEqual([4, 'roadmap']);
		// Found by content: phase headings, no naming convention.
		expect(rank.get('.docs/CHRISTMAS_THEME_PLAN.md')).toEqual([5, 'other']);
		// A state file and an analysis are not plans.
		expect(rank.has('.planning/STATE.md')).toBe(false);
		expect(rank.has('docs/TOKEN-BUDGET-ANALYSIS.md')).toBe(false);
		// Every ExecPlan of the corpus (kind a) is listed in the ExecPlan group.
		for (const r of rows.filter((r) => r[4] === 'a')) expect(rank.get(r[2])?.[0], r[2]).toBeLessThanOrEqual(1);
		const ranks = found.map((f) => f.rank);
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
	});
});
