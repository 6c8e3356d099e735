/**
 * isomorphic-git's `_fetch` as the worker build edits it (scripts/vite-git-speed-plugin.js), run
 * in Node against the real git server: asked for, the fetch keeps the new pack readable in memory
 * (Waymark's indexer) and hands isomorphic-git's pack cache the pack it already checked, so reads
 * after the clone need neither the `.pack` file nor another pass over it. Not asked, it keeps nothing.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import nodeHttp from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGitSpeedEditsInNode } from '../../../scripts/vite-git-speed-plugin.js';
import * as packIndex from '../../../src/lib/git/pack-index';
import { dropFreshPack, freshPack, wantFreshPack } from '../../../src/lib/git/fresh-pack';
import { startGitServer, type GitServer } from '../../support/git-server';
import { createBareRepo, git as nativeGit } from '../../support/repos';

type IsoGit = typeof import('isomorphic-git');

let server: GitServer;
let work: string;
let git: IsoGit;

beforeAll(async () => {
	// The edited CommonJS build takes the indexer from a global (Node cannot require TypeScript here).
	(globalThis as Record<string, unknown>).__waymarkPackIndex = packIndex;
	applyGitSpeedEditsInNode(Module as unknown as Parameters<typeof applyGitSpeedEditsInNode>[0], () => 'globalThis.__waymarkPackIndex');
	git = createRequire(import.meta.url)('isomorphic-git') as IsoGit;
	server = await startGitServer();
	createBareRepo(server.root, 'speed', { files: { 'README.md': '# Speed\n', 'docs/plan.md': '# Plan\n\n- [ ] one\n', 'src/a.ts': 'export {};\n' } }, { commits: 3 });
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-speed-fetch-'));
});

afterAll(async () => {
	await server.stop();
	fs.rmSync(work, { recursive: true, force: true });
	fs.rmSync(server.root, { recursive: true, force: true });
});

async function clone(dir: string, cache: object): Promise<void> {
	await git.clone({ fs, http: nodeHttp, dir, url: server.repoUrl('speed'), ref: 'main', singleBranch: true, depth: 1, noCheckout: true, noTags: true, cache });
}

describe('the edited _fetch', () => {
	it('asked for, keeps the pack readable in memory and in isomorphic-git’s cache', async () => {
		const dir = path.join(work, 'wanted');
		const cache = {};
		wantFreshPack(cache);
		await clone(dir, cache);
		const fresh = freshPack(cache);
		expect(fresh).not.toBeNull();
		const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
		expect(head).toBe(nativeGit(path.join(server.root, 'speed.git'), 'rev-parse', 'main').trim());
		expect((await fresh?.read(head))?.type).toBe('commit');
		// With the .pack file gone from disk, isomorphic-git still reads from the pack it was handed.
		const packDir = path.join(dir, '.git/objects/pack');
		for (const f of fs.readdirSync(packDir)) if (f.endsWith('.pack')) fs.rmSync(path.join(packDir, f));
		const { blob } = await git.readBlob({ fs, dir, oid: head, filepath: 'docs/plan.md', cache });
		expect(new TextDecoder().decode(blob)).toBe('# Plan\n\n- [ ] one\n');
		dropFreshPack(cache);
		expect(freshPack(cache)).toBeNull();
	});

	it('not asked, keeps nothing: reads go to the files it wrote', async () => {
		const dir = path.join(work, 'plain');
		const cache = {};
		await clone(dir, cache);
		expect(freshPack(cache)).toBeNull();
		const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
		const { blob } = await git.readBlob({ fs, dir, oid: head, filepath: 'README.md', cache });
		expect(new TextDecoder().decode(blob)).toBe('# Speed\n');
		// The .idx written is the one native git makes of the same pack.
		const packDir = path.join(dir, '.git/objects/pack');
		const pack = fs.readdirSync(packDir).find((f) => f.endsWith('.pack')) as string;
		const copy = path.join(work, 'copy.pack');
		fs.copyFileSync(path.join(packDir, pack), copy);
		nativeGit(work, 'index-pack', '-o', path.join(work, 'copy.idx'), copy);
		expect(fs.readFileSync(path.join(packDir, pack.replace(/\.pack$/, '.idx'))).equals(fs.readFileSync(path.join(work, 'copy.idx')))).toBe(true);
	});
});
