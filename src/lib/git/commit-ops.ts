/**
 * Path-only commits: a commit is HEAD's tree with the changed files swapped in — new blobs and
 * only the trees on their paths, every other subtree reused by id — never a status walk of the
 * sparse working tree (where files that were never checked out would look deleted). So a commit
 * costs the same on 20 and 20,000 files.
 */
import git, { type TreeEntry } from 'isomorphic-git';
import type { RecordedEdit } from '../plan/types';
import { cleanCommitMessage } from './clean-message';
import { MoveError } from './errors';
import { exists, gitCache, mkdirp, type RepoFs } from './fs-utils';
import { readOutbox, writeOutbox } from './outbox';
import { decodeFileText, decodeForDisplay, readTextFile } from './text-codec';
import { REPO_DIR } from './repo-ops';

/** Who made a commit, with the time git records. */
export interface Signature {
	name: string;
	email: string;
	/** Seconds since the epoch (default: now). */
	timestamp?: number;
	/** Minutes west of UTC, as `Date.getTimezoneOffset` (default: this machine's). */
	timezoneOffset?: number;
}

/** The branch HEAD points at (`main`), or throws when HEAD is detached. */
export async function currentBranch(fs: RepoFs, dir = REPO_DIR): Promise<string> {
	const branch = await git.currentBranch({ fs, dir, fullname: false });
	if (!branch) throw new Error('HEAD is detached; Waymark needs a branch');
	return branch;
}

/** Bytes of `path` in commit `oid` (null when the commit has no such file). */
export async function readBytesAt(fs: RepoFs, oid: string, path: string, dir = REPO_DIR, cache: object = gitCache(fs)): Promise<Uint8Array | null> {
	try {
		return (await git.readBlob({ fs, dir, oid, filepath: path, cache })).blob;
	} catch (err) {
		if ((err as { code?: string }).code === 'NotFoundError') return null;
		throw err;
	}
}

/** Text of `path` in commit `oid` for merging and writing back: null when absent, EncodingError when not UTF-8. */
export async function readUtf8At(fs: RepoFs, oid: string, path: string, dir = REPO_DIR, cache: object = gitCache(fs)): Promise<string | null> {
	const bytes = await readBytesAt(fs, oid, path, dir, cache);
	return bytes === null ? null : decodeFileText(bytes, path);
}

/** Text of `path` in commit `oid` (null when the commit has no such file), for showing: bytes that are not UTF-8 show as U+FFFD. */
export async function readTextAt(fs: RepoFs, oid: string, path: string, dir = REPO_DIR, cache: object = gitCache(fs)): Promise<string | null> {
	try {
		const { blob } = await git.readBlob({ fs, dir, oid, filepath: path, cache });
		return decodeForDisplay(blob);
	} catch (err) {
		if ((err as { code?: string }).code === 'NotFoundError') return null;
		throw err;
	}
}

/**
 * Writes a new tree: `treeOid`'s entries with `changes` (path relative to this tree → blob id, or
 * null to remove) applied. Only trees on changed paths are rewritten; the rest keep their ids.
 */
export async function updateTree(fs: RepoFs, dir: string, treeOid: string | null, changes: Map<string, string | null>, cache: object = gitCache(fs)): Promise<string> {
	const entries: TreeEntry[] = treeOid ? (await git.readTree({ fs, dir, oid: treeOid, cache })).tree : [];
	const byName = new Map(entries.map((e) => [e.path, e]));
	const nested = new Map<string, Map<string, string | null>>();
	for (const [path, oid] of changes) {
		const slash = path.indexOf('/');
		if (slash < 0) {
			if (oid === null) byName.delete(path);
			else {
				const old = byName.get(path);
				const mode = old && old.type === 'blob' ? old.mode : '100644';
				byName.set(path, { mode, path, oid, type: 'blob' });
			}
			continue;
		}
		const head = path.slice(0, slash);
		let sub = nested.get(head);
		if (!sub) nested.set(head, (sub = new Map()));
		sub.set(path.slice(slash + 1), oid);
	}
	for (const [name, sub] of nested) {
		const old = byName.get(name);
		const oldTree = old && old.type === 'tree' ? old.oid : null;
		const oid = await updateTree(fs, dir, oldTree, sub, cache);
		const emptyTree = (await git.readTree({ fs, dir, oid, cache })).tree.length === 0;
		if (emptyTree) byName.delete(name);
		else byName.set(name, { mode: '040000', path: name, oid, type: 'tree' });
	}
	return git.writeTree({ fs, dir, tree: [...byName.values()] });
}

/** Options of {@link commitTexts}. */
export interface CommitTextsOptions {
	fs: RepoFs;
	dir?: string;
	/** The commit to build on. */
	parent: string;
	/** New text of each changed file (null deletes it). */
	files: Map<string, string | null>;
	message: string;
	author: Signature;
	committer?: Signature;
	cache?: object;
}

/** Writes a commit holding `parent`'s tree plus `files`; returns its id, or null if nothing changed. */
export async function commitTexts(opts: CommitTextsOptions): Promise<string | null> {
	const dir = opts.dir ?? REPO_DIR;
	const cache = opts.cache ?? gitCache(opts.fs);
	const { fs } = opts;
	const parentCommit = await git.readCommit({ fs, dir, oid: opts.parent, cache });
	const changes = new Map<string, string | null>();
	const encoder = new TextEncoder();
	for (const [path, text] of opts.files) {
		changes.set(path, text === null ? null : await git.writeBlob({ fs, dir, blob: encoder.encode(text) }));
	}
	const tree = await updateTree(fs, dir, parentCommit.commit.tree, changes, cache);
	if (tree === parentCommit.commit.tree) return null;
	const author = signature(opts.author);
	return git.writeCommit({
		fs,
		dir,
		commit: {
			message: cleanCommitMessage(opts.message),
			tree,
			parent: [opts.parent],
			author,
			committer: opts.committer ? signature(opts.committer) : author
		}
	});
}

/** A signature with its time filled in. */
function signature(s: Signature): { name: string; email: string; timestamp: number; timezoneOffset: number } {
	return {
		name: s.name,
		email: s.email,
		timestamp: s.timestamp ?? Math.floor(Date.now() / 1000),
		timezoneOffset: s.timezoneOffset ?? new Date().getTimezoneOffset()
	};
}

/** Reads the working-tree text of each path (a path with no working file is left out). */
export async function readWorkingTexts(fs: RepoFs, paths: string[], dir = REPO_DIR): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const path of paths) {
		const target = `${dir}/${path}`;
		if (!(await exists(fs, target))) continue;
		out.set(path, await readTextFile(fs, target, path));
	}
	return out;
}

/** Moves the branch (and so HEAD) to `oid`. */
export async function setBranch(fs: RepoFs, branch: string, oid: string, dir = REPO_DIR): Promise<void> {
	await git.writeRef({ fs, dir, ref: `refs/heads/${branch}`, value: oid, force: true });
}

/** Options of {@link commitWorkingFiles}. */
export interface CommitWorkingOptions {
	fs: RepoFs;
	dir?: string;
	paths: string[];
	message: string;
	author: Signature;
	edits?: Record<string, RecordedEdit[]>;
	phase?: string;
	/**
	 * Files this commit moves (a version's phase documents going to the archive): `to` gets the text
	 * `from` would commit — its working text when `from` is among `paths`, else HEAD's — and `from`
	 * is deleted. The working files move along (uncommitted typing in them kept at the new path).
	 */
	moves?: { from: string; to: string }[];
	cache?: object;
}

/**
 * Commits the working text of `paths` on top of HEAD and records the commit in the outbox (with
 * its panel edits, for sync). Throws when the files equal HEAD already.
 */
export async function commitWorkingFiles(opts: CommitWorkingOptions): Promise<string> {
	const dir = opts.dir ?? REPO_DIR;
	const { fs } = opts;
	const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
	const branch = await currentBranch(fs, dir);
	const texts = await readWorkingTexts(fs, opts.paths, dir);
	const files = new Map<string, string | null>(texts);
	const moves = opts.moves ?? [];
	for (const m of moves) {
		checkRepoPath(m.from);
		checkRepoPath(m.to);
		// Strict: a file that is not UTF-8 is refused (EncodingError) before anything is written.
		const text = texts.get(m.from) ?? (await readUtf8At(fs, head, m.from, dir));
		if (text === null) throw MoveError.of(m.from, m.to, 'missing');
		if (files.has(m.to) || (await readTextAt(fs, head, m.to, dir)) !== null || (await exists(fs, `${dir}/${m.to}`))) throw MoveError.of(m.from, m.to, 'exists');
		files.set(m.to, text);
		files.set(m.from, null);
	}
	const author = signature(opts.author);
	const oid = await commitTexts({ fs, dir, parent: head, files, message: opts.message, author, cache: opts.cache });
	if (!oid) throw new NothingToCommitError(opts.paths);
	const outbox = await readOutbox(fs, dir);
	const paths = [...files.keys()];
	const edits: Record<string, RecordedEdit[]> = {};
	for (const p of paths) if (opts.edits?.[p]?.length) edits[p] = opts.edits[p];
	outbox.commits.push({ oid, message: cleanCommitMessage(opts.message), author, paths, edits, ...(opts.phase ? { phase: opts.phase } : {}), ...(moves.length ? { moves: moves.map((m) => ({ from: m.from, to: m.to })) } : {}) });
	// The branch moves first: a commit the outbox missed (a crash in between) is still found by
	// sync's first-parent walk from HEAD, while an outbox entry ahead of the branch would not be.
	await setBranch(fs, branch, oid, dir);
	await writeOutbox(fs, outbox, dir);
	for (const m of moves) await moveWorkingFile(fs, m.from, m.to, files.get(m.to) ?? '', dir);
	return oid;
}

/**
 * Moves a working file after a commit moved it: the new path gets the old working text (or
 * `committed` when it was never checked out), the old one goes, and so does a folder left empty.
 */
async function moveWorkingFile(fs: RepoFs, from: string, to: string, committed: string, dir: string): Promise<void> {
	const source = `${dir}/${from}`;
	const present = await exists(fs, source);
	const text = present ? await readTextFile(fs, source, from) : committed;
	await writeWorkingFile(fs, to, text, dir);
	if (!present) return;
	await fs.promises.unlink(source);
	let folder = source.slice(0, source.lastIndexOf('/'));
	while (folder.length > dir.length) {
		if ((await fs.promises.readdir(folder)).length > 0) break;
		await fs.promises.rmdir(folder);
		folder = folder.slice(0, folder.lastIndexOf('/'));
	}
}

/** The files already equal HEAD: there is nothing to commit. */
export class NothingToCommitError extends Error {
	override readonly name = 'NothingToCommitError';
	constructor(readonly paths: string[]) {
		super(`Nothing to commit: ${paths.join(', ') || 'no files'} ${paths.length === 1 ? 'is' : 'are'} unchanged.`);
	}
}

/** Text of `path` at HEAD, or null. */
export async function readHeadText(fs: RepoFs, path: string, dir = REPO_DIR): Promise<string | null> {
	const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
	return readTextAt(fs, head, path, dir);
}

/** Throws for a path that is not a plain file path inside the repository (`..`, `.git`, empty segments). */
function checkRepoPath(path: string): void {
	if (path.split('/').some((seg) => seg === '' || seg === '.' || seg === '..' || seg === '.git')) throw new Error(`Not a file path inside the repository: ${path}`);
}

/** Writes a working-tree file (autosave). */
export async function writeWorkingFile(fs: RepoFs, path: string, text: string, dir = REPO_DIR): Promise<void> {
	checkRepoPath(path);
	const target = `${dir}/${path}`;
	await mkdirp(fs, target.slice(0, target.lastIndexOf('/')));
	await fs.promises.writeFile(target, text, 'utf8');
}

/** Puts HEAD's text back in the working tree (removes the file when HEAD has none); returns it. */
export async function discardWorkingFile(fs: RepoFs, path: string, dir = REPO_DIR): Promise<string | null> {
	const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
	const bytes = await readBytesAt(fs, head, path, dir);
	const target = `${dir}/${path}`;
	if (bytes === null) {
		if (await exists(fs, target)) await fs.promises.unlink(target);
		return null;
	}
	// HEAD's bytes as they are (a file that is not UTF-8 must not come back with U+FFFD in it).
	await mkdirp(fs, target.slice(0, target.lastIndexOf('/')));
	await fs.promises.writeFile(target, bytes);
	return decodeForDisplay(bytes);
}
