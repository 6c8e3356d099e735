/**
 * Maps between offsets into a file's text (what PlanDoc spans use) and CodeMirror
 * positions. With `EditorState.lineSeparator` set to `\r\n`, CodeMirror counts each
 * CRLF as one position while the text has two characters there; LF files map 1:1.
 */
export interface OffsetMap {
	/** Text offset → editor position. */
	toEditor(offset: number): number;
	/** Editor position → text offset. */
	toText(pos: number): number;
}

const identity: OffsetMap = { toEditor: (o) => o, toText: (p) => p };

/** Builds the map for `text` as CodeMirror splits it with `lineSeparator`. */
export function offsetMap(text: string, lineSeparator: '\n' | '\r\n'): OffsetMap {
	if (lineSeparator === '\n') return identity;
	// Offsets (in the text) of every '\r' that starts a CRLF, in order.
	const crlf: number[] = [];
	for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 2)) crlf.push(i);
	if (crlf.length === 0) return identity;
	return {
		toEditor(offset) {
			// CRLFs wholly before `offset` each lose one position; an offset between \r and \n
			// lands on the line break itself.
			let lo = 0;
			let hi = crlf.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (crlf[mid] + 2 <= offset) lo = mid + 1;
				else hi = mid;
			}
			const inside = lo < crlf.length && crlf[lo] + 1 === offset ? 1 : 0;
			return offset - lo - inside;
		},
		toText(pos) {
			// The k-th CRLF sits at editor position crlf[k] - k.
			let lo = 0;
			let hi = crlf.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (crlf[mid] - mid < pos) lo = mid + 1;
				else hi = mid;
			}
			return pos + lo;
		}
	};
}

/** The line ending a file mostly uses; CRLF only when every line break is CRLF or CRLF dominates. */
export function detectLineSeparator(text: string): '\n' | '\r\n' {
	let crlf = 0;
	let lf = 0;
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
		if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
		else lf++;
	}
	return crlf > lf ? '\r\n' : '\n';
}

/**
 * The map of a file that starts with a byte-order mark the editor does not hold (the editor shows
 * the text after it, so its Markdown parser sees the first heading): text offsets are one more
 * than `inner`'s, and offset 0 (the mark itself) maps to the editor's start.
 */
export function afterBom(inner: OffsetMap): OffsetMap {
	return { toEditor: (o) => inner.toEditor(Math.max(0, o - 1)), toText: (p) => inner.toText(p) + 1 };
}
