/**
 * The plan screen's saving and committing: the text comes from a saved draft (it wins) or the
 * working file; every change is kept as a draft in IndexedDB ({@link DRAFT_PAUSE_MS} after typing
 * stops, at least every {@link DRAFT_MAX_WAIT_MS} while it goes on, and at once on
 * `pagehide`/`visibilitychange`) and written to the working tree (debounced); panel edits are
 * recorded for the commit and for sync replay.
 */
import { EncodingError, gitClient, type RepoStatus } from '$lib/git';
import type { ChunkSeed } from '$lib/plan/incremental';
import { planSeed } from '$lib/ui/repo/summaries';
import { perfMark } from '$lib/perf-mark';
import { recordEdit } from '$lib/plan/rebase/replay';
import { rebaseText } from '$lib/plan/rebase';
import { completedPhase, suggestCommitMessage } from '$lib/plan/commit-message';
import type { PlanEdit, RecordedEdit } from '$lib/plan/types';
import { deleteDraft, loadDraft, saveDraft } from '$lib/store/drafts';
import { shownError, type UpdatedFiles } from './repo-git.svelte';
import type { ShownError } from './workspace.svelte';

/** How long typing must pause before the working file is written. */
export const WORKING_WRITE_DELAY_MS = 300;

/**
 * How long typing must pause before the draft is written: a burst of keys costs one write (each
 * write copies the whole text into IndexedDB), yet a tab killed a moment after typing keeps what
 * was typed.
 */
export const DRAFT_PAUSE_MS = 100;

/** Longest time a change waits for its draft while typing goes on without a pause. */
export const DRAFT_MAX_WAIT_MS = 1000;

/**
 * `local` with the changes `base` → `remote` merged in (keeping `local`'s line endings). When
 * both changed the same lines the text holds both versions between conflict markers, so nothing
 * is hidden: committing it as is would otherwise silently undo the remote's change.
 */
export function mergeRemote(base: string | null, local: string, remote: string): { text: string; clean: boolean } {
	if (base === null || local === base) return { text: remote, clean: true };
	const r = rebaseText({ base, local, remote, timeZone: 'UTC' });
	return r.ok ? { text: r.text, clean: true } : { text: r.merged, clean: false };
}

/** The notice shown when a remote change and unsaved edits touched the same lines. */
export const MERGE_CONFLICT: ShownError = {
	code: 'ConflictError',
	message: 'A remote change and your unsaved edits changed the same lines of this file.',
	hint: 'The editor shows both versions between <<<<<<< and >>>>>>> markers: keep what you want, delete the markers, then commit.'
};

/** State and saving of one open plan. */
export class PlanPage {
	readonly id: string;
	readonly path: string;
	loading = $state(true);
	error = $state.raw<ShownError | null>(null);
	/** The text the editor starts with (draft or working file). */
	initial = $state.raw('');
	/** Chunk scans of `initial` made in the plan worker when the plan is big (its first parse then runs no remark on the page). */
	seed = $state.raw<ChunkSeed | null>(null);
	/** The editor's current text. */
	text = $state.raw('');
	/** HEAD's text; null when HEAD has no such file (a new plan). */
	headText = $state.raw<string | null>(null);
	/** Panel edits since HEAD, in order. */
	edits = $state.raw<RecordedEdit[]>([]);
	/** Whether the draft came back from an earlier session. */
	restored = $state(false);
	/** The working file lags behind the editor (a write is pending or running). */
	saving = $state(false);
	readonly dirty = $derived(this.text !== (this.headText ?? ''));

	/** Cancels the pending draft write. */
	#draftTimer: ReturnType<typeof setTimeout> | null = null;
	/** When the oldest change not yet in a draft must be written at the latest (ms since the epoch). */
	#draftDeadline: number | null = null;
	/** What the last draft write held, so an unchanged draft is not written again. */
	#draftWritten: { text: string; headText: string | null; edits: RecordedEdit[] } | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#draftWrites: Promise<void> = Promise.resolve();
	#fileWrites: Promise<void> = Promise.resolve();
	#writtenText: string | null = null;
	/** A sync moved this file elsewhere: nothing is written to the old path any more. */
	#moved = false;

	constructor(id: string, path: string) {
		this.id = id;
		this.path = path;
	}

	/** The commit message to offer for the edits so far. */
	get suggestedMessage(): string {
		return suggestCommitMessage(this.path, this.edits);
	}

	/** Reads the draft, the working file and HEAD's text; the draft wins over the working file. */
	async load(): Promise<void> {
		this.loading = true;
		perfMark('plan:load');
		try {
			const git = gitClient();
			const reading = git.readFile(this.id, this.path).then(
				(text) => ({ text, err: null as unknown }),
				(err: unknown) => ({ text: null, err })
			);
			const [draft, head] = await Promise.all([loadDraft(this.id, this.path).catch(() => undefined), git.readHead(this.id, this.path)]);
			const working = await reading.then(({ text, err }) => {
				if (text !== null) return text;
				// Not UTF-8: HEAD's text would hold U+FFFD where its bytes were, so nothing is opened.
				if (err instanceof EncodingError) throw err;
				if (draft || head !== null) return head ?? '';
				throw err;
			});
			let text = working;
			let edits: RecordedEdit[] = [];
			if (draft) {
				// HEAD moved since the draft was written (a sync elsewhere): bring its changes in.
				const merged = draft.headText === head ? { text: draft.text, clean: true } : mergeRemote(draft.headText, draft.text, head ?? '');
				text = merged.text;
				if (!merged.clean) this.error = MERGE_CONFLICT;
				edits = draft.edits;
				this.restored = text !== working;
			}
			// A big plan is read in the worker (the page stays responsive; one the Plans list has just
			// read is there already), so the page's first parse only joins its scans.
			this.seed = await planSeed(text);
			if (this.seed) perfMark('plan:seeded');
			this.headText = head;
			this.edits = edits;
			this.initial = text;
			this.text = text;
			this.#writtenText = working;
			if (text !== working) this.#scheduleFileWrite();
			perfMark('plan:read');
		} catch (err) {
			this.error = shownError(err);
		} finally {
			this.loading = false;
		}
	}

	/** Takes this repo's write lock from another tab, then loads the plan here. */
	async takeOver(): Promise<void> {
		try {
			await gitClient().takeOver(this.id);
		} catch {
			// reported again by the load below
		}
		this.error = null;
		await this.load();
	}

	/** The editor changed: keep the draft (after this frame) and the working file (after a pause). */
	change(text: string): void {
		this.text = text;
		this.#scheduleDraft();
		this.#scheduleFileWrite();
	}

	/** Records a panel edit made on `before` at `now`, for the commit and for sync. */
	recordPanelEdit(edit: PlanEdit, before: string, now: Date): void {
		let rec: RecordedEdit;
		try {
			rec = recordEdit(before, edit, now);
		} catch {
			rec = { edit, time: now.toISOString() };
		}
		this.edits = [...this.edits, rec];
		this.#scheduleDraft();
	}

	/** Writes the draft and the working file now (before an app update, on pagehide, before a commit). */
	async flush(): Promise<void> {
		this.#cancelDraft();
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		await Promise.all([this.#writeDraft(), this.#writeFile()]);
	}

	/** Saves the draft at once (page hidden or closing); returns without waiting for the disk. */
	flushDraftNow(): void {
		this.#cancelDraft();
		void this.#writeDraft();
	}

	/** Makes the file equal to HEAD again; returns the text the editor must show. */
	async discard(): Promise<string> {
		await this.flush();
		const head = await gitClient().discard(this.id, this.path);
		this.headText = head;
		this.edits = [];
		this.#writtenText = head ?? '';
		this.text = head ?? '';
		this.#draftWritten = null;
		await this.#queueDraft(() => deleteDraft(this.id, this.path));
		return head ?? '';
	}

	/**
	 * Commits the file with its recorded panel edits; the draft's edits are cleared. `also` are
	 * other files written to the working tree first and committed in the same commit (a phase
	 * completion's ROADMAP.md); `moves` are files the commit moves (a closed version's documents,
	 * this plan's own file among them).
	 */
	async commit(message: string, author: { name: string; email: string }, also: readonly { path: string; text: string }[] = [], moves: readonly { from: string; to: string }[] = []): Promise<RepoStatus> {
		await this.flush();
		const committed = this.text;
		const edits = this.edits;
		const phase = completedPhase(edits);
		for (const f of also) await gitClient().writeFile(this.id, f.path, f.text);
		const paths = [this.path, ...also.map((f) => f.path).filter((p) => p !== this.path)];
		const result = await gitClient().commit({ id: this.id, paths, message, author, edits: { [this.path]: edits }, ...(phase ? { phase } : {}), ...(moves.length ? { moves: [...moves] } : {}) });
		this.headText = committed;
		// Edits made while the commit ran belong to the next commit.
		this.edits = this.edits.slice(edits.length);
		await this.#writeDraft();
		return result.status;
	}

	/**
	 * A sync moved this file (its version archived elsewhere; the worker carried the working text
	 * to the new path): stops writing the old path and drops its draft; returns the new path to open,
	 * or null when this file did not move.
	 */
	async followMove(updated: UpdatedFiles): Promise<string | null> {
		const u = updated.find((f) => f.movedFrom === this.path);
		if (!u) return null;
		this.#moved = true;
		this.dispose();
		await this.#queueDraft(() => deleteDraft(this.id, this.path));
		return u.path;
	}

	/**
	 * A sync changed files: for this path, returns the text the editor should now hold (the remote
	 * changes merged into the editor's own, unsaved typing kept) and the new HEAD text; else null.
	 */
	remoteUpdate(updated: UpdatedFiles): { text: string; head: string } | null {
		const u = updated.find((f) => f.path === this.path);
		if (!u) return null;
		const merged = mergeRemote(u.base, this.text, u.text);
		this.headText = u.text;
		if (!merged.clean) this.error = MERGE_CONFLICT;
		// Panel edits are in HEAD now when the sync replayed our commits; those still uncommitted stay.
		this.#scheduleDraft();
		return { text: merged.text, head: u.text };
	}

	/** Stops pending timers (the page is going away; call {@link flush} first to keep work). */
	dispose(): void {
		this.#cancelDraft();
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	/** One draft write when typing pauses (or its deadline comes), reading the state as it is then. */
	#scheduleDraft(): void {
		const now = Date.now();
		this.#draftDeadline ??= now + DRAFT_MAX_WAIT_MS;
		if (this.#draftTimer !== null) clearTimeout(this.#draftTimer);
		this.#draftTimer = setTimeout(
			() => {
				this.#draftTimer = null;
				this.#draftDeadline = null;
				void this.#writeDraft();
			},
			Math.max(0, Math.min(DRAFT_PAUSE_MS, this.#draftDeadline - now))
		);
	}

	#cancelDraft(): void {
		if (this.#draftTimer !== null) clearTimeout(this.#draftTimer);
		this.#draftTimer = null;
		this.#draftDeadline = null;
	}

	#scheduleFileWrite(): void {
		this.saving = true;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.#writeFile();
		}, WORKING_WRITE_DELAY_MS);
	}

	/** Runs draft writes one after another, so an older one never lands after a newer one. */
	#queueDraft(task: () => Promise<void>): Promise<void> {
		const next = this.#draftWrites.then(task, task);
		this.#draftWrites = next.catch(() => undefined);
		return next;
	}

	#writeDraft(): Promise<void> {
		if (this.#moved) return this.#draftWrites;
		const text = this.text;
		const headText = this.headText;
		const edits = this.edits;
		const last = this.#draftWritten;
		if (last && last.text === text && last.headText === headText && last.edits === edits) return this.#draftWrites;
		this.#draftWritten = { text, headText, edits };
		const clean = text === (headText ?? '') && edits.length === 0 && headText !== null;
		return this.#queueDraft(async () => {
			try {
				if (clean) await deleteDraft(this.id, this.path);
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain data, not reactive state
				else await saveDraft(this.id, this.path, { text, headText, edits: [...edits], savedAt: new Date().toISOString() });
			} catch (err) {
				this.#draftWritten = null;
				this.error = shownError(err);
			}
		});
	}

	#writeFile(): Promise<void> {
		const task = async () => {
			const text = this.text;
			if (this.#moved || text === this.#writtenText) {
				this.saving = this.#timer !== null;
				return;
			}
			try {
				await gitClient().writeFile(this.id, this.path, text);
				this.#writtenText = text;
			} catch (err) {
				this.error = shownError(err);
			} finally {
				this.saving = this.#timer !== null || this.text !== this.#writtenText;
			}
		};
		const next = this.#fileWrites.then(task, task);
		this.#fileWrites = next.catch(() => undefined);
		return next;
	}
}
