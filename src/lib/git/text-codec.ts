/**
 * Repository files as text, byte for byte: a byte-order mark stays in the text (the default
 * `TextDecoder` drops it, and writing the text back then drops it from the file), and bytes that
 * are not UTF-8 are refused instead of being replaced by U+FFFD on the next save.
 */
import { EncodingError } from './errors';
import type { RepoFs } from './fs-utils';

const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** Whether `bytes` are UTF-8 text. */
export function isUtf8(bytes: Uint8Array): boolean {
	try {
		strict.decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** Text to show (history, diffs) from bytes that may not be UTF-8: BOM kept, other bytes as U+FFFD. Never written back. */
export function decodeForDisplay(bytes: Uint8Array): string {
	return lenient.decode(bytes);
}

/** The text of a file's bytes, BOM kept; throws `EncodingError` (naming `path`) when they are not UTF-8. */
export function decodeFileText(bytes: Uint8Array, path: string): string {
	try {
		return strict.decode(bytes);
	} catch {
		throw EncodingError.of(path);
	}
}

/** Reads `target` (a path in `fs`) as text; `path` names it in the error. */
export async function readTextFile(fs: RepoFs, target: string, path: string): Promise<string> {
	const bytes = (await fs.promises.readFile(target)) as Uint8Array;
	return decodeFileText(bytes, path);
}
