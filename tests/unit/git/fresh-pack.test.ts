/**
 * Reading a just-downloaded pack from memory, against native git: every object the indexer
 * reads back equals `git cat-file`, tree bytes parse into what `git ls-tree` lists, and a tree
 * listing with the fresh pack needs no object on disk yet equals `git ls-tree -r`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitTree, dropFreshPack, freshPack, parseTree, UnusualTreeError, wantFreshPack } from '../../../src/lib/git/fresh-pack';
import { PackIndexer, indexPackStream } from '../../../src/lib/git/pack-index';
import { listTree } from '../../../src/lib/git/repo-ops';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { git } from '../../support/repos';

let work: string;
let repo: string;
let head: string;

/** A pack of everything reachable from HEAD, as native pack-objects writes it. */
function packOf(args: string[]): Uint8Array {
	return new Uint8Array(execFileSync('git', ['pack-objects', '--revs', '-q', '--stdout', ...args], { cwd: repo, input: `${head}\n`, maxBuffer: 64 * 1024 * 1024 }));
}

async function readerOf(pack: Uint8Array): Promise<PackIndexer> {
	async function* once() {
		yield pack;
	}
	const { reader } = await indexPackStream(once());
	if (!reader) throw new Error('no reader');
	return reader as PackIndexer;
}

beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-fresh-pack-'));
	repo = path.join(work, 'repo');
	fs.mkdirSync(repo);
	git(repo, 'init', '-q');
	const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i} of a plan`).join('\n');
	for (let c = 0; c < 4; c++) {
		for (let f = 0; f < 6; f++) {
			fs.mkdirSync(path.join(repo, `docs/part ${f % 3}/deeper`), { recursive: true });
			fs.writeFileSync(path.join(repo, `docs/part ${f % 3}/plan-${f}.md`), `${lines(40 + c, 'p')}\n- [ ] step ${c}\n`);
			fs.writeFileSync(path.join(repo, `docs/part ${f % 3}/deeper/é ${f}.txt`), `${lines(10, `d${c}`)}\n`);
		}
		fs.writeFileSync(path.join(repo, 'run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
		if (c === 0) fs.symlinkSync('run.sh', path.join(repo, 'link'));
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', `commit ${c}`);
	}
	// A submodule entry (mode 160000) in the last commit's tree.
	git(repo, 'update-index', '--add', '--cacheinfo', `160000,${git(repo, 'rev-parse', 'HEAD').trim()},vendor/sub`);
	git(repo, 'commit', '-q', '-m', 'submodule');
	head = git(repo, 'rev-parse', 'HEAD').trim();
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('PackIndexer.read', () => {
	it.each([
		['offset deltas', ['--delta-base-offset']],
		['ref deltas', []]
	])('reads back every object of a pack with %s exactly as git cat-file does', async (_, args) => {
		const reader = await readerOf(packOf(args));
		const objects = git(repo, 'rev-list', '--objects', head).trim().split('\n').map((l) => l.slice(0, 40));
		const unique = [...new Set(objects)];
		expect(unique.length).toBeGreaterThan(40);
		for (const oid of unique) {
			const type = git(repo, 'cat-file', '-t', oid).trim();
			const got = await reader.read(oid);
			expect(got?.type, oid).toBe(type);
			const want = execFileSync('git', ['cat-file', type, oid], { cwd: repo });
			expect(Buffer.from(got?.data ?? []).equals(want), `${type} ${oid}`).toBe(true);
		}
		expect(await reader.read('0'.repeat(40))).toBeNull();
	});

	it('refuses to read before the pack is finished', async () => {
		const indexer = new PackIndexer();
		await expect(indexer.read(head)).rejects.toThrow(/before finish/);
	});
});

describe('parseTree and commitTree', () => {
	it('parse tree and commit bytes into what git ls-tree and rev-parse say', async () => {
		const reader = await readerOf(packOf(['--delta-base-offset']));
		const trees = git(repo, 'rev-list', '--objects', head)
			.trim()
			.split('\n')
			.map((l) => l.slice(0, 40))
			.filter((oid) => git(repo, 'cat-file', '-t', oid).trim() === 'tree');
		expect(trees.length).toBeGreaterThan(5);
		for (const oid of trees) {
			const bytes = (await reader.read(oid))?.data as Uint8Array;
			const want = execFileSync('git', ['ls-tree', '-z', oid], { cwd: repo, encoding: 'utf8' })
				.split('\0')
				.filter(Boolean)
				.map((l) => {
					const [meta, name] = [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)];
					const [mode, type, id] = meta.split(' ');
					return { mode, path: name, oid: id, type };
				});
			expect(parseTree(bytes)).toEqual(want);
		}
		const commit = (await reader.read(head))?.data as Uint8Array;
		expect(commitTree(commit)).toBe(git(repo, 'rev-parse', `${head}^{tree}`).trim());
		expect(() => parseTree(new TextEncoder().encode('100644 broken'))).toThrow(/malformed/);
		expect(() => commitTree(new TextEncoder().encode('parent x\n'))).toThrow(/malformed/);
	});
});

/** Tree bytes from entries given as mode, name and a 20-byte id. */
function treeBytes(entries: [string, string][]): Uint8Array {
	const parts: Buffer[] = [];
	for (const [mode, name] of entries) parts.push(Buffer.from(`${mode} ${name}\0`, 'utf8'), Buffer.alloc(20, 7));
	return new Uint8Array(Buffer.concat(parts));
}

describe('parseTree on names and modes it leaves to isomorphic-git', () => {
	it.each([
		['..', '40000'],
		['.', '40000'],
		['.git', '40000'],
		['.GIT. ', '40000'],
		['git~1', '40000'],
		['.git::$INDEX_ALLOCATION', '40000'],
		['a\\b.md', '100644'],
		['\uFEFF.git', '40000'],
		['\uFEFFplan.md', '100644'],
		['x\u200Cy.md', '100644'],
		['weird', '40755'],
		['odd', 'constructor'],
		['', '100644']
	])('%j (mode %s) is not read here', (name, mode) => {
		expect(() => parseTree(treeBytes([['100644', 'ok.md'], [mode, name]]))).toThrow(UnusualTreeError);
	});

	it('reads plain names exactly, spaces and accents kept, symlinks and submodules typed', () => {
		const entries = parseTree(treeBytes([['100644', 'a b.md'], ['100755', 'run.sh'], ['120000', 'link'], ['160000', 'sub'], ['40000', 'é dir'], ['100644', '..md'], ['100644', '.gitignore']]));
		expect(entries.map((e) => [e.mode, e.path, e.type])).toEqual([
			['100644', 'a b.md', 'blob'],
			['100755', 'run.sh', 'blob'],
			['120000', 'link', 'blob'],
			['160000', 'sub', 'commit'],
			['040000', 'é dir', 'tree'],
			['100644', '..md', 'blob'],
			['100644', '.gitignore', 'blob']
		]);
	});

	it('a tree with an unsafe name fails the listing as isomorphic-git does, fresh pack or not', async () => {
		const bad = path.join(work, 'bad');
		fs.mkdirSync(bad);
		git(bad, 'init', '-q');
		const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: bad, input: '# plan\n', encoding: 'utf8' }).trim();
		const inner = execFileSync('git', ['mktree'], { cwd: bad, input: `100644 blob ${blob}\tplan.md\n`, encoding: 'utf8' }).trim();
		const raw = Buffer.concat([Buffer.from('40000 .git\0'), Buffer.from(inner, 'hex'), Buffer.from('100644 ok.md\0'), Buffer.from(blob, 'hex')]);
		const root = execFileSync('git', ['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'], { cwd: bad, input: raw, encoding: 'utf8' }).trim();
		const commit = execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@t', 'commit-tree', root, '-m', 'bad'], { cwd: bad, encoding: 'utf8' }).trim();
		git(bad, 'update-ref', 'refs/heads/main', commit);
		git(bad, 'symbolic-ref', 'HEAD', 'refs/heads/main');
		const pack = new Uint8Array(execFileSync('git', ['pack-objects', '--revs', '-q', '--stdout'], { cwd: bad, input: `${commit}\n` }));
		const cache = {};
		wantFreshPack(cache);
		(cache as Record<symbol, unknown>)[Symbol.for('waymark.freshPack')] = await readerOf(pack);
		await expect(listTree(fs as unknown as RepoFs, bad, 'HEAD', cache)).rejects.toThrow(/unsafe/i);
		await expect(listTree(fs as unknown as RepoFs, bad, 'HEAD', {})).rejects.toThrow(/unsafe/i);
	});
});

describe('listTree with a fresh pack', () => {
	it('lists HEAD from the pack in memory alone (no object on disk) exactly as git ls-tree -r', async () => {
		const clone = path.join(work, 'clone');
		execFileSync('git', ['clone', '-q', repo, clone]);
		// Only refs stay on disk: an object read from disk would fail.
		fs.rmSync(path.join(clone, '.git/objects'), { recursive: true, force: true });
		fs.mkdirSync(path.join(clone, '.git/objects/pack'), { recursive: true });
		const cache = {};
		wantFreshPack(cache);
		(cache as Record<symbol, unknown>)[Symbol.for('waymark.freshPack')] = await readerOf(packOf(['--delta-base-offset']));
		expect(freshPack(cache)).not.toBeNull();
		const listed = await listTree(fs as unknown as RepoFs, clone, 'HEAD', cache);
		const want = git(repo, 'ls-tree', '-r', '-z', head)
			.split('\0')
			.filter(Boolean)
			.map((l) => ({ path: l.slice(l.indexOf('\t') + 1), oid: l.split(' ')[2].slice(0, 40) }))
			.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		expect(listed).toEqual(want);
		dropFreshPack(cache);
		expect(freshPack(cache)).toBeNull();
		// Without it the same listing has nothing to read from.
		await expect(listTree(fs as unknown as RepoFs, clone, 'HEAD', {})).rejects.toThrow();
	});
});
