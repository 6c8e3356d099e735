/**
 * Line diffs that stay cheap on long plans: node-diff3's LCS is quadratic in the lines it is
 * given (a one-line tick on a 20,000-line plan took over a minute), so the lines both sides share
 * at the start and the end are set aside first and only the changed middle is diffed; a middle
 * still too large for the LCS becomes one replacement.
 */
import { diffPatch } from 'node-diff3';

/** One change: `length` lines of `a` from `offset` replaced by `chunk`. */
export interface LinePatch {
	offset: number;
	length: number;
	chunk: string[];
}

/** Above this many cells (middle lines of `a` × of `b`) the middle is one replacement. */
const MAX_CELLS = 4_000_000;

/** The changes that turn lines `a` into lines `b`, in order, in `a`'s line numbers. */
export function linePatches(a: readonly string[], b: readonly string[]): LinePatch[] {
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const midA = a.slice(head, a.length - tail);
	const midB = b.slice(head, b.length - tail);
	if (midA.length === 0 && midB.length === 0) return [];
	if (midA.length * midB.length > MAX_CELLS) return [{ offset: head, length: midA.length, chunk: midB }];
	return diffPatch(midA, midB).map((p) => ({ offset: head + p.buffer1.offset, length: p.buffer1.length, chunk: p.buffer2.chunk }));
}

/** How many lines all of `texts` share at their start, and then at their end (not overlapping). */
export function sharedEnds(texts: readonly (readonly string[])[]): { head: number; tail: number } {
	const min = Math.min(...texts.map((t) => t.length));
	let head = 0;
	while (head < min && texts.every((t) => t[head] === texts[0][head])) head++;
	let tail = 0;
	while (tail < min - head && texts.every((t) => t[t.length - 1 - tail] === texts[0][texts[0].length - 1 - tail])) tail++;
	return { head, tail };
}
