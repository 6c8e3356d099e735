import type { ItemState, ProgressItem } from '$lib/plan/types';

/** One row of a nested checklist, flattened for rendering (and windowing). */
export interface ItemRow {
	item: ProgressItem;
	depth: number;
}

/** Depth-first rows of a checklist tree. */
export function flattenItems(items: ProgressItem[], depth = 0, out: ItemRow[] = []): ItemRow[] {
	for (const item of items) {
		out.push({ item, depth });
		flattenItems(item.children, depth + 1, out);
	}
	return out;
}

/** Counts done and total items of a checklist tree. */
export function countItems(items: ProgressItem[]): { done: number; total: number } {
	let done = 0;
	let total = 0;
	for (const { item } of flattenItems(items)) {
		total++;
		if (item.state === 'done') done++;
	}
	return { done, total };
}

/**
 * What a checklist row shows, without offsets: an edit elsewhere in the text leaves it equal,
 * so the row is not rendered again (see `stable-rows.ts`).
 */
export interface ChecklistView {
	depth: number;
	state: ItemState;
	text: string;
	timestamp: string | null;
	marker: ProgressItem['marker'];
	/** A dated log entry: shown done, with nothing to change. */
	logEntry: boolean;
}

/** The offset-free view of a flattened checklist row. */
export function checklistView({ item, depth }: ItemRow): ChecklistView {
	return { depth, state: item.state, text: item.text, timestamp: item.timestamp, marker: item.marker, logEntry: item.logEntry === true };
}
