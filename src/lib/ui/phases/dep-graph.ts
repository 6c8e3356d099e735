/**
 * The Phases panel's dependency graph: phases in columns by dependency depth (a phase sits right
 * of everything it depends on), edges from a dependency to its dependent. Pure layout; cycles and
 * references to phases of other files are tolerated (a cycle's members share the depth reached).
 */
import { findPhase, isSatisfied } from '$lib/plan/deps';
import type { Phase, PhaseStatus } from '$lib/plan/types';

/** One phase box. */
export interface GraphNode {
	id: string;
	number: string;
	status: PhaseStatus;
	/** Some dependency is neither done nor skipped. */
	blocked: boolean;
	x: number;
	y: number;
}

/** One arrow, from the dependency to the phase that waits on it. */
export interface GraphEdge {
	from: string;
	to: string;
	/** The dependency is not done (nor skipped): the arrow is still blocking. */
	open: boolean;
}

/** The laid-out graph and what it says in words. */
export interface DepGraph {
	nodes: GraphNode[];
	edges: GraphEdge[];
	width: number;
	height: number;
	/** `Phase 2 depends on phase 1. Phase 3 depends on phase 2 (not complete).` */
	summary: string;
}

/** Box size and spacing, in SVG units. */
export const NODE_W = 64;
export const NODE_H = 28;
const GAP_X = 36;
const GAP_Y = 12;

/** Every phase of a phase tree, parents before their children. */
export function flattenPhases(phases: readonly Phase[]): Phase[] {
	return phases.flatMap((p) => [p, ...flattenPhases(p.children)]);
}

/** The graph of `phases` (every phase of the plan, flat), or null when none declares a dependency on another. */
export function depGraph(phases: readonly Phase[]): DepGraph | null {
	const list = [...phases];
	const deps = new Map<string, Phase[]>();
	const edges: GraphEdge[] = [];
	for (const p of list) {
		const mine: Phase[] = [];
		for (const ref of p.dependsOn) {
			const d = findPhase(list, ref);
			if (!d || d === p || mine.includes(d)) continue;
			mine.push(d);
			edges.push({ from: d.id, to: p.id, open: !isSatisfied(d.status) });
		}
		deps.set(p.id, mine);
	}
	if (edges.length === 0) return null;
	// Depth = longest chain of dependencies below; at most n rounds, so a cycle cannot loop forever.
	const depth = new Map<string, number>(list.map((p) => [p.id, 0]));
	for (let round = 0; round < list.length; round++) {
		let changed = false;
		for (const p of list) {
			const want = Math.max(0, ...(deps.get(p.id) ?? []).map((d) => (depth.get(d.id) ?? 0) + 1));
			if (want > (depth.get(p.id) ?? 0) && want < list.length) {
				depth.set(p.id, want);
				changed = true;
			}
		}
		if (!changed) break;
	}
	const rows = new Map<number, number>();
	const nodes: GraphNode[] = list.map((p) => {
		const col = depth.get(p.id) ?? 0;
		const row = rows.get(col) ?? 0;
		rows.set(col, row + 1);
		return {
			id: p.id,
			number: p.number,
			status: p.status,
			blocked: (deps.get(p.id) ?? []).some((d) => !isSatisfied(d.status)),
			x: col * (NODE_W + GAP_X),
			y: row * (NODE_H + GAP_Y)
		};
	});
	const cols = Math.max(...nodes.map((n) => n.x)) / (NODE_W + GAP_X) + 1;
	const maxRows = Math.max(...rows.values());
	const summary = list
		.filter((p) => (deps.get(p.id) ?? []).length)
		.map((p) => {
			const names = (deps.get(p.id) ?? []).map((d) => `phase ${d.number}${isSatisfied(d.status) ? '' : ' (not complete)'}`);
			return `Phase ${p.number} depends on ${names.join(', ')}.`;
		})
		.join(' ');
	return { nodes, edges, width: cols * NODE_W + (cols - 1) * GAP_X, height: maxRows * NODE_H + (maxRows - 1) * GAP_Y, summary };
}
