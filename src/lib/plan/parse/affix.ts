/**
 * The common head and tail of two texts (the unchanged ends around an edit), compared a block
 * at a time: equal slices are compared by the engine's own string equality, which is many
 * times faster than a loop over `charCodeAt` on a long text, above all on the rope strings an
 * editor hands over. Only the last few characters are compared one by one.
 */

/** Blocks this short are finished character by character. */
const SMALL = 16;

/** Length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
	const min = Math.min(a.length, b.length);
	let n = 0;
	let step = 64;
	while (n < min) {
		const len = Math.min(step, min - n);
		if (len <= SMALL) {
			while (n < min && a.charCodeAt(n) === b.charCodeAt(n)) n++;
			break;
		}
		if (a.slice(n, n + len) === b.slice(n, n + len)) {
			n += len;
			step *= 2;
		} else step = len >> 1;
	}
	return n;
}

/** Length of the longest common suffix of `a` and `b`, at most `max`. */
export function commonSuffix(a: string, b: string, max = Math.min(a.length, b.length)): number {
	const limit = Math.min(max, a.length, b.length);
	let n = 0;
	let step = 64;
	while (n < limit) {
		const len = Math.min(step, limit - n);
		if (len <= SMALL) {
			while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
			break;
		}
		if (a.slice(a.length - n - len, a.length - n) === b.slice(b.length - n - len, b.length - n)) {
			n += len;
			step *= 2;
		} else step = len >> 1;
	}
	return n;
}
