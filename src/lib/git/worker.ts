/**
 * The git worker: owns the only LightningFS instance of each repo database and runs every git
 * operation off the page's thread. The page talks to it through {@link ./client}.
 */
import { shimsInstalled } from './shims';
import { perfMark } from '../perf-mark';
import FS from '@isomorphic-git/lightning-fs';
import webHttp from 'isomorphic-git/http/web';
import { makeOnAuth } from './auth';
import { classifyGitError, GitError, LockedError, UnknownGitError, type ErrorContext } from './errors';
import { guardedHttp, OperationGuard, stoppedCause } from './guarded-http';
import { exists, resetGitCache, type RepoFs } from './fs-utils';
import { type FromWorker, type GitOps, type GitProgress, type RemoteArgs, repoDbName, type ToWorker } from './protocol';
import { initRepo, listRepoFiles, readRepoFile, REPO_DIR, shallowClone } from './repo-ops';
import { commitWorkingFiles, discardWorkingFile, NothingToCommitError, readHeadText, readTextAt, writeWorkingFile } from './commit-ops';
import { commitDiff, deepenHistory, exportUnpushed, logCommits } from './history-ops';
import { repoStatus } from './status-ops';
import { repoOverview } from './overview-ops';
import { resolveAndSync, syncRepo, type SyncContext } from './sync-ops';

if (!shimsInstalled) throw new Error('git worker shims missing');

/** The file systems open in this worker, one per repo database (never two on one name). */
const open = new Map<string, FS>();
/** Guards of running calls, by call number, so Cancel can reach them. */
const guards = new Map<number, OperationGuard>();

/** Posts one message to the page. */
function post(msg: FromWorker): void {
	(self as unknown as Worker).postMessage(msg);
}

/** Repos whose write lock this worker holds (released by `release`), and repos taken over by another tab. */
const held = new Map<string, () => void>();
const lost = new Set<string>();
/** Lock requests in flight, by repo. */
const acquiring = new Map<string, Promise<void>>();

/**
 * Takes repo `id`'s write lock (Web Locks: one writer per repo across tabs). Throws LockedError
 * when another tab holds it, unless `steal`; when another tab steals it later, this worker closes
 * the repo and refuses further calls on it.
 */
async function acquireLock(id: string, steal = false): Promise<void> {
	if (held.has(id)) return;
	// Two calls at once (a glance and an open) share one request instead of locking each other out.
	const pending = acquiring.get(id);
	if (pending && !steal) return pending;
	const request = requestLock(id, steal).finally(() => acquiring.delete(id));
	acquiring.set(id, request);
	return request;
}

/**
 * Waits between tries for a lock another context holds: a page just reloaded or closed releases
 * its worker's lock a moment after the new page asks, and that is no other tab.
 */
const LOCK_RETRY_MS = [100, 200, 300, 500, 800, 1200];

async function requestLock(id: string, steal: boolean): Promise<void> {
	const locks = (self.navigator as Navigator | undefined)?.locks;
	if (!locks) return; // no Web Locks (old browser or Node tests): single-tab behaviour
	for (const wait of steal ? [] : LOCK_RETRY_MS) {
		if (await tryLock(locks, id, false)) return;
		await new Promise((r) => setTimeout(r, wait));
	}
	if (!(await tryLock(locks, id, steal))) throw LockedError.of({});
}

/** One request for the lock: true when this worker holds it now. */
async function tryLock(locks: LockManager, id: string, steal: boolean): Promise<boolean> {
	const got = await new Promise<boolean>((resolve, reject) => {
		const options: LockOptions = steal ? { steal: true } : { ifAvailable: true };
		locks
			.request(`waymark-repo-${id}`, options, (lock) => {
				if (!lock) {
					resolve(false);
					return undefined;
				}
				resolve(true);
				return new Promise<void>((release) => held.set(id, release));
			})
			.catch((err: unknown) => {
				// Stolen by another tab: stop writing here.
				held.delete(id);
				lost.add(id);
				const fs = open.get(id);
				open.delete(id);
				void (fs?.promises as unknown as { _deactivate?: () => Promise<void> } | undefined)?._deactivate?.();
				reject(err);
			});
	}).catch(() => false);
	if (got) lost.delete(id);
	return got;
}

/**
 * The most a clone may download: isomorphic-git holds the whole pack in the worker's memory while
 * indexing it, so past this a tab runs out of memory before storage runs out.
 */
const MAX_CLONE_BYTES = 512 * 1024 * 1024;

/** Operations that look at a repo without opening it for editing: they do not keep its lock. */
const TRANSIENT = new Set<string>(['usage', 'overview']);
/** Repos an operation opened for editing: a glance that ran alongside must not close them. */
const kept = new Set<string>();
/** Glances running, by repo: the last one to finish closes the repo (unless it is kept). */
const glances = new Map<string, number>();

/** Closes the repo's file system and releases its lock (its databases stay). */
async function closeRepo(id: string): Promise<void> {
	kept.delete(id);
	const fs = open.get(id);
	open.delete(id);
	if (fs) {
		await fs.promises.flush();
		await (fs.promises as unknown as { _deactivate?: () => Promise<void> })._deactivate?.();
	}
	releaseLock(id);
}

/** Releases repo `id`'s write lock. */
function releaseLock(id: string): void {
	held.get(id)?.();
	held.delete(id);
}

/** The repo's file system, created on first use; `fresh` wipes any leftover content first. */
function repoFs(id: string, fresh = false): FS {
	if (lost.has(id)) throw LockedError.of({});
	let fs = open.get(id);
	if (fs && fresh) {
		fs.init(repoDbName(id), { wipe: true });
		resetGitCache(fs as unknown as RepoFs);
	}
	if (!fs) {
		fs = new FS(repoDbName(id), { wipe: fresh });
		open.set(id, fs);
	}
	return fs;
}

/** Closes the repo's file system (if open) and deletes its IndexedDB databases. */
async function dropRepo(id: string): Promise<string[]> {
	kept.delete(id);
	const fs = open.get(id);
	open.delete(id);
	if (fs) {
		const promises = fs.promises as unknown as { _deactivate?: () => Promise<void> };
		await promises._deactivate?.();
	}
	const names = [repoDbName(id), `${repoDbName(id)}_lock`];
	for (const name of names) await deleteDatabase(name);
	releaseLock(id);
	return names;
}

/** Deletes one IndexedDB database, waiting while a closing connection still blocks it. */
function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error ?? new Error(`cannot delete ${name}`));
	});
}

/** Sends progress for call `seq`, at most every 50 ms within one phase. */
function progressSender(seq: number): (p: GitProgress) => void {
	let lastPhase = '';
	let lastAt = 0;
	return (p) => {
		const t = Date.now();
		const edge = p.phase !== lastPhase || (p.total > 0 && p.loaded >= p.total);
		if (!edge && t - lastAt < 50) return;
		lastPhase = p.phase;
		lastAt = t;
		post({ kind: 'progress', seq, progress: { phase: p.phase, loaded: p.loaded, total: p.total ?? 0 } });
	};
}

let zone: string | null = null;

/** Time zone for timestamps a replayed panel edit writes (asked once: Intl is slow to ask). */
function timeZone(): string {
	if (zone === null) {
		try {
			zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
		} catch {
			zone = 'UTC';
		}
	}
	return zone;
}

/**
 * Runs a network operation on repo `id`: a guard Cancel can reach, auth, progress, the repo's
 * files flushed afterwards, and every failure turned into a typed error for the remote.
 */
async function withRemote<T>(id: string, remote: RemoteArgs, seq: number, body: (ctx: SyncContext) => Promise<T>, push = false): Promise<T> {
	const guard = new OperationGuard(remote.idleTimeoutMs ?? 45_000);
	guards.set(seq, guard);
	const fs = repoFs(id);
	try {
		const ctx: SyncContext = {
			fs: fs as unknown as RepoFs,
			http: guardedHttp(webHttp, guard),
			remote,
			onAuth: makeOnAuth(remote.token, remote.username),
			onProgress: progressSender(seq),
			timeZone: timeZone()
		};
		return await body(ctx);
	} catch (err) {
		const cause = stoppedCause(guard, err);
		throw await classifyGitError(cause, { url: remote.url, branch: remote.branch, corsProxy: remote.corsProxy, hadToken: Boolean(remote.token), push });
	} finally {
		guards.delete(seq);
		await fs.promises.flush();
	}
}

/** Runs a local operation on repo `id` and flushes its files. */
async function local<T>(id: string, body: (fs: RepoFs) => Promise<T>): Promise<T> {
	const fs = repoFs(id);
	try {
		return await body(fs as unknown as RepoFs);
	} finally {
		await fs.promises.flush();
	}
}

/** Bytes used by every file in the repo's file system (working tree and object store). */
async function usedBytes(fs: RepoFs, dir = '/'): Promise<number> {
	let total = 0;
	for (const name of await fs.promises.readdir(dir)) {
		const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
		const st = (await fs.promises.stat(path)) as { isDirectory(): boolean; size: number };
		total += st.isDirectory() ? await usedBytes(fs, path) : st.size;
	}
	return total;
}

const pendingOps: Pick<Handlers, 'readHead' | 'readAt' | 'writeFile' | 'discard' | 'status' | 'commit' | 'fetch' | 'push' | 'resolveConflict' | 'log' | 'diff' | 'deepen' | 'usage' | 'exportUnpushed' | 'overview'> = {
	readHead: (a) => local(a.id, (fs) => readHeadText(fs, a.path)),
	readAt: (a) => local(a.id, (fs) => readTextAt(fs, a.oid, a.path)),
	writeFile: (a) => local(a.id, (fs) => writeWorkingFile(fs, a.path, a.text)),
	discard: (a) => local(a.id, (fs) => discardWorkingFile(fs, a.path)),
	status: (a) => local(a.id, (fs) => repoStatus(fs)),
	commit: async (a) => {
		try {
			return await local(a.id, async (fs) => {
				const oid = await commitWorkingFiles({ fs, paths: a.paths, message: a.message, author: a.author, edits: a.edits, phase: a.phase, moves: a.moves });
				return { oid, status: await repoStatus(fs) };
			});
		} catch (err) {
			if (err instanceof NothingToCommitError) throw UnknownGitError.of({ cause: err.message });
			throw await classifyGitError(err, { url: '' });
		}
	},
	fetch: (a, seq) => withRemote(a.id, a.remote, seq, (ctx) => syncRepo(ctx, { push: false })),
	push: (a, seq) => withRemote(a.id, a.remote, seq, (ctx) => syncRepo(ctx, { push: true }), true),
	resolveConflict: (a, seq) => withRemote(a.id, a.remote, seq, (ctx) => resolveAndSync(ctx, a.text), true),
	log: (a) => local(a.id, (fs) => logCommits(fs, { path: a.path, limit: a.limit })),
	diff: (a) => local(a.id, (fs) => commitDiff(fs, a.oid)),
	deepen: (a, seq) => withRemote(a.id, a.remote, seq, (ctx) => deepenHistory({ fs: ctx.fs, http: ctx.http, remote: a.remote, onAuth: ctx.onAuth })),
	usage: (a) => local(a.id, async (fs) => ({ bytes: await usedBytes(fs) })),
	exportUnpushed: (a) => local(a.id, (fs) => exportUnpushed(fs)),
	overview: (a) => local(a.id, (fs) => repoOverview(fs))
};

type Handlers = { [K in keyof GitOps]: (args: GitOps[K]['args'], seq: number) => Promise<GitOps[K]['result']> };

const handlers: Handlers = {
	async clone(args, seq) {
		const guard = new OperationGuard(args.idleTimeoutMs ?? 45_000, args.maxBytes ?? MAX_CLONE_BYTES);
		guards.set(seq, guard);
		const ctx: ErrorContext = { url: args.url, branch: args.branch, corsProxy: args.corsProxy, hadToken: Boolean(args.token) };
		try {
			const fs = repoFs(args.id, true);
			perfMark('clone:start');
			const result = await shallowClone({
				fs: fs as unknown as RepoFs,
				http: guardedHttp(webHttp, guard),
				url: args.url,
				branch: args.branch,
				corsProxy: args.corsProxy,
				onAuth: makeOnAuth(args.token, args.username),
				onProgress: progressSender(seq),
				checkoutMode: args.checkoutMode,
				checkpoint: () => guard.throwIfStopped()
			});
			guard.throwIfStopped();
			await fs.promises.flush();
			perfMark('clone:flushed');
			return result;
		} catch (err) {
			const cause = stoppedCause(guard, err);
			// A clone cut off partway leaves no half-made repo behind.
			await dropRepo(args.id).catch(() => undefined);
			throw await classifyGitError(cause, ctx);
		} finally {
			guards.delete(seq);
		}
	},
	async init(args) {
		const fs = repoFs(args.id, true);
		try {
			const result = await initRepo({ fs: fs as unknown as RepoFs, branch: args.branch, files: args.files, author: args.author, message: args.message });
			await fs.promises.flush();
			return result;
		} catch (err) {
			await dropRepo(args.id).catch(() => undefined);
			throw err;
		}
	},
	async listFiles(args) {
		return listRepoFiles(repoFs(args.id) as unknown as RepoFs);
	},
	async readFile(args) {
		const fs = repoFs(args.id);
		const checkedOut = await exists(fs as unknown as RepoFs, `${REPO_DIR}/${args.path}`);
		const text = await readRepoFile(fs as unknown as RepoFs, args.path);
		// Only a file just checked out from HEAD changed the file system: a plain read writes nothing
		// (a flush writes the whole superblock to IndexedDB — per plan read, on a big repo).
		if (!checkedOut) await fs.promises.flush();
		return text;
	},
	...pendingOps,
	async takeOver() {
		// The lock was taken (stolen) in `run` before this handler runs.
	},
	async deleteRepo(args) {
		return { deleted: await dropRepo(args.id) };
	}
};

/** Runs one call and answers with its result or its typed error. */
async function run(msg: Extract<ToWorker, { kind: 'call' }>): Promise<void> {
	try {
		const id = (msg.args as { id?: string }).id;
		const glance = id !== undefined && TRANSIENT.has(msg.op);
		if (id) await acquireLock(id, (msg.args as { takeOver?: boolean }).takeOver === true);
		if (id && !glance) kept.add(id);
		if (glance) glances.set(id, (glances.get(id) ?? 0) + 1);
		const handler = handlers[msg.op] as (args: unknown, seq: number) => Promise<unknown>;
		try {
			const value = await handler(msg.args, msg.seq);
			post({ kind: 'result', seq: msg.seq, value });
		} finally {
			// A glance from another screen (storage use, home) does not keep the repo: another tab may open it.
			if (glance) {
				const left = (glances.get(id) ?? 1) - 1;
				if (left > 0) glances.set(id, left);
				else {
					glances.delete(id);
					if (!kept.has(id)) await closeRepo(id);
				}
			}
		}
	} catch (err) {
		const typed = err instanceof GitError ? err : await classifyGitError(err, { url: '' }).catch(() => UnknownGitError.of({ cause: String(err) }));
		post({ kind: 'error', seq: msg.seq, error: typed.toJSON() });
	}
}

self.addEventListener('message', (ev: MessageEvent<ToWorker>) => {
	const msg = ev.data;
	if (msg.kind === 'cancel') guards.get(msg.seq)?.cancel();
	else void run(msg);
});
