/**
 * A text as the line merge sees it: its BOM, its own line separator, whether it ends with one,
 * and its lines without separators, so joining gives back the exact bytes (a CRLF file stays
 * CRLF; a stray `\r` or lone `\n` stays inside its line).
 */

/** The parts a text is merged in; `null` where the text says nothing (no line break, or empty). */
export interface TextShape {
	bom: boolean;
	eol: '\n' | '\r\n' | null;
	/** Whether the last line ends with the separator. */
	finalEol: boolean | null;
	lines: string[];
}

const BOM = '\uFEFF';

/** The file's separator: that of its first line break (as `parsePlan` decides it), null without one. */
export function eolOf(text: string): '\n' | '\r\n' | null {
	const nl = text.indexOf('\n');
	if (nl < 0) return null;
	return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

/** Splits a text into BOM, separator and lines; `joinShape` inverts it byte for byte. */
export function splitShape(text: string): TextShape {
	const bom = text.startsWith(BOM);
	const body = bom ? text.slice(1) : text;
	if (body === '') return { bom, eol: null, finalEol: null, lines: [] };
	const eol = eolOf(body);
	const lines = body.split(eol ?? '\n');
	const finalEol = lines.length > 1 && lines[lines.length - 1] === '';
	if (finalEol) lines.pop();
	return { bom, eol, finalEol, lines };
}

/** The text of some lines with a BOM and separator (`\n` when none is known). */
export function joinShape(shape: TextShape): string {
	const eol = shape.eol ?? '\n';
	const body = shape.lines.join(eol) + (shape.finalEol && shape.lines.length ? eol : '');
	return (shape.bom ? BOM : '') + body;
}

/**
 * A file property after a three-way merge: the side that changed it wins (with two values
 * both sides can only change it the same way); a side with no opinion (`null`) changes nothing.
 */
export function mergedProperty<T>(base: T | null, local: T | null, remote: T | null): T | null {
	if (local !== null && local !== base) return local;
	if (remote !== null && remote !== base) return remote;
	return base ?? local ?? remote;
}
