import { linePatches } from '$lib/plan/line-patches';
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
	const starts: number[] = [];
	let offset = 0;
	for (const line of a) {
		starts.push(offset);
		offset += line.length;
	}
	starts.push(offset);
	// Only the changed middle is diffed (see line-patches.ts): lines keep their endings, so
	// joining a patch's lines gives its text back.
	return linePatches(a, b).map((p) => ({ from: starts[p.offset], to: starts[p.offset + p.length], insert: p.chunk.join('') }));
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
