/**
 * Small file-system helpers over the promise API isomorphic-git also uses (lightning-fs in the
 * browser, node:fs in tests), which lacks recursive mkdir.
 */

/** The subset of a promise fs the git layer uses. */
export interface RepoFs {
	promises: {
		readFile(path: string, opts?: { encoding?: 'utf8' } | 'utf8'): Promise<Uint8Array | string>;
		writeFile(path: string, data: Uint8Array | string, opts?: { mode?: number } | 'utf8'): Promise<void>;
		mkdir(path: string, opts?: { mode?: number }): Promise<void>;
		stat(path: string): Promise<unknown>;
		readdir(path: string): Promise<string[]>;
		unlink(path: string): Promise<void>;
		rmdir(path: string): Promise<void>;
		lstat(path: string): Promise<unknown>;
		readlink(path: string): Promise<string>;
		symlink(target: string, path: string): Promise<void>;
	};
}

/** True when `err` is a file-system "already exists" error. */
function isExists(err: unknown): boolean {
	return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'EEXIST';
}

/** Creates `dir` and its parents; folders already made are remembered in `made`. */
export async function mkdirp(fs: RepoFs, dir: string, made: Set<string> = new Set()): Promise<void> {
	if (dir === '/' || dir === '' || made.has(dir)) return;
	const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
	await mkdirp(fs, parent, made);
	try {
		await fs.promises.mkdir(dir);
	} catch (err) {
		if (!isExists(err)) throw err;
	}
	made.add(dir);
}

/** Whether `path` exists. */
export async function exists(fs: RepoFs, path: string): Promise<boolean> {
	try {
		await fs.promises.stat(path);
		return true;
	} catch {
		return false;
	}
}

/** Per file system: isomorphic-git's cache (parsed pack indexes) kept from one operation to the next. */
const gitCaches = new WeakMap<object, object>();

/**
 * isomorphic-git's `cache` for `fs`. Without one, every call re-reads and re-parses each pack's
 * index from storage — after the history is deepened that is most of a commit's or status's time.
 * Packs are named by their content, so entries never go stale; a wiped repo calls {@link resetGitCache}.
 */
export function gitCache(fs: RepoFs): object {
	let cache = gitCaches.get(fs);
	if (!cache) gitCaches.set(fs, (cache = {}));
	return cache;
}

/** Forgets `fs`'s isomorphic-git cache (its repo was wiped or cloned again). */
export function resetGitCache(fs: RepoFs): void {
	gitCaches.delete(fs);
}
