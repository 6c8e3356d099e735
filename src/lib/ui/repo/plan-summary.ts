/**
 * What the "Plans" list says about one plan: its progress (n/m, the items its Progress panel shows), a status in words,
 * the next action, and how many lint findings it has — all read from the text alone.
 */
import { parsePlan } from '$lib/plan/parse';
import type { PlanDoc, ProgressItem } from '$lib/plan/types';
import { lintPlan } from '$lib/plan/lint';
import { nextAction } from '$lib/plan/next-action';
import { allPhases } from '$lib/plan/deps';
import { inlineText } from '../panels/inline-text';

/** One plan's line in the list. */
export interface PlanSummary {
	done: number;
	total: number;
	status: string;
	next: string | null;
	errors: number;
	warnings: number;
}

/** Reads a plan's progress, status, next action and lint counts from its text. */
export function planSummary(text: string): PlanSummary {
	return planSummaryOf(parsePlan(text), text);
}

/** `planSummary` of a plan already parsed (`doc` is the model of `text`). */
export function planSummaryOf(doc: PlanDoc, text: string): PlanSummary {
	// The items the Progress panel shows (nested ones included), so the list and the panel agree.
	const items = flatItems(doc.progress);
	const done = items.filter((i) => i.state === 'done').length;
	// Dated log entries are counted (the panel shows them) but say nothing about being finished.
	const checklist = items.filter((i) => !i.logEntry);
	const checked = checklist.filter((i) => i.state === 'done').length;
	const phases = allPhases(doc);
	let status: string;
	if (doc.kind === 'phase-doc' && phases.length === 1) status = phaseWord(phases[0].status);
	else if (phases.length > 0) {
		const finished = phases.filter((p) => p.status === 'done').length;
		const running = phases.find((p) => p.status === 'in-progress');
		status = finished === phases.length ? 'Done' : running ? `Phase ${running.id} in progress` : `${finished}/${phases.length} phases done`;
	} else status = checklist.length === 0 ? 'No checklist' : checked === checklist.length ? 'Done' : checked === 0 && done === 0 ? 'Not started' : 'In progress';
	const next = nextAction(doc);
	const findings = lintPlan(doc, {}, text);
	return {
		done,
		total: items.length,
		status,
		next: next ? inlineText(next.text) || null : null,
		errors: findings.filter((d) => d.severity === 'error').length,
		warnings: findings.filter((d) => d.severity === 'warning').length
	};
}

function flatItems(items: readonly ProgressItem[]): ProgressItem[] {
	return items.flatMap((i) => [i, ...flatItems(i.children)]);
}

function phaseWord(status: string): string {
	switch (status) {
		case 'done':
			return 'Done';
		case 'in-progress':
			return 'In progress';
		case 'deferred':
			return 'Deferred';
		case 'skipped':
			return 'Skipped';
		default:
			return 'Not started';
	}
}
