/**
 * The outbox: local commits not yet on the remote, with what sync needs to re-create them on a
 * moved remote (each file's recorded panel edits, the phase a commit completes), and an open
 * conflict. It lives inside the repo's own database (`.git/waymark/outbox.json`), so it is written
 * by the same worker as the commits, survives reloads and app upgrades, and goes with the repo.
 */
import type { RecordedEdit } from '../plan/types';
import { exists, mkdirp, type RepoFs } from './fs-utils';
import type { ConflictInfo } from './protocol';
import { REPO_DIR } from './repo-ops';

/** Version of the outbox layout; {@link readOutbox} upgrades older files. */
export const OUTBOX_VERSION = 1;

/** One commit waiting to be pushed. */
export interface OutboxCommit {
	oid: string;
	message: string;
	author: { name: string; email: string; timestamp: number; timezoneOffset: number };
	paths: string[];
	edits: Record<string, RecordedEdit[]>;
	phase?: string;
	/**
	 * Files the commit moved (`from` deleted, `to` added with `from`'s text). Sync merges a remote
	 * edit of `from` into `to` instead of into a deleted file. Absent in entries written before moves
	 * were recorded (read as no moves).
	 */
	moves?: { from: string; to: string }[];
}

/** A sync that stopped on a conflict, with what is needed to continue once it is resolved. */
export interface OpenConflict {
	info: ConflictInfo;
	/** Index in `commits` of the commit that conflicted. */
	index: number;
	/** The already re-created commits before it (on top of `onto`). */
	done: OutboxCommit[];
	/** The remote head the commits are being re-created on. */
	onto: string;
	/** The local head before the sync (the version saved to `savedBranch`). */
	localHead: string;
}

/** The whole outbox file. */
export interface Outbox {
	version: number;
	commits: OutboxCommit[];
	conflict: OpenConflict | null;
}

/** Path of the outbox file inside the repo's file system. */
export function outboxPath(dir = REPO_DIR): string {
	return `${dir}/.git/waymark/outbox.json`;
}

/** An empty outbox. */
export function emptyOutbox(): Outbox {
	return { version: OUTBOX_VERSION, commits: [], conflict: null };
}

/** Reads the outbox (empty when there is none), upgrading an older layout. */
export async function readOutbox(fs: RepoFs, dir = REPO_DIR): Promise<Outbox> {
	const path = outboxPath(dir);
	if (!(await exists(fs, path))) return emptyOutbox();
	const raw = JSON.parse(String(await fs.promises.readFile(path, { encoding: 'utf8' }))) as Partial<Outbox>;
	if ((raw.version ?? 0) > OUTBOX_VERSION) throw new RangeError(`The outbox is from a newer Waymark (${raw.version}); update the app.`);
	return { version: OUTBOX_VERSION, commits: raw.commits ?? [], conflict: raw.conflict ?? null };
}

/** Writes the outbox. */
export async function writeOutbox(fs: RepoFs, outbox: Outbox, dir = REPO_DIR): Promise<void> {
	const path = outboxPath(dir);
	await mkdirp(fs, path.slice(0, path.lastIndexOf('/')));
	await fs.promises.writeFile(path, JSON.stringify(outbox), 'utf8');
}
