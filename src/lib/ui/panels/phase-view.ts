import type { Phase, PhaseStatus } from '$lib/plan/types';
import { flattenItems } from './flatten';

/** What the Phases panel shows for one phase, derived from the model. */
export interface PhaseRow {
	phase: Phase;
	depth: number;
	/** Open dependencies (ids as written) that block this phase. */
	blockedBy: string[];
	tasksDone: number;
	tasksTotal: number;
}

/** Depth-first phase rows with blocked state and task counts. */
export function phaseRows(phases: Phase[]): PhaseRow[] {
	const all: { phase: Phase; depth: number }[] = [];
	const walk = (list: Phase[], depth: number) => {
		for (const p of list) {
			all.push({ phase: p, depth });
			walk(p.children, depth + 1);
		}
	};
	walk(phases, 0);
	const byKey = new Map<string, PhaseStatus>();
	for (const { phase } of all) {
		byKey.set(normalise(phase.id), phase.status);
		byKey.set(normalise(phase.number), phase.status);
	}
	return all.map(({ phase, depth }) => {
		const blockedBy = phase.dependsOn.filter((d) => {
			const status = byKey.get(normalise(d));
			return status !== undefined && status !== 'done' && status !== 'skipped';
		});
		const tasks = flattenItems(phase.tasks);
		return {
			phase,
			depth,
			blockedBy,
			tasksDone: tasks.filter((r) => r.item.state === 'done').length,
			tasksTotal: tasks.length
		};
	});
}

/** Phase references compare without case, a leading "phase"/"step" word or leading zeros. */
function normalise(ref: string): string {
	return ref
		.toLowerCase()
		.replace(/^(phase|step|milestone|task)[\s-]*/, '')
		.replace(/^0+(?=\d)/, '')
		.trim();
}

/** Human label of a phase status. */
export const statusLabel: Record<PhaseStatus, string> = {
	open: 'Open',
	'in-progress': 'In progress',
	done: 'Done',
	deferred: 'Deferred',
	skipped: 'Skipped'
};
