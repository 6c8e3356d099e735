/**
 * Messages between the page ({@link ./client}) and the git worker ({@link ./worker}). Plain data
 * only, so everything survives structured cloning; errors cross as {@link GitErrorJSON}.
 */
import type { GitErrorJSON } from './errors';

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

/** Every operation the worker offers, with its arguments and result. */
export interface GitOps {
	clone: { args: CloneArgs; result: CloneResult };
	init: { args: InitArgs; result: { head: string } };
	listFiles: { args: { id: string }; result: TreeFile[] };
	readFile: { args: { id: string; path: string }; result: string };
	deleteRepo: { args: { id: string }; result: { deleted: string[] } };
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
