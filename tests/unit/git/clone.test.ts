/**
 * The repo operations the worker runs, on node:fs against the real git server: shallow clone with
 * a Markdown-only working tree, the full tree listed, lazy reads, Cancel, stall timeout, a cut
 * connection and auth — the same code the browser runs on lightning-fs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodeHttp from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOnAuth } from '../../../src/lib/git/auth';
import { AuthError, CancelledError, classifyGitError, NetworkError, TimeoutError, TooLargeError, errorFromJSON } from '../../../src/lib/git/errors';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { guardedHttp, OperationGuard, stoppedCause } from '../../../src/lib/git/guarded-http';
import { listRepoFiles, listTree, readRepoFile, shallowClone } from '../../../src/lib/git/repo-ops';
import { startGitServer, type GitServer } from '../../support/git-server';
import { createBareRepo, git } from '../../support/repos';

const FILES = {
	'README.md': '# Top\n',
	'plans/a.md': '# A\n',
	'plans/deep/b.markdown': '# B\n',
	'src/main.ts': 'export {};\n',
	'assets/logo.svg': '<svg/>\n'
};
const MARKDOWN = ['README.md', 'plans/a.md', 'plans/deep/b.markdown'];

let server: GitServer;
let authServer: GitServer;
let work: string;
const nodeFs = fs as unknown as RepoFs;

beforeAll(async () => {
	server = await startGitServer();
	authServer = await startGitServer({ auth: { username: 'ann', password: 'secret' } });
	createBareRepo(server.root, 'plans', { files: FILES }, { commits: 4 });
	createBareRepo(authServer.root, 'private', { files: FILES });
	work = mkdtempSync(path.join(os.tmpdir(), 'waymark-unit-clone-'));
});

afterAll(async () => {
	await server.stop();
	await authServer.stop();
	rmSync(work, { recursive: true, force: true });
	rmSync(server.root, { recursive: true, force: true });
	rmSync(authServer.root, { recursive: true, force: true });
});

let n = 0;
/** A fresh working directory for one clone. */
function freshDir(): string {
	return path.join(work, `clone-${++n}`);
}

describe('shallowClone', () => {
	for (const mode of ['blobs', 'checkout'] as const) {
		it(`writes only Markdown files to the working tree (${mode}) and lists HEAD's whole tree`, async () => {
			const dir = freshDir();
			const phases = new Set<string>();
			const result = await shallowClone({
				fs: nodeFs,
				http: nodeHttp,
				dir,
				url: server.repoUrl('plans'),
				branch: 'main',
				checkoutMode: mode,
				onProgress: (p) => void phases.add(p.phase)
			});
			const native = git(path.join(server.root, 'plans.git'), 'ls-tree', '-r', '--name-only', 'main').split('\n');
			expect(result).toMatchObject({ files: native.length, markdown: MARKDOWN.length, head: git(path.join(server.root, 'plans.git'), 'rev-parse', 'main') });
			expect((await listTree(nodeFs, dir)).map((f) => f.path)).toEqual(native);
			for (const p of native) expect(existsSync(path.join(dir, p)), p).toBe(MARKDOWN.includes(p));
			expect(readFileSync(path.join(dir, 'plans/a.md'), 'utf8')).toBe('# A\n');
			// Shallow: one commit deep although the branch has five.
			expect(readFileSync(path.join(dir, '.git/shallow'), 'utf8').trim().split('\n')).toHaveLength(1);
			if (mode === 'blobs') expect(phases).toContain('Writing Markdown files');
		});
	}

	it('reads a file not in the working tree from HEAD and then keeps it there', async () => {
		const dir = freshDir();
		await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: server.repoUrl('plans'), branch: 'main' });
		expect((await listRepoFiles(nodeFs, dir)).find((f) => f.path === 'src/main.ts')?.checkedOut).toBe(false);
		expect(await readRepoFile(nodeFs, 'src/main.ts', dir)).toBe('export {};\n');
		expect((await listRepoFiles(nodeFs, dir)).find((f) => f.path === 'src/main.ts')?.checkedOut).toBe(true);
	});
});

describe('guarded clone', () => {
	it('Cancel during a stalled request stops the clone with CancelledError', async () => {
		server.setFault({ kind: 'stall', on: 'upload-pack' });
		const guard = new OperationGuard(30_000);
		const clone = shallowClone({ fs: nodeFs, http: guardedHttp(nodeHttp, guard), dir: freshDir(), url: server.repoUrl('plans'), branch: 'main' });
		const outcome = clone.then(
			() => null,
			(err: unknown) => err
		);
		await expect.poll(() => server.requests.some((r) => r.method === 'POST' && r.status === 0)).toBe(true);
		guard.cancel();
		expect(await outcome).toBeInstanceOf(CancelledError);
		server.setFault(null);
	});

	it('a stalled server times out with TimeoutError', async () => {
		server.setFault({ kind: 'stall', on: 'upload-pack' });
		const guard = new OperationGuard(300);
		const err = await shallowClone({ fs: nodeFs, http: guardedHttp(nodeHttp, guard), dir: freshDir(), url: server.repoUrl('plans'), branch: 'main' }).catch((e: unknown) => e);
		server.setFault(null);
		expect(err).toBeInstanceOf(TimeoutError);
		expect((err as TimeoutError).data.waitedMs).toBe(300);
	});

	it('a download past the limit stops as "too large for the browser", and a clone within it succeeds', async () => {
		const url = server.repoUrl('plans');
		const guard = new OperationGuard(10_000, 200);
		const raw = await shallowClone({ fs: nodeFs, http: guardedHttp(nodeHttp, guard), dir: freshDir(), url, branch: 'main' }).catch((e: unknown) => e);
		// isomorphic-git may wrap the stop; the worker asks the guard why, as here.
		const err = stoppedCause(guard, raw);
		expect(err).toBeInstanceOf(TooLargeError);
		expect((err as TooLargeError).data.limitBytes).toBe(200);
		expect((err as TooLargeError).data.receivedBytes).toBeGreaterThan(200);
		expect((err as TooLargeError).message).toMatch(/^This repository is too large for the browser/);
		// It crosses the worker boundary as itself.
		expect(errorFromJSON((err as TooLargeError).toJSON())).toBeInstanceOf(TooLargeError);
		const roomy = new OperationGuard(10_000, 10 * 1024 * 1024);
		const ok = await shallowClone({ fs: nodeFs, http: guardedHttp(nodeHttp, roomy), dir: freshDir(), url, branch: 'main' });
		expect(ok.markdown).toBe(MARKDOWN.length);
		expect(roomy.received).toBeGreaterThan(200);
	});

	it('a connection cut partway is a network error, not CORS, even though the server is up', async () => {
		server.setFault({ kind: 'cut', on: 'upload-pack', afterBytes: 40, times: 1 });
		const guard = new OperationGuard(10_000);
		const url = server.repoUrl('plans');
		const raw = await shallowClone({ fs: nodeFs, http: guardedHttp(nodeHttp, guard), dir: freshDir(), url, branch: 'main' }).catch((e: unknown) => e);
		expect(raw).toBeTruthy();
		const err = await classifyGitError(raw, { url, branch: 'main', probe: async () => true });
		expect(err).toBeInstanceOf(NetworkError);
		// Retry succeeds.
		const ok = await shallowClone({ fs: nodeFs, http: guardedHttp(nodeHttp, new OperationGuard(10_000)), dir: freshDir(), url, branch: 'main' });
		expect(ok.markdown).toBe(MARKDOWN.length);
	});

	it('a protected repo fails as "token missing" without a token and clones with one', async () => {
		const url = authServer.repoUrl('private');
		const raw = await shallowClone({ fs: nodeFs, http: nodeHttp, dir: freshDir(), url, branch: 'main', onAuth: makeOnAuth(undefined) }).catch((e: unknown) => e);
		const missing = await classifyGitError(raw, { url, hadToken: false });
		expect(missing).toBeInstanceOf(AuthError);
		expect(missing.data.reason).toBe('missing');
		const wrong = await shallowClone({ fs: nodeFs, http: nodeHttp, dir: freshDir(), url, branch: 'main', onAuth: makeOnAuth('nope', 'ann') }).catch((e: unknown) => e);
		expect((await classifyGitError(wrong, { url, hadToken: true })).data).toMatchObject({ reason: 'rejected', statusCode: 401 });
		const ok = await shallowClone({ fs: nodeFs, http: nodeHttp, dir: freshDir(), url, branch: 'main', onAuth: makeOnAuth('secret', 'ann') });
		expect(ok.files).toBe(Object.keys(FILES).length);
		expect(authServer.requests.some((r) => r.user === 'ann' && r.status === 200)).toBe(true);
	});
});
