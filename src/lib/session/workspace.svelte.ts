/**
 * Workspace state: the repos on this device, the clone in progress (with progress and Cancel), the
 * last error as a sentence, and the session's tokens (memory only unless the person asks to remember).
 */
import { base } from '$app/paths';
import { gitClient, hostName, repoNameFromUrl, validateProxyUrl, validateRepoUrl, CancelledError, GitError, UnknownGitError, type GitCall, type GitProgress, type CloneResult } from '$lib/git';
import { listRepos, rememberedToken, rememberToken, removeRepo, saveRepo, type RepoRecord } from '$lib/store';
import { demoFiles } from './demo-files';
import { newRepoId, nowIso, sessionTokens } from './ids';

/** What the clone form hands over. */
export interface CloneForm {
	url: string;
	branch: string;
	corsProxy: string;
	token: string;
	username?: string;
	/** Keep the token for this host across sessions. */
	remember?: boolean;
}

/** An error as the UI shows it. */
export interface ShownError {
	code: string;
	message: string;
	hint: string;
}

/** Turns anything thrown into a shown error. */
function toShown(err: unknown): ShownError {
	const e = err instanceof GitError ? err : UnknownGitError.of({ cause: err instanceof Error ? err.message : String(err) });
	return { code: e.code, message: e.message, hint: e.hint };
}

/** The workspace screen's state; one per app (see {@link workspace}). */
export class Workspace {
	repos = $state.raw<RepoRecord[]>([]);
	loaded = $state(false);
	/** Progress of the running clone, null when none runs. */
	progress = $state.raw<GitProgress | null>(null);
	busy = $state(false);
	error = $state.raw<ShownError | null>(null);
	/** Timing of the last finished clone (shown for the curious, used by the benchmark). */
	lastClone = $state.raw<CloneResult | null>(null);
	/** Percentage of the current phase, 0 when its total is unknown. */
	readonly percent = $derived(this.progress && this.progress.total > 0 ? Math.min(100, Math.round((this.progress.loaded / this.progress.total) * 100)) : 0);

	private running: GitCall<CloneResult> | null = null;

	/** Loads the repo list. */
	async load(): Promise<void> {
		try {
			this.repos = await listRepos();
		} catch (err) {
			this.error = toShown(err);
		} finally {
			this.loaded = true;
		}
	}

	/** The token to use for `url`: typed now, typed earlier this session, or remembered. */
	async tokenFor(url: string, typed: string): Promise<string | undefined> {
		const host = hostName(url);
		if (typed) return typed;
		return sessionTokens.get(host) ?? (await rememberedToken(host).catch(() => undefined));
	}

	/** Clones a repo into its own database and adds it to the list; returns it, or null on failure. */
	async clone(form: CloneForm): Promise<RepoRecord | null> {
		if (this.busy) return null;
		this.error = null;
		let url: URL;
		let corsProxy: string | undefined;
		try {
			url = validateRepoUrl(form.url);
			corsProxy = validateProxyUrl(form.corsProxy);
		} catch (err) {
			this.error = toShown(err);
			return null;
		}
		const branch = form.branch.trim() || 'main';
		const name = repoNameFromUrl(url.href);
		const id = newRepoId(name);
		const token = await this.tokenFor(url.href, form.token.trim());
		this.busy = true;
		this.progress = { phase: 'Connecting', loaded: 0, total: 0 };
		try {
			this.running = gitClient().clone({ id, url: url.href, branch, corsProxy, token, username: form.username?.trim() || undefined }, (p) => (this.progress = p));
			this.lastClone = await this.running.result;
			if (token) {
				sessionTokens.set(url.hostname.toLowerCase(), token);
				if (form.remember) await rememberToken(url.hostname.toLowerCase(), token);
			}
			const repo: RepoRecord = { id, name, url: url.href, branch, corsProxy: corsProxy ?? '', createdAt: nowIso() };
			await saveRepo(repo);
			this.repos = await listRepos();
			void navigator.storage?.persist?.().catch(() => false);
			return repo;
		} catch (err) {
			this.error = err instanceof CancelledError ? null : toShown(err);
			return null;
		} finally {
			this.running = null;
			this.busy = false;
			this.progress = null;
		}
	}

	/** Stops the running clone; its half-made database is deleted by the worker. */
	cancel(): void {
		this.running?.cancel();
	}

	/**
	 * Opens the demo: clones the demo server's repo when `npm start` serves `/waymark-demo.json`,
	 * else creates the same repo inside the browser so the button never dead-ends.
	 */
	async openDemo(fill?: (url: string, branch: string) => void): Promise<RepoRecord | null> {
		let served: { url: string; branch?: string } | null = null;
		try {
			const res = await fetch(`${base}/waymark-demo.json`, { cache: 'no-store' });
			if (res.ok && (res.headers.get('content-type') ?? '').includes('json')) served = await res.json();
		} catch {
			served = null;
		}
		if (served?.url) {
			const branch = served.branch || 'main';
			fill?.(served.url, branch);
			return this.clone({ url: served.url, branch, corsProxy: '', token: '' });
		}
		return this.createDemoInBrowser();
	}

	/** Creates the demo repo with one commit inside the browser (no remote). */
	async createDemoInBrowser(): Promise<RepoRecord | null> {
		if (this.busy) return null;
		this.error = null;
		this.busy = true;
		this.progress = { phase: 'Creating the demo in the browser', loaded: 0, total: 0 };
		const id = newRepoId('demo');
		try {
			await gitClient().init({ id, branch: 'main', files: await demoFiles(), author: { name: 'Waymark', email: 'demo@waymark.invalid' }, message: 'Waymark demo' });
			const repo: RepoRecord = { id, name: 'demo', url: '', branch: 'main', corsProxy: '', createdAt: nowIso() };
			await saveRepo(repo);
			this.repos = await listRepos();
			return repo;
		} catch (err) {
			this.error = toShown(err);
			return null;
		} finally {
			this.busy = false;
			this.progress = null;
		}
	}

	/** Deletes a repo: its databases, its list entry and its session token. */
	async deleteRepo(id: string): Promise<void> {
		const repo = this.repos.find((r) => r.id === id);
		try {
			await gitClient().deleteRepo(id);
			await removeRepo(id);
			if (repo?.url && !this.repos.some((r) => r.id !== id && hostName(r.url) === hostName(repo.url))) sessionTokens.delete(hostName(repo.url));
			this.repos = await listRepos();
		} catch (err) {
			this.error = toShown(err);
		}
	}
}

let shared: Workspace | null = null;

/** The app's one workspace state. */
export function workspace(): Workspace {
	shared ??= new Workspace();
	return shared;
}
