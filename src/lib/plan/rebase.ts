/**
 * The sync merge of one plan file (shared/DESIGN.md §4): a local commit's text re-created on
 * top of the remote's, by replaying the panel edits it recorded and by a three-way line merge
 * of free typing. Pure: no git, no DOM; the git layer calls it file by file.
 */
import type { RecordedEdit } from './types';
import { joinShape, mergedProperty, splitShape } from './rebase/lines';
import { mergeLines } from './rebase/merge3';
import { replayEdits } from './rebase/replay';

export { recordEdit, replayEdits } from './rebase/replay';
export type { Replayed } from './rebase/replay';

/** How a rebased text was made. */
export type RebaseHow = 'unchanged' | 'take-local' | 'take-remote' | 'replay' | 'merge' | 'replay+merge';

/** A rebased text, or the merge with `<<<<<<< local` / `=======` / `>>>>>>> remote` markers for a person to settle. */
export type RebaseResult = { ok: true; text: string; how: RebaseHow } | { ok: false; merged: string };

/** The three versions of a file and the panel edits that made the local one (when known). */
export interface RebaseInput {
	/** The file at the commit both sides started from. */
	base: string;
	/** The file in the local commit being re-created. */
	local: string;
	/** The file at the remote head. */
	remote: string;
	/** The panel edits the local commit recorded, in order. */
	edits?: readonly RecordedEdit[];
	/** IANA time zone the edits wrote their stamps in. */
	timeZone: string;
}

/** Three-way line merge keeping BOM, line separator and final line break (the side that changed one wins). */
export function mergeText(base: string, local: string, remote: string): { clean: boolean; text: string } {
	const b = splitShape(base);
	const l = splitShape(local);
	const r = splitShape(remote);
	const { clean, lines } = mergeLines(b.lines, l.lines, r.lines);
	const text = joinShape({
		bom: mergedProperty(b.bom, l.bom, r.bom) ?? false,
		eol: mergedProperty(b.eol, l.eol, r.eol),
		finalEol: mergedProperty(b.finalEol, l.finalEol, r.finalEol),
		lines
	});
	return { clean, text };
}

/**
 * The local version of a file re-created on top of the remote one: trivial cases first, then a
 * pure panel commit replayed on the remote, then a line merge, then a line merge of the typing
 * alone with the panel edits replayed on both base and remote; else the conflicted merge.
 */
export function rebaseText(input: RebaseInput): RebaseResult {
	const { base, local, remote, timeZone } = input;
	const edits = input.edits ?? [];
	if (local === remote) return { ok: true, text: local, how: 'unchanged' };
	if (local === base) return { ok: true, text: remote, how: 'take-remote' };
	if (remote === base) return { ok: true, text: local, how: 'take-local' };
	const opts = { timeZone };
	const onBase = edits.length ? replayEdits(base, edits, opts) : null;
	if (onBase && onBase.text === local) {
		const onRemote = replayEdits(remote, edits, opts);
		if (onRemote) return { ok: true, text: onRemote.text, how: 'replay' };
	}
	const plain = mergeText(base, local, remote);
	if (plain.clean) return { ok: true, text: plain.text, how: 'merge' };
	if (onBase) {
		const onRemote = replayEdits(remote, edits, opts);
		if (onRemote) {
			const typed = mergeText(onBase.text, local, onRemote.text);
			if (typed.clean) return { ok: true, text: typed.text, how: 'replay+merge' };
		}
	}
	return { ok: false, merged: plain.text };
}
