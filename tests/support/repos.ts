/**
 * Native-git helpers for tests and `npm start`: build bare repos (branch main) from fixture
 * files or folders, and read pushes back with `git log`, `git show` and `git fsck --strict`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Config every call runs with, so results do not depend on the machine's git setup. */
const FIXED_CONFIG = [
	'-c', 'user.name=Waymark Test',
	'-c', 'user.email=test@waymark.invalid',
	'-c', 'init.defaultBranch=main',
	'-c', 'core.autocrlf=false',
	'-c', 'commit.gpgsign=false',
	'-c', 'protocol.file.allow=always'
];

/** Environment that ignores global/system git config and never prompts. */
function gitEnv(): NodeJS.ProcessEnv {
	return { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' };
}

/** Runs native git and returns raw stdout; throws with stderr so a failing fixture says why. */
function gitRaw(cwd: string, args: string[]): string {
	try {
		return execFileSync('git', [...FIXED_CONFIG, ...args], {
			cwd,
			env: gitEnv(),
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			maxBuffer: 256 * 1024 * 1024
		});
	} catch (err) {
		const e = err as { stderr?: string; message: string };
		throw new Error(`git ${args.join(' ')} (in ${cwd}) failed: ${e.stderr?.trim() || e.message}`);
	}
}

/** Runs native git with fixed identity and `main` as default branch; returns stdout without the trailing newline. */
export function git(cwd: string, ...args: string[]): string {
	return gitRaw(cwd, args).replace(/\s+$/, '');
}

/**
 * Async native git, for commands that talk to a server running in this same process
 * (a sync call would block the event loop the server needs). Rejects with stderr.
 */
export function gitAsync(cwd: string, ...args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile('git', [...FIXED_CONFIG, ...args], { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
			if (err) reject(new Error(`git ${args.join(' ')} (in ${cwd}) failed: ${stderr.trim() || err.message}`));
			else resolve(stdout.replace(/\s+$/, ''));
		});
	});
}

/** Files of a fixture repo: path (with `/`) → text or bytes. */
export type RepoFiles = Record<string, string | Uint8Array>;

/** Where a fixture repo's content comes from: an inline file map or a folder to copy. */
export type RepoSource = { files: RepoFiles } | { dir: string };

/** Options for {@link createBareRepo}. */
export interface CreateRepoOptions {
	/** Extra empty history commits made before the content commit (for depth / log tests). */
	commits?: number;
	/** Message of the content commit. Default "Initial commit". */
	message?: string;
}

/** Writes an inline file map into a directory, creating parent folders. */
export function writeFiles(dir: string, files: RepoFiles): void {
	for (const [rel, content] of Object.entries(files)) {
		const target = path.join(dir, ...rel.split('/'));
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, content);
	}
}

/** Creates `<root>/<name>.git` (branch main, HEAD → main, pushes allowed) holding `source` as one commit; returns its path. */
export function createBareRepo(root: string, name: string, source: RepoSource, opts: CreateRepoOptions = {}): string {
	const bare = path.resolve(root, `${name}.git`);
	if (existsSync(bare)) throw new Error(`bare repo already exists: ${bare}`);
	const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-work-'));
	try {
		git(work, 'init', '-q', '-b', 'main');
		for (let i = 1; i <= (opts.commits ?? 0); i++) {
			git(work, 'commit', '-q', '--allow-empty', '-m', `History commit ${i}`);
		}
		if ('files' in source) writeFiles(work, source.files);
		else cpSync(source.dir, work, { recursive: true, filter: (src) => path.basename(src) !== '.git' });
		git(work, 'add', '-A');
		git(work, 'commit', '-q', '--allow-empty', '-m', opts.message ?? 'Initial commit');
		mkdirSync(path.dirname(bare), { recursive: true });
		git(path.dirname(bare), 'init', '-q', '--bare', '-b', 'main', bare);
		git(bare, 'config', 'http.receivepack', 'true');
		git(work, 'push', '-q', bare, 'main:main');
		git(bare, 'symbolic-ref', 'HEAD', 'refs/heads/main');
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	return bare;
}

/** Clones a bare repo path or URL with native git into `dest` (async, so it works against an in-process server); returns `dest`. */
export async function cloneNative(bareOrUrl: string, dest: string): Promise<string> {
	const target = path.resolve(dest);
	mkdirSync(path.dirname(target), { recursive: true });
	await gitAsync(path.dirname(target), 'clone', '-q', bareOrUrl, target);
	return target;
}

/** Reads a file's exact text at `ref` in a (bare) repo, as a push left it. */
export function readRemoteFile(bare: string, filePath: string, ref = 'main'): string {
	return gitRaw(bare, ['show', `${ref}:${filePath}`]);
}

/** One commit of {@link remoteLog}. */
export interface LogEntry {
	hash: string;
	parents: string[];
	author: string;
	email: string;
	subject: string;
	body: string;
}

/** Lists commits reachable from `ref` (newest first) so tests can check what a push delivered. */
export function remoteLog(bare: string, ref = 'main'): LogEntry[] {
	const out = gitRaw(bare, ['log', '--format=%H%x1f%P%x1f%an%x1f%ae%x1f%s%x1f%b%x1e', ref]);
	return out
		.split('\x1e')
		.map((r) => r.replace(/^\n/, ''))
		.filter((r) => r.length > 0)
		.map((r) => {
			const [hash, parents, author, email, subject, body] = r.split('\x1f');
			return { hash, parents: parents ? parents.split(' ') : [], author, email, subject, body: body.replace(/\s+$/, '') };
		});
}

/** Runs `git fsck --strict` on a repo and throws on any problem; returns fsck's output. */
export function fsckStrict(bare: string): string {
	return gitRaw(bare, ['fsck', '--strict', '--no-dangling', '--no-progress']);
}
