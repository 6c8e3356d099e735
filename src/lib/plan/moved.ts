/**
 * Which objects of a new plan model are objects of an earlier model moved by a word insert
 * before them (see `parse/phases-after-insert.ts`): the same content at other offsets. A reader
 * that ignores offsets (the panels keeping their rows) can then skip comparing them field by
 * field. Each copy points at the object the chain of copies started from, so a burst of keys
 * keeps one original per object alive, not one per key.
 */

const origins = new WeakMap<object, object>();

/** Records that `copy` is `from` moved: equal to it in everything but offsets. Returns `copy`. */
export function markMoved<T extends object>(copy: T, from: T): T {
	origins.set(copy, origins.get(from) ?? from);
	return copy;
}

/**
 * Records what a reader found by comparing them field by field: `later` holds the same content as
 * `earlier` apart from offsets. Copies later moved from `later` are then known to match `earlier`
 * too, so a chain broken by one full parse (new objects, same content) is joined again.
 */
export function noteSameContent(earlier: object, later: object): void {
	if (earlier !== later) origins.set(later, origins.get(earlier) ?? earlier);
}

/**
 * True when `a` and `b` are known to hold the same content apart from offsets: the same object,
 * one moved from the other, or both moved from one object. False says nothing (compare them).
 */
export function knownSameContent(a: object, b: object): boolean {
	return (origins.get(a) ?? a) === (origins.get(b) ?? b);
}
