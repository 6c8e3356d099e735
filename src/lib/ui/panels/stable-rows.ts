/**
 * Stable identities for panel rows while the text is edited. A keystroke re-parses the plan and
 * every model object after it moves (new offsets), so keying rows by offsets rebuilt every row.
 * Here rows are offset-free views, matched against the previous rows by content: the unchanged
 * head and tail keep their very objects (Svelte sees nothing to do), rows edited in place keep
 * their key (same DOM, focus kept), and only inserted rows get new keys.
 */

import { knownSameContent, noteSameContent } from '$lib/plan/moved';

/** A view row with its stable key. */
export type Keyed<T> = T & { readonly key: number };

let lastKey = 0;

/**
 * The rows for `next`, reusing `prev` where possible: rows equal under `same` in the common
 * head and tail are the previous objects; the changed middle is paired by position (key kept)
 * and extra rows get fresh keys. Returns `prev` itself when nothing changed.
 */
export function reconcile<T extends object>(prev: readonly Keyed<T>[], next: readonly T[], same: (a: T, b: T) => boolean): Keyed<T>[] {
	const min = Math.min(prev.length, next.length);
	let head = 0;
	while (head < min && same(prev[head], next[head])) head++;
	if (head === prev.length && head === next.length) return prev as Keyed<T>[];
	let tail = 0;
	while (tail < min - head && same(prev[prev.length - 1 - tail], next[next.length - 1 - tail])) tail++;
	const out: Keyed<T>[] = prev.slice(0, head);
	const oldMiddle = prev.length - head - tail;
	const newMiddle = next.length - head - tail;
	for (let i = 0; i < newMiddle; i++) {
		const key = i < oldMiddle ? prev[head + i].key : ++lastKey;
		out.push({ ...next[head + i], key });
	}
	for (let i = prev.length - tail; i < prev.length; i++) out.push(prev[i]);
	return out;
}

/** Whether two flat records hold the same primitive values (views carry no nested objects). */
export function sameFields<T extends object>(a: T, b: T): boolean {
	for (const k in a) if (k !== 'key' && a[k] !== b[k]) return false;
	return true;
}

/** Keys of plan-model objects that are offsets into the text, not content. */
const OFFSET_KEYS = new Set(['span', 'headingSpan', 'contentStart']);

/**
 * Deep equality of plan-model values that ignores their offsets (`span`, `headingSpan`,
 * `contentStart`): the same content, possibly moved by an edit before it.
 */
export function equalIgnoringOffsets(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	// A model object the parser moved from the other one (or both from one): equal but for offsets.
	if (knownSameContent(a, b)) return true;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!equalIgnoringOffsets(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	// Plain model objects: own keys only, counted rather than listed (this runs on every keystroke).
	let keys = 0;
	for (const k in ra) {
		keys++;
		if (OFFSET_KEYS.has(k)) {
			if (!(k in rb)) return false;
			continue;
		}
		if (!equalIgnoringOffsets(ra[k], rb[k])) return false;
	}
	for (const _key in rb) keys--;
	return keys === 0;
}

/**
 * `next` with each element replaced by the previous element at the same place when they are
 * equal ignoring offsets, and `prev` itself when all are: a panel that shows no offsets then
 * has nothing to re-render. The kept elements carry old offsets, so act on fresh ones.
 */
export function keepUnchanged<T>(prev: readonly T[], next: readonly T[]): T[] {
	let all = prev.length === next.length;
	const out = next.map((n, i) => {
		if (i < prev.length && equalIgnoringOffsets(prev[i], n)) {
			// Copies the parser moves from `n` on the next keys are then known to match too.
			if (typeof n === 'object' && n !== null) noteSameContent(prev[i] as object, n);
			return prev[i];
		}
		all = false;
		return n;
	});
	return all ? (prev as T[]) : out;
}
