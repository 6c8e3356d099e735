/**
 * Search across the plans of every repo: each hit is a line that holds every word of the query
 * (case-insensitive), with its line number, so the home screen can link straight to the plan.
 */

/** One plan's text, as the home screen knows it. */
export interface SearchDoc {
	repoId: string;
	repoName: string;
	path: string;
	text: string;
}

/** One matching line. */
export interface SearchHit {
	repoId: string;
	repoName: string;
	path: string;
	/** 1-based line number. */
	line: number;
	/** The line, trimmed and cut to a readable length around the first match. */
	snippet: string;
}

/** How much of a long line is shown around its match. */
const SNIPPET = 160;

/** The words of a query, lower-cased (empty for a blank query). */
export function queryWords(query: string): string[] {
	return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Lines of `docs` that hold every word of `query`, in document order, at most `limit`. */
export function searchPlans(docs: readonly SearchDoc[], query: string, limit = 50): SearchHit[] {
	const words = queryWords(query);
	if (words.length === 0) return [];
	const hits: SearchHit[] = [];
	for (const doc of docs) {
		const lower = doc.text.toLowerCase();
		// Cheap whole-file test first: most plans do not match at all.
		if (!words.every((w) => lower.includes(w))) continue;
		const lines = doc.text.split(/\r?\n/);
		for (let i = 0; i < lines.length; i++) {
			const l = lines[i].toLowerCase();
			if (!words.every((w) => l.includes(w))) continue;
			hits.push({ repoId: doc.repoId, repoName: doc.repoName, path: doc.path, line: i + 1, snippet: snippet(lines[i], l.indexOf(words[0])) });
			if (hits.length >= limit) return hits;
		}
	}
	return hits;
}

function snippet(line: string, at: number): string {
	const text = line.trim();
	if (text.length <= SNIPPET) return text;
	const offset = line.length - line.trimStart().length;
	const start = Math.max(0, Math.min(at - offset - 40, text.length - SNIPPET));
	return `${start > 0 ? '…' : ''}${text.slice(start, start + SNIPPET)}${start + SNIPPET < text.length ? '…' : ''}`;
}
