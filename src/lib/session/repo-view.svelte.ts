/**
 * State of one open repo: its record, HEAD's files, the plans among them (grouped, each with
 * progress, status, next action and lint counts), the other Markdown files, and the file being read.
 */
import { EncodingError, gitClient, isMarkdownPath, UnknownGitError, type TreeFile } from '$lib/git';
import { perfMark } from '$lib/perf-mark';
import { discoverPlans, type DiscoveredPlan } from '$lib/plan/discover';
import { execPlanTemplate, nextStepFile, phaseDocTemplate, slugify, type NewPlanFile } from '$lib/plan/templates';
import { findRepo, type RepoRecord } from '$lib/store';
import type { PlanSummary } from '$lib/ui/repo/plan-summary';
import { Summarizer } from '$lib/ui/repo/summaries';
import { shownError } from './repo-git.svelte';
import type { ShownError } from './workspace.svelte';

/** What "New plan" can create. */
export type NewPlanKind = 'execplan' | 'phase-doc' | 'step-file';

/** The answers of the "New plan" dialog. */
export interface NewPlanForm {
	kind: NewPlanKind;
	title: string;
	/** ExecPlan: where to write it. */
	path: string;
	/** Phase document: version and phase number. */
	version: string;
	phase: string;
	/** Step file: the step folder. */
	folder: string;
}

/** The repo screen's state. */
export class RepoView {
	readonly id: string;
	repo = $state.raw<RepoRecord | null>(null);
	files = $state.raw<TreeFile[]>([]);
	plans = $state.raw<DiscoveredPlan[]>([]);
	/** Markdown files that are not plans. */
	otherMarkdown = $state.raw<string[]>([]);
	/** Per plan path, filled in as the plans are read. */
	summaries = $state.raw<Record<string, PlanSummary>>({});
	/** Whether plans are still being read for their summaries (rows without one say "Reading…" meanwhile). */
	summarizing = $state(true);
	loading = $state(true);
	error = $state.raw<ShownError | null>(null);
	openPath = $state<string | null>(null);
	openText = $state('');
	/** Folders that hold numbered step files (for "next step file"). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain data, not reactive state
	readonly stepFolders = $derived([...new Set(this.plans.filter((p) => p.group === 'step-folders').map((p) => dirOf(p.path)))]);

	/** Set when the screen goes away: background reading and parsing stop. */
	#stopped = false;
	/** Summaries are read in a worker, so a click never waits for a big plan's summary. */
	readonly #summarizer = new Summarizer();

	constructor(id: string) {
		this.id = id;
	}

	/** Stops the background work of {@link load} (the person left the screen, e.g. into a plan). */
	stop(): void {
		this.#stopped = true;
		this.#summarizer.stop();
	}

	/** Loads the repo record, its file list and its plans. */
	async load(): Promise<void> {
		this.loading = true;
		perfMark('repo:load');
		try {
			this.repo = await findRepo(this.id);
			if (!this.repo) throw UnknownGitError.of({ cause: 'this repository is not on this device' });
			this.files = await gitClient().listFiles(this.id);
			perfMark('repo:files');
			const paths = this.files.map((f) => f.path);
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain data, not reactive state
			const texts = new Map<string, string>();
			const read = async (path: string) => {
				if (this.#stopped) return null;
				// A file that is not UTF-8 text is listed, not read: opening it says why.
				const text = await gitClient()
					.readFile(this.id, path)
					.catch((err: unknown) => {
						if (err instanceof EncodingError) return null;
						throw err;
					});
				if (text !== null) texts.set(path, text);
				return text;
			};
			// Plans known by their paths show at once; reading the other Markdown files for living
			// sections (a repo can hold thousands) adds what it finds afterwards.
			this.setPlans(paths, await discoverPlans(paths));
			this.loading = false;
			perfMark('repo:plans');
			// Start loading the editor while the person picks a plan.
			void import('$lib/editor/plan-editor').catch(() => undefined);
			this.setPlans(paths, await discoverPlans(paths, read));
			await this.summarize(texts);
		} catch (err) {
			this.error = shownError(err);
		} finally {
			this.loading = false;
			if (!this.#stopped) this.summarizing = false;
		}
	}

	private setPlans(paths: string[], plans: DiscoveredPlan[]): void {
		this.plans = plans;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain data, not reactive state
		const planPaths = new Set(plans.map((p) => p.path));
		this.otherMarkdown = paths.filter((p) => isMarkdownPath(p) && !planPaths.has(p));
	}

	/** Reads each plan (one at a time) and fills in its summary line as the worker gives it. */
	private async summarize(texts: Map<string, string>): Promise<void> {
		for (const plan of this.plans) {
			if (this.#stopped) return;
			try {
				const text = texts.get(plan.path) ?? (await gitClient().readFile(this.id, plan.path));
				if (this.#stopped) return; // stopped while reading: no worker is started after stop()
				const summary = await this.#summarizer.summarize(text);
				if (this.#stopped) return;
				this.summaries = { ...this.summaries, [plan.path]: summary };
			} catch {
				// An unreadable plan keeps its link without a summary (and a stopped screen shows nothing).
			}
		}
	}

	/** Reads a file to show it. */
	async open(path: string): Promise<void> {
		try {
			this.openText = await gitClient().readFile(this.id, path);
			this.openPath = path;
		} catch (err) {
			this.error = shownError(err);
		}
	}

	/** The file "New plan" would write for `form`. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain data, not reactive state
	newPlanFile(form: NewPlanForm, now = new Date()): NewPlanFile {
		if (form.kind === 'phase-doc') return phaseDocTemplate({ version: form.version, phase: form.phase, title: form.title, now });
		if (form.kind === 'step-file') return nextStepFile({ folder: form.folder, paths: this.files.map((f) => f.path), title: form.title, now });
		const path = form.path.trim() || `docs/plans/${slugify(form.title)}.md`;
		return { path, text: execPlanTemplate(form.title, now) };
	}

	/** Defaults for the "New plan" dialog: the next phase number of the newest version, the first step folder. */
	newPlanDefaults(): NewPlanForm {
		let version = '0.1';
		let phase = 1;
		for (const p of this.plans) {
			const m = /(?:^|\/)V([\w.-]*?)_PHASE_(\d+)/.exec(p.path);
			if (!m) continue;
			if (m[1] !== version && m[1].localeCompare(version, undefined, { numeric: true }) > 0) {
				version = m[1];
				phase = Number(m[2]) + 1;
			} else if (m[1] === version) phase = Math.max(phase, Number(m[2]) + 1);
		}
		return { kind: 'execplan', title: '', path: '', version, phase: String(phase), folder: this.stepFolders[0] ?? '' };
	}

	/** Writes a new plan to the working tree (refusing to overwrite a file); returns its path. */
	async createPlan(form: NewPlanForm): Promise<string | null> {
		const file = this.newPlanFile(form);
		try {
			if (this.files.some((f) => f.path === file.path)) throw UnknownGitError.of({ cause: `${file.path} already exists` });
			const existing = await gitClient()
				.readFile(this.id, file.path)
				.then(() => true)
				.catch(() => false);
			if (existing) throw UnknownGitError.of({ cause: `${file.path} already exists` });
			await gitClient().writeFile(this.id, file.path, file.text);
			return file.path;
		} catch (err) {
			this.error = shownError(err);
			return null;
		}
	}
}

function dirOf(path: string): string {
	const i = path.lastIndexOf('/');
	return i < 0 ? '' : path.slice(0, i);
}
