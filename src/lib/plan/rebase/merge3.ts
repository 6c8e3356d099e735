/**
 * Three-way line merge over node-diff3: regions only one side changed are taken, identical
 * changes on both sides are taken once, and a region where the two sides changed different
 * lines (next to each other, as when ticking neighbouring items) is taken from both. What is
 * left is a real conflict, written between `<<<<<<< local` / `=======` / `>>>>>>> remote`.
 */
import { diff3MergeRegions, diffIndices } from 'node-diff3';
import { sharedEnds } from '../line-patches';

/** Result of a line merge: the merged lines, conflict markers included when not clean. */
export interface LineMerge {
	clean: boolean;
	lines: string[];
}

/** A change of one side against the base, in base line numbers. */
interface Hunk {
	from: number;
	to: number;
	insert: string[];
}

export const LOCAL_MARK = '<<<<<<< local';
export const SPLIT_MARK = '=======';
export const REMOTE_MARK = '>>>>>>> remote';

/**
 * Merges `local` and `remote`, both derived from `base`. The lines all three share at the start
 * and the end are kept as they are and set aside first: node-diff3 is quadratic in what it is
 * given, and a tick on each side of a 20,000-line plan took minutes.
 */
export function mergeLines(base: string[], local: string[], remote: string[]): LineMerge {
	const { head, tail } = sharedEnds([base, local, remote]);
	if (head === 0 && tail === 0) return mergeMiddle(base, local, remote);
	const mid = (lines: string[]) => lines.slice(head, lines.length - tail);
	const merged = mergeMiddle(mid(base), mid(local), mid(remote));
	return { clean: merged.clean, lines: [...base.slice(0, head), ...merged.lines, ...base.slice(base.length - tail)] };
}

function mergeMiddle(base: string[], local: string[], remote: string[]): LineMerge {
	const out: string[] = [];
	let clean = true;
	for (const region of diff3MergeRegions(local, base, remote)) {
		if (region.stable) {
			out.push(...region.bufferContent);
			continue;
		}
		const { aContent: a, oContent: o, bContent: b } = region;
		if (sameLines(a, b)) {
			out.push(...a);
			continue;
		}
		const both = combine(o, a, b);
		if (both) {
			out.push(...both);
			continue;
		}
		clean = false;
		out.push(LOCAL_MARK, ...a, SPLIT_MARK, ...b, REMOTE_MARK);
	}
	return { clean, lines: out };
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((line, i) => line === b[i]);
}

function hunksOf(o: string[], side: string[]): Hunk[] {
	return diffIndices(o, side).map((d) => ({ from: d.buffer1[0], to: d.buffer1[0] + d.buffer1[1], insert: d.buffer2Content }));
}

/**
 * Both sides' changes applied to `o` when no base line is touched by both and no two
 * insertions land on the same spot (their order would be a guess); else null.
 */
function combine(o: string[], a: string[], b: string[]): string[] | null {
	const ha = hunksOf(o, a);
	const hb = hunksOf(o, b);
	for (const x of ha) for (const y of hb) if (clash(x, y)) return null;
	const all = [...ha, ...hb].sort((x, y) => x.from - y.from || x.to - y.to);
	const out: string[] = [];
	let pos = 0;
	for (const h of all) {
		out.push(...o.slice(pos, h.from), ...h.insert);
		pos = h.to;
	}
	out.push(...o.slice(pos));
	return out;
}

/** Two hunks clash when they start at the same line or their base ranges overlap (an insertion inside a replaced range included). */
function clash(x: Hunk, y: Hunk): boolean {
	return x.from === y.from || (x.from < y.to && y.from < x.to);
}
