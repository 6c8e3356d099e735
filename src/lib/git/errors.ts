/**
 * Typed git errors. Each has a literal `code`, structured `data`, a sentence a person can act on
 * (`message`) and a next step (`hint`); `toJSON` lets it cross the worker boundary and
 * {@link errorFromJSON} rebuilds the same class on the page side.
 */

/** Every code the git layer can report; the UI switches on these. */
export type GitErrorCode =
	| 'AuthError'
	| 'NotFoundError'
	| 'CorsError'
	| 'NetworkError'
	| 'NotGitError'
	| 'InvalidUrlError'
	| 'ServerError'
	| 'TimeoutError'
	| 'CancelledError'
	| 'QuotaError'
	| 'PushRejectedError'
	| 'ConflictError'
	| 'LockedError'
	| 'TooLargeError'
	| 'MoveError'
	| 'EncodingError'
	| 'UnknownGitError';

/** Structured detail carried by every error (all optional, all JSON-safe). */
export interface GitErrorData {
	url?: string;
	host?: string;
	statusCode?: number;
	/** For AuthError: no token was given, or the server refused the one given. */
	reason?: 'missing' | 'rejected' | 'forbidden';
	/** For NotFoundError: whether the repository or the branch is missing. */
	what?: 'repository' | 'branch';
	branch?: string;
	/** The original error's code/name and message, for the log. */
	cause?: string;
	/** Paths involved (ConflictError). */
	paths?: string[];
	/** Milliseconds waited (TimeoutError). */
	waitedMs?: number;
	/** For TooLargeError: bytes downloaded when it stopped, and the limit. */
	receivedBytes?: number;
	limitBytes?: number;
	/** For MoveError: why the file could not be moved. */
	moveProblem?: 'missing' | 'exists';
	/** For PushRejectedError: the server's own words when it refused for a reason other than a moved branch (a hook, a protected branch). */
	refusal?: string;
	/** For NotGitError: the server answered with a web page, or with something else that is not git. */
	answer?: 'web-page' | 'other';
}

/** The JSON shape an error takes across `postMessage`. */
export interface GitErrorJSON {
	code: GitErrorCode;
	message: string;
	hint: string;
	data: GitErrorData;
}

/** Base of every typed git error: a sentence, a next step, a code and data. */
export abstract class GitError extends Error {
	abstract readonly code: GitErrorCode;
	/** What the person can do next. */
	readonly hint: string;
	readonly data: GitErrorData;

	constructor(message: string, hint: string, data: GitErrorData = {}) {
		super(message);
		this.hint = hint;
		this.data = data;
	}

	/** Plain-object form, so the error survives structured cloning and JSON. */
	toJSON(): GitErrorJSON {
		return { code: this.code, message: this.message, hint: this.hint, data: this.data };
	}
}

/** 401/403 or no credentials: the token is missing or lacks access. */
export class AuthError extends GitError {
	readonly code = 'AuthError' as const;
	override readonly name = 'AuthError';
	/** Builds the sentence for a missing, rejected or read-only token. */
	static of(data: GitErrorData): AuthError {
		const access = data.reason === 'forbidden' ? 'write access' : 'access';
		const message =
			data.reason === 'missing'
				? `The server asks for credentials: token missing or lacks ${access}.`
				: `The server refused the access token: token missing or lacks ${access}.`;
		return new AuthError(
			message,
			'Enter an access token for this host (GitHub: a fine-grained token with Contents read and write; GitLab: read_repository and write_repository) and clone again.',
			data
		);
	}
}

/** 404 or a missing branch. */
export class NotFoundError extends GitError {
	readonly code = 'NotFoundError' as const;
	override readonly name = 'NotFoundError';
	/** Builds the sentence for a missing repository or branch. */
	static of(data: GitErrorData): NotFoundError {
		if (data.what === 'branch') {
			return new NotFoundError(
				`The repository has no branch "${data.branch ?? ''}".`,
				'Check the branch name (often main or master) and clone again.',
				data
			);
		}
		return new NotFoundError(
			'No repository was found at that URL.',
			'Check the URL (it usually ends in .git) and that the repository exists; private repositories need an access token.',
			data
		);
	}
}

/** The browser blocked the answer because the server sends no CORS headers. */
export class CorsError extends GitError {
	readonly code = 'CorsError' as const;
	override readonly name = 'CorsError';
	/** Builds the CORS sentence with both ways out (proxy, or the server's own CORS settings). */
	static of(data: GitErrorData): CorsError {
		return new CorsError(
			`The server at ${data.host ?? 'that address'} is up, but it does not allow browser apps to read its answers (CORS).`,
			'Set a CORS proxy (for example a self-hosted @isomorphic-git/cors-proxy; the proxy sees your token), or enable CORS on the server — on Gitea, set [cors] ENABLED = true with ALLOW_DOMAIN for this app and Authorization in HEADERS.',
			data
		);
	}
}

/** The server could not be reached or the connection dropped. */
export class NetworkError extends GitError {
	readonly code = 'NetworkError' as const;
	override readonly name = 'NetworkError';
	/** Builds the sentence for an unreachable server or a dropped connection. */
	static of(data: GitErrorData, partway = false): NetworkError {
		return new NetworkError(
			partway
				? `The connection to ${data.host ?? 'the server'} dropped partway through.`
				: `Could not reach ${data.host ?? 'the server'}: the network is down or the server is not running.`,
			'Check your connection and that the server is up, then try again; nothing was lost.',
			data
		);
	}
}

/** The URL answered, but not as git: a web page (a static host's SPA fallback, a login page) or other text. */
export class NotGitError extends GitError {
	readonly code = 'NotGitError' as const;
	override readonly name = 'NotGitError';
	/** Builds the sentence for a URL whose server answered with a web page or other non-git text. */
	static of(data: GitErrorData): NotGitError {
		const host = data.host ?? 'that address';
		return new NotGitError(
			data.answer === 'web-page'
				? `That URL is not a git repository: the server at ${host} answered with a web page, not git.`
				: `That URL is not a git repository: the server at ${host} answered, but not as a git server.`,
			'Use the repository\'s clone URL (it usually ends in .git; on GitHub or GitLab it is under the Code / Clone button), not the address of a web page, then clone again.',
			data
		);
	}
}

/** The text typed as a repository URL is not a usable http(s) URL. */
export class InvalidUrlError extends GitError {
	readonly code = 'InvalidUrlError' as const;
	override readonly name = 'InvalidUrlError';
	/** Builds the sentence for a malformed URL, naming the reason. */
	static of(url: string, why: string): InvalidUrlError {
		return new InvalidUrlError(
			`"${url}" is not a repository URL: ${why}.`,
			'Use the HTTPS clone URL, like https://github.com/owner/repo.git.',
			{ url, cause: why }
		);
	}
}

/** The server answered 5xx. */
export class ServerError extends GitError {
	readonly code = 'ServerError' as const;
	override readonly name = 'ServerError';
	/** Builds the sentence for a 5xx answer. */
	static of(data: GitErrorData): ServerError {
		return new ServerError(
			`The git server failed with status ${data.statusCode ?? 500}.`,
			'This is a problem on the server side; try again in a moment. Nothing was lost.',
			data
		);
	}
}

/** The server stopped answering for too long. */
export class TimeoutError extends GitError {
	readonly code = 'TimeoutError' as const;
	override readonly name = 'TimeoutError';
	/** Builds the sentence for a stalled server. */
	static of(data: GitErrorData): TimeoutError {
		return new TimeoutError(
			`The server at ${data.host ?? 'that address'} stopped answering.`,
			'Try again later, or check the server; nothing was lost.',
			data
		);
	}
}

/** The person pressed Cancel. */
export class CancelledError extends GitError {
	readonly code = 'CancelledError' as const;
	override readonly name = 'CancelledError';
	/** Builds the cancellation sentence. */
	static of(data: GitErrorData = {}): CancelledError {
		return new CancelledError('Cancelled.', 'Nothing was kept from the cancelled operation; start it again when you are ready.', data);
	}
}

/** The browser's storage quota is full. */
export class QuotaError extends GitError {
	readonly code = 'QuotaError' as const;
	override readonly name = 'QuotaError';
	/** Builds the sentence for a full storage quota. */
	static of(data: GitErrorData = {}): QuotaError {
		return new QuotaError(
			'The browser has no storage space left for this repository.',
			'Free space by deleting repositories you no longer need, or allow this site more storage; your unsaved work is kept.',
			data
		);
	}
}

/** The remote refused the push (it moved, or a hook rejected it). */
export class PushRejectedError extends GitError {
	readonly code = 'PushRejectedError' as const;
	override readonly name = 'PushRejectedError';
	/** Builds the sentence for a refused push. */
	static of(data: GitErrorData = {}): PushRejectedError {
		if (data.refusal) {
			return new PushRejectedError(
				`The server refused the push: ${data.refusal}.`,
				'Your commits are kept and wait to be pushed. Ask the repository owner about the rule (a protected branch or a server hook), then push again.',
				data
			);
		}
		return new PushRejectedError(
			'The server refused the push.',
			'Sync to bring in the remote changes, then push again; your commits are kept.',
			data
		);
	}
}

/** The repository's download passed what one browser tab can hold. */
export class TooLargeError extends GitError {
	readonly code = 'TooLargeError' as const;
	override readonly name = 'TooLargeError';
	/** Builds the sentence for a repository too large for the browser. */
	static of(data: GitErrorData = {}): TooLargeError {
		const mb = (n?: number) => `${Math.round((n ?? 0) / (1024 * 1024))} MB`;
		return new TooLargeError(
			`This repository is too large for the browser: the download passed ${mb(data.receivedBytes)} (the limit is ${mb(data.limitBytes)}).`,
			'Nothing was kept from this clone. Keep plans in a smaller repository (or a branch without large files) and clone that.',
			data
		);
	}
}

/** Local and remote changed the same lines. */
export class ConflictError extends GitError {
	readonly code = 'ConflictError' as const;
	override readonly name = 'ConflictError';
	/** Builds the sentence for a real conflict. */
	static of(data: GitErrorData = {}): ConflictError {
		return new ConflictError(
			`Your changes and the remote's changed the same lines${data.paths?.length ? ` in ${data.paths.join(', ')}` : ''}.`,
			'Open the conflict view, pick or combine the versions, and sync again; nothing local is discarded.',
			data
		);
	}
}

/** Another tab holds this repo's write lock (one writer per repo, Web Locks). */
export class LockedError extends GitError {
	readonly code = 'LockedError' as const;
	override readonly name = 'LockedError';
	/** Builds the sentence for a repo open in another tab. */
	static of(data: GitErrorData = {}): LockedError {
		return new LockedError(
			'This repository is open for editing in another Waymark tab or window.',
			'Close it there, or choose "Take over" here; the other tab then stops writing and keeps its unsaved text as a draft.',
			data
		);
	}
}

/** A commit could not move a file (closing a version): the source is gone or the target exists. */
export class MoveError extends GitError {
	readonly code = 'MoveError' as const;
	override readonly name = 'MoveError';
	/** Builds the sentence for a move of `from` to `to` that cannot happen. */
	static of(from: string, to: string, problem: 'missing' | 'exists'): MoveError {
		return problem === 'missing'
			? new MoveError(`${from} cannot be moved to ${to}: it is not in the repository any more.`, 'Sync to see the repository as it is now, then complete the phase again; nothing was committed.', { paths: [from, to], moveProblem: problem })
			: new MoveError(`${from} cannot be moved to ${to}: a file is there already.`, 'Rename or remove that file first, or complete the phase without archiving; nothing was committed.', { paths: [from, to], moveProblem: problem });
	}
}

/** A file that is not UTF-8 text: opened for editing, saving it would change bytes nobody touched. */
export class EncodingError extends GitError {
	readonly code = 'EncodingError' as const;
	override readonly name = 'EncodingError';
	/** Builds the sentence for `path`, which does not decode as UTF-8. */
	static of(path: string): EncodingError {
		return new EncodingError(
			`${path} is not UTF-8 text, so Waymark does not open it: saving it would change bytes you did not edit.`,
			'Convert the file to UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`) and commit that, then open it here; nothing was changed.',
			{ paths: [path] }
		);
	}
}

/** Anything not recognised, with the original message kept in `data.cause`. */
export class UnknownGitError extends GitError {
	readonly code = 'UnknownGitError' as const;
	override readonly name = 'UnknownGitError';
	/** Wraps an unrecognised failure. */
	static of(data: GitErrorData = {}): UnknownGitError {
		return new UnknownGitError(
			`Git failed: ${data.cause ?? 'unknown error'}.`,
			'Try again; if it keeps failing, report the message above.',
			data
		);
	}
}

const CLASSES: Record<GitErrorCode, new (message: string, hint: string, data: GitErrorData) => GitError> = {
	AuthError,
	NotFoundError,
	CorsError,
	NetworkError,
	NotGitError,
	InvalidUrlError,
	ServerError,
	TimeoutError,
	CancelledError,
	QuotaError,
	PushRejectedError,
	ConflictError,
	LockedError,
	TooLargeError,
	MoveError,
	EncodingError,
	UnknownGitError
};

/** Rebuilds a typed error from its JSON form (the page side of the worker boundary). */
export function errorFromJSON(json: GitErrorJSON): GitError {
	const Ctor = CLASSES[json.code] ?? UnknownGitError;
	return new Ctor(json.message, json.hint, json.data ?? {});
}

/** True for a value shaped like {@link GitErrorJSON}. */
export function isGitErrorJSON(value: unknown): value is GitErrorJSON {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return typeof v.code === 'string' && v.code in CLASSES && typeof v.message === 'string';
}

/**
 * A failure of the HTTP transport itself (fetch rejected or the body stream broke), tagged with
 * where it happened so a cut connection is not mistaken for CORS.
 */
export class TransportError extends Error {
	override readonly name = 'TransportError';
	constructor(
		readonly stage: 'request' | 'body',
		readonly url: string,
		readonly original: unknown
	) {
		super(`${stage} failed for ${url}: ${describe(original)}`);
	}
}

/** What the classifier knows about the operation that failed. */
export interface ErrorContext {
	/** The repository URL as the person typed it. */
	url: string;
	branch?: string;
	corsProxy?: string;
	/** Whether a token was offered (a 401 then means "rejected", not "missing"). */
	hadToken?: boolean;
	/** Whether the operation was a push (403 then means "lacks write access"). */
	push?: boolean;
	/**
	 * Answers whether the server at `url` is reachable at all, ignoring CORS
	 * (default: {@link probeNoCors}). Used only for a bare fetch failure.
	 */
	probe?: (url: string) => Promise<boolean>;
}

/**
 * Resolves when a `no-cors` request to `url` gets any answer (opaque): the server is up, so a
 * failed CORS request means CORS blocked it. Rejects (→ false) when the server cannot be reached.
 */
export async function probeNoCors(url: string): Promise<boolean> {
	try {
		await fetch(url, { mode: 'no-cors', cache: 'no-store', credentials: 'omit' });
		return true;
	} catch {
		return false;
	}
}

/** The message of anything thrown. */
function describe(err: unknown): string {
	if (err instanceof Error) return err.message;
	return String(err);
}

/** Reads a string/number field of an unknown object without `any`. */
function field(obj: unknown, key: string): unknown {
	return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

/** The host of a URL, or undefined when it does not parse. */
function hostOf(url: string | undefined): string | undefined {
	if (!url) return undefined;
	try {
		return new URL(url).host;
	} catch {
		return undefined;
	}
}

/** True for the browsers' "fetch itself failed" TypeErrors (Chromium, Firefox, Safari). */
export function isFetchFailure(err: unknown): boolean {
	if (!(err instanceof TypeError)) return false;
	return /failed to fetch|networkerror|load failed|network error|fetch failed/i.test(err.message);
}

/** True for a DOMException / Error saying the storage quota is exhausted. */
function isQuota(err: unknown): boolean {
	const name = field(err, 'name');
	return name === 'QuotaExceededError' || /quota/i.test(describe(err));
}

/**
 * Maps anything a git operation threw to one typed {@link GitError}: isomorphic-git's `HttpError`
 * by status, `UserCanceledError` (a 401 with no credentials), a bare fetch `TypeError` to CORS or
 * network by a `no-cors` probe, storage quota, and this layer's own errors unchanged.
 */
export async function classifyGitError(err: unknown, ctx: ErrorContext): Promise<GitError> {
	if (err instanceof GitError) return err;
	const base: GitErrorData = { url: ctx.url, host: hostOf(ctx.corsProxy || ctx.url), cause: `${String(field(err, 'code') ?? field(err, 'name') ?? 'Error')}: ${describe(err)}` };
	const code = field(err, 'code');
	const data = field(err, 'data');

	if (code === 'HttpError') {
		const statusCode = Number(field(data, 'statusCode'));
		if (statusCode === 401) return AuthError.of({ ...base, statusCode, reason: ctx.hadToken ? 'rejected' : 'missing' });
		if (statusCode === 403) return AuthError.of({ ...base, statusCode, reason: ctx.push ? 'forbidden' : 'rejected' });
		if (statusCode === 404) return NotFoundError.of({ ...base, statusCode, what: 'repository' });
		if (statusCode >= 500) return ServerError.of({ ...base, statusCode });
		return UnknownGitError.of({ ...base, statusCode });
	}
	if (code === 'UserCanceledError') return AuthError.of({ ...base, reason: ctx.hadToken ? 'rejected' : 'missing' });
	if (code === 'NotFoundError' && ctx.branch && describe(err).includes(ctx.branch)) {
		return NotFoundError.of({ ...base, what: 'branch', branch: ctx.branch });
	}
	if (code === 'UrlParseError' || code === 'UnknownTransportError') return InvalidUrlError.of(ctx.url, 'it is not an http(s) address');
	if (code === 'PushRejectedError') return PushRejectedError.of({ ...base, cause: describe(err) });
	if (code === 'GitPushError') {
		const refusal = String(field(data, 'prettyDetails') ?? describe(err)).replace(/[.\s]+$/, '');
		return PushRejectedError.of({ ...base, refusal });
	}
	if (code === 'MergeConflictError' || code === 'MergeNotSupportedError') return ConflictError.of({ ...base, paths: arrayField(data, 'filepaths') });
	if (code === 'SmartHttpError') {
		// info/refs answered in full without git's content type and did not parse as git: the URL is
		// not a repository (a static host's SPA fallback, a login page) — nothing was cut short.
		return NotGitError.of({ ...base, answer: looksLikeHtml(field(data, 'response') ?? field(data, 'preview')) ? 'web-page' : 'other' });
	}
	if (code === 'EmptyServerResponseError' || code === 'ParseError') {
		// A git answer that stopped making sense partway: most often a cut connection.
		return NetworkError.of(base, true);
	}
	if (isQuota(err)) return QuotaError.of(base);

	const transport = err instanceof TransportError ? err : null;
	if (transport?.stage === 'body') return NetworkError.of(base, true);
	if (transport || isFetchFailure(err)) {
		const target = transport?.url ?? ctx.url;
		const up = await (ctx.probe ?? probeNoCors)(target);
		return up ? CorsError.of({ ...base, host: hostOf(target) ?? base.host }) : NetworkError.of({ ...base, host: hostOf(target) ?? base.host });
	}
	return UnknownGitError.of(base);
}

/** True when a server's answer is an HTML page (a doctype or an html/head/body tag near its start). */
function looksLikeHtml(text: unknown): boolean {
	return typeof text === 'string' && /<(!doctype\s+html|html|head|body)[\s>]/i.test(text.slice(0, 2048));
}

/** Reads a string-array field of an unknown object. */
function arrayField(obj: unknown, key: string): string[] | undefined {
	const v = field(obj, key);
	return Array.isArray(v) ? v.map(String) : undefined;
}
