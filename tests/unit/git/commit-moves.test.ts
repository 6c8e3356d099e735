/**
 * A commit that moves files (a version's phase documents to the archive): one commit whose diff
 * against its parent is exactly the moves plus the changed files, native `git fsck --strict`
 * clean; the working tree ends with the old files gone and the new ones there (uncommitted typing
 * in a moved file kept at its new path), empty folders removed; the outbox lists every path, so
 * a sync re-creates the move on top of a remote that moved meanwhile.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodeHttp from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitWorkingFiles, readTextAt, writeWorkingFile } from '../../../src/lib/git/commit-ops';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { readOutbox, writeOutbox } from '../../../src/lib/git/outbox';
import { initRepo, shallowClone } from '../../../src/lib/git/repo-ops';
import { repoStatus } from '../../../src/lib/git/status-ops';
import { resolveAndSync, syncRepo } from '../../../src/lib/git/sync-ops';
import { startGitServer, type GitServer } from '../../support/git-server';
import { cloneNative, createBareRepo, fsckStrict, git as nativeGit, gitAsync, readRemoteFile } from '../../support/repos';

const nodeFs = fs as unknown as RepoFs;
const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-unit-moves-'));
let server: GitServer;
beforeAll(async () => {
	server = await startGitServer();
});
afterAll(async () => {
	await server.stop();
	rmSync(work, { recursive: true, force: true });
	rmSync(server.root, { recursive: true, force: true });
});
const author = { name: 'Mover', email: 'mover@example.com', timestamp: 1_790_000_000, timezoneOffset: 0 };

async function repo(name: string, files: Record<string, string>): Promise<string> {
	const dir = path.join(work, name);
	await initRepo({ fs: nodeFs, dir, branch: 'main', files, author, message: 'init' });
	return dir;
}

describe('commitWorkingFiles with moves', () => {
	it('moves and changes files in one commit and moves the working files along', async () => {
		const dir = await repo('a', {
			'VERSION': '1.2.0\n',
			'docs/development/V1.2.0_PHASE_1.md': '# P1\n',
			'docs/development/V1.2.0_PHASE_2.md': '# P2\n',
			'docs/development/README.md': '# Dev\n',
			'docs/old/V1.0_PHASE_1.md': '# Old\n'
		});
		const head = nativeGit(dir, 'rev-parse', 'HEAD');
		// The plan is completed (working text), VERSION changes, phase 1 has uncommitted typing of its own.
		await writeWorkingFile(nodeFs, 'docs/development/V1.2.0_PHASE_2.md', '# ✅ P2\n', dir);
		await writeWorkingFile(nodeFs, 'VERSION', '1.3.0\n', dir);
		await writeWorkingFile(nodeFs, 'docs/development/V1.2.0_PHASE_1.md', '# P1 typed\n', dir);
		const to = 'docs/archive/development-history/2026-11';
		const oid = await commitWorkingFiles({
			fs: nodeFs,
			dir,
			paths: ['docs/development/V1.2.0_PHASE_2.md', 'VERSION'],
			message: 'feat(plan): complete Phase 2 — P2',
			author,
			moves: [
				{ from: 'docs/development/V1.2.0_PHASE_1.md', to: `${to}/V1.2.0_PHASE_1.md` },
				{ from: 'docs/development/V1.2.0_PHASE_2.md', to: `${to}/V1.2.0_PHASE_2.md` }
			]
		});
		expect(nativeGit(dir, 'rev-parse', 'HEAD')).toBe(oid);
		expect(nativeGit(dir, 'rev-parse', 'HEAD^')).toBe(head);
		expect(nativeGit(dir, 'show', '--no-renames', '--name-status', '--format=', 'HEAD').split('\n').sort()).toEqual(
			['M\tVERSION', 'D\tdocs/development/V1.2.0_PHASE_1.md', `A\t${to}/V1.2.0_PHASE_1.md`, 'D\tdocs/development/V1.2.0_PHASE_2.md', `A\t${to}/V1.2.0_PHASE_2.md`].sort()
		);
		// Phase 1 moved unchanged: the same blob at the new path.
		expect(nativeGit(dir, 'rev-parse', `HEAD:${to}/V1.2.0_PHASE_1.md`)).toBe(nativeGit(dir, 'rev-parse', 'HEAD^:docs/development/V1.2.0_PHASE_1.md'));
		nativeGit(dir, 'fsck', '--strict');
		// Committed: the plan's working text, phase 1 as HEAD had it.
		expect(await readTextAt(nodeFs, oid, `${to}/V1.2.0_PHASE_2.md`, dir)).toBe('# ✅ P2\n');
		expect(await readTextAt(nodeFs, oid, `${to}/V1.2.0_PHASE_1.md`, dir)).toBe('# P1\n');
		expect(await readTextAt(nodeFs, oid, 'docs/development/README.md', dir)).toBe('# Dev\n');
		// Working tree: old paths gone, new paths there, phase 1's typing kept at its new path.
		expect(existsSync(path.join(dir, 'docs/development/V1.2.0_PHASE_1.md'))).toBe(false);
		expect(existsSync(path.join(dir, 'docs/development/V1.2.0_PHASE_2.md'))).toBe(false);
		expect(existsSync(path.join(dir, 'docs/development/README.md'))).toBe(true);
		expect(readFileSync(path.join(dir, to, 'V1.2.0_PHASE_2.md'), 'utf8')).toBe('# ✅ P2\n');
		expect(readFileSync(path.join(dir, to, 'V1.2.0_PHASE_1.md'), 'utf8')).toBe('# P1 typed\n');
		const outbox = await readOutbox(nodeFs, dir);
		expect(outbox.commits.at(-1)?.paths.sort()).toEqual(['VERSION', 'docs/development/V1.2.0_PHASE_1.md', 'docs/development/V1.2.0_PHASE_2.md', `${to}/V1.2.0_PHASE_1.md`, `${to}/V1.2.0_PHASE_2.md`].sort());
	});

	it('removes a folder the move leaves empty', async () => {
		const dir = await repo('b', { 'docs/development/V2_PHASE_1.md': '# P\n', 'README.md': '# R\n' });
		await commitWorkingFiles({ fs: nodeFs, dir, paths: [], message: 'archive', author, moves: [{ from: 'docs/development/V2_PHASE_1.md', to: 'docs/archive/V2_PHASE_1.md' }] });
		expect(existsSync(path.join(dir, 'docs/development'))).toBe(false);
		expect(existsSync(path.join(dir, 'docs/archive/V2_PHASE_1.md'))).toBe(true);
		expect(nativeGit(dir, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n')).toEqual(['README.md', 'docs/archive/V2_PHASE_1.md']);
	});

	it('refuses to overwrite a file at the new path or to leave the repository, and changes nothing then', async () => {
		const dir = await repo('c', { 'a/P.md': '# P\n', 'b/P.md': '# Other\n' });
		const head = nativeGit(dir, 'rev-parse', 'HEAD');
		await expect(commitWorkingFiles({ fs: nodeFs, dir, paths: [], message: 'x', author, moves: [{ from: 'a/P.md', to: 'b/P.md' }] })).rejects.toMatchObject({ code: 'MoveError', message: 'a/P.md cannot be moved to b/P.md: a file is there already.', data: { paths: ['a/P.md', 'b/P.md'], moveProblem: 'exists' } });
		await expect(commitWorkingFiles({ fs: nodeFs, dir, paths: [], message: 'x', author, moves: [{ from: 'a/Gone.md', to: 'c/Gone.md' }] })).rejects.toMatchObject({ code: 'MoveError', data: { moveProblem: 'missing' } });
		await expect(commitWorkingFiles({ fs: nodeFs, dir, paths: [], message: 'x', author, moves: [{ from: 'a/P.md', to: '../escape/P.md' }] })).rejects.toThrow(/Not a file path/);
		await expect(commitWorkingFiles({ fs: nodeFs, dir, paths: [], message: 'x', author, moves: [{ from: 'a/P.md', to: '.git/P.md' }] })).rejects.toThrow(/Not a file path/);
		expect(nativeGit(dir, 'rev-parse', 'HEAD')).toBe(head);
		expect(existsSync(path.join(dir, 'a/P.md'))).toBe(true);
	});
});

describe('a move through sync', () => {
	it('is re-created on top of a remote that moved meanwhile: one linear commit, the move intact', async () => {
		const plan = '# V1.0 - Phase 1: Only\n\n**Status**: In Progress\n\n- [ ] Ship\n';
		const bare = createBareRepo(server.root, 'moves', { files: { 'README.md': '# R\n', VERSION: '1.0\n', 'docs/development/V1.0_PHASE_1.md': plan } });
		const dir = path.join(work, 'sync-clone');
		await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: server.repoUrl('moves'), branch: 'main' });
		// Another machine changes the README.
		const other = await cloneNative(bare, path.join(work, 'sync-native'));
		fs.writeFileSync(path.join(other, 'README.md'), '# R, edited elsewhere\n');
		nativeGit(other, 'commit', '-qam', 'native: readme');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		const remoteHead = nativeGit(bare, 'rev-parse', 'main');

		const from = 'docs/development/V1.0_PHASE_1.md';
		const to = 'docs/archive/development-history/2026-11/V1.0_PHASE_1.md';
		await writeWorkingFile(nodeFs, from, plan.replace('In Progress', 'Complete').replace('- [ ]', '- [x]'), dir);
		await writeWorkingFile(nodeFs, 'VERSION', '1.1\n', dir);
		await commitWorkingFiles({ fs: nodeFs, dir, paths: [from, 'VERSION'], message: 'feat(plan): complete Phase 1 — Only', author, moves: [{ from, to }], phase: '1' });
		const result = await syncRepo({ fs: nodeFs, http: nodeHttp, dir, remote: { url: server.repoUrl('moves'), branch: 'main' }, timeZone: 'UTC' }, { push: true });
		expect(result.rebased).toBe(true);
		expect(result.pushed).toBe(1);
		expect(nativeGit(bare, 'rev-parse', 'main^')).toBe(remoteHead);
		expect(nativeGit(bare, 'show', '--no-renames', '--name-status', '--format=', 'main').split('\n').sort()).toEqual(['M\tVERSION', `A\t${to}`, `D\t${from}`].sort());
		expect(readRemoteFile(bare, to)).toContain('**Status**: Complete');
		expect(readRemoteFile(bare, 'README.md')).toBe('# R, edited elsewhere\n');
		fsckStrict(bare);
		// The working tree: the old path stays gone, the remote's README arrived, nothing is dirty.
		expect(existsSync(path.join(dir, from))).toBe(false);
		expect(readFileSync(path.join(dir, to), 'utf8')).toContain('**Status**: Complete');
		expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# R, edited elsewhere\n');
		const status = await repoStatus(nodeFs, dir);
		expect(status.dirty).toEqual([]);
		expect(status.ahead).toBe(0);
	});

	it('merges a remote edit of the old path into the archived file: no conflict, the old path gone, the remote tick kept', async () => {
		const plan = '# V1.0 - Phase 1: Only\n\n**Status**: In Progress\n\n- [ ] Ship\n- [ ] Test\n';
		const bare = createBareRepo(server.root, 'moves-edit', { files: { 'README.md': '# R\n', VERSION: '1.0\n', 'docs/development/V1.0_PHASE_1.md': plan } });
		const dir = path.join(work, 'sync-edit-clone');
		await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: server.repoUrl('moves-edit'), branch: 'main' });
		const from = 'docs/development/V1.0_PHASE_1.md';
		const to = 'docs/archive/development-history/2026-11/V1.0_PHASE_1.md';
		// Another device ticks "Test" in the old path and pushes.
		const other = await cloneNative(bare, path.join(work, 'sync-edit-native'));
		fs.writeFileSync(path.join(other, from), plan.replace('- [ ] Test', '- [x] Test'));
		nativeGit(other, 'commit', '-qam', 'native: tick test');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		// This device completes the phase with the archive on.
		await writeWorkingFile(nodeFs, from, plan.replace('In Progress', 'Complete').replace('- [ ] Ship', '- [x] Ship'), dir);
		await commitWorkingFiles({ fs: nodeFs, dir, paths: [from], message: 'feat(plan): complete Phase 1 — Only', author, moves: [{ from, to }], phase: '1' });
		expect((await readOutbox(nodeFs, dir)).commits.at(-1)?.moves).toEqual([{ from, to }]);
		const result = await syncRepo({ fs: nodeFs, http: nodeHttp, dir, remote: { url: server.repoUrl('moves-edit'), branch: 'main' }, timeZone: 'UTC' }, { push: true });
		expect((await repoStatus(nodeFs, dir)).conflict).toBeNull();
		expect(result.pushed).toBe(1);
		expect(nativeGit(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n').sort()).toEqual(['README.md', 'VERSION', to].sort());
		expect(readRemoteFile(bare, to)).toBe('# V1.0 - Phase 1: Only\n\n**Status**: Complete\n\n- [x] Ship\n- [x] Test\n');
		fsckStrict(bare);
		expect(existsSync(path.join(dir, from))).toBe(false);
		expect(readFileSync(path.join(dir, to), 'utf8')).toBe(readRemoteFile(bare, to));
	});

	it('keeps the archived file when the remote deleted the old path', async () => {
		const plan = '# V1.0 - Phase 1: Only\n\n- [ ] Ship\n';
		const bare = createBareRepo(server.root, 'moves-del', { files: { 'README.md': '# R\n', 'docs/development/V1.0_PHASE_1.md': plan } });
		const dir = path.join(work, 'sync-del-clone');
		await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: server.repoUrl('moves-del'), branch: 'main' });
		const from = 'docs/development/V1.0_PHASE_1.md';
		const to = 'docs/archive/V1.0_PHASE_1.md';
		const other = await cloneNative(bare, path.join(work, 'sync-del-native'));
		nativeGit(other, 'rm', '-q', from);
		nativeGit(other, 'commit', '-qm', 'native: remove');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		await writeWorkingFile(nodeFs, from, plan.replace('- [ ]', '- [x]'), dir);
		await commitWorkingFiles({ fs: nodeFs, dir, paths: [from], message: 'archive', author, moves: [{ from, to }] });
		await syncRepo({ fs: nodeFs, http: nodeHttp, dir, remote: { url: server.repoUrl('moves-del'), branch: 'main' }, timeZone: 'UTC' }, { push: true });
		expect((await repoStatus(nodeFs, dir)).conflict).toBeNull();
		expect(nativeGit(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n').sort()).toEqual(['README.md', to]);
		expect(readRemoteFile(bare, to)).toBe(plan.replace('- [ ]', '- [x]'));
		fsckStrict(bare);
	});

	it('carries uncommitted typing in a file an arriving archive commit moved to its new path', async () => {
		const plan = '# V1.0 - Phase 1: Only\n\n**Status**: In Progress\n\n- [ ] Ship\n\nNotes.\n';
		const bare = createBareRepo(server.root, 'moves-typing', { files: { 'README.md': '# R\n', 'docs/development/V1.0_PHASE_1.md': plan } });
		const dir = path.join(work, 'sync-typing-clone');
		await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: server.repoUrl('moves-typing'), branch: 'main' });
		const from = 'docs/development/V1.0_PHASE_1.md';
		const to = 'docs/archive/development-history/2026-11/V1.0_PHASE_1.md';
		// Another device completes and archives the phase.
		const other = await cloneNative(bare, path.join(work, 'sync-typing-native'));
		fs.mkdirSync(path.join(other, 'docs/archive/development-history/2026-11'), { recursive: true });
		nativeGit(other, 'mv', from, to);
		fs.writeFileSync(path.join(other, to), plan.replace('In Progress', 'Complete'));
		nativeGit(other, 'commit', '-qam', 'archive');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		// This device has typing in the old path, uncommitted.
		await writeWorkingFile(nodeFs, from, plan.replace('Notes.', 'Notes, typed here.'), dir);
		const result = await syncRepo({ fs: nodeFs, http: nodeHttp, dir, remote: { url: server.repoUrl('moves-typing'), branch: 'main' }, timeZone: 'UTC' }, { push: false });
		expect(existsSync(path.join(dir, from))).toBe(false);
		expect(readFileSync(path.join(dir, to), 'utf8')).toBe(plan.replace('In Progress', 'Complete').replace('Notes.', 'Notes, typed here.'));
		expect(result.updated.find((u) => u.path === to)?.movedFrom).toBe(from);
		expect(result.status.dirty).toEqual([to]);
	});

	it('reads an outbox entry written before moves were recorded: the deleted side of the conflict is "no file", and resolving with it deletes', async () => {
		const plan = '# V1.0 - Phase 1: Only\n\n- [ ] Ship\n- [ ] Test\n';
		const bare = createBareRepo(server.root, 'moves-old', { files: { 'README.md': '# R\n', 'docs/development/V1.0_PHASE_1.md': plan } });
		const dir = path.join(work, 'sync-old-clone');
		await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: server.repoUrl('moves-old'), branch: 'main' });
		const from = 'docs/development/V1.0_PHASE_1.md';
		const to = 'docs/archive/V1.0_PHASE_1.md';
		const other = await cloneNative(bare, path.join(work, 'sync-old-native'));
		fs.writeFileSync(path.join(other, from), plan.replace('- [ ] Test', '- [x] Test'));
		nativeGit(other, 'commit', '-qam', 'native: tick');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		await commitWorkingFiles({ fs: nodeFs, dir, paths: [], message: 'archive', author, moves: [{ from, to }] });
		// As an older Waymark wrote it: no `moves`.
		const outbox = await readOutbox(nodeFs, dir);
		for (const c of outbox.commits) delete c.moves;
		await writeOutbox(nodeFs, outbox, dir);
		const ctx = { fs: nodeFs, http: nodeHttp, dir, remote: { url: server.repoUrl('moves-old'), branch: 'main' }, timeZone: 'UTC' };
		await syncRepo(ctx, { push: true });
		const conflict = (await repoStatus(nodeFs, dir)).conflict;
		expect(conflict).toMatchObject({ path: from, localDeleted: true, local: '' });
		expect(conflict?.remoteDeleted).toBeUndefined();
		await resolveAndSync(ctx, null);
		expect((await repoStatus(nodeFs, dir)).conflict).toBeNull();
		expect(nativeGit(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n').sort()).toEqual(['README.md', to]);
		fsckStrict(bare);
	});
});
