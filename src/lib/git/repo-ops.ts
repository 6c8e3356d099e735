/**
 * Repository operations over an injected file system and HTTP client (isomorphic-git style), so
 * the worker runs them on lightning-fs and tests can run them on node:fs.
 */
import git, { type HttpClient, type ProgressCallback } from 'isomorphic-git';
import { perfMark } from '../perf-mark';
import { cleanCommitMessage } from './clean-message';
import { exists, gitCache, mkdirp, type RepoFs } from './fs-utils';
import type { GitAuth } from './auth';
import type { CloneResult, TreeFile } from './protocol';
import { decodeFileText, readTextFile } from './text-codec';
import { isMarkdownPath } from './url';
import { commitTree, dropFreshPack, freshPack, parseTree, readFresh, UnusualTreeError, wantFreshPack } from './fresh-pack';

/** The working-tree folder inside every repo's file system. */
export const REPO_DIR = '/repo';

/** Options of {@link shallowClone}. */
export interface ShallowCloneOptions {
	fs: RepoFs;
	http: HttpClient;
	dir?: string;
	url: string;
	branch: string;
	corsProxy?: string;
	onAuth?: (url: string) => GitAuth;
	onProgress?: ProgressCallback;
	checkoutMode?: 'blobs' | 'checkout';
	/** Called between steps so a cancelled clone stops before writing files. */
	checkpoint?: () => void;
	/** Shared isomorphic-git cache object (packfile index) for the whole operation. */
	cache?: object;
}

/**
 * Clones `branch` shallow (depth 1) and single-branch without a checkout, then writes only the
 * Markdown files of HEAD's tree into the working tree; everything else stays in the object store.
 * @example await shallowClone({ fs, http, url, branch: 'main' })
 */
export async function shallowClone(opts: ShallowCloneOptions): Promise<CloneResult> {
	const dir = opts.dir ?? REPO_DIR;
	const cache = opts.cache ?? gitCache(opts.fs);
	const t0 = now();
	await mkdirp(opts.fs, dir);
	// The tree listing and the Markdown files below read the new pack from memory.
	wantFreshPack(cache);
	try {
		return await cloneInto(opts, dir, cache, t0);
	} finally {
		dropFreshPack(cache);
	}
}

async function cloneInto(opts: ShallowCloneOptions, dir: string, cache: object, t0: number): Promise<CloneResult> {
	await git.clone({
		fs: opts.fs,
		http: opts.http,
		dir,
		url: opts.url,
		ref: opts.branch,
		corsProxy: opts.corsProxy,
		singleBranch: true,
		depth: 1,
		noCheckout: true,
		noTags: true,
		onAuth: opts.onAuth,
		onProgress: opts.onProgress,
		cache
	});
	const t1 = now();
	perfMark('clone:fetched');
	opts.checkpoint?.();
	const files = await listTree(opts.fs, dir, 'HEAD', cache);
	const markdown = files.filter((f) => isMarkdownPath(f.path));
	perfMark('clone:listed');
	if (opts.checkoutMode === 'checkout') {
		await git.checkout({ fs: opts.fs, dir, ref: opts.branch, filepaths: markdown.map((f) => f.path), force: true, noUpdateHead: true, cache });
	} else {
		await writeBlobs(opts.fs, dir, markdown, cache, opts.onProgress, opts.checkpoint);
	}
	perfMark('clone:written');
	const head = await git.resolveRef({ fs: opts.fs, dir, ref: 'HEAD' });
	const t2 = now();
	return { head, files: files.length, markdown: markdown.length, timings: { fetch: t1 - t0, checkout: t2 - t1, total: t2 - t0 } };
}

/** Milliseconds from a monotonic clock. */
function now(): number {
	return globalThis.performance ? performance.now() : Date.now();
}

/** How many Markdown files a clone reads and writes at once (their database writes overlap). */
const WRITE_BATCH = 16;

/** Writes the given blobs to the working tree, reporting "Writing Markdown files" progress. */
async function writeBlobs(fs: RepoFs, dir: string, files: { path: string; oid: string }[], cache: object, onProgress?: ProgressCallback, checkpoint?: () => void): Promise<void> {
	const made = new Set<string>();
	// Folders first, one at a time (a folder is made once, before its files).
	for (const file of files) {
		const target = `${dir}/${file.path}`;
		await mkdirp(fs, target.slice(0, target.lastIndexOf('/')), made);
	}
	let loaded = 0;
	for (let i = 0; i < files.length; i += WRITE_BATCH) {
		checkpoint?.();
		// Every write of the batch settles before a failure is reported (none left running).
		const results = await Promise.allSettled(
			files.slice(i, i + WRITE_BATCH).map(async (file) => {
				const blob = (await readFresh(freshPack(cache), file.oid, 'blob')) ?? (await git.readBlob({ fs, dir, oid: file.oid, cache })).blob;
				await fs.promises.writeFile(`${dir}/${file.path}`, blob);
			})
		);
		const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
		if (failed) throw failed.reason;
		loaded = Math.min(files.length, i + WRITE_BATCH);
		await onProgress?.({ phase: 'Writing Markdown files', loaded, total: files.length });
	}
}

/** Tree listings by commit id, per isomorphic-git cache (a commit's tree never changes). */
const listings = new WeakMap<object, Map<string, { path: string; oid: string }[]>>();

/** Every file of `ref`'s tree with its blob id (submodules included, folders implied), sorted by path. */
export async function listTree(fs: RepoFs, dir: string, ref = 'HEAD', cache: object = gitCache(fs)): Promise<{ path: string; oid: string }[]> {
	const commit = await git.resolveRef({ fs, dir, ref });
	let known = listings.get(cache);
	if (!known) listings.set(cache, (known = new Map()));
	const hit = known.get(commit);
	if (hit) return hit.map((f) => ({ ...f }));
	const out: { path: string; oid: string }[] = [];
	const fresh = freshPack(cache);
	const readTree = async (oid: string) => {
		const bytes = await readFresh(fresh, oid, 'tree');
		if (bytes) {
			try {
				return parseTree(bytes);
			} catch (err) {
				if (!(err instanceof UnusualTreeError)) throw err;
				// isomorphic-git reads it: it refuses unsafe names and normalises odd modes.
			}
		}
		return (await git.readTree({ fs, dir, oid, cache })).tree;
	};
	const visit = async (oid: string, prefix: string): Promise<void> => {
		const tree = await readTree(oid);
		for (const e of tree) {
			const path = prefix ? `${prefix}/${e.path}` : e.path;
			if (e.type === 'tree') await visit(e.oid, path);
			else out.push({ path, oid: e.oid });
		}
	};
	const commitBytes = await readFresh(fresh, commit, 'commit');
	await visit(commitBytes ? commitTree(commitBytes) : (await git.readCommit({ fs, dir, oid: commit, cache })).commit.tree, '');
	out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	if (known.size >= 4) known.delete(known.keys().next().value as string);
	known.set(commit, out);
	return out.map((f) => ({ ...f }));
}

/** Paths of the files in the working tree (`.git` left out), found by walking its folders once. */
async function workingPaths(fs: RepoFs, dir: string): Promise<Set<string>> {
	const found = new Set<string>();
	const walk = async (folder: string, prefix: string): Promise<void> => {
		let names: string[];
		try {
			names = await fs.promises.readdir(folder);
		} catch {
			return; // removed while walking (a sync or a move): nothing there
		}
		for (const name of names) {
			if (!prefix && name === '.git') continue;
			const path = prefix ? `${prefix}/${name}` : name;
			let st: { isDirectory(): boolean };
			try {
				st = (await fs.promises.stat(`${folder}/${name}`)) as { isDirectory(): boolean };
			} catch {
				continue; // removed while walking
			}
			if (st.isDirectory()) await walk(`${folder}/${name}`, path);
			else found.add(path);
		}
	};
	await walk(dir, '');
	return found;
}

/** HEAD's files, each marked with whether it is in the working tree. */
export async function listRepoFiles(fs: RepoFs, dir = REPO_DIR): Promise<TreeFile[]> {
	const [files, present] = await Promise.all([listTree(fs, dir), workingPaths(fs, dir)]);
	return files.map((f) => ({ ...f, checkedOut: present.has(f.path) }));
}

/**
 * A file's text: from the working tree when it is there, else from HEAD's tree (and then written
 * to the working tree, since the person opened it).
 */
export async function readRepoFile(fs: RepoFs, path: string, dir = REPO_DIR): Promise<string> {
	const target = `${dir}/${path}`;
	if (await exists(fs, target)) return readTextFile(fs, target, path);
	const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
	const { blob } = await git.readBlob({ fs, dir, oid: head, filepath: path, cache: gitCache(fs) });
	await mkdirp(fs, target.slice(0, target.lastIndexOf('/')));
	const text = decodeFileText(blob, path); // before writing: a file that is not UTF-8 is not checked out
	await fs.promises.writeFile(target, blob);
	return text;
}

/** Options of {@link initRepo}. */
export interface InitRepoOptions {
	fs: RepoFs;
	dir?: string;
	branch: string;
	files: Record<string, string>;
	author: { name: string; email: string };
	message: string;
}

/** Creates a repo with one commit holding `files` (the in-browser demo when no server is there). */
export async function initRepo(opts: InitRepoOptions): Promise<{ head: string }> {
	const dir = opts.dir ?? REPO_DIR;
	const { fs } = opts;
	await mkdirp(fs, dir);
	await git.init({ fs, dir, defaultBranch: opts.branch });
	const made = new Set<string>();
	for (const [path, text] of Object.entries(opts.files)) {
		const target = `${dir}/${path}`;
		await mkdirp(fs, target.slice(0, target.lastIndexOf('/')), made);
		await fs.promises.writeFile(target, text, 'utf8');
		await git.add({ fs, dir, filepath: path });
	}
	const head = await git.commit({ fs, dir, message: cleanCommitMessage(opts.message), author: opts.author });
	return { head };
}
