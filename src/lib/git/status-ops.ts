/** The repo's state for the status bar: HEAD, remote head, outbox size, unsaved files, conflict. */
import git from 'isomorphic-git';
import { exists, type RepoFs } from './fs-utils';
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
export async function blobOids(fs: RepoFs, dir: string, oid: string, paths: string[], cache: object = {}): Promise<Map<string, string | null>> {
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

/** Working files whose bytes differ from HEAD (new files count as changed). */
export async function dirtyFiles(fs: RepoFs, dir = REPO_DIR, cache: object = {}): Promise<string[]> {
	const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
	const paths = await workingFiles(fs, dir);
	const atHead = await blobOids(fs, dir, head, paths, cache);
	const dirty: string[] = [];
	for (const path of paths) {
		const bytes = (await fs.promises.readFile(`${dir}/${path}`)) as Uint8Array;
		const { oid } = await git.hashBlob({ object: bytes });
		if (oid !== atHead.get(path)) dirty.push(path);
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
	const stops = new Set([remote]);
	try {
		for (const oid of await git.findMergeBase({ fs, dir, oids: [head, remote] })) stops.add(oid as string);
	} catch {
		// no common commit within the shallow history
	}
	let n = 0;
	let oid: string | undefined = head;
	try {
		while (oid && !stops.has(oid) && n < 1000) {
			const { commit } = await git.readCommit({ fs, dir, oid });
			n++;
			oid = commit.parent[0];
		}
	} catch {
		// reached the shallow boundary
	}
	return n;
}
