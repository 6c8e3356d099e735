/**
 * YAML front matter at the top of a plan (`---` … `---`): found, blanked out before
 * Markdown parsing (so `title: x` + `---` never reads as a setext heading), and read as
 * flat `key: value` pairs — enough for `title`, `task_id`, `phase`, `depends_on`, `status`.
 */
import type { Span } from '../types';

/** Front matter found at the top of the text. */
export interface FrontMatter {
	/** From the opening `---` to the end of the closing fence line. */
	span: Span;
	/** Flat keys (lower-cased) → raw scalar value, or the items of a flow/block list. */
	data: Record<string, string | string[]>;
}

/** Finds front matter starting at `from` (0, or 1 after a BOM); null when the text has none. */
export function findFrontMatter(text: string, from: number): FrontMatter | null {
	if (!text.startsWith('---', from)) return null;
	const firstEnd = text.indexOf('\n', from);
	if (firstEnd === -1 || text.slice(from, firstEnd).trim() !== '---') return null;
	let pos = firstEnd + 1;
	while (pos < text.length) {
		let end = text.indexOf('\n', pos);
		if (end === -1) end = text.length;
		const line = text.slice(pos, end).replace(/\r$/, '');
		if (line === '---' || line === '...') {
			return { span: { start: from, end }, data: readYaml(text.slice(firstEnd + 1, pos)) };
		}
		pos = end + 1;
	}
	return null;
}

function unquote(s: string): string {
	const t = s.trim();
	if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
	return t;
}

function readYaml(body: string): Record<string, string | string[]> {
	const data: Record<string, string | string[]> = {};
	let listKey: string | null = null;
	for (const raw of body.split('\n')) {
		const line = raw.replace(/\r$/, '');
		const item = /^\s+-\s+(.*)$/.exec(line);
		if (item && listKey) {
			const prev = data[listKey];
			data[listKey] = [...(Array.isArray(prev) ? prev : []), unquote(item[1])];
			continue;
		}
		const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
		if (!kv) continue;
		const key = kv[1].toLowerCase();
		const value = kv[2].trim();
		listKey = null;
		if (value === '') {
			listKey = key;
			data[key] = [];
		} else if (value.startsWith('[') && value.endsWith(']')) {
			const inner = value.slice(1, -1).trim();
			data[key] = inner === '' ? [] : inner.split(',').map(unquote);
		} else data[key] = unquote(value);
	}
	return data;
}

/** `text` with the front matter's characters (not its line endings) replaced by spaces: same length, no structure. */
export function blankOut(text: string, span: Span): string {
	return text.slice(0, span.start) + text.slice(span.start, span.end).replace(/[^\r\n]/g, ' ') + text.slice(span.end);
}
