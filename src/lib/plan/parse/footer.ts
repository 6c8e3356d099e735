/**
 * A document footer after the last section: a thematic break at the end of the text followed
 * only by metadata lines (`---` then `**Completed By**: …` / `**CHANGELOG Entry**: …` or an
 * italic `*Last updated …*`; see `META`). It belongs to the document, not to the section it sits in, so
 * that section's entries end before it and new entries go above it. Read from the text alone,
 * so the parser and the edit engine agree on it.
 */

const BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** Labels of a document's own metadata that may also be written plain (`Last updated: …`). */
const FOOTER_WORDS = String.raw`(?:completed by|completed on|completion date|archived(?: on| by)?|closed(?: on| by)?|changelog(?: entry)?|last (?:updated|modified|reviewed)|updated(?: on| by)?|authors?|written by|maintainers?|maintained by|owners?|(?:document |template |project )?version|reviewed by|approved by|signed off by|created(?: on| by)?|generated(?: on| by)?|next review)`;
/**
 * A footer line: a bold label (`**Completed By**: …`, `**Last updated:** …`, `__Owner__: …`), a
 * plain label of document metadata (`Last updated: …`), or a wholly emphasised line
 * (`*Last updated 2025-10-05*`) — unless its label is one the living sections' entries use
 * (`**Result**:`, `Observation:`, `Decision:` after a break are entries, not a footer).
 */
const META = new RegExp(String.raw`^(?:(?:\*\*|__)([^*_\n]{1,60}?)[ \t]*(?::(?:\*\*|__)|(?:\*\*|__)[ \t]*:)|(${FOOTER_WORDS})[ \t]*:[ \t]|([*_])[^*_\s][^\n]*\3[ \t]*$)`, 'i');
/** Labels of entries in the living sections and their fields. */
const ENTRY_LABEL = /^(?:observation|evidence|surprise|discovery|finding|impact|response|decision|rationale|date\/author|alternatives?|consequences?|outcomes?|results?|lessons?(?: learned)?|learned|retrospective|what went well|what (?:could|to) improve|next steps?|questions?|answer|blockers?)$/i;

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
		const m = META.exec(t);
		if (!m || (m[1] !== undefined && ENTRY_LABEL.test(m[1].trim()))) return null;
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
