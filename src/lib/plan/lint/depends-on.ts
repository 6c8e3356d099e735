/** Dependencies between phases: each must name a phase, none may loop, and a done phase cannot wait on open work. */
import { allPhases, findPhase, isSatisfied } from '../deps';
import type { Phase, PlanDiagnostic } from '../types';
import { diagnostic, type LintRule } from './rule';

/** Finds cycles among resolved dependencies; each cycle once, as its phases in order. */
function cycles(phases: Phase[], edges: Map<Phase, Phase[]>): Phase[][] {
	const found: Phase[][] = [];
	const state = new Map<Phase, 'active' | 'finished'>();
	const stack: Phase[] = [];
	const visit = (phase: Phase) => {
		state.set(phase, 'active');
		stack.push(phase);
		for (const dep of edges.get(phase) ?? []) {
			const s = state.get(dep);
			if (s === 'active') found.push(stack.slice(stack.indexOf(dep)));
			else if (s === undefined) visit(dep);
		}
		stack.pop();
		state.set(phase, 'finished');
	};
	for (const phase of phases) if (!state.has(phase)) visit(phase);
	return found;
}

/**
 * Fires for a `dependsOn` that names no phase of this plan (warning; not checked in step files and
 * phase docs, whose dependencies are other files), for each dependency cycle (error), and for a done
 * phase whose dependency is not done (warning).
 */
export const dependsOn: LintRule = (doc) => {
	const phases = allPhases(doc);
	const edges = new Map<Phase, Phase[]>();
	const out: PlanDiagnostic[] = [];
	for (const phase of phases) {
		const resolved: Phase[] = [];
		for (const ref of phase.dependsOn) {
			const target = findPhase(phases, ref);
			if (!target) {
				if (doc.kind !== 'step-file' && doc.kind !== 'phase-doc')
					out.push(diagnostic(phase.headingSpan, 'warning', 'depends-on', `Phase ${phase.number} depends on “${ref}”, which is not a phase of this plan.`));
				continue;
			}
			resolved.push(target);
			if (phase.status === 'done' && !isSatisfied(target.status))
				out.push(
					diagnostic(phase.headingSpan, 'warning', 'depends-on', `Phase ${phase.number} is done but depends on phase ${target.number}, which is ${target.status}.`)
				);
		}
		edges.set(phase, resolved);
	}
	for (const cycle of cycles(phases, edges)) {
		const names = [...cycle, cycle[0]].map((p) => p.number).join(' → ');
		out.push(diagnostic(cycle[0].headingSpan, 'error', 'depends-on', `Dependency cycle: ${names}.`));
	}
	return out;
};
