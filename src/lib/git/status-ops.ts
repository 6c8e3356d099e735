/** The repo's state for the status bar: HEAD, remote head, outbox size, unsaved files, conflict. */
import git from 'isomorphic-git';
import { exists, gitCache, type RepoFs } from './fs-utils';
import { readOutbox } from './outbox';
import type { RepoStatus } from './protocol';
import { REPO_DIR } from './repo-ops';

/** Every file under the working tree (not `.git`), as repo-relative paths. */
export async function workingFiles(fs: RepoFs, dir = REPO_DIR, sub = ''): Promise<string[]> {
	const out: string[] = [];
	const here = sub ? `${dir}/${sub}` : dir;
	for (const name of await fs.promises.readdir(here)) {
		if (!sub && name === '.git') continue;
		const rel = sub ? `${sub}/${name}` : name;
		const st = (await fs.promises.stat(`${dir}/${rel}`)) as { isDirectory(): boolean };
		if (st.isDirectory()) out.push(...(await workingFiles(fs, dir, rel)));
		else out.push(rel);
	}
	return out.sort();
}

/**
 * Blob ids of `paths` in commit `oid`'s tree (null when absent), reading each folder's tree once
 * however many of the paths share it.
 */
export async function blobOids(fs: RepoFs, dir: string, oid: string, paths: string[], cache: object = gitCache(fs)): Promise<Map<string, string | null>> {
	const trees = new Map<string, Map<string, { oid: string; type: string }>>();
	const entries = async (tree: string) => {
		let map = trees.get(tree);
		if (!map) {
			map = new Map((await git.readTree({ fs, dir, oid: tree, cache })).tree.map((e) => [e.path, { oid: e.oid, type: e.type }]));
			trees.set(tree, map);
		}
		return map;
	};
	const root = (await git.readCommit({ fs, dir, oid, cache })).commit.tree;
	const out = new Map<string, string | null>();
	for (const path of paths) {
		const parts = path.split('/');
		let tree: string | null = root;
		let found: string | null = null;
		for (let i = 0; i < parts.length && tree; i++) {
			const e = (await entries(tree)).get(parts[i]);
			if (!e) tree = null;
			else if (i === parts.length - 1) found = e.type === 'blob' ? e.oid : null;
			else tree = e.type === 'tree' ? e.oid : null;
		}
		out.set(path, found);
	}
	return out;
}

/** What a file's stat said when its blob id was computed. */
interface HashedStat {
	mtimeMs: number;
	size: number;
	oid: string;
}

/** Per file system, per path: the last hash and the stat it was taken under (git's index idea, in memory). */
const hashCache = new WeakMap<object, Map<string, HashedStat>>();
/** A file changed this recently may change again within the same millisecond: not cached ("racy git"). */
const RACY_MS = 5;

/** The blob id of a working file, reusing the last hash while its size and mtime are unchanged. */
async function workingOid(fs: RepoFs, file: string): Promise<string> {
	let cache = hashCache.get(fs);
	if (!cache) hashCache.set(fs, (cache = new Map()));
	const st = (await fs.promises.stat(file)) as { mtimeMs?: number; size?: number };
	const known = cache.get(file);
	if (known && st.mtimeMs !== undefined && known.mtimeMs === st.mtimeMs && known.size === st.size) return known.oid;
	const bytes = (await fs.promises.readFile(file)) as Uint8Array;
	const { oid } = await git.hashBlob({ object: bytes });
	if (st.mtimeMs !== undefined && st.size !== undefined && st.mtimeMs < Date.now() - RACY_MS) cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, oid });
	else cache.delete(file);
	return oid;
}

/** Working files whose bytes differ from HEAD (new files count as changed). */
export async function dirtyFiles(fs: RepoFs, dir = REPO_DIR, cache: object = gitCache(fs)): Promise<string[]> {
	const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
	const paths = await workingFiles(fs, dir);
	const atHead = await blobOids(fs, dir, head, paths, cache);
	const dirty: string[] = [];
	for (const path of paths) {
		if ((await workingOid(fs, `${dir}/${path}`)) !== atHead.get(path)) dirty.push(path);
	}
	return dirty;
}

/** The status as the UI shows it. */
export async function repoStatus(fs: RepoFs, dir = REPO_DIR): Promise<RepoStatus> {
	const outbox = await readOutbox(fs, dir);
	const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
	const branch = await git.currentBranch({ fs, dir, fullname: false });
	let remoteHead: string | null = null;
	try {
		remoteHead = branch ? await git.resolveRef({ fs, dir, ref: `refs/remotes/origin/${branch}` }) : null;
	} catch {
		remoteHead = null;
	}
	return {
		head,
		remoteHead,
		ahead: remoteHead && !outbox.conflict ? Math.max(outbox.commits.length, await countAhead(fs, dir, head, remoteHead)) : outbox.commits.length,
		dirty: await dirtyFiles(fs, dir),
		conflict: outbox.conflict?.info ?? null,
		shallow: await exists(fs, `${dir}/.git/shallow`)
	};
}

/**
 * First-parent commits from `head` back to the remote head or the merge base with it (the
 * commits waiting to be pushed); stops at a shallow boundary.
 */
async function countAhead(fs: RepoFs, dir: string, head: string, remote: string): Promise<number> {
	// The usual case first: the remote head is on HEAD's first-parent line, a few commits back.
	const direct = await firstParentsTo(fs, dir, head, new Set([remote]), 1000);
	if (direct.reached) return direct.count;
	const stops = new Set([remote]);
	try {
		for (const oid of await git.findMergeBase({ fs, dir, oids: [head, remote], cache: gitCache(fs) })) stops.add(oid as string);
	} catch {
		// no common commit within the shallow history
	}
	return (await firstParentsTo(fs, dir, head, stops, 1000)).count;
}

/** Walks first parents from `head` until a commit in `stops` (reached), a shallow boundary or `limit`. */
async function firstParentsTo(fs: RepoFs, dir: string, head: string, stops: Set<string>, limit: number): Promise<{ count: number; reached: boolean }> {
	let n = 0;
	let oid: string | undefined = head;
	try {
		while (oid && !stops.has(oid) && n < limit) {
			const { commit } = await git.readCommit({ fs, dir, oid, cache: gitCache(fs) });
			n++;
			oid = commit.parent[0];
		}
	} catch {
		// reached the shallow boundary
	}
	return { count: n, reached: oid !== undefined && stops.has(oid) };
}
