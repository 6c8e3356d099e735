/**
 * Small text helpers shared by the plan parser (and usable by the edit engine): line
 * starts with binary search, marker recognition, inline-markup stripping. All offsets
 * are UTF-16 indexes into the text they were computed from.
 */

/** Offsets where each line of `text` starts (after `\n`); computed once so lookups need no re-scan. */
export function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return starts;
}

/** Index of the line holding `offset`, by binary search over `lineStarts` output. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid] <= offset) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/** End of the line holding `offset` (before its `\r\n` or `\n`), so spans never swallow line endings. */
export function lineEndAt(text: string, offset: number): number {
	let end = text.indexOf('\n', offset);
	if (end === -1) end = text.length;
	if (end > offset && text.charCodeAt(end - 1) === 13) end--;
	return end;
}

/** First index `i` in a sorted-by-start array with `items[i].start >= offset`. */
export function firstAtOrAfter<T extends { start: number }>(items: readonly T[], offset: number): number {
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (items[mid].start < offset) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Items of a sorted-by-start array whose start lies in `[from, to)`, found by binary search. */
export function startingWithin<T extends { start: number }>(items: readonly T[], from: number, to: number): T[] {
	const out: T[] = [];
	for (let i = firstAtOrAfter(items, from); i < items.length && items[i].start < to; i++) out.push(items[i]);
	return out;
}

/** The checkbox markers plans use, with the item state each means. */
export const CHECKBOX_MARKERS: Readonly<Record<string, import('../types').ItemState>> = {
	' ': 'open',
	x: 'done',
	X: 'done',
	'✅': 'done',
	'✔': 'done',
	'✔️': 'done',
	'~': 'partial',
	'N/A': 'na',
	'n/a': 'na',
	'❌': 'failed',
	'⚠️': 'warning',
	'⚠': 'warning',
	'⏳': 'waiting'
};

/** Matches a checkbox marker at the start of a string: `[ ]`, `[x]`, `[✅]`, `[N/A]`, … (group 1 = inside). */
export const CHECKBOX_RE = /^\[( |x|X|✅|✔️|✔|~|N\/A|n\/a|❌|⚠️|⚠|⏳)\](?=[ \t]|$)/u;

/** Whether `s` starts with a checkbox marker (so `[label](url)`, `[Note]` and `[app]` are not checkboxes). */
export function isCheckboxMarker(s: string): boolean {
	return CHECKBOX_RE.test(s);
}

/**
 * `fn` remembering its results by argument, for pure functions of one string that a keystroke
 * calls again on the same heading or item texts (a result is what `fn` gives for an equal string,
 * so models stay exactly as without the cache). Results are shared: callers must not change them.
 * The cache is dropped whole once it holds `max` entries, so memory stays bounded.
 */
export function memoByString<T>(fn: (s: string) => T, max = 8192): (s: string) => T {
	let cache = new Map<string, T>();
	return (s: string): T => {
		const hit = cache.get(s);
		if (hit !== undefined || cache.has(s)) return hit as T;
		// A key cut from a document would keep that whole text alive: keep a copy of its own.
		const key = (' ' + s).slice(1);
		const value = fn(key);
		if (cache.size >= max) cache = new Map();
		cache.set(key, value);
		return value;
	};
}

/** Removes emphasis, strikethrough, inline-code and link markup for matching words (not for offsets). */
export const stripInline: (s: string) => string = memoByString((s) =>
	s
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/(\*\*|__|~~|`)/g, '')
		.replace(/(^|\s)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[:.,)])/g, '$1')
		.trim()
);

/** Status and decoration emoji a heading may carry before or after its words. */
export const GLYPHS_RE = /[\u{1F300}-\u{1FAFF}\u2600-\u27BF\u2B00-\u2BFF\u2190-\u21FF\u2300-\u23FF]|\uFE0F|\u200D/gu;

/** A calendar date as plans write it, with ASCII or non-breaking hyphens. */
export const DATE_SRC = String.raw`\d{4}[-\u2011]\d{2}[-\u2011]\d{2}`;
