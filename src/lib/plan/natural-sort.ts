/** Orders paths the way people number files: `2_x.md` before `10_x.md`, `06-02` before `06-10`. */

const COLLATOR = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two strings with digit runs compared as numbers; ties broken by plain code-unit order so the sort is total. */
export function naturalCompare(a: string, b: string): number {
	return COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
