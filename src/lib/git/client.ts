/**
 * The page's typed door to the git worker: each operation is a promise, long ones report progress
 * and can be cancelled, and errors come back as the same typed {@link GitError} classes.
 */
import { errorFromJSON, type GitError } from './errors';
import type { FromWorker, GitOpName, GitOps, GitProgress, ToWorker } from './protocol';

/** A running operation: its result, and a way to stop it. */
export interface GitCall<T> {
	result: Promise<T>;
	/** Asks the worker to stop; `result` then rejects with `CancelledError`. */
	cancel(): void;
}

interface Pending {
	resolve(value: unknown): void;
	reject(err: GitError): void;
	onProgress?: (p: GitProgress) => void;
}

/** Talks to one git worker; use {@link gitClient} for the app's shared one. */
export class GitClient {
	private worker: Worker;
	private readonly pending = new Map<number, Pending>();
	private seq = 0;
	/**
	 * Set by a QuotaError: the worker is replaced once no call is running. A full quota leaves the
	 * file systems it had open failing every later call (their IndexedDB writes and lock failed),
	 * even after space was freed; a new worker opens them afresh (a terminated worker's locks go).
	 */
	private restart = false;

	constructor(private readonly start: () => Worker) {
		this.worker = this.attach(start());
	}

	private attach(worker: Worker): Worker {
		worker.addEventListener('message', (ev: MessageEvent<FromWorker>) => this.receive(ev.data));
		return worker;
	}

	/** Starts `op` in the worker; `onProgress` receives its progress reports. */
	call<K extends GitOpName>(op: K, args: GitOps[K]['args'], onProgress?: (p: GitProgress) => void): GitCall<GitOps[K]['result']> {
		const seq = ++this.seq;
		const result = new Promise<GitOps[K]['result']>((resolve, reject) => {
			this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject, onProgress });
		});
		this.send({ kind: 'call', seq, op, args } as ToWorker);
		return { result, cancel: () => this.send({ kind: 'cancel', seq }) };
	}

	/** Clones a repo shallow into its own database, reporting progress. */
	clone(args: GitOps['clone']['args'], onProgress?: (p: GitProgress) => void): GitCall<GitOps['clone']['result']> {
		return this.call('clone', args, onProgress);
	}

	/** Lists every file of the repo's HEAD tree. */
	listFiles(id: string): Promise<GitOps['listFiles']['result']> {
		return this.call('listFiles', { id }).result;
	}

	/** Reads one file's text (from the working tree, else from HEAD). */
	readFile(id: string, path: string): Promise<string> {
		return this.call('readFile', { id, path }).result;
	}

	/** Creates a repo with one commit inside the browser. */
	init(args: GitOps['init']['args']): Promise<GitOps['init']['result']> {
		return this.call('init', args).result;
	}

	/** Text of `path` at HEAD, or null. */
	readHead(id: string, path: string): Promise<string | null> {
		return this.call('readHead', { id, path }).result;
	}

	/** Text of `path` in commit `oid`, or null. */
	readAt(id: string, oid: string, path: string): Promise<string | null> {
		return this.call('readAt', { id, oid, path }).result;
	}

	/** Writes a working-tree file (autosave); nothing is committed. */
	writeFile(id: string, path: string, text: string): Promise<void> {
		return this.call('writeFile', { id, path, text }).result;
	}

	/** Makes the working file equal to HEAD again; returns HEAD's text. */
	discard(id: string, path: string): Promise<string | null> {
		return this.call('discard', { id, path }).result;
	}

	/** HEAD, remote head, outbox size, dirty files, open conflict. */
	status(id: string): Promise<GitOps['status']['result']> {
		return this.call('status', { id }).result;
	}

	/** Commits the given working-tree files (path-only tree update). */
	commit(args: GitOps['commit']['args']): Promise<GitOps['commit']['result']> {
		return this.call('commit', args).result;
	}

	/** Fetches and integrates the remote branch; local work is never discarded. */
	fetch(args: GitOps['fetch']['args'], onProgress?: (p: GitProgress) => void): GitCall<GitOps['fetch']['result']> {
		return this.call('fetch', args, onProgress);
	}

	/** Fetch, integrate, push the outbox. */
	push(args: GitOps['push']['args'], onProgress?: (p: GitProgress) => void): GitCall<GitOps['push']['result']> {
		return this.call('push', args, onProgress);
	}

	/** Takes the resolution of the open conflict and continues the sync. */
	resolveConflict(args: GitOps['resolveConflict']['args']): GitCall<GitOps['resolveConflict']['result']> {
		return this.call('resolveConflict', args);
	}

	/** Commits that touched `path` (or all), newest first. */
	log(id: string, path?: string, limit?: number): Promise<GitOps['log']['result']> {
		return this.call('log', { id, path, limit }).result;
	}

	/** What a commit changed. */
	diff(id: string, oid: string): Promise<GitOps['diff']['result']> {
		return this.call('diff', { id, oid }).result;
	}

	/** Fetches full history after the shallow clone. */
	deepen(args: GitOps['deepen']['args']): GitCall<GitOps['deepen']['result']> {
		return this.call('deepen', args);
	}

	/** Bytes the repo uses. */
	usage(id: string): Promise<GitOps['usage']['result']> {
		return this.call('usage', { id }).result;
	}

	/** Unpushed commits as patch files plus the changed plan files. */
	exportUnpushed(id: string): Promise<GitOps['exportUnpushed']['result']> {
		return this.call('exportUnpushed', { id }).result;
	}

	/** Paths, Markdown texts and status for the home screen; the repo's lock is not kept. */
	overview(id: string): Promise<GitOps['overview']['result']> {
		return this.call('overview', { id }).result;
	}

	/** Takes the repo's write lock from another tab. */
	takeOver(id: string): Promise<void> {
		return this.call('takeOver', { id, takeOver: true }).result;
	}

	/** Deletes the repo's databases. */
	deleteRepo(id: string): Promise<GitOps['deleteRepo']['result']> {
		return this.call('deleteRepo', { id }).result;
	}

	private send(msg: ToWorker): void {
		this.worker.postMessage(msg);
	}

	private receive(msg: FromWorker): void {
		const p = this.pending.get(msg.seq);
		if (!p) return;
		if (msg.kind === 'progress') {
			p.onProgress?.(msg.progress);
			return;
		}
		this.pending.delete(msg.seq);
		if (msg.kind === 'error' && msg.error.code === 'QuotaError') this.restart = true;
		if (this.restart && this.pending.size === 0) {
			this.restart = false;
			this.worker.terminate();
			this.worker = this.attach(this.start());
		}
		if (msg.kind === 'result') p.resolve(msg.value);
		else p.reject(errorFromJSON(msg.error));
	}
}

let shared: GitClient | null = null;

/** The app's one git worker client, started on first use (browser only). */
export function gitClient(): GitClient {
	shared ??= new GitClient(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'waymark-git' }));
	return shared;
}
