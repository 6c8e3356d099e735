/**
 * Workspace state: the repos on this device, the clone in progress (with progress and Cancel), the
 * last error as a sentence, and the session's tokens (memory only unless the person asks to remember).
 */
import { base } from '$app/paths';
import { perfMark } from '$lib/perf-mark';
import { gitClient, hostName, repoNameFromUrl, validateProxyUrl, validateRepoUrl, CancelledError, GitError, UnknownGitError, type GitCall, type GitProgress, type CloneResult } from '$lib/git';
import { forgetToken, listRepos, rememberedToken, rememberToken, removeRepo, saveRepo, wipeStore, type RepoRecord } from '$lib/store';
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

	/** Bytes each repo uses in this browser, by id (filled in after the list loads). */
	usage = $state.raw<Record<string, number>>({});
	/** Whether the browser promised to keep this site's storage (null: unknown). */
	persisted = $state<boolean | null>(null);

	private running: GitCall<CloneResult> | null = null;

	/** Loads the repo list, then each repo's storage use. */
	async load(): Promise<void> {
		// Start the git worker now, so a clone does not wait for its code to load.
		try {
			gitClient();
		} catch {
			// no Worker support: the clone reports it
		}
		try {
			this.repos = await listRepos();
		} catch (err) {
			this.error = toShown(err);
		} finally {
			this.loaded = true;
		}
		void this.loadUsage();
		void navigator.storage?.persisted?.().then((p) => (this.persisted = p)).catch(() => undefined);
	}

	/** Reads the storage each repo uses (best effort: a repo open in another tab is skipped). */
	async loadUsage(): Promise<void> {
		const out: Record<string, number> = {};
		for (const repo of this.repos) {
			try {
				out[repo.id] = (await gitClient().usage(repo.id)).bytes;
			} catch {
				// locked by another tab or unreadable: leave it out
			}
		}
		this.usage = out;
	}

	/** Deletes every repo database, the repo list, settings, drafts and remembered tokens. */
	async wipeAll(): Promise<void> {
		try {
			for (const repo of this.repos) await gitClient().deleteRepo(repo.id);
			await wipeStore();
			sessionTokens.clear();
			this.repos = [];
			this.usage = {};
			this.lastClone = null;
		} catch (err) {
			this.error = toShown(err);
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
			perfMark('clone:result');
			if (token) {
				sessionTokens.set(url.hostname.toLowerCase(), token);
				if (form.remember) await rememberToken(url.hostname.toLowerCase(), token);
			}
			const username = form.username?.trim() || undefined;
			const repo: RepoRecord = { id, name, url: url.href, branch, corsProxy: corsProxy ?? '', ...(username ? { username } : {}), createdAt: nowIso() };
			await saveRepo(repo);
			this.repos = await listRepos();
			perfMark('clone:listed-repos');
			void navigator.storage?.persist?.().then((p) => (this.persisted = p)).catch(() => false);
			void this.loadUsage();
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
			if (repo?.url && !this.repos.some((r) => r.id !== id && hostName(r.url) === hostName(repo.url))) {
				sessionTokens.delete(hostName(repo.url));
				await forgetToken(hostName(repo.url));
			}
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
