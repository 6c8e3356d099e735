/**
 * The push that sends only new objects, against the real git server (git http-backend): what it
 * packs, that native git accepts and verifies the result, how it reports a refused update, and
 * that auth and a moved remote still work through syncRepo.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodeHttp from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitWorkingFiles, writeWorkingFile } from '../../../src/lib/git/commit-ops';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { readOutbox } from '../../../src/lib/git/outbox';
import { discoverPush, newObjects, parsePktLines, proxied, pushNewObjects, type PushTransport } from '../../../src/lib/git/push-ops';
import { shallowClone } from '../../../src/lib/git/repo-ops';
import { syncRepo, type SyncContext } from '../../../src/lib/git/sync-ops';
import { makeOnAuth } from '../../../src/lib/git/auth';
import { startGitServer, type GitServer } from '../../support/git-server';
import { cloneNative, createBareRepo, fsckStrict, git, type RepoFiles } from '../../support/repos';

const nodeFs = fs as unknown as RepoFs;
const ANN = { name: 'Ann Example', email: 'ann@example.com', timestamp: 1_790_000_000, timezoneOffset: 0 };

/** 40 files in nested folders plus one plan deep down. */
function files(): RepoFiles {
	const out: RepoFiles = { 'docs/plans/deep/plan.md': '# Plan\n\n## Progress\n\n- [ ] one\n- [ ] two\n' };
	for (let i = 0; i < 40; i++) out[`src/m${i % 4}/f${i}.ts`] = `export const v${i} = ${i};\n`;
	out['docs/readme.md'] = '# Docs\n';
	return out;
}

let server: GitServer;
let authServer: GitServer;
let work: string;
let n = 0;

beforeAll(async () => {
	server = await startGitServer();
	authServer = await startGitServer({ auth: { username: 'ann', password: 's3cret', scope: 'push' } });
	work = mkdtempSync(path.join(os.tmpdir(), 'waymark-unit-push-'));
});

afterAll(async () => {
	await server.stop();
	await authServer.stop();
	for (const dir of [work, server.root, authServer.root]) rmSync(dir, { recursive: true, force: true });
});

async function setup(on: GitServer = server, token?: string): Promise<{ bare: string; dir: string; t: PushTransport; ctx: SyncContext }> {
	const name = `push-${++n}`;
	const bare = createBareRepo(on.root, name, { files: files() }, { commits: 2 });
	const dir = path.join(work, `clone-${n}`);
	const onAuth = makeOnAuth(token, 'ann');
	await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: on.repoUrl(name), branch: 'main', onAuth });
	const t: PushTransport = { fs: nodeFs, http: nodeHttp, dir, url: on.repoUrl(name), onAuth };
	const ctx: SyncContext = { fs: nodeFs, http: nodeHttp, dir, remote: { url: on.repoUrl(name), branch: 'main', token }, onAuth, timeZone: 'UTC' };
	return { bare, dir, t, ctx };
}

async function tick(dir: string, item: string): Promise<string> {
	const text = fs.readFileSync(path.join(dir, 'docs/plans/deep/plan.md'), 'utf8');
	await writeWorkingFile(nodeFs, 'docs/plans/deep/plan.md', text.replace(`- [ ] ${item}`, `- [x] ${item}`), dir);
	return commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/plans/deep/plan.md'], message: `tick ${item}`, author: ANN });
}

describe('push of new objects only', () => {
	it('packs the commit, the trees on the changed path and the changed blob — nothing else', async () => {
		const { bare, dir, t } = await setup();
		const base = git(bare, 'rev-parse', 'main');
		const head = await tick(dir, 'one');
		const oids = (await newObjects(t, head, base))!;
		const expected = [
			head,
			git(dir, 'rev-parse', `${head}^{tree}`),
			git(dir, 'rev-parse', `${head}:docs`),
			git(dir, 'rev-parse', `${head}:docs/plans`),
			git(dir, 'rev-parse', `${head}:docs/plans/deep`),
			git(dir, 'rev-parse', `${head}:docs/plans/deep/plan.md`)
		];
		expect(oids.sort()).toEqual(expected.sort());
	});

	it('pushes two commits in one request; native git verifies them and a clone is clean', async () => {
		const { bare, dir, t } = await setup();
		const base = git(bare, 'rev-parse', 'main');
		await tick(dir, 'one');
		const head = await tick(dir, 'two');
		const advert = await discoverPush(t, 'main');
		expect(advert.oid).toBe(base);
		expect(advert.capabilities.has('report-status')).toBe(true);
		const posts = server.requests.length;
		expect(await pushNewObjects(t, 'main', head, advert)).toBe(true);
		expect(server.requests.slice(posts).map((r) => `${r.method} ${r.url.split('?')[0].split('/').pop()}`)).toEqual(['POST git-receive-pack']);
		expect(git(bare, 'rev-parse', 'main')).toBe(head);
		expect(git(bare, 'rev-list', '--count', `${base}..main`)).toBe('2');
		fsckStrict(bare);
		const clone = await cloneNative(bare, path.join(work, `native-${++n}`));
		expect(git(clone, 'status', '--porcelain')).toBe('');
		expect(fs.readFileSync(path.join(clone, 'docs/plans/deep/plan.md'), 'utf8')).toContain('- [x] one\n- [x] two');
		expect(fs.readFileSync(path.join(clone, 'src/m3/f39.ts'), 'utf8')).toBe('export const v39 = 39;\n');
	});

	it('reports a stale remote head as PushRejectedError and leaves the remote unchanged', async () => {
		const { bare, dir, t } = await setup();
		const head = await tick(dir, 'one');
		const advert = await discoverPush(t, 'main');
		const other = await cloneNative(bare, path.join(work, `native-${++n}`));
		writeFileSync(path.join(other, 'README.md'), 'moved\n');
		git(other, 'add', '.');
		git(other, '-c', 'user.name=Bo', '-c', 'user.email=bo@example.com', 'commit', '-qm', 'move');
		git(other, 'push', '-q', 'origin', 'main');
		const moved = git(bare, 'rev-parse', 'main');
		const err = await pushNewObjects(t, 'main', head, advert).catch((e: unknown) => e);
		expect(err).toMatchObject({ code: 'PushRejectedError' });
		expect(git(bare, 'rev-parse', 'main')).toBe(moved);
	});

	it('reports a hook refusal as GitPushError with the reason; the commit stays in the outbox', async () => {
		const { bare, dir, ctx } = await setup();
		const hook = path.join(bare, 'hooks', 'pre-receive');
		writeFileSync(hook, '#!/bin/sh\necho "no pushes today" >&2\nexit 1\n');
		chmodSync(hook, 0o755);
		const before = git(bare, 'rev-parse', 'main');
		await tick(dir, 'one');
		await expect(syncRepo(ctx, { push: true })).rejects.toMatchObject({ code: 'GitPushError' });
		expect(git(bare, 'rev-parse', 'main')).toBe(before);
		expect((await readOutbox(nodeFs, dir)).commits).toHaveLength(1);
		rmSync(hook);
		const result = await syncRepo(ctx, { push: true });
		expect(result.pushed).toBe(1);
		expect((await readOutbox(nodeFs, dir)).commits).toHaveLength(0);
	});

	it('syncs through discovery alone when the remote did not move (no fetch), and fetches first when it did', async () => {
		const { bare, dir, ctx } = await setup();
		await tick(dir, 'one');
		let from = server.requests.length;
		expect((await syncRepo(ctx, { push: true })).pushed).toBe(1);
		const calls = () => server.requests.slice(from).map((r) => `${r.method} ${r.url.includes('upload-pack') ? 'upload' : 'receive'}`);
		expect(calls()).toEqual(['GET receive', 'POST receive']);

		const other = await cloneNative(bare, path.join(work, `native-${++n}`));
		writeFileSync(path.join(other, 'README.md'), 'moved\n');
		git(other, 'add', '.');
		git(other, '-c', 'user.name=Bo', '-c', 'user.email=bo@example.com', 'commit', '-qm', 'move');
		git(other, 'push', '-q', 'origin', 'main');
		const head = await tick(dir, 'two');
		from = server.requests.length;
		const result = await syncRepo(ctx, { push: true });
		expect(result.pushed).toBe(1);
		expect(result.rebased).toBe(true);
		expect(calls()).toContain('POST upload');
		expect(git(bare, 'rev-parse', 'main^')).toBe(git(other, 'rev-parse', 'HEAD'));
		expect(git(bare, 'rev-parse', 'main')).not.toBe(head);
		expect(git(bare, 'show', 'main:docs/plans/deep/plan.md')).toContain('- [x] one\n- [x] two');
		fsckStrict(bare);
	});

	it('sends credentials only after the server asks, and pushes with a token', async () => {
		const { bare, dir, ctx } = await setup(authServer, 's3cret');
		const head = await tick(dir, 'one');
		const from = authServer.requests.length;
		expect((await syncRepo(ctx, { push: true })).pushed).toBe(1);
		const seen = authServer.requests.slice(from);
		expect(seen.map((r) => [r.method, r.status, r.user ?? null])).toEqual([
			['GET', 401, null],
			['GET', 200, 'ann'],
			['POST', 200, 'ann']
		]);
		expect(git(bare, 'rev-parse', 'main')).toBe(head);
	});

	it('without a token on a push-protected server fails as UserCanceledError (token missing) and keeps the commit', async () => {
		const { bare, dir, ctx } = await setup(authServer);
		const before = git(bare, 'rev-parse', 'main');
		await tick(dir, 'one');
		await expect(syncRepo(ctx, { push: true })).rejects.toMatchObject({ code: 'UserCanceledError' });
		expect(git(bare, 'rev-parse', 'main')).toBe(before);
		expect((await readOutbox(nodeFs, dir)).commits).toHaveLength(1);
	});
});

describe('wire helpers', () => {
	it('reads pkt-lines with flushes between them', () => {
		const bytes = new TextEncoder().encode('000eunpack ok\n0017ok refs/heads/main\n0000');
		expect(parsePktLines(bytes)).toEqual(['unpack ok', 'ok refs/heads/main']);
	});
	it('proxies URLs the way isomorphic-git does', () => {
		expect(proxied(undefined, 'https://h/r.git')).toBe('https://h/r.git');
		expect(proxied('http://127.0.0.1:9/p', 'https://h/r.git')).toBe('http://127.0.0.1:9/p/h/r.git');
		expect(proxied('https://proxy/?', 'https://h/r.git')).toBe('https://proxy/?https://h/r.git');
	});
});
