/** History: the commits that touched a file, what a commit changed, and deepening a shallow clone. */
import git, { type HttpClient } from 'isomorphic-git';
import type { GitAuth } from './auth';
import { readTextAt } from './commit-ops';
import { gitCache, type RepoFs } from './fs-utils';
import { readOutbox } from './outbox';
import type { CommitInfo, FileDiff, RemoteArgs } from './protocol';
import { REPO_DIR } from './repo-ops';
import { changedPaths } from './sync-ops';
import { exists } from './fs-utils';
import { formatPatch, patchName, type PatchFile } from './patch';
import { dirtyFiles } from './status-ops';
import { readTextFile } from './text-codec';

/** Largest file whose text a diff carries (bigger ones show as changed without text). */
const DIFF_TEXT_LIMIT = 1_000_000;

/** Commits reachable from HEAD (that touched `path`, when given), newest first, up to `limit`. */
export async function logCommits(fs: RepoFs, opts: { path?: string; limit?: number; dir?: string } = {}): Promise<CommitInfo[]> {
	const dir = opts.dir ?? REPO_DIR;
	const unpushed = new Set((await readOutbox(fs, dir)).commits.map((c) => c.oid));
	let entries;
	try {
		entries = await git.log({ fs, dir, ref: 'HEAD', depth: opts.limit ?? 200, filepath: opts.path, force: true, cache: gitCache(fs) });
	} catch (err) {
		// A file with no history inside a shallow clone's reach has no commits to show yet.
		if ((err as { code?: string }).code === 'NotFoundError') return [];
		throw err;
	}
	return entries.map((e) => ({
		oid: e.oid,
		message: e.commit.message,
		author: { name: e.commit.author.name, email: e.commit.author.email, timestamp: e.commit.author.timestamp },
		committer: { timestamp: e.commit.committer.timestamp },
		parents: e.commit.parent,
		unpushed: unpushed.has(e.oid)
	}));
}

/** The files commit `oid` changed against its first parent, with both texts. */
export async function commitDiff(fs: RepoFs, oid: string, dir = REPO_DIR): Promise<FileDiff[]> {
	const { commit } = await git.readCommit({ fs, dir, oid, cache: gitCache(fs) });
	const parent = commit.parent[0] ?? null;
	const paths = parent ? await changedPaths(fs, dir, parent, oid) : await allPaths(fs, dir, oid);
	const out: FileDiff[] = [];
	for (const path of paths) {
		const before = parent ? await readTextAt(fs, parent, path, dir) : null;
		const after = await readTextAt(fs, oid, path, dir);
		out.push({ path, before: clip(before), after: clip(after) });
	}
	return out;
}

/** Text, or null when absent or too large to show. */
function clip(text: string | null): string | null {
	return text !== null && text.length <= DIFF_TEXT_LIMIT ? text : null;
}

/** Every file path of a commit (for a root commit's diff). */
async function allPaths(fs: RepoFs, dir: string, oid: string): Promise<string[]> {
	const files = await git.listFiles({ fs, dir, ref: oid });
	return files.sort();
}

/** Fetches the branch's whole history after a shallow clone; returns whether it is still shallow. */
export async function deepenHistory(opts: { fs: RepoFs; http: HttpClient; dir?: string; remote: RemoteArgs; onAuth?: (url: string) => GitAuth }): Promise<{ shallow: boolean }> {
	const dir = opts.dir ?? REPO_DIR;
	if (!(await exists(opts.fs, `${dir}/.git/shallow`))) return { shallow: false };
	await git.fetch({
		fs: opts.fs,
		http: opts.http,
		dir,
		remote: 'origin',
		url: opts.remote.url,
		ref: `refs/remotes/origin/${opts.remote.branch}`,
		remoteRef: opts.remote.branch,
		singleBranch: true,
		tags: false,
		depth: 2147483647,
		corsProxy: opts.remote.corsProxy,
		onAuth: opts.onAuth
	});
	return { shallow: await exists(opts.fs, `${dir}/.git/shallow`) };
}

/** A tree entry (blob id and mode) at `path` in commit `oid`, or null. */
async function entryAt(fs: RepoFs, dir: string, oid: string, path: string, cache: object): Promise<{ oid: string; mode: string } | null> {
	let tree = (await git.readCommit({ fs, dir, oid, cache })).commit.tree;
	const parts = path.split('/');
	for (let i = 0; i < parts.length; i++) {
		const entries = (await git.readTree({ fs, dir, oid: tree, cache })).tree;
		const e = entries.find((x) => x.path === parts[i]);
		if (!e) return null;
		if (i === parts.length - 1) return e.type === 'blob' ? { oid: e.oid, mode: e.mode } : null;
		if (e.type !== 'tree') return null;
		tree = e.oid;
	}
	return null;
}

/** Unpushed commits as `git format-patch` files, plus the plan files they (and unsaved edits) changed. */
export async function exportUnpushed(fs: RepoFs, dir = REPO_DIR): Promise<{ patches: { name: string; text: string }[]; files: { path: string; text: string }[] }> {
	const cache = {};
	const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
	const branch = await git.currentBranch({ fs, dir, fullname: false });
	let remote: string | null = null;
	try {
		remote = branch ? await git.resolveRef({ fs, dir, ref: `refs/remotes/origin/${branch}` }) : null;
	} catch {
		remote = null;
	}
	const outbox = new Set((await readOutbox(fs, dir)).commits.map((c) => c.oid));
	const chain: string[] = [];
	let oid: string | undefined = head;
	while (oid && oid !== remote && chain.length < 1000) {
		// Without a remote, only the outbox's commits are unpushed work.
		if (!remote && !outbox.has(oid)) break;
		let parent: string | undefined;
		try {
			parent = (await git.readCommit({ fs, dir, oid, cache })).commit.parent[0];
		} catch {
			break;
		}
		if (!parent) break;
		chain.push(oid);
		oid = parent;
	}
	chain.reverse();
	const patches: { name: string; text: string }[] = [];
	const touched = new Set<string>();
	for (let i = 0; i < chain.length; i++) {
		const c = chain[i];
		const { commit } = await git.readCommit({ fs, dir, oid: c, cache });
		const parent = commit.parent[0];
		const files: PatchFile[] = [];
		for (const path of await changedPaths(fs, dir, parent, c, cache)) {
			const a = await entryAt(fs, dir, parent, path, cache);
			const b = await entryAt(fs, dir, c, path, cache);
			files.push({ path, before: await readTextAt(fs, parent, path, dir, cache), after: await readTextAt(fs, c, path, dir, cache), beforeOid: a?.oid ?? null, afterOid: b?.oid ?? null, mode: (b ?? a)?.mode ?? '100644' });
			touched.add(path);
		}
		patches.push({ name: patchName(i + 1, commit.message), text: formatPatch({ oid: c, message: commit.message, author: commit.author }, files, i + 1, chain.length) });
	}
	for (const path of await dirtyFiles(fs, dir, cache)) touched.add(path);
	const files: { path: string; text: string }[] = [];
	for (const path of [...touched].sort()) {
		const target = `${dir}/${path}`;
		if (await exists(fs, target)) files.push({ path, text: await readTextFile(fs, target, path) });
		else {
			const text = await readTextAt(fs, head, path, dir, cache);
			if (text !== null) files.push({ path, text });
		}
	}
	return { patches, files };
}
