/**
 * The plan screen's phase flows. Complete: a dialog, then the complete-phase edit, ONE commit
 * holding the plan file as it stands (plus ROADMAP.md when accepted) with
 * `feat(plan): complete Phase N — <title>`, pushed at once when online, else left in the outbox.
 * After a version's last phase the same commit can move the version's documents to
 * `docs/archive/development-history/YYYY-MM/` and write the next VERSION; the plan's own file then
 * moves too, so the screen goes to its new path (with a note saying where it came from).
 * Start: in a phase-doc repo, the phase document from the template and ROADMAP.md "Current Work".
 * Errors stay in the open dialog; the text in the editor is never lost.
 */
import { allPhases } from '$lib/plan/deps';
import { phaseDocOffer, type PhaseDocOffer } from '$lib/plan/phase-start';
import { updateRoadmap } from '$lib/plan/roadmap';
import { withVersion } from '$lib/plan/archive';
import { deleteDraft, loadDraft, saveDraft } from '$lib/store/drafts';
import type { Phase, PlanDoc, PlanEdit } from '$lib/plan/types';
import { gitClient } from '$lib/git';
import type { PlanPage } from '$lib/session/plan-page.svelte';
import { shownError, type RepoGit } from '$lib/session/repo-git.svelte';
import type { SettingsState } from '$lib/session/settings.svelte';
import { archiveOfferFor, completionMessage, type CompleteChoice } from './complete';
import { clockNow, fileExists, phaseRepoContext, todayUtc, type PhaseRepoContext, type StartChoice } from './repo-context';

/** What the flows use of the plan view. */
export interface PlanViewApi {
	applyEdit(e: PlanEdit): boolean;
	setCommitted(text: string): void;
	getSession(): { text: string; doc: PlanDoc };
}

/** Everything the flows work with. */
export interface PhaseFlowDeps {
	id: string;
	path: string;
	plan: PlanPage;
	git: RepoGit;
	settings: SettingsState;
	view: () => PlanViewApi | undefined;
	/** Opens another plan path of the repo (after the plan's own file moved). */
	navigate?: (path: string) => void;
}

/** Plans moved by an archive, new path → old path, for the note on the new page (this tab only). */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once by the next screen's constructor, not reactive state
const moved = new Map<string, string>();

/** The note for a plan that was just moved to `path`, once. */
function takeMoveNotice(id: string, path: string): { text: string; open: string | null } | null {
	const key = `${id}\u0000${path}`;
	const from = moved.get(key);
	if (from === undefined) return null;
	moved.delete(key);
	return { text: `This plan moved from ${from} to ${path} when its version was archived.`, open: null };
}

function message(err: unknown): string {
	const e = shownError(err);
	return `${e.message} ${e.hint}`.trim();
}

/** Moves a draft kept for `from` to `to`. */
async function moveDraft(id: string, from: string, to: string): Promise<void> {
	try {
		const draft = await loadDraft(id, from);
		if (!draft) return;
		await saveDraft(id, to, draft);
		await deleteDraft(id, from);
	} catch {
		// A draft that cannot move stays where it was; the committed files are what matter here.
	}
}

/** State of the Complete and Start dialogs of one plan screen. */
export class PhaseFlows {
	/** Phase id whose Complete dialog is open. */
	completing = $state<string | null>(null);
	/** The plan text the Complete dialog previews (the editor's, when it opened). */
	completeText = $state.raw('');
	/** Phase whose Start dialog is open. */
	starting = $state.raw<Phase | null>(null);
	offer = $state.raw<PhaseDocOffer | null>(null);
	context = $state.raw<PhaseRepoContext | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	/** What the last Start did, with a file to open. */
	notice = $state.raw<{ text: string; open: string | null } | null>(null);

	readonly #deps: PhaseFlowDeps;

	constructor(deps: PhaseFlowDeps) {
		this.#deps = deps;
		this.notice = takeMoveNotice(deps.id, deps.path);
	}

	/** Reads ROADMAP.md, VERSION and the paths (again each time a dialog opens: another flow may have written them). */
	async #loadContext(): Promise<PhaseRepoContext> {
		try {
			this.context = await phaseRepoContext(this.#deps.id, this.#deps.path);
		} catch {
			this.context = { paths: [], roadmap: null, versionText: null };
		}
		return this.context;
	}

	/** Opens the Complete dialog for `phaseId`. */
	async openComplete(phaseId: string): Promise<void> {
		const view = this.#deps.view();
		if (!view) return;
		this.error = null;
		this.busy = false;
		await this.#loadContext();
		this.completeText = view.getSession().text;
		this.completing = phaseId;
	}

	/** Applies the completion (unless the phase is already done: a retry after a failed commit), commits, pushes. */
	async confirmComplete(choice: CompleteChoice): Promise<void> {
		const phaseId = this.completing;
		const view = this.#deps.view();
		if (phaseId === null || !view || this.busy) return;
		const { id, path, plan, git, settings } = this.#deps;
		this.busy = true;
		this.error = null;
		try {
			const phase = allPhases(view.getSession().doc).find((p) => p.id === phaseId);
			if (!phase) throw new Error(`This plan no longer has phase ${phaseId}.`);
			if (phase.status !== 'done') {
				const edit: PlanEdit = { kind: 'complete-phase', phase: phaseId, ...(choice.lessons ? { lessons: choice.lessons } : {}) };
				if (!view.applyEdit(edit)) throw new Error('The plan could not be changed; see the message above the editor.');
			}
			const date = todayUtc();
			const roadmap = this.context?.roadmap ?? null;
			const also = choice.updateRoadmap && roadmap ? [{ path: roadmap.path, text: updateRoadmap(roadmap.text, { event: 'finished', phase, date }) }] : [];
			// Closing the version: judged again on the text as it will be committed.
			let moves: { from: string; to: string }[] = [];
			if (choice.archive || choice.nextVersion) {
				const offer = archiveOfferFor(view.getSession().text, path, this.context, choice.now ?? clockNow());
				if (!offer) throw new Error('This is no longer the last open phase of its version; nothing was archived.');
				if (offer.uncommitted.length) throw new Error(`Version ${offer.version} cannot be closed: ${offer.uncommitted.join(', ')} ${offer.uncommitted.length === 1 ? 'is' : 'are'} not committed yet; nothing was archived.`);
				if (choice.archive) {
					if (offer.conflicts.length) throw new Error(`Cannot archive: ${offer.conflicts.join(', ')} exist already.`);
					moves = offer.moves;
				}
				if (choice.nextVersion && offer.versionFile) also.push({ path: offer.versionFile.path, text: withVersion(this.context?.versionText ?? '', choice.nextVersion) });
			}
			if (choice.author.name !== settings.authorName || choice.author.email !== settings.authorEmail) {
				settings.authorName = choice.author.name;
				settings.authorEmail = choice.author.email;
				void settings.save().catch(() => undefined);
			}
			git.status = await plan.commit(completionMessage(phase, settings.phaseMessage), choice.author, also, moves);
			view.setCommitted(plan.headText ?? '');
			this.completing = null;
			// Unsaved drafts of the other moved documents follow their files (the plan's own draft was cleared by the commit).
			for (const m of moves) if (m.from !== path) await moveDraft(id, m.from, m.to);
			// Pushed at once when online; otherwise it waits in the outbox (pushed when the network returns).
			if (git.hasRemote && (typeof navigator === 'undefined' || navigator.onLine !== false)) void git.push();
			const own = moves.find((m) => m.from === path);
			if (own) {
				moved.set(`${id}\u0000${own.to}`, path);
				if (this.#deps.navigate) this.#deps.navigate(own.to);
				else this.notice = { text: `This plan moved to ${own.to}; this page shows the old path.`, open: own.to };
			}
		} catch (err) {
			this.error = err instanceof Error && !('code' in err) ? err.message : message(err);
		} finally {
			this.busy = false;
		}
	}

	/** Start: in a phase-doc repo (or with ROADMAP.md) a dialog; otherwise the edit at once. */
	async openStart(phase: Phase): Promise<void> {
		const view = this.#deps.view();
		if (!view) return;
		this.error = null;
		this.busy = false;
		this.notice = null;
		const ctx = await this.#loadContext();
		const offer = phaseDocOffer({ paths: ctx.paths, versionText: ctx.versionText, planPath: this.#deps.path, phase, now: clockNow() });
		const doc = offer && (await fileExists(this.#deps.id, offer.path)) ? null : offer;
		if (!doc && !ctx.roadmap) {
			view.applyEdit({ kind: 'start-phase', phase: phase.id });
			return;
		}
		this.offer = doc;
		this.starting = phase;
	}

	/** Starts the phase, then writes the phase document and ROADMAP.md to the working tree as chosen. */
	async confirmStart(choice: StartChoice): Promise<void> {
		const phase = this.starting;
		const view = this.#deps.view();
		if (!phase || !view || this.busy) return;
		const { id } = this.#deps;
		this.busy = true;
		this.error = null;
		try {
			const current = allPhases(view.getSession().doc).find((p) => p.id === phase.id);
			if (current && current.status !== 'in-progress' && !view.applyEdit({ kind: 'start-phase', phase: phase.id })) {
				throw new Error('The plan could not be changed; see the message above the editor.');
			}
			const done: string[] = [];
			let open: string | null = null;
			if (choice.createDoc && this.offer) {
				if (await fileExists(id, this.offer.path)) throw new Error(`${this.offer.path} already exists.`);
				await gitClient().writeFile(id, this.offer.path, this.offer.text);
				done.push(`Created ${this.offer.path}`);
				open = this.offer.path;
			}
			const roadmap = this.context?.roadmap;
			if (choice.updateRoadmap && roadmap) {
				const next = updateRoadmap(roadmap.text, { event: 'started', phase, date: todayUtc() });
				if (next !== roadmap.text) await gitClient().writeFile(id, roadmap.path, next);
				done.push(`added phase ${phase.number} to ${roadmap.path} “Current Work”`);
			}
			this.starting = null;
			this.offer = null;
			this.notice = done.length ? { text: `${done.join('; ')} (saved on this device, not committed yet).`, open } : null;
		} catch (err) {
			this.error = err instanceof Error && !('code' in err) ? err.message : message(err);
		} finally {
			this.busy = false;
		}
	}

	/** Closes whichever dialog is open (the text stays as it is). */
	close(): void {
		if (this.busy) return;
		this.completing = null;
		this.starting = null;
		this.offer = null;
		this.error = null;
	}
}
