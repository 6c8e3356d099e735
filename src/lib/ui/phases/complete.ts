/**
 * What the "Complete phase N" dialog shows before anything changes: the text after the
 * complete-phase edit, the parts of it a person checks (heading, boxes ticked, Completed, the
 * completion summary with tokens against budget and efficiency), the transition checklist and
 * the commit message. Pure: the text, the phase id and the clock come in.
 */
import { applyChanges, planEditChanges } from '$lib/plan/edit';
import { parsePlan } from '$lib/plan/parse';
import { allPhases } from '$lib/plan/deps';
import { planBudget, type PhaseBudgetReport } from '$lib/plan/budget';
import { phaseTransition, type PhaseTransition } from '$lib/plan/transition';
import { updateRoadmap } from '$lib/plan/roadmap';
import type { Phase, ProgressItem } from '$lib/plan/types';
import { inlineText } from '../panels/inline-text';
import { LESSONS_PLACEHOLDER } from '$lib/plan/edit/summary';
import { versionArchiveOffer, type VersionArchiveOffer } from '$lib/plan/archive';
import { isPhaseDocRepo } from '$lib/plan/phase-start';

/** The dialog's content for one phase. */
export interface CompletionPreview {
	/** The phase as it is now. */
	phase: Phase;
	/** The plan text after completing it. */
	after: string;
	/** The heading line after completing it. */
	heading: string;
	/** Open boxes the completion ticks. */
	ticked: number;
	/** The Completed date recorded. */
	completed: string | null;
	/** Lines of the completion summary written (date, token usage, efficiency, lessons). */
	summary: string[];
	/** The phase's budget figures after completing it (efficiency included), or null without a budget. */
	budget: PhaseBudgetReport | null;
	/** The phase-transition checklist (warnings, never blocks). */
	transition: PhaseTransition;
	/** ROADMAP.md as the commit would hold it (when there is one). */
	roadmapAfter: string | null;
	message: string;
}

/** What the person confirmed in the dialog. */
export interface CompleteChoice {
	lessons: string;
	updateRoadmap: boolean;
	author: { name: string; email: string };
	/** Move the closed version's documents to the archive in the same commit. */
	archive?: boolean;
	/** Write this version into the VERSION file in the same commit; null or absent leaves it. */
	nextVersion?: string | null;
	/** The instant the dialog judged the archive at (its month folder); the flow re-checks at the same one. */
	now?: Date;
}

/** The repo around the plan, as far as closing its version needs it. */
export interface ArchiveContext {
	paths: readonly string[];
	/** Working-tree files HEAD does not have. */
	workingOnly?: readonly string[];
	versionText: string | null;
	versionDocs?: readonly { path: string; text: string }[];
}

/**
 * What completing the phase offers for the plan's version (see `$lib/plan/archive`): null unless
 * the repo keeps phase documents and `after` (the plan with the phase completed) closes the version.
 */
export function archiveOfferFor(after: string, planPath: string, ctx: ArchiveContext | null, now: Date): VersionArchiveOffer | null {
	if (!ctx || !isPhaseDocRepo(ctx.paths)) return null;
	const docs = new Map((ctx.versionDocs ?? []).map((d) => [d.path, d.text]));
	return versionArchiveOffer({ paths: ctx.paths, workingOnly: ctx.workingOnly, planPath, planText: after, docs, versionText: ctx.versionText, now });
}

/** Options of {@link completionPreview}. */
export interface CompletionOptions {
	now: Date;
	lessons?: string;
	/** ROADMAP.md's text, when the repo has one (and it is not the plan itself). */
	roadmapText?: string | null;
	/** Whether ROADMAP.md is updated in the same commit (the checklist then judges the updated text). */
	updateRoadmap?: boolean;
	/** The commit message format (settings); the default when absent. */
	messageFormat?: string;
}

/** The default phase-completion message format: `{n}` the phase number, `{title}` its title. */
export const DEFAULT_PHASE_MESSAGE = 'feat(plan): complete Phase {n} — {title}';

/**
 * `feat(plan): complete Phase 2 — Integration`, or the person's own `format`. A phase without a
 * title drops the separator before `{title}`; a format without `{n}` gets the number appended, so
 * the message always names the phase.
 */
export function completionMessage(phase: Pick<Phase, 'number' | 'title'>, format = DEFAULT_PHASE_MESSAGE): string {
	const title = inlineText(phase.title);
	let f = format.trim() || DEFAULT_PHASE_MESSAGE;
	if (!f.includes('{n}')) f = `${f} (Phase {n})`;
	if (!title) f = f.replace(/\s*[-–—:|]*\s*\{title\}/g, '');
	return f.replaceAll('{n}', phase.number).replaceAll('{title}', title).split('\n')[0];
}

function openCount(phase: Phase): number {
	const seen = new Set<number>();
	const walk = (items: readonly ProgressItem[]): void => {
		for (const i of items) {
			if (i.state === 'open') seen.add(i.span.start);
			walk(i.children);
		}
	};
	walk(phase.entryCriteria);
	walk(phase.tasks);
	walk(phase.exitCriteria);
	return seen.size;
}

/** The preview for completing `phaseId` in `text` at `now`; null when the plan has no such phase. */
export function completionPreview(text: string, phaseId: string, opts: CompletionOptions): CompletionPreview | null {
	const doc = parsePlan(text);
	const phase = allPhases(doc).find((p) => p.id === phaseId);
	if (!phase) return null;
	const lessons = opts.lessons?.trim() ? opts.lessons : undefined;
	const edit = { kind: 'complete-phase' as const, phase: phaseId, ...(lessons ? { lessons } : {}) };
	const changes = planEditChanges(text, edit, opts.now);
	const after = applyChanges(text, changes);
	const afterDoc = parsePlan(after);
	const done = allPhases(afterDoc).find((p) => p.id === phaseId) ?? null;
	const inserted = changes.map((c) => c.insert).find((s) => /Token Usage/.test(s)) ?? '';
	const summary = inserted
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l !== '' && !/^#{1,6}\s/.test(l));
	const date = opts.now.toISOString().slice(0, 10);
	const roadmapAfter =
		opts.roadmapText != null && opts.updateRoadmap ? updateRoadmap(opts.roadmapText, { event: 'finished', phase, date }) : null;
	const roadmapJudged = roadmapAfter ?? opts.roadmapText ?? undefined;
	const transition = phaseTransition(doc, phaseId, { now: opts.now, text, ...(roadmapJudged !== undefined ? { roadmapText: roadmapJudged } : {}) });
	if (!transition) return null;
	return {
		phase,
		after,
		heading: done ? after.slice(done.headingSpan.start, done.headingSpan.end).replace(/^\s*#{1,6}\s+/, '') : '',
		ticked: openCount(phase),
		completed: done?.completed ?? null,
		summary,
		budget: planBudget(afterDoc).phases.find((p) => p.phaseId === phaseId) ?? null,
		transition,
		roadmapAfter,
		message: completionMessage(phase, opts.messageFormat)
	};
}

/**
 * The summary lines with the lessons as typed so far, without recomputing the preview (a long plan
 * is parsed once when the dialog opens, not on every keystroke); the edit writes the same line.
 */
export function withLessons(summary: readonly string[], lessons: string): string[] {
	const line = `**Lessons Learned**: ${lessons.replace(/\s*[\r\n]+\s*/g, ' ').trim() || LESSONS_PLACEHOLDER}`;
	return summary.map((l) => (l.startsWith('**Lessons Learned**:') ? line : l));
}

/** The warning for open dependencies: `Phase 2 depends on phase 1, which is not complete.` */
export function dependencyWarning(t: PhaseTransition): string | null {
	if (t.blockedBy.length === 0) return null;
	const list = t.blockedBy.map((id) => `phase ${id}`);
	const names = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
	return `Phase ${t.phase.number} depends on ${names}, which ${list.length === 1 ? 'is' : 'are'} not complete yet.`;
}
