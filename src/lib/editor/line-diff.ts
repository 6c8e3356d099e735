import { linePatches } from '$lib/plan/line-patches';

/** One row of a line diff as the diff view shows it. */
export interface DiffRow {
	kind: 'same' | 'del' | 'add' | 'gap';
	/** The line without its line ending (for `gap`: how many unchanged lines were folded). */
	text: string;
	/** 1-based line number in the old text (del, same). */
	oldNo: number | null;
	/** 1-based line number in the new text (add, same). */
	newNo: number | null;
}

/** Lines without their endings; a CR before LF is an ending too (a CRLF file diffs line by line). */
function lines(text: string): string[] {
	if (text === '') return [];
	const out = text.split(/\r?\n/);
	if (out[out.length - 1] === '') out.pop();
	return out;
}

/**
 * A unified line diff of `before` → `after` with `context` unchanged lines around each change
 * and the rest folded into `gap` rows, so a person can see what a commit will contain.
 */
export function lineDiff(before: string, after: string, context = 3): DiffRow[] {
	const a = lines(before);
	const b = lines(after);
	const rows: DiffRow[] = [];
	let ai = 0;
	let bi = 0;
	const same = (until: number) => {
		while (ai < until) rows.push({ kind: 'same', text: a[ai], oldNo: ++ai, newNo: ++bi });
	};
	for (const p of linePatches(a, b)) {
		same(p.offset);
		for (let i = 0; i < p.length; i++) rows.push({ kind: 'del', text: a[ai], oldNo: ++ai, newNo: null });
		for (const line of p.chunk) rows.push({ kind: 'add', text: line, oldNo: null, newNo: ++bi });
	}
	same(a.length);
	return fold(rows, context);
}

/** Replaces runs of unchanged rows further than `context` from any change by one gap row. */
function fold(rows: DiffRow[], context: number): DiffRow[] {
	const near = new Array<boolean>(rows.length).fill(false);
	rows.forEach((r, i) => {
		if (r.kind === 'same') return;
		for (let j = Math.max(0, i - context); j <= Math.min(rows.length - 1, i + context); j++) near[j] = true;
	});
	const out: DiffRow[] = [];
	let folded = 0;
	rows.forEach((r, i) => {
		if (r.kind !== 'same' || near[i]) {
			if (folded) out.push({ kind: 'gap', text: String(folded), oldNo: null, newNo: null });
			folded = 0;
			out.push(r);
		} else folded++;
	});
	if (folded && out.length) out.push({ kind: 'gap', text: String(folded), oldNo: null, newNo: null });
	return out;
}
