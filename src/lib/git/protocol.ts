/**
 * Messages between the page ({@link ./client}) and the git worker ({@link ./worker}). Plain data
 * only, so everything survives structured cloning; errors cross as {@link GitErrorJSON}.
 */
import type { GitErrorJSON } from './errors';
import type { RecordedEdit } from '../plan/types';

/** One progress report of a long operation (isomorphic-git's phases plus Waymark's own). */
export interface GitProgress {
	phase: string;
	loaded: number;
	/** 0 when the total is not known yet. */
	total: number;
}

/** One entry of HEAD's tree (files only; folders are implied by the paths). */
export interface TreeFile {
	path: string;
	oid: string;
	/** Whether the file is written to the working tree (Markdown) or only in the object store. */
	checkedOut: boolean;
}

/** Arguments of a clone. The token never leaves the worker except towards the remote / proxy. */
export interface CloneArgs {
	id: string;
	url: string;
	branch: string;
	corsProxy?: string;
	token?: string;
	username?: string;
	/** Milliseconds without data before a request counts as stalled (default 45 s). */
	idleTimeoutMs?: number;
	/** The most bytes the clone may download before it stops as "too large for the browser" (default 512 MiB). */
	maxBytes?: number;
	/** How Markdown files reach the working tree: read blobs ourselves (default) or `git.checkout({filepaths})`. */
	checkoutMode?: 'blobs' | 'checkout';
}

/** Summary returned by a finished clone. */
export interface CloneResult {
	head: string;
	files: number;
	markdown: number;
	/** Milliseconds spent in each step, for the benchmark and the notes. */
	timings: { fetch: number; checkout: number; total: number };
}

/** Arguments to create a repo inside the browser (the demo on a static host). */
export interface InitArgs {
	id: string;
	branch: string;
	files: Record<string, string>;
	author: { name: string; email: string };
	message: string;
}

/** Where and how to reach a repo's remote; the token goes only to `url` or `corsProxy`. */
export interface RemoteArgs {
	url: string;
	branch: string;
	corsProxy?: string;
	token?: string;
	username?: string;
	/** Milliseconds without data before a request counts as stalled (default 45 s). */
	idleTimeoutMs?: number;
}

export type { RecordedEdit };

/** Arguments of a commit: the working-tree files to commit (their current text) and the message. */
export interface CommitArgs {
	id: string;
	/** Paths whose working-tree text goes into the commit; nothing else changes. */
	paths: string[];
	message: string;
	author: { name: string; email: string };
	/** Panel edits made to each path since HEAD, in order, so sync can replay them. */
	edits?: Record<string, RecordedEdit[]>;
	/** A phase completion is kept one-to-one with its commit through sync. */
	phase?: string;
	/** Files the commit moves (`from` deleted, `to` added with the same text; the working files move too). */
	moves?: { from: string; to: string }[];
}

/** One commit as the history views show it. */
export interface CommitInfo {
	oid: string;
	message: string;
	author: { name: string; email: string; timestamp: number };
	/** When the commit was made (a replayed commit keeps its author time but gets a new committer time); absent from older workers. */
	committer?: { timestamp: number };
	parents: string[];
	/** Still in the outbox (not on the remote yet). */
	unpushed: boolean;
}

/** A file changed by a commit, before and after (text files only; null when absent). */
export interface FileDiff {
	path: string;
	before: string | null;
	after: string | null;
}

/** A conflict sync could not merge: both versions kept, the local one also on `branch` remotely. */
export interface ConflictInfo {
	path: string;
	base: string;
	local: string;
	remote: string;
	/** diff3 output with conflict markers, a starting point for the resolution. */
	merged: string;
	/** The remote branch the local commits were pushed to (`waymark/<date>`), if pushed. */
	savedBranch: string | null;
	/** A web page comparing the saved branch with the branch (GitHub/Gitea/GitLab style), if known. */
	compareUrl: string | null;
	/** Message of the local commit that conflicted. */
	message: string;
	/** The local commit deleted the file (`local` is then '' but means "no file", never an empty file). */
	localDeleted?: boolean;
	/** The remote deleted the file (`remote` is then '' but means "no file"). */
	remoteDeleted?: boolean;
}

/** The repo's state as the status bar shows it. */
export interface RepoStatus {
	head: string;
	/** The remote branch head as last fetched. */
	remoteHead: string | null;
	/** Commits waiting in the outbox. */
	ahead: number;
	/** Checked-out files whose working text differs from HEAD. */
	dirty: string[];
	conflict: ConflictInfo | null;
	/** The local history is still shallow (not deepened yet). */
	shallow: boolean;
}

/** A glance at a repo for the home screen (see the `overview` operation). */
export interface RepoOverview {
	/** Every path of HEAD's tree. */
	paths: string[];
	/** Text of each Markdown file (working tree first), by path. */
	markdown: Record<string, string>;
	status: RepoStatus;
}

/** What a fetch/sync/push did. */
export interface SyncResult {
	/** Commits pushed by this call. */
	pushed: number;
	/** The remote had moved and local commits were re-created on top of it. */
	rebased: boolean;
	/**
	 * Files whose HEAD text changed: `base` is the old HEAD text, `text` the new one. The worker
	 * already merged them into the working tree; an open editor merges them into its own text.
	 */
	updated: { path: string; base: string | null; text: string; head: string; /** The file moved here from this path (an archive); its uncommitted typing came along. */ movedFrom?: string }[];
	status: RepoStatus;
}

/** Every operation the worker offers, with its arguments and result. */
export interface GitOps {
	clone: { args: CloneArgs; result: CloneResult };
	init: { args: InitArgs; result: { head: string } };
	listFiles: { args: { id: string }; result: TreeFile[] };
	readFile: { args: { id: string; path: string }; result: string };
	/** Text of `path` at HEAD (null when HEAD has no such file). */
	readHead: { args: { id: string; path: string }; result: string | null };
	/** Text of `path` in commit `oid` (null when that commit has no such file): history views, spend over time. */
	readAt: { args: { id: string; oid: string; path: string }; result: string | null };
	/** Writes a file to the working tree (autosave); nothing is committed. */
	writeFile: { args: { id: string; path: string; text: string }; result: void };
	/** Makes the working file equal to HEAD again. */
	discard: { args: { id: string; path: string }; result: string | null };
	status: { args: { id: string }; result: RepoStatus };
	commit: { args: CommitArgs; result: { oid: string; status: RepoStatus } };
	/** Fetches and integrates the remote branch (never discards local work); no push. */
	fetch: { args: { id: string; remote: RemoteArgs }; result: SyncResult };
	/** Fetch, integrate, then push the outbox. */
	push: { args: { id: string; remote: RemoteArgs }; result: SyncResult };
	/** Takes the person's resolution of the open conflict and continues the sync (push included). */
	resolveConflict: { args: { id: string; /** The resolved text; null deletes the file. */ text: string | null; remote: RemoteArgs }; result: SyncResult };
	/** Commits that touched `path` (or all), newest first. */
	log: { args: { id: string; path?: string; limit?: number }; result: CommitInfo[] };
	/** What a commit changed against its first parent. */
	diff: { args: { id: string; oid: string }; result: FileDiff[] };
	/** Fetches the branch's full history (after the shallow clone). */
	deepen: { args: { id: string; remote: RemoteArgs }; result: { shallow: boolean } };
	/** Bytes the repo uses in its database (approximate: file sizes). */
	usage: { args: { id: string }; result: { bytes: number } };
	deleteRepo: { args: { id: string }; result: { deleted: string[] } };
	/** Unpushed commits as `git format-patch` files, plus the changed plan files (for "Export unpushed work"). */
	exportUnpushed: { args: { id: string }; result: { patches: { name: string; text: string }[]; files: { path: string; text: string }[] } };
	/** HEAD's paths, the Markdown texts and the status, for the home screen (does not keep the lock). */
	overview: { args: { id: string }; result: RepoOverview };
	/** Takes this repo's write lock from another tab (Web Locks steal). */
	takeOver: { args: { id: string; takeOver: true }; result: void };
}

/** Name of one operation. */
export type GitOpName = keyof GitOps;

/** Page → worker: run an operation, or cancel a running one. */
export type ToWorker =
	| { [K in GitOpName]: { kind: 'call'; seq: number; op: K; args: GitOps[K]['args'] } }[GitOpName]
	| { kind: 'cancel'; seq: number };

/** Worker → page: progress, a result or an error for call `seq`. */
export type FromWorker =
	| { kind: 'progress'; seq: number; progress: GitProgress }
	| { kind: 'result'; seq: number; value: unknown }
	| { kind: 'error'; seq: number; error: GitErrorJSON };

/** The IndexedDB database a repo's lightning-fs lives in. */
export function repoDbName(id: string): string {
	return `waymark-repo-${id}`;
}
