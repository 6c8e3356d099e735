/**
 * The home screen's view of every repo: its plans with progress (n/m) and next action, its
 * unpushed commits, and the plans' text for search. Repos are read one at a time, each in one
 * worker call that does not keep the repo's write lock; the last result stays in memory so
 * coming back home shows it at once while it refreshes.
 */
import { gitClient } from '$lib/git';
import type { RepoRecord } from '$lib/store';
import type { PlanSummary } from '$lib/ui/repo/plan-summary';
import type { Summarizer } from '$lib/ui/repo/summaries';
import { shownError } from '$lib/session/repo-git.svelte';
import type { ShownError } from '$lib/session/workspace.svelte';
import { searchPlans, type SearchDoc, type SearchHit } from './search';
import { afterPaint } from '../paint-yield';

/** Pauses before reading a locked repo again. */
const LOCK_RETRY_MS = [500, 1500, 4000];

/** One plan on the home screen. */
export interface HomePlan {
	path: string;
	summary: PlanSummary;
}

/** One repo on the home screen. */
export interface HomeRepo {
	state: 'loading' | 'ready' | 'error';
	plans: HomePlan[];
	/** Commits waiting to be pushed. */
	ahead: number;
	error: ShownError | null;
}

/** State of the home screen (one per app, see {@link homeOverview}). */
export class HomeOverview {
	/** Per repo id. */
	repos = $state.raw<Record<string, HomeRepo>>({});
	query = $state('');
	/** Plan texts for search, per repo id. */
	#docs = $state.raw<Record<string, SearchDoc[]>>({});
	readonly hits: SearchHit[] = $derived(searchPlans(Object.values(this.#docs).flat(), this.query));
	/** Whether any plan text is known yet (search says "still reading" otherwise). */
	readonly searchable = $derived(Object.keys(this.#docs).length > 0);
	/** Unpushed commits over every repo. */
	readonly totalAhead = $derived(Object.values(this.repos).reduce((n, r) => n + r.ahead, 0));

	#run = 0;
	/** Reads plan summaries off the page's thread; ended by `stop`. */
	#summarizer: Summarizer | null = null;

	/** Reads every repo in `list` (one after another); a later call supersedes a running one. */
	async load(list: readonly RepoRecord[]): Promise<void> {
		const run = ++this.#run;
		// Repos no longer on the device drop out.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain data, not reactive state
		const ids = new Set(list.map((r) => r.id));
		this.repos = Object.fromEntries(Object.entries(this.repos).filter(([id]) => ids.has(id)));
		this.#docs = Object.fromEntries(Object.entries(this.#docs).filter(([id]) => ids.has(id)));
		// What changed the list (a clone, a deletion) is painted before the reading starts.
		await afterPaint();
		for (const repo of list) {
			if (run !== this.#run) return;
			await this.#loadRepo(repo, run);
		}
		// A repo is locked by another tab — or by this tab's previous page, whose worker is still
		// shutting down after a reload: try those again a little later.
		for (const wait of LOCK_RETRY_MS) {
			const locked = list.filter((r) => this.repos[r.id]?.error?.code === 'LockedError');
			if (locked.length === 0) return;
			await new Promise((r) => setTimeout(r, wait));
			for (const repo of locked) {
				if (run !== this.#run) return;
				await this.#loadRepo(repo, run);
			}
		}
	}

	/** Stops a running load (the page is going away). */
	stop(): void {
		this.#run++;
		this.#summarizer?.stop();
		this.#summarizer = null;
	}

	async #loadRepo(repo: RepoRecord, run: number): Promise<void> {
		const known = this.repos[repo.id];
		if (!known) this.#set(repo.id, { state: 'loading', plans: [], ahead: 0, error: null });
		try {
			// The plan parser loads only once there is a repo to read: the empty first screen stays small.
			const [o, { discoverPlans }, { Summarizer }] = await Promise.all([gitClient().overview(repo.id), import('$lib/plan/discover'), import('$lib/ui/repo/summaries')]);
			if (run !== this.#run) return;
			const discovered = await discoverPlans(o.paths, (p) => o.markdown[p] ?? null);
			const plans: HomePlan[] = [];
			const docs: SearchDoc[] = [];
			// Summaries come from a worker: typing in search and clicks stay quick on a big repo.
			const summarizer = (this.#summarizer ??= new Summarizer());
			for (const p of discovered) {
				const text = o.markdown[p.path];
				if (text === undefined) continue;
				if (run !== this.#run) return; // stopped: no worker is started after stop()
				plans.push({ path: p.path, summary: await summarizer.summarize(text) });
				docs.push({ repoId: repo.id, repoName: repo.name, path: p.path, text });
				if (run !== this.#run) return;
			}
			this.#set(repo.id, { state: 'ready', plans, ahead: o.status.ahead, error: null });
			this.#docs = { ...this.#docs, [repo.id]: docs };
		} catch (err) {
			if (run !== this.#run) return;
			this.#set(repo.id, { state: 'error', plans: known?.plans ?? [], ahead: known?.ahead ?? 0, error: shownError(err) });
		}
	}

	#set(id: string, value: HomeRepo): void {
		this.repos = { ...this.repos, [id]: value };
	}
}

let shared: HomeOverview | null = null;

/** The app's one home overview. */
export function homeOverview(): HomeOverview {
	shared ??= new HomeOverview();
	return shared;
}
