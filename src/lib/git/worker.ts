/**
 * The git worker: owns the only LightningFS instance of each repo database and runs every git
 * operation off the page's thread. The page talks to it through {@link ./client}.
 */
import { shimsInstalled } from './shims';
import FS from '@isomorphic-git/lightning-fs';
import webHttp from 'isomorphic-git/http/web';
import { makeOnAuth } from './auth';
import { classifyGitError, GitError, UnknownGitError, type ErrorContext } from './errors';
import { guardedHttp, OperationGuard } from './guarded-http';
import type { RepoFs } from './fs-utils';
import { type FromWorker, type GitOps, type GitProgress, repoDbName, type ToWorker } from './protocol';
import { initRepo, listRepoFiles, readRepoFile, shallowClone } from './repo-ops';

if (!shimsInstalled) throw new Error('git worker shims missing');

/** The file systems open in this worker, one per repo database (never two on one name). */
const open = new Map<string, FS>();
/** Guards of running calls, by call number, so Cancel can reach them. */
const guards = new Map<number, OperationGuard>();

/** Posts one message to the page. */
function post(msg: FromWorker): void {
	(self as unknown as Worker).postMessage(msg);
}

/** The repo's file system, created on first use; `fresh` wipes any leftover content first. */
function repoFs(id: string, fresh = false): FS {
	let fs = open.get(id);
	if (fs && fresh) fs.init(repoDbName(id), { wipe: true });
	if (!fs) {
		fs = new FS(repoDbName(id), { wipe: fresh });
		open.set(id, fs);
	}
	return fs;
}

/** Closes the repo's file system (if open) and deletes its IndexedDB databases. */
async function dropRepo(id: string): Promise<string[]> {
	const fs = open.get(id);
	open.delete(id);
	if (fs) {
		const promises = fs.promises as unknown as { _deactivate?: () => Promise<void> };
		await promises._deactivate?.();
	}
	const names = [repoDbName(id), `${repoDbName(id)}_lock`];
	for (const name of names) await deleteDatabase(name);
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

/** Operations declared in the protocol but not built yet (the lead is building them). */
const notYet = (op: string) => async (): Promise<never> => {
	throw UnknownGitError.of({ cause: `${op} is not available yet` });
};
const pendingOps = {
	readHead: notYet('readHead'),
	writeFile: notYet('writeFile'),
	discard: notYet('discard'),
	status: notYet('status'),
	commit: notYet('commit'),
	fetch: notYet('fetch'),
	push: notYet('push'),
	resolveConflict: notYet('resolveConflict'),
	log: notYet('log'),
	diff: notYet('diff'),
	deepen: notYet('deepen'),
	usage: notYet('usage')
};

type Handlers = { [K in keyof GitOps]: (args: GitOps[K]['args'], seq: number) => Promise<GitOps[K]['result']> };

const handlers: Handlers = {
	async clone(args, seq) {
		const guard = new OperationGuard(args.idleTimeoutMs ?? 45_000);
		guards.set(seq, guard);
		const ctx: ErrorContext = { url: args.url, branch: args.branch, corsProxy: args.corsProxy, hadToken: Boolean(args.token) };
		try {
			const fs = repoFs(args.id, true);
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
			return result;
		} catch (err) {
			let cause = err;
			try {
				guard.throwIfStopped();
			} catch (stopped) {
				cause = stopped;
			}
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
		const text = await readRepoFile(fs as unknown as RepoFs, args.path);
		await fs.promises.flush();
		return text;
	},
	...pendingOps,
	async deleteRepo(args) {
		return { deleted: await dropRepo(args.id) };
	}
};

/** Runs one call and answers with its result or its typed error. */
async function run(msg: Extract<ToWorker, { kind: 'call' }>): Promise<void> {
	try {
		const handler = handlers[msg.op] as (args: unknown, seq: number) => Promise<unknown>;
		const value = await handler(msg.args, msg.seq);
		post({ kind: 'result', seq: msg.seq, value });
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
