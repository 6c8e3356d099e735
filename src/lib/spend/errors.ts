/**
 * The one error spend import throws: a file that is not a usage log Waymark can read. It has a
 * literal `code`, a sentence a person can act on, and `toJSON`, like the git layer's errors.
 */

/** Why a file was refused. */
export type SpendImportErrorCode = 'empty' | 'not-claude-log' | 'not-ccusage' | 'unknown-format';

/** The JSON shape of a {@link SpendImportError}, for crossing a worker boundary. */
export interface SpendImportErrorJSON {
	name: 'SpendImportError';
	code: SpendImportErrorCode;
	message: string;
	data: { file?: string };
}

/** A file that holds no usage Waymark recognises; `message` says what was expected. */
export class SpendImportError extends Error {
	override readonly name = 'SpendImportError';
	readonly code: SpendImportErrorCode;
	readonly data: { file?: string };

	constructor(code: SpendImportErrorCode, message: string, file?: string) {
		super(message);
		this.code = code;
		this.data = file ? { file } : {};
	}

	/** Plain data, so the error survives `postMessage`. */
	toJSON(): SpendImportErrorJSON {
		return { name: this.name, code: this.code, message: this.message, data: this.data };
	}
}

/** The start of an error sentence: `"name.jsonl" is` when the file name is known, else `This is`. */
export function subject(file: string | undefined): string {
	return file ? `"${file}" is` : 'This is';
}
