/**
 * Commit, push, fetch and sync on node:fs against the real git server — the same code the worker
 * runs on lightning-fs. Every result is checked with native git on the bare repo.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import nodeHttp from 'isomorphic-git/http/node';
import { describe, expect, it } from 'vitest';
import { commitWorkingFiles, NothingToCommitError, readHeadText, writeWorkingFile } from '../../../src/lib/git/commit-ops';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { commitDiff, deepenHistory, logCommits } from '../../../src/lib/git/history-ops';
import { readOutbox } from '../../../src/lib/git/outbox';
import { shallowClone } from '../../../src/lib/git/repo-ops';
import { repoStatus } from '../../../src/lib/git/status-ops';
import { compareUrl, resolveAndSync, savedBranchName, syncRepo, type SyncContext } from '../../../src/lib/git/sync-ops';
import { applyPlanEdit, parsePlan } from '../../../src/lib/plan';
import { recordEdit } from '../../../src/lib/plan/rebase';
import type { PlanEdit, RecordedEdit } from '../../../src/lib/plan/types';
import { gitSuite } from '../../support/git-suite';
import { cloneNative, createBareRepo, fsckStrict, git, gitAsync, readRemoteFile, remoteLog } from '../../support/repos';

const PLAN = `# Ship the parser

**Tokens Spent:** 10,000 tokens

## Purpose

Parse plans.

## Progress

- [x] (2026-11-01 10:00Z) Set up the repo
- [ ] Write the parser
- [ ] Ship it

## Surprises & Discoveries

- Observation: remark keeps positions.
  Evidence: tests.

## Decision Log

- Decision: Use remark.
  Rationale: It is well kept.
  Date/Author: 2026-11-01 / ann

## Outcomes & Retrospective

Nothing yet.
`;

const FILES = {
	'docs/plans/ship.md': PLAN,
	'README.md': '# Project\n',
	'src/main.ts': 'export const x = 1;\n',
	'src/lib/util.ts': 'export {};\n',
	'assets/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]),
	'scripts/run.sh': '#!/bin/sh\necho hi\n'
};
const ANN = { name: 'Ann Example', email: 'ann@example.com' };

const nodeFs = fs as unknown as RepoFs;
let n = 0;

const suite = gitSuite('waymark-unit-sync-');

/** A fresh bare repo on the server (with an executable script) and a Waymark-style shallow clone of it. */
async function setup(commits = 3): Promise<{ bare: string; dir: string; ctx: SyncContext }> {
	const name = `repo-${++n}`;
	const bare = createBareRepo(suite.server.root, name, { files: FILES }, { commits });
	const dir = path.join(suite.work, `clone-${n}`);
	await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: suite.server.repoUrl(name), branch: 'main' });
	const ctx: SyncContext = { fs: nodeFs, http: nodeHttp, dir, remote: { url: suite.server.repoUrl(name), branch: 'main' }, timeZone: 'UTC' };
	return { bare, dir, ctx };
}

/** A native clone of the bare repo, for commits made "on another machine". */
async function nativeClone(bare: string): Promise<string> {
	return cloneNative(bare, path.join(suite.work, `native-${++n}`));
}

/** Applies panel edits to a file's working text, recording them as the UI does. */
function panelEdits(dir: string, file: string, edits: PlanEdit[], at: Date): RecordedEdit[] {
	let text = readFileSync(path.join(dir, file), 'utf8');
	const recorded: RecordedEdit[] = [];
	for (const edit of edits) {
		recorded.push(recordEdit(text, edit, at));
		text = applyPlanEdit(text, edit, { now: at, timeZone: 'UTC' });
	}
	writeFileSync(path.join(dir, file), text);
	return recorded;
}

/** Offset of the checklist item with this text. */
function itemAt(text: string, itemText: string): number {
	const item = parsePlan(text).progress.find((i) => i.text.includes(itemText));
	if (!item) throw new Error(`no item ${itemText}`);
	return item.span.start;
}

describe('commit and push', () => {
	it('commits only the changed path, reusing every other tree, and pushes a commit native git accepts', async () => {
		const { bare, dir, ctx } = await setup();
		const before = git(bare, 'rev-parse', 'main');
		const srcTree = git(bare, 'rev-parse', 'main:src');
		await writeWorkingFile(nodeFs, 'docs/plans/ship.md', PLAN.replace('- [ ] Write the parser', '- [x] Write the parser'), dir);
		const oid = await commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/plans/ship.md'], message: 'docs(plan): progress — tick Write the parser', author: { ...ANN, timestamp: 1_790_000_000, timezoneOffset: -60 } });
		expect((await repoStatus(nodeFs, dir)).ahead).toBe(1);
		const result = await syncRepo(ctx, { push: true });
		expect(result.pushed).toBe(1);
		expect(result.status.ahead).toBe(0);

		const log = remoteLog(bare);
		expect(log[0]).toMatchObject({ hash: oid, parents: [before], author: ANN.name, email: ANN.email, subject: 'docs(plan): progress — tick Write the parser' });
		expect(git(bare, 'show', '-s', '--format=%at %ai', 'main')).toBe('1790000000 2026-09-21 15:13:20 +0100');
		expect(git(bare, 'diff', '--name-only', `${before}`, 'main')).toBe('docs/plans/ship.md');
		expect(git(bare, 'diff', '-U0', before, 'main').split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l))).toEqual(['-- [ ] Write the parser', '+- [x] Write the parser']);
		expect(git(bare, 'rev-parse', 'main:src')).toBe(srcTree);
		fsckStrict(bare);

		const clone = await nativeClone(bare);
		expect(git(clone, 'status', '--porcelain')).toBe('');
		expect(readFileSync(path.join(clone, 'assets/logo.png'))).toEqual(Buffer.from(FILES['assets/logo.png']));
		const nonPlan = (ref: string) => git(bare, 'ls-tree', '-r', ref).split('\n').filter((l) => !l.endsWith('docs/plans/ship.md'));
		expect(nonPlan('main')).toEqual(nonPlan(before));
		expect(nonPlan('main')).toHaveLength(5);
		expect(readFileSync(path.join(clone, 'src/main.ts'), 'utf8')).toBe(FILES['src/main.ts']);
	});

	it('refuses an empty commit and leaves the outbox empty', async () => {
		const { dir } = await setup(0);
		await expect(commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/plans/ship.md'], message: 'x', author: ANN })).rejects.toBeInstanceOf(NothingToCommitError);
		expect((await readOutbox(nodeFs, dir)).commits).toEqual([]);
	});

	it('keeps commits in the outbox while the server is down and delivers them exactly once', async () => {
		const { bare, dir, ctx } = await setup();
		const count = Number(git(bare, 'rev-list', '--count', 'main'));
		await writeWorkingFile(nodeFs, 'docs/plans/ship.md', PLAN.replace('Ship it', 'Ship it soon'), dir);
		await commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/plans/ship.md'], message: 'docs(plan): reword', author: ANN });
		await suite.server.stop();
		try {
			await expect(syncRepo(ctx, { push: true })).rejects.toThrow();
		} finally {
			await suite.server.start();
		}
		expect(Number(git(bare, 'rev-list', '--count', 'main'))).toBe(count);
		expect((await repoStatus(nodeFs, dir)).ahead).toBe(1);
		const first = await syncRepo(ctx, { push: true });
		expect(first.pushed).toBe(1);
		const again = await syncRepo(ctx, { push: true });
		expect(again.pushed).toBe(0);
		expect(Number(git(bare, 'rev-list', '--count', 'main'))).toBe(count + 1);
		expect(readRemoteFile(bare, 'docs/plans/ship.md')).toContain('Ship it soon');
	});

	it('survives a 500 during push: the error is typed by the caller, the retry succeeds, nothing lost', async () => {
		const { bare, dir, ctx } = await setup();
		await writeWorkingFile(nodeFs, 'docs/plans/ship.md', PLAN.replace('Parse plans.', 'Parse every plan.'), dir);
		const oid = await commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/plans/ship.md'], message: 'docs(plan): purpose', author: ANN });
		suite.server.setFault({ kind: 'status', status: 500, on: 'receive-pack', times: 1 });
		await expect(syncRepo(ctx, { push: true })).rejects.toThrow();
		suite.server.setFault(null);
		expect((await readOutbox(nodeFs, dir)).commits.map((c) => c.oid)).toEqual([oid]);
		expect((await syncRepo(ctx, { push: true })).pushed).toBe(1);
		expect(git(bare, 'rev-parse', 'main')).toBe(oid);
	});
});

describe('sync with a moved remote', () => {
	it('replays panel edits on top of native commits: both entries, one tick, summed spend, linear history', async () => {
		const { bare, dir, ctx } = await setup();
		// Another machine: adds a Progress entry, ticks "Write the parser", adds 5,000 tokens.
		const other = await nativeClone(bare);
		const theirs = PLAN.replace('- [ ] Ship it\n', '- [ ] Ship it\n- [ ] Their new item\n')
			.replace('- [ ] Write the parser', '- [x] (2026-11-02 09:00Z) Write the parser')
			.replace('10,000 tokens', '15,000 tokens');
		writeFileSync(path.join(other, 'docs/plans/ship.md'), theirs);
		git(other, 'commit', '-qam', 'native: progress');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		const remoteHead = git(bare, 'rev-parse', 'main');

		// Waymark, from its shallow clone: adds its own entry, ticks the same item, adds 7,000 tokens.
		const file = 'docs/plans/ship.md';
		const working = readFileSync(path.join(dir, file), 'utf8');
		const at = new Date('2026-11-03T12:00:00Z');
		const edits = panelEdits(dir, file, [
			{ kind: 'add-progress', text: 'Our new item' },
			{ kind: 'toggle-item', at: itemAt(working, 'Write the parser'), checked: true },
			{ kind: 'add-spent', phase: null, tokens: 7000 }
		], at);
		await commitWorkingFiles({ fs: nodeFs, dir, paths: [file], message: 'docs(plan): progress — ours', author: ANN, edits: { [file]: edits } });

		const result = await syncRepo(ctx, { push: true });
		expect(result.rebased).toBe(true);
		expect(result.pushed).toBe(1);
		expect(result.status.conflict).toBeNull();

		const log = remoteLog(bare);
		expect(log[0].subject).toBe('docs(plan): progress — ours');
		expect(log[0].parents).toEqual([remoteHead]);
		expect(git(bare, 'rev-list', '--merges', 'main')).toBe('');
		const final = readRemoteFile(bare, file);
		expect(final).toContain('- [ ] Their new item');
		expect(final).toContain('Our new item');
		expect(final.match(/Write the parser/g)).toHaveLength(1);
		expect(final).toContain('- [x] (2026-11-02 09:00Z) Write the parser');
		expect(final).toMatch(/\*\*Tokens Spent:\*\* 22,000 tokens/);
		fsckStrict(bare);
		// The working tree follows the new HEAD.
		expect(readFileSync(path.join(dir, file), 'utf8')).toBe(final);
	});

	it('fetch merges a remote change into a file with unsaved typing and reports the change', async () => {
		const { bare, dir, ctx } = await setup();
		const other = await nativeClone(bare);
		writeFileSync(path.join(other, 'docs/plans/ship.md'), PLAN.replace('  Evidence: tests.\n', '  Evidence: tests.\n- Observation: diff3 is enough.\n  Evidence: the sync tests.\n'));
		git(other, 'commit', '-qam', 'native: surprise');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		// Unsaved typing in another section.
		await writeWorkingFile(nodeFs, 'docs/plans/ship.md', PLAN.replace('Parse plans.', 'Parse plans, fast.'), dir);

		const result = await syncRepo(ctx, { push: false });
		expect(result.pushed).toBe(0);
		const update = result.updated.find((u) => u.path === 'docs/plans/ship.md');
		expect(update?.base).toBe(PLAN);
		expect(update?.text).toContain('diff3 is enough');
		const working = readFileSync(path.join(dir, 'docs/plans/ship.md'), 'utf8');
		expect(working).toContain('Parse plans, fast.');
		expect(working).toContain('diff3 is enough');
		expect(result.status.dirty).toEqual(['docs/plans/ship.md']);
		expect(await readHeadText(nodeFs, 'docs/plans/ship.md', dir)).toBe(update?.text);
	});

	it('a real conflict keeps both versions, saves ours on waymark/<date>, and pushes the resolution', async () => {
		const { bare, dir, ctx } = await setup();
		const other = await nativeClone(bare);
		writeFileSync(path.join(other, 'docs/plans/ship.md'), PLAN.replace('Parse plans.', 'Parse plans their way.'));
		git(other, 'commit', '-qam', 'native: purpose');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		const remoteHead = git(bare, 'rev-parse', 'main');

		await writeWorkingFile(nodeFs, 'docs/plans/ship.md', PLAN.replace('Parse plans.', 'Parse plans our way.'), dir);
		const ours = await commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/plans/ship.md'], message: 'docs(plan): purpose, ours', author: ANN });
		ctx.now = () => new Date('2026-11-28T17:30:05Z');

		const result = await syncRepo(ctx, { push: true });
		const conflict = result.status.conflict;
		expect(conflict).not.toBeNull();
		expect(conflict?.local).toContain('our way');
		expect(conflict?.remote).toContain('their way');
		expect(conflict?.merged).toMatch(/<<<<<<<[\s\S]*our way[\s\S]*=======[\s\S]*their way[\s\S]*>>>>>>>/);
		expect(conflict?.savedBranch).toBe('waymark/2026-11-28-173005');
		expect(git(bare, 'rev-parse', 'waymark/2026-11-28-173005')).toBe(ours);
		expect(git(bare, 'rev-parse', 'main')).toBe(remoteHead);
		expect(result.status.ahead).toBe(1);
		// A second sync does not lose or push anything while the conflict is open.
		expect((await syncRepo(ctx, { push: true })).status.conflict?.path).toBe('docs/plans/ship.md');

		const resolved = PLAN.replace('Parse plans.', 'Parse plans both ways.');
		const after = await resolveAndSync(ctx, resolved);
		expect(after.pushed).toBe(1);
		expect(after.status.conflict).toBeNull();
		expect(readRemoteFile(bare, 'docs/plans/ship.md')).toBe(resolved);
		expect(remoteLog(bare)[0].parents).toEqual([remoteHead]);
		expect(readRemoteFile(bare, 'docs/plans/ship.md', 'waymark/2026-11-28-173005')).toContain('our way');
		expect(readFileSync(path.join(dir, 'docs/plans/ship.md'), 'utf8')).toBe(resolved);
		fsckStrict(bare);
	});
});

describe('history', () => {
	it('lists commits per file, marks unpushed ones, diffs a commit, and deepens the shallow clone', async () => {
		const { bare, dir, ctx } = await setup(4);
		await writeWorkingFile(nodeFs, 'docs/plans/ship.md', PLAN.replace('Ship it', 'Ship it now'), dir);
		const oid = await commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/plans/ship.md'], message: 'docs(plan): now', author: ANN });
		const log = await logCommits(nodeFs, { dir, path: 'docs/plans/ship.md' });
		expect(log[0]).toMatchObject({ oid, unpushed: true, message: 'docs(plan): now\n' });
		const diff = await commitDiff(nodeFs, oid, dir);
		expect(diff).toEqual([{ path: 'docs/plans/ship.md', before: PLAN, after: PLAN.replace('Ship it', 'Ship it now') }]);

		expect((await repoStatus(nodeFs, dir)).shallow).toBe(true);
		const deep = await deepenHistory({ fs: nodeFs, http: nodeHttp, dir, remote: ctx.remote });
		expect(deep.shallow).toBe(false);
		const all = await logCommits(nodeFs, { dir });
		expect(all.map((c) => c.oid)).toEqual([oid, ...git(bare, 'rev-list', 'main').split('\n')]);
	});

	it('names the saved branch by UTC time and builds forge compare links', () => {
		expect(savedBranchName(new Date('2026-01-02T03:04:05Z'))).toBe('waymark/2026-01-02-030405');
		expect(compareUrl('https://github.com/ann/plans.git', 'main', 'waymark/x')).toBe('https://github.com/ann/plans/compare/main...waymark/x');
		expect(compareUrl('https://gitlab.com/ann/plans.git', 'main', 'waymark/x')).toBe('https://gitlab.com/ann/plans/-/compare/main...waymark/x');
		expect(compareUrl('not a url', 'main', 'waymark/x')).toBeNull();
	});
});
