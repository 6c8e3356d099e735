/**
 * Sync without losing anything (DESIGN §4): fetch, then bring the remote's commits in — a
 * fast-forward when nothing is local, else the outbox commits re-created one by one on top of
 * the remote head (panel edits replayed, typing merged three-way), keeping history linear and a
 * phase completion one commit. A real conflict stops the sync with both versions kept and the
 * local commits pushed to `waymark/<date>`; the outbox is only emptied by a successful push.
 */
import git, { type HttpClient, type ProgressCallback } from 'isomorphic-git';
import { rebaseText } from '../plan/rebase';
import type { GitAuth } from './auth';
import { commitTexts, currentBranch, readBytesAt, readTextAt, readUtf8At, setBranch } from './commit-ops';
import { exists, gitCache, mkdirp, type RepoFs } from './fs-utils';
import { readOutbox, writeOutbox, type OpenConflict, type Outbox, type OutboxCommit } from './outbox';
import type { ConflictInfo, RemoteArgs, SyncResult } from './protocol';
import { discoverPush, pushNewObjects, type PushTransport } from './push-ops';
import { REPO_DIR } from './repo-ops';
import { repoStatus } from './status-ops';
import { decodeFileText, isUtf8 } from './text-codec';
import { isMarkdownPath } from './url';

/** Everything a sync needs: the repo, the transport and the remote. */
export interface SyncContext {
	fs: RepoFs;
	http: HttpClient;
	dir?: string;
	remote: RemoteArgs;
	onAuth?: (url: string) => GitAuth;
	onProgress?: ProgressCallback;
	/** Time zone for timestamps a replayed panel edit writes. */
	timeZone: string;
	cache?: object;
	/** Clock (tests pin it). */
	now?: () => Date;
}

type Updated = SyncResult['updated'];

/** Fetches the branch; returns the remote head (null when the remote has no such branch). */
export async function fetchBranch(ctx: SyncContext): Promise<string | null> {
	const dir = ctx.dir ?? REPO_DIR;
	await git.fetch({
		fs: ctx.fs,
		http: ctx.http,
		dir,
		remote: 'origin',
		url: ctx.remote.url,
		// `ref` picks what we tell the server we have: the remote-tracking head it knows, never a
		// local commit it has not seen (that made it resend the whole history on every sync).
		ref: `refs/remotes/origin/${ctx.remote.branch}`,
		remoteRef: ctx.remote.branch,
		singleBranch: true,
		tags: false,
		corsProxy: ctx.remote.corsProxy,
		onAuth: ctx.onAuth,
		onProgress: ctx.onProgress,
		cache: ctx.cache
	});
	return remoteHead(ctx.fs, ctx.remote.branch, dir);
}

/** The remote-tracking head of `branch`, or null. */
export async function remoteHead(fs: RepoFs, branch: string, dir = REPO_DIR): Promise<string | null> {
	try {
		return await git.resolveRef({ fs, dir, ref: `refs/remotes/origin/${branch}` });
	} catch {
		return null;
	}
}

/** Whether `ancestor` is reachable from `oid` (false at a shallow boundary). */
async function descends(fs: RepoFs, dir: string, oid: string, ancestor: string, cache: object): Promise<boolean> {
	if (oid === ancestor) return true;
	try {
		return await git.isDescendent({ fs, dir, oid, ancestor, depth: -1, cache });
	} catch {
		return false;
	}
}

/** Result of re-creating commits on a new base. */
type Replay = { ok: true; head: string; done: OutboxCommit[] } | { ok: false; index: number; done: OutboxCommit[]; head: string; conflict: Omit<ConflictInfo, 'savedBranch' | 'compareUrl'> };

/**
 * Re-creates `commits` (oldest first) on top of `onto`, file by file; `override` gives the
 * person's resolution for one commit's file (null: delete it). Stops at the first real conflict.
 * A recorded move is merged as one file: base = `from` before the commit, local = `to` in it,
 * remote = `from` on the new parent; the result goes to `to` and `from` is deleted (a remote that
 * deleted `from` already keeps the local `to`).
 */
export async function replayCommits(ctx: SyncContext, commits: OutboxCommit[], onto: string, start = 0, done: OutboxCommit[] = [], override?: { index: number; path: string; text: string | null }): Promise<Replay> {
	const dir = ctx.dir ?? REPO_DIR;
	const cache = ctx.cache ?? gitCache(ctx.fs);
	let parent = onto;
	const made = [...done];
	for (let i = start; i < commits.length; i++) {
		const c = commits[i];
		const original = await git.readCommit({ fs: ctx.fs, dir, oid: c.oid, cache });
		const origParent = original.commit.parent[0];
		const files = new Map<string, string | null>();
		const moves = c.moves ?? [];
		const moved = new Set(moves.flatMap((m) => [m.from, m.to]));
		for (const m of moves) {
			const base = origParent ? await readUtf8At(ctx.fs, origParent, m.from, dir, cache) : null;
			const local = await readUtf8At(ctx.fs, c.oid, m.to, dir, cache);
			const remote = await readUtf8At(ctx.fs, parent, m.from, dir, cache);
			files.set(m.from, null);
			if (override && override.index === i && override.path === m.to) {
				files.set(m.to, override.text);
				continue;
			}
			if (remote === null || local === null) {
				files.set(m.to, local); // the remote deleted `from` already: the local move stands
				continue;
			}
			const merged = mergeFile(base, local, remote, c.edits[m.from] ?? c.edits[m.to], ctx.timeZone);
			if (!merged.ok) {
				return { ok: false, index: i, done: made, head: parent, conflict: { path: m.to, base: base ?? '', local, remote, merged: merged.merged, message: c.message } };
			}
			files.set(m.to, merged.text);
		}
		for (const path of c.paths) {
			if (moved.has(path)) continue;
			const base = origParent ? await readUtf8At(ctx.fs, origParent, path, dir, cache) : null;
			const local = await readUtf8At(ctx.fs, c.oid, path, dir, cache);
			const remote = await readUtf8At(ctx.fs, parent, path, dir, cache);
			if (override && override.index === i && override.path === path) {
				files.set(path, override.text);
				continue;
			}
			const merged = mergeFile(base, local, remote, c.edits[path], ctx.timeZone);
			if (!merged.ok) {
				const conflict = { path, base: base ?? '', local: local ?? '', remote: remote ?? '', merged: merged.merged, message: c.message, ...(local === null ? { localDeleted: true } : {}), ...(remote === null ? { remoteDeleted: true } : {}) };
				return { ok: false, index: i, done: made, head: parent, conflict };
			}
			files.set(path, merged.text);
		}
		const oid = await commitTexts({ fs: ctx.fs, dir, parent, files, message: c.message, author: c.author, committer: { name: c.author.name, email: c.author.email }, cache });
		// A commit whose change the remote already holds is dropped rather than made empty.
		if (oid === null) continue;
		made.push({ ...c, oid });
		parent = oid;
	}
	return { ok: true, head: parent, done: made };
}

/** Merges one file's three versions; null means "absent" on that side. */
function mergeFile(base: string | null, local: string | null, remote: string | null, edits: OutboxCommit['edits'][string] | undefined, timeZone: string): { ok: true; text: string | null } | { ok: false; merged: string } {
	if (local === remote) return { ok: true, text: local };
	if (local === base) return { ok: true, text: remote };
	if (remote === base) return { ok: true, text: local };
	if (local === null || remote === null) return { ok: false, merged: local ?? remote ?? '' };
	const r = rebaseText({ base: base ?? '', local, remote, edits, timeZone });
	return r.ok ? { ok: true, text: r.text } : { ok: false, merged: r.merged };
}

/** Paths (files) whose blob differs between two commits' trees; unchanged subtrees are skipped. */
export async function changedPaths(fs: RepoFs, dir: string, a: string, b: string, cache: object = gitCache(fs)): Promise<string[]> {
	const ta = (await git.readCommit({ fs, dir, oid: a, cache })).commit.tree;
	const tb = (await git.readCommit({ fs, dir, oid: b, cache })).commit.tree;
	const out: string[] = [];
	await diffTrees(fs, dir, ta, tb, '', out, cache);
	return out.sort();
}

/** Collects the file paths under two trees whose ids differ. */
async function diffTrees(fs: RepoFs, dir: string, a: string | null, b: string | null, prefix: string, out: string[], cache: object): Promise<void> {
	if (a === b) return;
	const ea = a ? (await git.readTree({ fs, dir, oid: a, cache })).tree : [];
	const eb = b ? (await git.readTree({ fs, dir, oid: b, cache })).tree : [];
	const names = new Set([...ea.map((e) => e.path), ...eb.map((e) => e.path)]);
	for (const name of names) {
		const x = ea.find((e) => e.path === name);
		const y = eb.find((e) => e.path === name);
		if (x?.oid === y?.oid && x?.type === y?.type) continue;
		const path = prefix + name;
		const xTree = x?.type === 'tree' ? x.oid : null;
		const yTree = y?.type === 'tree' ? y.oid : null;
		if (xTree || yTree) await diffTrees(fs, dir, xTree, yTree, `${path}/`, out, cache);
		if ((x && x.type !== 'tree') || (y && y.type !== 'tree')) out.push(path);
	}
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
	if (a === null || b === null) return a === b;
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Moves the working tree from `oldHead` to `newHead`: for each changed Markdown file that is
 * checked out (or new), a clean working file takes the new text; a working file with unsaved
 * changes is merged three-way; one that cannot be merged is left alone and reported.
 */
export async function updateWorkingTree(ctx: SyncContext, oldHead: string, newHead: string): Promise<{ updated: Updated; unmerged: string[] }> {
	const dir = ctx.dir ?? REPO_DIR;
	const cache = ctx.cache ?? gitCache(ctx.fs);
	const updated: Updated = [];
	const unmerged: string[] = [];
	const changed = await changedPaths(ctx.fs, dir, oldHead, newHead, cache);
	const carried = await carryMovedDrafts(ctx, dir, oldHead, newHead, changed, updated, cache);
	for (const path of changed) {
		if (!isMarkdownPath(path) || carried.has(path)) continue;
		const target = `${dir}/${path}`;
		const present = await exists(ctx.fs, target);
		const beforeBytes = await readBytesAt(ctx.fs, oldHead, path, dir, cache);
		if (!present && beforeBytes !== null) continue; // never checked out: stays in the object store
		const afterBytes = await readBytesAt(ctx.fs, newHead, path, dir, cache);
		const workingBytes = present ? ((await ctx.fs.promises.readFile(target)) as Uint8Array) : null;
		if (![beforeBytes, afterBytes, workingBytes].every((b) => b === null || isUtf8(b))) {
			// Not UTF-8 text (Waymark never opens such a file): moved byte for byte when it was clean.
			if (!sameBytes(workingBytes, beforeBytes) && !sameBytes(workingBytes, afterBytes)) unmerged.push(path);
			else if (afterBytes === null) await ctx.fs.promises.unlink(target);
			else if (!sameBytes(workingBytes, afterBytes)) {
				await mkdirp(ctx.fs, target.slice(0, target.lastIndexOf('/')));
				await ctx.fs.promises.writeFile(target, afterBytes);
			}
			continue;
		}
		const before = beforeBytes && decodeFileText(beforeBytes, path);
		const after = afterBytes && decodeFileText(afterBytes, path);
		const working = workingBytes && decodeFileText(workingBytes, path);
		let next: string | null;
		if (working === before || working === after) next = after;
		else {
			const merged = mergeFile(before, working, after, undefined, ctx.timeZone);
			if (!merged.ok) {
				unmerged.push(path);
				continue;
			}
			next = merged.text;
		}
		if (next === null) {
			if (present) await ctx.fs.promises.unlink(target);
		} else if (next !== working) {
			await mkdirp(ctx.fs, target.slice(0, target.lastIndexOf('/')));
			await ctx.fs.promises.writeFile(target, next, 'utf8');
		}
		if (after !== null) updated.push({ path, base: before, text: after, head: newHead });
	}
	return { updated, unmerged };
}

/**
 * A commit that arrived moved a file this device has uncommitted typing in (a version archived
 * elsewhere: the old path deleted, a file of the same name added): the typing is merged into the
 * new path's text and the old working file removed, so the next commit does not re-add the old
 * path. Each carried move is reported in `updated` with `movedFrom`; returns the paths handled.
 */
async function carryMovedDrafts(ctx: SyncContext, dir: string, oldHead: string, newHead: string, changed: string[], updated: Updated, cache: object): Promise<Set<string>> {
	const handled = new Set<string>();
	const added: string[] = [];
	const deleted: string[] = [];
	for (const path of changed) {
		if (!isMarkdownPath(path)) continue;
		const inOld = (await readTextAt(ctx.fs, oldHead, path, dir, cache)) !== null;
		const inNew = (await readTextAt(ctx.fs, newHead, path, dir, cache)) !== null;
		if (inOld && !inNew) deleted.push(path);
		else if (!inOld && inNew) added.push(path);
	}
	const name = (p: string) => p.slice(p.lastIndexOf('/') + 1);
	for (const from of deleted) {
		const targets = added.filter((p) => name(p) === name(from));
		if (targets.length !== 1) continue;
		const to = targets[0];
		const source = `${dir}/${from}`;
		if (!(await exists(ctx.fs, source)) || (await exists(ctx.fs, `${dir}/${to}`))) continue;
		const workingBytes = (await ctx.fs.promises.readFile(source)) as Uint8Array;
		// Not UTF-8: never opened here, so nothing typed to carry; the plain update moves its bytes.
		if (!isUtf8(workingBytes)) continue;
		const before = await readTextAt(ctx.fs, oldHead, from, dir, cache);
		const after = (await readTextAt(ctx.fs, newHead, to, dir, cache)) ?? '';
		const working = decodeFileText(workingBytes, from);
		if (working === before) continue; // nothing typed: the plain update removes it
		const merged = mergeFile(before, working, after, undefined, ctx.timeZone);
		if (!merged.ok || merged.text === null) continue;
		const target = `${dir}/${to}`;
		await mkdirp(ctx.fs, target.slice(0, target.lastIndexOf('/')));
		await ctx.fs.promises.writeFile(target, merged.text, 'utf8');
		await ctx.fs.promises.unlink(source);
		let folder = source.slice(0, source.lastIndexOf('/'));
		while (folder.length > dir.length && (await ctx.fs.promises.readdir(folder)).length === 0) {
			await ctx.fs.promises.rmdir(folder);
			folder = folder.slice(0, folder.lastIndexOf('/'));
		}
		handled.add(from).add(to);
		updated.push({ path: to, base: before, text: after, head: newHead, movedFrom: from });
	}
	return handled;
}

/** `waymark/2026-11-28-1716` for the given time (UTC). */
export function savedBranchName(now: Date): string {
	const iso = now.toISOString();
	return `waymark/${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** A page comparing `saved` with `branch` on common forges, or null for unknown hosts. */
export function compareUrl(remoteUrl: string, branch: string, saved: string): string | null {
	try {
		const url = new URL(remoteUrl);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
		const base = `${url.origin}${url.pathname.replace(/\.git\/?$/, '').replace(/\/$/, '')}`;
		if (url.hostname === 'gitlab.com') return `${base}/-/compare/${branch}...${saved}`;
		return `${base}/compare/${branch}...${saved}`;
	} catch {
		return null;
	}
}

/** Pushes `oid` as a new remote branch `name` (the local side of a conflict, kept safe). */
async function pushSaved(ctx: SyncContext, name: string, oid: string): Promise<void> {
	const dir = ctx.dir ?? REPO_DIR;
	await git.writeRef({ fs: ctx.fs, dir, ref: `refs/heads/${name}`, value: oid, force: true });
	await git.push({ fs: ctx.fs, http: ctx.http, dir, remote: 'origin', url: ctx.remote.url, ref: name, remoteRef: name, corsProxy: ctx.remote.corsProxy, onAuth: ctx.onAuth, onProgress: ctx.onProgress, cache: ctx.cache });
}

/**
 * The local commits not on the remote, oldest first: the outbox when it ends at HEAD (the normal
 * case), else the first-parent chain from HEAD back to the old remote head, rebuilt as records.
 */
async function localCommits(ctx: SyncContext, outbox: Outbox, head: string, stopAt: string | null, newRemote: string): Promise<OutboxCommit[]> {
	const dir = ctx.dir ?? REPO_DIR;
	const last = outbox.commits[outbox.commits.length - 1];
	if (last?.oid === head) return outbox.commits;
	const known = new Map(outbox.commits.map((c) => [c.oid, c]));
	const chain: OutboxCommit[] = [];
	const bases = new Set<string>(stopAt ? [stopAt] : []);
	try {
		for (const oid of await git.findMergeBase({ fs: ctx.fs, dir, oids: [head, newRemote], cache: ctx.cache })) bases.add(oid as string);
	} catch {
		// shallow history without a common commit: the old remote head is the boundary
	}
	let oid: string | undefined = head;
	while (oid && !bases.has(oid) && chain.length < 1000) {
		const { commit } = await git.readCommit({ fs: ctx.fs, dir, oid, cache: ctx.cache });
		const parent: string | undefined = commit.parent[0];
		const paths = parent ? await changedPaths(ctx.fs, dir, parent, oid, ctx.cache) : [];
		chain.push(known.get(oid) ?? { oid, message: commit.message, author: commit.author, paths, edits: {} });
		oid = parent;
	}
	return chain.reverse();
}

/**
 * Brings the fetched remote head in: fast-forward, nothing to do, or local commits re-created on
 * top of it. On a real conflict the local head is pushed to `waymark/<date>` (when possible) and
 * the conflict is recorded in the outbox; the branch is left where it was.
 */
export async function integrate(ctx: SyncContext, outbox: Outbox, oldRemote: string | null, newRemote: string | null): Promise<{ rebased: boolean; updated: Updated; conflict: ConflictInfo | null }> {
	const dir = ctx.dir ?? REPO_DIR;
	const cache = (ctx.cache ??= gitCache(ctx.fs));
	const head = await git.resolveRef({ fs: ctx.fs, dir, ref: 'HEAD' });
	const branch = await currentBranch(ctx.fs, dir);
	if (!newRemote || head === newRemote) {
		if (newRemote) outbox.commits = [];
		return { rebased: false, updated: [], conflict: null };
	}
	if (await descends(ctx.fs, dir, head, newRemote, cache)) return { rebased: false, updated: [], conflict: null };
	if (await descends(ctx.fs, dir, newRemote, head, cache)) {
		// The remote holds everything local (ours were pushed already, or nothing was local).
		outbox.commits = [];
		await setBranch(ctx.fs, branch, newRemote, dir);
		const { updated } = await updateWorkingTree(ctx, head, newRemote);
		return { rebased: false, updated, conflict: null };
	}
	const commits = await localCommits(ctx, outbox, head, oldRemote, newRemote);
	const replay = await replayCommits(ctx, commits, newRemote);
	if (!replay.ok) {
		const conflict = await recordConflict(ctx, outbox, commits, replay, newRemote, head);
		return { rebased: false, updated: [], conflict };
	}
	outbox.commits = replay.done;
	await setBranch(ctx.fs, branch, replay.head, dir);
	const { updated } = await updateWorkingTree(ctx, head, replay.head);
	return { rebased: true, updated, conflict: null };
}

/** Saves the local side on `waymark/<date>` (best effort) and records the open conflict. */
async function recordConflict(ctx: SyncContext, outbox: Outbox, commits: OutboxCommit[], replay: Extract<Replay, { ok: false }>, onto: string, localHead: string): Promise<ConflictInfo> {
	const now = ctx.now?.() ?? new Date();
	const name = savedBranchName(now);
	let saved: string | null = null;
	try {
		await pushSaved(ctx, name, localHead);
		saved = name;
	} catch {
		saved = null; // offline or refused: the local commits stay in the outbox regardless
	}
	const info: ConflictInfo = { ...replay.conflict, savedBranch: saved, compareUrl: saved ? compareUrl(ctx.remote.url, ctx.remote.branch, saved) : null };
	outbox.commits = commits;
	const open: OpenConflict = { info, index: replay.index, done: replay.done, onto, localHead };
	outbox.conflict = open;
	return info;
}

/** Where push-ops reaches the remote. */
function transport(ctx: SyncContext): PushTransport {
	return { fs: ctx.fs, http: ctx.http, dir: ctx.dir ?? REPO_DIR, url: ctx.remote.url, corsProxy: ctx.remote.corsProxy, onAuth: ctx.onAuth, cache: ctx.cache };
}

/**
 * Pushes the branch. The receive-pack discovery says where the remote branch is: when it moved
 * since the last fetch, the new commits are fetched and integrated first (the push would be
 * refused anyway), then pushed again. Only new objects are sent (push-ops); `git.push` is the
 * fallback for what that path does not handle.
 */
async function pushBranch(ctx: SyncContext, outbox: Outbox): Promise<{ pushed: number; updated: Updated; rebased: boolean; conflict: ConflictInfo | null }> {
	const dir = ctx.dir ?? REPO_DIR;
	let updated: Updated = [];
	let rebased = false;
	for (let attempt = 0; attempt < 4; attempt++) {
		const head = await git.resolveRef({ fs: ctx.fs, dir, ref: 'HEAD' });
		const remote = await remoteHead(ctx.fs, ctx.remote.branch, dir);
		if (head === remote) {
			outbox.commits = [];
			return { pushed: 0, updated, rebased, conflict: null };
		}
		const count = outbox.commits.length;
		try {
			const advert = await discoverPush(transport(ctx), ctx.remote.branch);
			if (advert.oid !== null && advert.oid !== remote) throw new git.Errors.PushRejectedError('not-fast-forward');
			const sent = await pushNewObjects(transport(ctx), ctx.remote.branch, head, advert);
			if (!sent) {
				await git.push({ fs: ctx.fs, http: ctx.http, dir, remote: 'origin', url: ctx.remote.url, ref: ctx.remote.branch, remoteRef: ctx.remote.branch, corsProxy: ctx.remote.corsProxy, onAuth: ctx.onAuth, onProgress: ctx.onProgress, cache: ctx.cache });
			}
			await git.writeRef({ fs: ctx.fs, dir, ref: `refs/remotes/origin/${ctx.remote.branch}`, value: head, force: true });
			outbox.commits = [];
			return { pushed: count, updated, rebased, conflict: null };
		} catch (err) {
			if ((err as { code?: string }).code !== 'PushRejectedError' || attempt === 3) throw err;
			const before = await remoteHead(ctx.fs, ctx.remote.branch, dir);
			const after = await fetchBranch(ctx);
			const step = await integrate(ctx, outbox, before, after);
			await writeOutbox(ctx.fs, outbox, dir);
			updated = [...updated, ...step.updated];
			rebased ||= step.rebased;
			if (step.conflict) return { pushed: 0, updated, rebased, conflict: step.conflict };
		}
	}
	return { pushed: 0, updated, rebased, conflict: null };
}

/**
 * Fetch and integrate (and push when `push`): the one entry point of sync. The outbox is written
 * after each step, so a failure at any point leaves the local commits where they were.
 */
export async function syncRepo(ctx: SyncContext, opts: { push: boolean }): Promise<SyncResult> {
	const dir = ctx.dir ?? REPO_DIR;
	ctx.cache ??= gitCache(ctx.fs);
	const outbox = await readOutbox(ctx.fs, dir);
	if (outbox.conflict) return { pushed: 0, rebased: false, updated: [], status: await repoStatus(ctx.fs, dir) };
	const before = await remoteHead(ctx.fs, ctx.remote.branch, dir);
	const head = await git.resolveRef({ fs: ctx.fs, dir, ref: 'HEAD' });
	// With local commits to push, the push's own discovery tells whether the remote moved (and
	// pushBranch fetches and integrates only then): one round trip less than fetch-then-push.
	const pushFirst = opts.push && head !== before && before !== null;
	const after = pushFirst ? before : await fetchBranch(ctx);
	const step = pushFirst ? { updated: [] as Updated, rebased: false, conflict: null } : await integrate(ctx, outbox, before, after);
	if (!pushFirst) await writeOutbox(ctx.fs, outbox, dir);
	let result = { pushed: 0, updated: step.updated, rebased: step.rebased };
	if (opts.push && !step.conflict) {
		const pushed = await pushBranch(ctx, outbox);
		await writeOutbox(ctx.fs, outbox, dir);
		result = { pushed: pushed.pushed, updated: [...step.updated, ...pushed.updated], rebased: step.rebased || pushed.rebased };
	}
	return { ...result, status: await repoStatus(ctx.fs, dir) };
}

/**
 * Continues a sync stopped on a conflict with the person's `text` for the conflicting file (null
 * deletes it), then pushes. Another conflict further on becomes the new open conflict.
 */
export async function resolveAndSync(ctx: SyncContext, text: string | null): Promise<SyncResult> {
	const dir = ctx.dir ?? REPO_DIR;
	ctx.cache ??= gitCache(ctx.fs);
	const outbox = await readOutbox(ctx.fs, dir);
	const open = outbox.conflict;
	if (!open) return syncRepo(ctx, { push: true });
	const branch = await currentBranch(ctx.fs, dir);
	const replay = await replayCommits(ctx, outbox.commits, open.done.length ? open.done[open.done.length - 1].oid : open.onto, open.index, open.done, { index: open.index, path: open.info.path, text });
	if (!replay.ok) {
		outbox.conflict = { ...open, info: { ...replay.conflict, savedBranch: open.info.savedBranch, compareUrl: open.info.compareUrl }, index: replay.index, done: replay.done };
		await writeOutbox(ctx.fs, outbox, dir);
		return { pushed: 0, rebased: false, updated: [], status: await repoStatus(ctx.fs, dir) };
	}
	outbox.commits = replay.done;
	outbox.conflict = null;
	await setBranch(ctx.fs, branch, replay.head, dir);
	const { updated } = await updateWorkingTree(ctx, open.localHead, replay.head);
	await writeOutbox(ctx.fs, outbox, dir);
	const pushed = await pushBranch(ctx, outbox);
	await writeOutbox(ctx.fs, outbox, dir);
	return { pushed: pushed.pushed, rebased: true, updated: [...updated, ...pushed.updated], status: await repoStatus(ctx.fs, dir) };
}
