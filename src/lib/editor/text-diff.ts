import { diffPatch } from 'node-diff3';
import type { TextChange } from '$lib/plan/types';

/**
 * The smallest set of line-level changes that turns `from` into `to`, in the
 * coordinates of `from`. Used to bring text from git into an open editor without
 * replacing the whole document (cursor, undo history and unsaved typing survive).
 */
export function minimalChanges(from: string, to: string): TextChange[] {
	if (from === to) return [];
	const a = splitKeep(from);
	const b = splitKeep(to);
	// Trim the common head and tail first so the LCS only sees the changed middle.
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const midA = a.slice(head, a.length - tail);
	const midB = b.slice(head, b.length - tail);
	const starts: number[] = [];
	let offset = 0;
	for (const line of a) {
		starts.push(offset);
		offset += line.length;
	}
	starts.push(offset);
	const changes: TextChange[] = [];
	const big = midA.length * midB.length > 4_000_000;
	const patches = big
		? [{ buffer1: { offset: 0, length: midA.length }, buffer2: { chunk: midB } }]
		: diffPatch(midA, midB);
	for (const p of patches) {
		const fromLine = head + p.buffer1.offset;
		const toLine = fromLine + p.buffer1.length;
		changes.push({ from: starts[fromLine], to: starts[toLine], insert: p.buffer2.chunk.join('') });
	}
	return changes;
}

/** Splits into lines that keep their own line ending, so joining gives the text back. */
function splitKeep(text: string): string[] {
	const lines: string[] = [];
	let start = 0;
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
		lines.push(text.slice(start, i + 1));
		start = i + 1;
	}
	if (start < text.length) lines.push(text.slice(start));
	return lines;
}
