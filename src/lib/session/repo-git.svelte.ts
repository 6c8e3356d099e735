/**
 * A repo's git state as every screen shows it: the outbox ("N commits to push"), fetch and push
 * (one at a time), fetch when the window regains focus, push when the network comes back, and
 * the files a sync changed, handed to whoever has them open.
 */
import { gitClient, GitError, hostName, UnknownGitError, type RemoteArgs, type RepoStatus, type SyncResult } from '$lib/git';
import { findRepo, rememberedToken, rememberToken, saveRepo, type RepoRecord } from '$lib/store';
import { sessionTokens } from './ids';
import type { ShownError } from './workspace.svelte';

/** How long after a repo is opened its history is deepened (after the first plan has opened). */
export const DEEPEN_DELAY_MS = 8000;

/** Files whose HEAD text a sync changed (see {@link SyncResult.updated}). */
export type UpdatedFiles = SyncResult['updated'];

/** Turns anything thrown into a sentence for the page. */
export function shownError(err: unknown): ShownError {
	const e = err instanceof GitError ? err : UnknownGitError.of({ cause: err instanceof Error ? err.message : String(err) });
	return { code: e.code, message: e.message, hint: e.hint };
}

/** What the status element says for a repo state. */
export function outboxText(status: RepoStatus | null, hasRemote: boolean): string {
	if (!status) return 'Checking what waits to be pushed…';
	if (status.conflict) return `A sync conflict in ${status.conflict.path} needs you`;
	const n = status.ahead;
	if (n === 0) return hasRemote ? 'Everything pushed' : 'Everything committed (no remote)';
	const commits = `${n} commit${n === 1 ? '' : 's'}`;
	return hasRemote ? `${commits} to push` : `${commits} (no remote to push to)`;
}

/** One repo's git state; get the shared one with {@link repoGit}. */
export class RepoGit {
	readonly id: string;
	repo = $state.raw<RepoRecord | null>(null);
	status = $state.raw<RepoStatus | null>(null);
	/** The sync running now, if any. */
	busy = $state<'fetch' | 'push' | null>(null);
	error = $state.raw<ShownError | null>(null);

	// Getters, not $derived: one instance is shared by several screens, and a derived would belong
	// to (and die with) the screen that first created it.
	/** Whether the repo has a remote to fetch from and push to. */
	get hasRemote(): boolean {
		return Boolean(this.repo?.url);
	}

	/** What the status element says. */
	get statusText(): string {
		return outboxText(this.status, this.hasRemote);
	}

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain data, not reactive state
	#listeners = new Set<(updated: UpdatedFiles) => void>();
	#queue: Promise<unknown> = Promise.resolve();
	#loaded: Promise<void> | null = null;

	constructor(id: string) {
		this.id = id;
	}

	/** Reads the repo record and its status (once; later calls share the first). */
	load(): Promise<void> {
		this.#loaded ??= (async () => {
			this.repo = await findRepo(this.id);
			await this.refresh();
			this.#scheduleDeepen();
		})();
		return this.#loaded;
	}

	#deepenScheduled = false;

	/**
	 * The clone is shallow so the first plan opens fast; the branch's history (for history views,
	 * merge bases and spend over time) follows a few seconds later, queued behind any sync.
	 */
	#scheduleDeepen(): void {
		if (this.#deepenScheduled || !this.status?.shallow || !this.hasRemote || typeof window === 'undefined') return;
		this.#deepenScheduled = true;
		setTimeout(() => {
			const run = async () => {
				const remote = await this.remote();
				if (!remote || navigator.onLine === false) return null;
				try {
					await gitClient().deepen({ id: this.id, remote }).result;
					await this.refresh();
				} catch {
					this.#deepenScheduled = false; // try again next time the repo is opened
				}
				return null;
			};
			const next = this.#queue.then(run, run);
			this.#queue = next.catch(() => null);
		}, DEEPEN_DELAY_MS);
	}

	/** Asks the worker for the current status. */
	async refresh(): Promise<void> {
		try {
			this.status = await gitClient().status(this.id);
		} catch (err) {
			this.error = shownError(err);
		}
	}

	/** Calls `fn` with the files each fetch or push changed; returns the unsubscribe. */
	onUpdated(fn: (updated: UpdatedFiles) => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	/** Where and how to reach the remote: URL, branch, proxy and the token for its host (typed this session or remembered). */
	async remote(): Promise<RemoteArgs | null> {
		const repo = this.repo;
		if (!repo?.url) return null;
		const host = hostName(repo.url);
		const token = sessionTokens.get(host) ?? (await rememberedToken(host).catch(() => undefined));
		return { url: repo.url, branch: repo.branch, corsProxy: repo.corsProxy || undefined, token, username: repo.username || undefined };
	}

	/**
	 * Fetches and integrates the remote branch (no push). Null when there is no remote or it
	 * failed. Offline it does nothing: the fetch on open/focus would only report the obvious.
	 */
	fetch(): Promise<SyncResult | null> {
		if (typeof navigator !== 'undefined' && navigator.onLine === false) return Promise.resolve(null);
		return this.#sync('fetch');
	}

	/** Fetches, integrates and pushes the outbox. */
	push(): Promise<SyncResult | null> {
		return this.#sync('push');
	}

	/** Takes the person's resolution of the open sync conflict (null deletes the file), then pushes. */
	resolveConflict(text: string | null): Promise<SyncResult | null> {
		return this.#sync('resolve', text);
	}

	/**
	 * Uses `token` for this repo's host from now on (this session; remembered on this device when
	 * `remember`), then retries the push.
	 */
	async useToken(token: string, remember: boolean, username = ''): Promise<SyncResult | null> {
		await this.load();
		const host = this.repo?.url ? hostName(this.repo.url) : '';
		if (!host || !token.trim() || !this.repo) return null;
		if (username.trim() !== (this.repo.username ?? '')) {
			this.repo = { ...this.repo, username: username.trim() || undefined };
			await saveRepo(this.repo);
		}
		sessionTokens.set(host, token.trim());
		if (remember) await rememberToken(host, token.trim());
		return this.push();
	}

	/** Fetch on window focus, push when the network returns with commits waiting; returns the stop. */
	watch(): () => void {
		const onFocus = () => void this.fetch();
		const onOnline = () => {
			if ((this.status?.ahead ?? 0) > 0) void this.push();
		};
		window.addEventListener('focus', onFocus);
		window.addEventListener('online', onOnline);
		return () => {
			window.removeEventListener('focus', onFocus);
			window.removeEventListener('online', onOnline);
		};
	}

	#sync(kind: 'fetch' | 'push' | 'resolve', resolution: string | null = ''): Promise<SyncResult | null> {
		const run = async (): Promise<SyncResult | null> => {
			await this.load();
			const remote = await this.remote();
			if (!remote) return null;
			this.busy = kind === 'resolve' ? 'push' : kind;
			try {
				const call =
					kind === 'resolve'
						? gitClient().resolveConflict({ id: this.id, text: resolution, remote })
						: kind === 'push'
							? gitClient().push({ id: this.id, remote })
							: gitClient().fetch({ id: this.id, remote });
				const result = await call.result;
				this.status = result.status;
				this.error = null;
				if (result.updated.length) for (const fn of this.#listeners) fn(result.updated);
				return result;
			} catch (err) {
				this.error = shownError(err);
				await this.refresh();
				return null;
			} finally {
				this.busy = null;
			}
		};
		// One sync at a time: a focus during a push waits for it instead of racing it.
		const next = this.#queue.then(run, run);
		this.#queue = next.catch(() => null);
		return next;
	}
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain data, not reactive state
const shared = new Map<string, RepoGit>();

/** The page's one git state for repo `id`, shared by the repo list and the plan editor. */
export function repoGit(id: string): RepoGit {
	let state = shared.get(id);
	if (!state) shared.set(id, (state = new RepoGit(id)));
	return state;
}
