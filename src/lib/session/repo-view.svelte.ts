/** State of one open repo: its record, HEAD's files, and the file being read. */
import { gitClient, GitError, UnknownGitError, type TreeFile } from '$lib/git';
import { findRepo, type RepoRecord } from '$lib/store';
import type { ShownError } from './workspace.svelte';

/** The repo screen's state. */
export class RepoView {
	readonly id: string;
	repo = $state.raw<RepoRecord | null>(null);
	files = $state.raw<TreeFile[]>([]);
	loading = $state(true);
	error = $state.raw<ShownError | null>(null);
	openPath = $state<string | null>(null);
	openText = $state('');

	constructor(id: string) {
		this.id = id;
	}

	/** Loads the repo record and its file list. */
	async load(): Promise<void> {
		this.loading = true;
		try {
			this.repo = await findRepo(this.id);
			if (!this.repo) throw UnknownGitError.of({ cause: 'this repository is not on this device' });
			this.files = await gitClient().listFiles(this.id);
		} catch (err) {
			this.fail(err);
		} finally {
			this.loading = false;
		}
	}

	/** Reads a file to show it. */
	async open(path: string): Promise<void> {
		try {
			this.openText = await gitClient().readFile(this.id, path);
			this.openPath = path;
		} catch (err) {
			this.fail(err);
		}
	}

	private fail(err: unknown): void {
		const e = err instanceof GitError ? err : UnknownGitError.of({ cause: err instanceof Error ? err.message : String(err) });
		this.error = { code: e.code, message: e.message, hint: e.hint };
	}
}
