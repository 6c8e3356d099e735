/**
 * A document footer after the last section: a thematic break at the end of the text followed
 * only by metadata lines (`---` then `**Completed By**: …` / `**CHANGELOG Entry**: …` or an
 * italic `*Last updated …*`). It belongs to the document, not to the section it sits in, so
 * that section's entries end before it and new entries go above it. Read from the text alone,
 * so the parser and the edit engine agree on it.
 */

const BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** Labels of a document's own metadata, as templates write them under a closing `---`. */
const FOOTER_WORDS = String.raw`(?:completed by|completed on|completion date|archived(?: on| by)?|closed(?: on| by)?|changelog(?: entry)?|last (?:updated|modified|reviewed)|updated(?: on| by)?|authors?|written by|maintainers?|maintained by|owners?|(?:document |template )?version|reviewed by|approved by|signed off by|created(?: on| by)?|generated(?: on| by)?)`;
/**
 * `**Completed By**: …`, `**Last updated:** …`, `__Version__: …` (bold labels of document metadata
 * only: other bold or plain `Label: …` lines after a break are entries), or a wholly emphasised
 * `*Last updated …*` line.
 */
const META = new RegExp(String.raw`^(?:(?:\*\*|__)${FOOTER_WORDS}(?::(?:\*\*|__)|(?:\*\*|__)[ \t]*:)|([*_])${FOOTER_WORDS}\b[^\n]*\1[ \t]*$)`, 'i');

/**
 * Where the footer of a section running to the end of `text` starts (the offset of its `---`
 * line), or null when `[from, to)` does not end the text or has no footer. `from` must be a line
 * start. Reads backwards from the end only as far as the footer goes.
 */
export function footerStart(text: string, from: number, to: number): number | null {
	if (to !== text.length || from >= to) return null;
	let meta = false;
	let end = to;
	while (end > from) {
		const line = lineBefore(text, from, end);
		end = line.start;
		const t = line.text;
		if (/^[ \t]*$/.test(t)) continue;
		if (BREAK.test(t)) {
			if (!meta) continue;
			// `text` directly above `---` would make a setext heading, not a break.
			if (t[0] === '-' && line.start > from && !/^[ \t]*$/.test(lineBefore(text, from, line.start).text)) return null;
			return line.start;
		}
		if (!META.test(t)) return null;
		meta = true;
	}
	return null;
}

/** The line that ends at `end` (just after its line ending, or at the end of the text), not reaching before `from`. */
function lineBefore(text: string, from: number, end: number): { start: number; text: string } {
	const stop = end > from && text[end - 1] === '\n' ? end - 1 : end;
	const start = Math.max(from, text.lastIndexOf('\n', stop - 1) + 1);
	return { start, text: text.slice(start, stop).replace(/\r$/, '') };
}
